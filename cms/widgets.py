"""Admin form widgets."""

from django import forms

from cms.formatting import format_vnd


class DongInput(forms.NumberInput):
    """A whole-đồng amount: a number field followed by ₫ and the amount as the site writes
    it (``150.000 ₫``), so an editor sees at once a zero too many or too few."""

    template_name = "cms/widgets/dong_input.html"

    def __init__(self, attrs=None):
        super().__init__({"min": 0, "step": 1000, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        try:
            amount = int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            amount = None
        context["widget"]["formatted"] = format_vnd(amount) if amount is not None else ""
        return context
