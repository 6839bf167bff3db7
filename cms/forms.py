"""The contact form of the contact page."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def one_line(value):
    """A name or a code: no line breaks or other control characters."""
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise ValidationError(_("Chỉ nhập một dòng chữ."), code="control_characters")


TOPICS = [
    ("order", _("Đơn hàng và giao hàng")),
    ("return", _("Đổi trả, hoàn tiền")),
    ("product", _("Sản phẩm, chứng nhận OCOP")),
    ("tour", _("Tour làng nghề")),
    ("producer", _("Tôi là chủ thể OCOP, muốn bán hàng")),
    ("other", _("Việc khác")),
]


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Họ và tên"),
        max_length=100,
        validators=[one_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Chúng tôi trả lời vào địa chỉ này."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.RegexField(
        label=_("Số điện thoại (không bắt buộc)"),
        regex=r"^\+?[0-9 .]{8,20}$",
        max_length=20,
        required=False,
        error_messages={"invalid": _("Nhập số điện thoại gồm 8–20 chữ số.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    topic = forms.ChoiceField(label=_("Chủ đề"), choices=TOPICS)
    order_number = forms.CharField(
        label=_("Mã đơn hàng hoặc mã đặt tour (nếu có)"),
        max_length=40,
        required=False,
        validators=[one_line],
    )
    message = forms.CharField(
        label=_("Nội dung"),
        min_length=10,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    # Left empty by people; filled in by bots that fill every field. Hidden by CSS.
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def topic_label(self):
        return str(dict(TOPICS).get(self.cleaned_data.get("topic"), ""))

    def is_from_a_bot(self):
        return bool(self.cleaned_data.get("website"))
