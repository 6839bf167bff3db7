"""One ward check for producers and craft villages (issue 13: rules that existed twice)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from catalog import places
from catalog.models import Producer
from tests.tours.builders import make_village

BAT_TRANG, HA_NOI, LAM_DONG = 583, 1, 68


def test_the_ward_gives_its_province():
    assert places.checked_province(BAT_TRANG, None) == HA_NOI
    assert places.checked_province(BAT_TRANG, HA_NOI) == HA_NOI


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ward", "province", "message"),
    [(BAT_TRANG, LAM_DONG, "không thuộc Lâm Đồng"), (1, None, "Không có xã/phường nào mã 1")],
)
@pytest.mark.parametrize("kind", ["producer", "village"])
def test_producers_and_villages_refuse_the_same_wrong_wards(
    home_page, kind, ward, province, message
):
    place = Producer(name="HTX") if kind == "producer" else make_village(home_page)
    place.ward_code, place.province_code = ward, province
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        place.clean()
    assert message in " ".join(refused.value.message_dict["ward_code"])
