"""Today's provinces and wards (since 1 July 2025), from the vietnam-provinces package."""

from functools import cache

from vietnam_provinces import Province, Ward


@cache
def provinces():
    """All 34 provinces, by name."""
    return sorted(Province.iter_all(), key=lambda province: province.name)


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
