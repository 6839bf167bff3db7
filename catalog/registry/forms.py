from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from catalog.models import SyncFormat

ALLOWED_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".json")


class SyncSourceForm(forms.Form):
    """Upload a recognition list, or read the configured registry URL."""

    FROM_FILE = "file"
    FROM_URL = "url"

    file = forms.FileField(
        label=_("Tệp danh sách công nhận"),
        required=False,
        help_text=_("CSV, XLSX hoặc JSON, tối đa %(size)s MB.")
        % {"size": settings.OCOP_REGISTRY_MAX_BYTES // (1024 * 1024)},
    )
    format = forms.ChoiceField(
        label=_("Định dạng"),
        required=False,
        choices=[("", _("Tự nhận biết"))] + SyncFormat.choices,
    )
    source = forms.ChoiceField(
        choices=[(FROM_FILE, FROM_FILE), (FROM_URL, FROM_URL)], widget=forms.HiddenInput
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") == self.FROM_URL:
            if not settings.OCOP_REGISTRY_URL:
                raise forms.ValidationError(_("Chưa cấu hình OCOP_REGISTRY_URL."))
            return cleaned
        upload = cleaned.get("file")
        if upload is None:
            self.add_error("file", _("Chọn tệp cần đồng bộ."))
        elif not upload.name.lower().endswith(ALLOWED_SUFFIXES):
            self.add_error("file", _("Chỉ nhận tệp CSV, XLSX hoặc JSON."))
        elif upload.size > settings.OCOP_REGISTRY_MAX_BYTES:
            self.add_error(
                "file",
                _("Tệp nặng %(size)s MB, quá giới hạn %(limit)s MB: hãy tách thành nhiều tệp.")
                % {
                    "size": _megabytes(upload.size),
                    "limit": _megabytes(settings.OCOP_REGISTRY_MAX_BYTES),
                },
            )
        return cleaned


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


class ReviewedProductForm(forms.Form):
    """The product an editor marks as reviewed: one still waiting for review."""

    product = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from catalog.models import Product

        self.fields["product"].queryset = Product.objects.filter(
            from_registry=True, needs_review=True
        )
