"""Free-text addresses, often in pre-2025 units, mapped to today's province and ward.

The province comes from the fixed table of Resolution 202/2025/QH15 (63 provinces
merged into 34 on 1 July 2025). The ward comes from the ``vietnamadminunits``
conversion data, used offline and only where an old commune went whole into one
new commune; a commune split between several new ones is left unmapped rather
than guessed. The original text is always kept by the caller.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from catalog import places
from catalog.text import match_key

# Old province (match key, without "tỉnh"/"thành phố") → code of today's province.
OLD_TO_NEW_PROVINCE = {
    # Unchanged
    "ha noi": 1,
    "cao bang": 4,
    "dien bien": 11,
    "lai chau": 12,
    "son la": 14,
    "lang son": 20,
    "quang ninh": 22,
    "thanh hoa": 38,
    "nghe an": 40,
    "ha tinh": 42,
    "thua thien hue": 46,
    # Merged
    "ha giang": 8,
    "tuyen quang": 8,
    "lao cai": 15,
    "yen bai": 15,
    "bac kan": 19,
    "thai nguyen": 19,
    "vinh phuc": 25,
    "hoa binh": 25,
    "phu tho": 25,
    "bac giang": 24,
    "bac ninh": 24,
    "thai binh": 33,
    "hung yen": 33,
    "hai duong": 31,
    "hai phong": 31,
    "ha nam": 37,
    "nam dinh": 37,
    "ninh binh": 37,
    "quang binh": 44,
    "quang tri": 44,
    "quang nam": 48,
    "da nang": 48,
    "kon tum": 51,
    "quang ngai": 51,
    "binh dinh": 52,
    "gia lai": 52,
    "ninh thuan": 56,
    "khanh hoa": 56,
    "dak nong": 68,
    "binh thuan": 68,
    "lam dong": 68,
    "phu yen": 66,
    "dak lak": 66,
    "binh duong": 79,
    "ba ria vung tau": 79,
    "ho chi minh": 79,
    "binh phuoc": 75,
    "dong nai": 75,
    "long an": 80,
    "tay ninh": 80,
    "soc trang": 92,
    "hau giang": 92,
    "can tho": 92,
    "ben tre": 86,
    "tra vinh": 86,
    "vinh long": 86,
    "tien giang": 82,
    "dong thap": 82,
    "bac lieu": 96,
    "ca mau": 96,
    "kien giang": 91,
    "an giang": 91,
}
# Other spellings of the same provinces.
PROVINCE_ALIASES = {
    "hue": 46,
    "tp hcm": 79,
    "tphcm": 79,
    "hcm": 79,
    "sai gon": 79,
    "ba ria - vung tau": 79,
    "dac lac": 66,
    "dak nong": 68,
    "dac nong": 68,
}
# Today's 34 provinces, by name.
CURRENT_PROVINCE_NAMES = {
    match_key(province.name.removeprefix("Thành phố ")): province.code.value
    for province in places.provinces()
}

_PROVINCE_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?)\s+")
_WARD_PREFIX = re.compile(r"^(xa|phuong|thi tran|dac khu)\s+")
_DISTRICT_PREFIX = re.compile(r"^(huyen|quan|thi xa|thanh pho|tp\.?)\s+")
_PUNCTUATION = re.compile(r"[.\-–]+")


@dataclass(frozen=True)
class MappedAddress:
    street: str = ""
    province_code: int | None = None
    ward_code: int | None = None

    @property
    def complete(self):
        return self.province_code is not None and self.ward_code is not None


def province_key(segment):
    key = _PROVINCE_PREFIX.sub("", match_key(segment))
    return " ".join(_PUNCTUATION.sub(" ", key).split())


def province_for(segment):
    """Today's province code for an old or current province name, or None."""
    key = province_key(segment)
    return OLD_TO_NEW_PROVINCE.get(key) or PROVINCE_ALIASES.get(key)


@lru_cache(maxsize=8192)
def map_address(text):
    """Today's province and ward for a (possibly pre-2025) address; parts left None if unsure."""
    segments = [part.strip() for part in (text or "").split(",") if part.strip()]
    if not segments:
        return MappedAddress()
    province_code = province_for(segments[-1])
    if province_code is None:
        return MappedAddress(street=", ".join(segments))
    units = segments[:-1]
    has_district = any(_DISTRICT_PREFIX.match(match_key(unit)) for unit in units)
    ward_index = next(
        (i for i, unit in enumerate(units) if _WARD_PREFIX.match(match_key(unit))), None
    )
    street = ", ".join(units[:ward_index] if ward_index is not None else units)
    if has_district or not names_current_province(segments[-1]):
        ward_code = legacy_ward_code(segments, province_code, ward_index)
    elif ward_index is not None:
        ward_code = current_ward_code(units[ward_index], province_code)
    else:
        ward_code = None
    if ward_index is None:
        street = ", ".join(unit for unit in units if not _DISTRICT_PREFIX.match(match_key(unit)))
    return MappedAddress(street=street, province_code=province_code, ward_code=ward_code)


def names_current_province(segment):
    """True for a province named as it is since 2025 (no district to look through)."""
    return province_key(segment) in CURRENT_PROVINCE_NAMES


def current_ward_code(segment, province_code):
    """A ward named in today's units, looked up in today's province."""
    name = _WARD_PREFIX.sub("", match_key(segment))
    return _current_wards(province_code).get(name)


@lru_cache(maxsize=64)
def _current_wards(province_code):
    from vietnam_provinces import Ward

    wards = {}
    for ward in Ward.iter_by_province(province_code):
        wards.setdefault(_WARD_PREFIX.sub("", match_key(ward.name)), ward.code.value)
    return wards


def legacy_ward_code(segments, province_code, ward_index):
    """The new ward of an old commune that went whole into one new commune, else None."""
    if ward_index is None:
        return None
    # Only the administrative part: the converter geocodes street addresses online.
    old_units = ", ".join(segments[ward_index:])
    code = _convert_whole_commune(old_units)
    if code is None:
        return None
    ward = places.ward_by_code(code)
    if ward is None or ward.province_code.value != province_code:
        return None
    return code


@lru_cache(maxsize=8192)
def _convert_whole_commune(old_units):
    from vietnamadminunits import ParseMode, convert_address, parse_address
    from vietnamadminunits.converter import converter_2025 as data

    # The library raises plain Exception on input it cannot parse.
    try:
        old = parse_address(old_units, mode=ParseMode.LEGACY, keep_street=False, level=3)
    except Exception:
        return None
    if not (old.province_key and old.district_key and old.ward_key):
        return None
    new_province = next(
        (new for new, olds in data.DICT_PROVINCE.items() if old.province_key in olds), None
    )
    old_key = f"{old.province_key}_{old.district_key}_{old.ward_key}"
    if new_province is None or old_key in data.DICT_PROVINCE_WARD_DIVIDED.get(new_province, {}):
        return None
    try:
        new = convert_address(old_units)
    except Exception:
        return None
    return int(new.ward_code) if new and new.ward_code else None
