"""The dashboard's filters: province, product set, stars and period, from the query string."""

from dataclasses import dataclass, replace
from datetime import date

from dateutil.relativedelta import relativedelta
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog import places

STAR_CHOICES = [(stars, f"{stars}★") for stars in (1, 2, 3, 4, 5)]


@dataclass(frozen=True)
class Filters:
    province: int | None = None
    product_set: int | None = None  # the set's number, 1–26
    stars: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    today: date | None = None  # "now" for certificate figures (tests fix it)

    @property
    def on(self):
        return self.today or timezone.localdate()

    @property
    def start(self):
        return self.date_from or (self.end - relativedelta(months=12) + relativedelta(days=1))

    @property
    def end(self):
        return self.date_to or self.on

    def with_today(self, today):
        return replace(self, today=today)


class FilterForm(forms.Form):
    province = forms.TypedChoiceField(
        label=_("Tỉnh/thành phố"), required=False, coerce=int, empty_value=None
    )
    product_set = forms.TypedChoiceField(
        label=_("Bộ sản phẩm"), required=False, coerce=int, empty_value=None
    )
    stars = forms.TypedChoiceField(
        label=_("Hạng sao"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Tất cả"))] + STAR_CHOICES,
    )
    date_from = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from catalog.models import ProductSet

        self.fields["province"].choices = [("", _("Tất cả"))] + places.province_choices()
        self.fields["product_set"].choices = [("", _("Tất cả"))] + [
            (product_set.number, str(product_set)) for product_set in ProductSet.objects.all()
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("“Từ ngày” phải trước “Đến ngày”."))
        return cleaned

    def filters(self):
        """The valid filters (an invalid form filters nothing: its errors are shown)."""
        if not self.is_valid():
            return Filters()
        return Filters(**{name: self.cleaned_data.get(name) for name in self.fields})


def filters_from(query):
    form = FilterForm(query or None)
    return form, form.filters()
