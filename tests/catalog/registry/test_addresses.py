"""Pre-2025 addresses mapped to today's province and ward, offline, never guessed."""

import socket

import pytest
from vietnamadminunits.converter import converter_2025

from catalog import places
from catalog.registry.addresses import OLD_TO_NEW_PROVINCE, map_address
from catalog.text import match_key

from .conftest import sample_rows


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """The converter can geocode online; mapping must never need the network."""

    def refuse(*args, **kwargs):
        raise AssertionError("address mapping tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    map_address.cache_clear()


def test_the_old_province_table_maps_63_provinces_onto_the_34_of_today():
    assert len(OLD_TO_NEW_PROVINCE) == 63
    assert len(set(OLD_TO_NEW_PROVINCE.values())) == 34
    assert set(OLD_TO_NEW_PROVINCE.values()) == {
        province.code.value for province in places.provinces()
    }


def test_the_province_table_agrees_with_the_conversion_library():
    library = {}
    for new_key, old_keys in converter_2025.DICT_PROVINCE.items():
        for old_key in old_keys:
            library[old_key.removeprefix("tinh").removeprefix("thanhpho")] = new_key
    new_names = {
        match_key(p.name.removeprefix("Thành phố ")).replace(" ", ""): p.code.value
        for p in places.provinces()
    }
    ours = {name.replace(" ", ""): code for name, code in OLD_TO_NEW_PROVINCE.items()}
    ours["hue"] = ours.pop("thuathienhue")
    for old, new_key in library.items():
        new_name = new_key.removeprefix("tinh").removeprefix("thanhpho")
        assert ours[old] == new_names[new_name], old


@pytest.mark.parametrize(
    ("address", "ward_name"),
    [
        ("xã Yên Cường, huyện Ý Yên, tỉnh Nam Định", "Xã Yên Cường"),
        ("xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định", "Xã Hải Anh"),
        ("phường Lộc Hạ, thành phố Nam Định, tỉnh Nam Định", "Phường Thiên Trường"),
        ("thôn Đông, xã Yên Cường, huyện Ý Yên, Nam Định", "Xã Yên Cường"),
    ],
)
def test_sample_addresses_in_old_nam_dinh_map_to_ninh_binh_and_a_ward(address, ward_name):
    mapped = map_address(address)
    assert mapped.province_code == 37
    assert places.ward_by_code(mapped.ward_code).name == ward_name


def test_every_sample_address_gets_a_province_and_ward_of_ninh_binh():
    header, *rows = sample_rows()
    addresses = {row[header.index("Địa chỉ")] for row in rows} - {""}
    for address in addresses:
        mapped = map_address(address)
        assert mapped.complete, address
        assert places.ward_by_code(mapped.ward_code).province_code.value == 37


def test_the_street_is_kept_apart_from_the_units():
    mapped = map_address("thôn Đông, xã Yên Cường, huyện Ý Yên, tỉnh Nam Định")
    assert mapped.street == "thôn Đông"


def test_an_address_already_in_todays_units_is_read_directly():
    mapped = map_address("12 Lê Lợi, phường Hoàn Kiếm, Thành phố Hà Nội")
    assert (mapped.province_code, mapped.street) == (1, "12 Lê Lợi")
    assert places.ward_by_code(mapped.ward_code).name == "Phường Hoàn Kiếm"


def test_a_commune_split_between_new_wards_keeps_only_the_province():
    # Phường Quang Trung (Phủ Lý) went partly to two new wards: no guess.
    mapped = map_address("phường Quang Trung, thành phố Phủ Lý, tỉnh Hà Nam")
    assert (mapped.province_code, mapped.ward_code) == (37, None)


@pytest.mark.parametrize("address", ["Kinh đô Ánh sáng", "", "xã Hải Toàn, huyện Hải Hậu"])
def test_unknown_provinces_map_to_nothing(address):
    assert map_address(address).province_code is None


def test_a_ward_in_the_wrong_province_is_not_trusted():
    mapped = map_address("xã Hải Toàn, huyện Hải Hậu, tỉnh Thừa Thiên Huế")
    assert (mapped.province_code, mapped.ward_code) == (46, None)
