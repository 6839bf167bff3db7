"""Checkout and look-up forms. They only shape input; the rules are in services.checkout."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog import places
from marketplace.models import PaymentMethod
from marketplace.services import payments


def ward_choices(province_code):
    from vietnam_provinces import Ward

    try:
        code = int(province_code)
    except (TypeError, ValueError):
        return []
    if places.province_by_code(code) is None:
        return []
    wards = list(Ward.iter_by_province(code))
    return [(int(ward.code), ward.name) for ward in sorted(wards, key=lambda ward: ward.name)]


class CheckoutForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=150)
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        help_text=_("Số di động hoặc cố định Việt Nam, ví dụ 0912 345 678."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Chúng tôi gửi xác nhận đơn hàng và vé tour đến địa chỉ này."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    province = forms.TypedChoiceField(
        label=_("Tỉnh/thành phố"), coerce=int, required=False, empty_value=None
    )
    ward = forms.TypedChoiceField(
        label=_("Xã/phường"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Chọn tỉnh/thành phố trước, rồi bấm “Chọn xã/phường”."),
    )
    street = forms.CharField(
        label=_("Số nhà, đường, thôn/xóm"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    notes = forms.CharField(
        label=_("Ghi chú"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    payment = forms.ChoiceField(
        label=_("Thanh toán"), widget=forms.RadioSelect, initial=PaymentMethod.COD
    )

    def __init__(self, *args, needs_address=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_address = needs_address
        self.fields["payment"].choices = [
            (method.value, method.label) for method in payments.available_methods()
        ]
        if not needs_address:
            for name in ("province", "ward", "street"):
                del self.fields[name]
            return
        self.fields["province"].choices = [("", _("— Chọn tỉnh/thành phố —"))] + list(
            places.province_choices()
        )
        province = self.data.get("province") if self.is_bound else self.initial.get("province")
        self.fields["ward"].choices = [("", _("— Chọn xã/phường —"))] + ward_choices(province)
        for name in ("province", "ward", "street"):
            self.fields[name].required = True


class FindOrderForm(forms.Form):
    number = forms.CharField(
        label=_("Mã đơn hàng"), max_length=40, help_text=_("Ví dụ OCOP-2026-000123.")
    )
    email = forms.EmailField(label=_("E-mail đã dùng khi đặt hàng"), max_length=254)


class CancelSubOrderForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), max_length=255)


class ShipSubOrderForm(forms.Form):
    carrier = forms.CharField(label=_("Đơn vị vận chuyển"), max_length=100)
    tracking_number = forms.CharField(label=_("Mã vận đơn"), max_length=64)


class StockForm(forms.Form):
    quantity = forms.IntegerField(label=_("Tồn kho mới"), min_value=0, max_value=1_000_000)
    note = forms.CharField(label=_("Lý do"), max_length=255)
