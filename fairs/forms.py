"""Admin forms: a fair application (scoped to the user's producers and products) and an
offer (a variant chosen by SKU)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from catalog.models import ProductVariant
from catalog.permissions import is_officer, producers_for, product_pages_for

from .models import FairCampaignPage, FairParticipant, Offer, ParticipantStatus
from .services import participants

OFFICER_FIELDS = ("status", "booth", "decision_note")


class ParticipantForm(WagtailAdminModelForm):
    class Meta:
        model = FairParticipant
        fields = ["campaign", "producer", "products", "note", *OFFICER_FIELDS]
        widgets = {"products": forms.CheckboxSelectMultiple}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.user = for_user
        self.officer = is_officer(for_user)
        self.fields["producer"].queryset = producers_for(for_user).order_by("name")
        self.fields["products"].queryset = product_pages_for(for_user).order_by("title")
        if not self.officer:
            for name in OFFICER_FIELDS:
                self.fields.pop(name, None)
            self.fields["campaign"].queryset = FairCampaignPage.objects.filter(
                ends_at__gte=timezone.now()
            )

    def clean(self):
        cleaned = super().clean()
        errors = participants.check_application(
            self.user, cleaned.get("producer"), cleaned.get("products") or []
        )
        for field, message in errors.items():
            self.add_error(field, message)
        return cleaned

    def save(self, commit=True):
        participant = super().save(commit=False)
        if participant.pk is None:
            participant.applied_by = self.user
        if self.officer and "status" in self.changed_data:
            participant.decided_by = self.user
            participant.decided_at = timezone.now()
        if participant.status != ParticipantStatus.APPROVED:
            participant.booth = ""
        if commit:
            participant.save()
            self.save_m2m()
        return participant


def variant_choices():
    variants = ProductVariant.objects.select_related("page").order_by("page__title", "sort_order")
    return [("", "---------")] + [
        (variant.sku, f"{variant.page.title} – {variant.label} ({variant.sku})")
        for variant in variants
    ]


class OfferForm(WagtailAdminModelForm):
    sku = forms.ChoiceField(label=_("Phân loại sản phẩm"), choices=())

    class Meta:
        model = Offer
        fields = [
            "campaign",
            "livestream",
            "sku",
            "label",
            "price",
            "percent_off",
            "limit",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sku"].choices = variant_choices()

    def clean(self):
        cleaned = super().clean()
        variant = (
            ProductVariant.objects.select_related("page__product")
            .filter(sku=cleaned.get("sku"))
            .first()
        )
        if variant is None:
            self.add_error("sku", _("Chọn một phân loại sản phẩm."))
            return cleaned
        self.instance.product = variant.page
        campaign = cleaned.get("campaign")
        if (
            campaign is not None
            and not FairParticipant.objects.filter(
                campaign=campaign,
                producer_id=variant.page.product.producer_id,
                status=ParticipantStatus.APPROVED,
            ).exists()
        ):
            self.add_error("sku", _("Chủ thể của sản phẩm này chưa được duyệt tham gia hội chợ."))
        return cleaned
