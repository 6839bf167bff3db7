"""Today's provinces and wards (since 1 July 2025), from the vietnam-provinces package."""

from functools import cache

from vietnam_provinces import Province, Ward

from catalog.text import vietnamese_sort_key

# Unit words before a province's own name: "Thành phố Hà Nội" is looked for under H.
UNIT_PREFIXES = ("Thành phố ", "Tỉnh ")


def sort_name(province):
    name = province.name
    for prefix in UNIT_PREFIXES:
        name = name.removeprefix(prefix)
    return name


@cache
def provinces():
    """All 34 provinces in Vietnamese alphabetical order of their own names.

    "Cà Mau" before "Cao Bằng", every "Đ" after every "D", "Thành phố Hà Nội" among
    the H (catalog.text.vietnamese_sort_key). Every list of provinces (the catalogue
    filter, shop by province, admin choices) takes this order.
    """
    return sorted(
        Province.iter_all(), key=lambda province: vietnamese_sort_key(sort_name(province))
    )


@cache
def province_by_code(code):
    try:
        return Province.from_code(code)
    except ValueError:
        return None


@cache
def province_by_slug(slug):
    return next((p for p in provinces() if province_slug(p) == slug), None)


def province_slug(province):
    return province.codename.replace("_", "-")


def province_choices():
    return [(province.code.value, province.name) for province in provinces()]


@cache
def ward_by_code(code):
    try:
        return Ward.from_code(code)
    except ValueError:
        return None


def checked_province(ward_code, province_code):
    """The one ward check: the province code that goes with ``ward_code``.

    Raises ValidationError on ``ward_code`` when no such ward exists today or when
    it lies in another province than ``province_code`` (None: taken from the ward).
    """
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    ward = ward_by_code(ward_code)
    if ward is None:
        raise ValidationError(
            {"ward_code": _("Không có xã/phường nào mã %(code)s.") % {"code": ward_code}}
        )
    ward_province = int(ward.province_code)
    if province_code and ward_province != int(province_code):
        province = province_by_code(province_code)
        raise ValidationError(
            {
                "ward_code": _("%(ward)s không thuộc %(province)s.")
                % {"ward": ward.name, "province": province.name if province else province_code}
            }
        )
    return ward_province
