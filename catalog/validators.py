from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

GTIN_LENGTHS = (8, 12, 13, 14)


def gtin_check_digit(body):
    """GS1 check digit for the digits before it (weights 3,1,3,... from the right)."""
    total = sum(
        int(digit) * (3 if position % 2 == 0 else 1)
        for position, digit in enumerate(reversed(body))
    )
    return (10 - total % 10) % 10


def validate_gtin(value):
    """A GTIN-8, -12 (UPC), -13 (EAN) or -14 barcode with a correct check digit."""
    if not value.isdigit() or len(value) not in GTIN_LENGTHS:
        raise ValidationError(_("Mã vạch GTIN gồm 8, 12, 13 hoặc 14 chữ số."), code="gtin_format")
    if gtin_check_digit(value[:-1]) != int(value[-1]):
        raise ValidationError(
            _("Chữ số kiểm tra của mã vạch không đúng (phải là %(digit)s)."),
            code="gtin_check_digit",
            params={"digit": gtin_check_digit(value[:-1])},
        )
