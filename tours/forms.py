import re
from datetime import time

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Departure

PHONE_CHARACTERS = re.compile(r"^\+?[0-9 .\-()]{8,20}$")
MAX_PRICE = 2**31 - 1  # Departure's price overrides are 32-bit integers


PARTICIPANT_ERRORS = {
    "required": _("Nhập số khách."),
    "invalid": _("Nhập một số nguyên."),
    "min_value": _("Số khách không được âm."),
    "max_value": _("Số khách quá lớn."),
}


class ChooseDepartureForm(forms.Form):
    """Step 1 of booking, on the tour page: which departure, how many people."""

    departure = forms.ModelChoiceField(
        label=_("Lịch khởi hành"),
        queryset=Departure.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Chọn một lịch khởi hành trong lịch."),
            "invalid_choice": _("Lịch khởi hành này không thuộc tour."),
        },
    )
    adults = forms.IntegerField(
        label=_("Người lớn"),
        min_value=0,
        max_value=999,
        initial=2,
        error_messages=PARTICIPANT_ERRORS,
    )
    children = forms.IntegerField(
        label=_("Trẻ em (dưới 12 tuổi)"),
        min_value=0,
        max_value=999,
        initial=0,
        required=False,
        error_messages=PARTICIPANT_ERRORS,
    )

    def __init__(self, *args, tour, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departure"].queryset = Departure.objects.filter(tour=tour.original)
        self.fields["adults"].widget.attrs["max"] = tour.max_group_size
        self.fields["children"].widget.attrs["max"] = tour.max_group_size

    def clean_children(self):
        return self.cleaned_data.get("children") or 0


class ContactForm(forms.Form):
    """Step 2 of booking: who is coming. Payment is on arrival."""

    contact_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    phone = forms.CharField(
        label=_("Điện thoại"),
        max_length=30,
        help_text=_("Đơn vị tổ chức gọi số này nếu lịch thay đổi."),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,  # Booking.email
        help_text=_("Vé điện tử có mã QR được gửi đến địa chỉ này."),
    )
    notes = forms.CharField(
        label=_("Ghi chú cho đơn vị tổ chức"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not PHONE_CHARACTERS.match(phone) or sum(char.isdigit() for char in phone) < 8:
            raise forms.ValidationError(_("Số điện thoại không hợp lệ."))
        return phone


class FindBookingForm(forms.Form):
    code = forms.CharField(
        label=_("Mã đặt chỗ"),
        max_length=20,
        help_text=_("Ví dụ: T-ABCD-2345, trong e-mail xác nhận."),
    )
    email = forms.EmailField(label=_("E-mail dùng khi đặt chỗ"))


class CancelBookingForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Tôi muốn hủy đặt chỗ này"),
        error_messages={"required": _("Đánh dấu ô xác nhận để hủy.")},
    )


WEEKDAY_CHOICES = [
    (0, _("Thứ hai")),
    (1, _("Thứ ba")),
    (2, _("Thứ tư")),
    (3, _("Thứ năm")),
    (4, _("Thứ sáu")),
    (5, _("Thứ bảy")),
    (6, _("Chủ nhật")),
]


class TimesField(forms.CharField):
    """'08:00, 14:30' → [time(8, 0), time(14, 30)]."""

    def to_python(self, value):
        value = super().to_python(value)
        times = []
        for part in re.split(r"[,;\s]+", value.strip()):
            if not part:
                continue
            match = re.fullmatch(r"([01]?\d|2[0-3])[:hH]([0-5]\d)", part)
            if not match:
                raise forms.ValidationError(
                    _("“%(part)s” không phải giờ hợp lệ (ví dụ 08:00)."), params={"part": part}
                )
            times.append(time(int(match.group(1)), int(match.group(2))))
        if not times and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return sorted(set(times))


class DepartureSeriesForm(forms.Form):
    """Admin: one departure on each chosen weekday × time between two dates."""

    tour = forms.ModelChoiceField(label=_("Tour"), queryset=None)
    first_day = forms.DateField(label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    last_day = forms.DateField(label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Các thứ trong tuần"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    times = TimesField(
        label=_("Giờ khởi hành"),
        help_text=_("Giờ Việt Nam, cách nhau bằng dấu phẩy, ví dụ: 08:00, 14:00"),
    )
    capacity = forms.IntegerField(label=_("Số chỗ mỗi chuyến"), min_value=1, max_value=1000)
    price_adult_override = forms.IntegerField(
        label=_("Giá người lớn riêng (đồng)"),
        min_value=0,
        max_value=MAX_PRICE,
        required=False,
        help_text=_("Để trống: dùng giá của tour."),
    )
    price_child_override = forms.IntegerField(
        label=_("Giá trẻ em riêng (đồng)"),
        min_value=0,
        max_value=MAX_PRICE,
        required=False,
        help_text=_("Để trống: dùng giá của tour."),
    )

    def __init__(self, *args, tours, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tour"].queryset = tours
