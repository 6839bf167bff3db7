import pytest
from django.template import Context, Template

from cms.formatting import format_vnd


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (150000, "150.000 ₫"),
        (0, "0 ₫"),
        (999, "999 ₫"),
        (1250000, "1.250.000 ₫"),
        (-5000, "-5.000 ₫"),
    ],
)
def test_vnd_amounts_use_dot_thousands_and_dong_sign(amount, shown):
    assert format_vnd(amount).replace("\u00a0", " ") == shown


def test_vnd_template_filter():
    html = Template("{% load formatting %}{{ price|vnd }}").render(Context({"price": 150000}))
    assert html == "150.000\u00a0₫"
