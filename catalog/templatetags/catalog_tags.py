from django import template

from catalog import places
from catalog.listing import cards_in, with_card_data
from catalog.models import CatalogIndexPage, ProductPage
from catalog.rules import CertificateStatus
from cms.i18n import localized_index, reading_locale_id

register = template.Library()

STATUS_BADGES = {
    CertificateStatus.VALID: "badge--valid",
    CertificateStatus.RENEWAL_WINDOW: "badge--warning",
}


@register.filter
def star_symbols(stars):
    """4 → ★★★★ (decorative: templates put the number in words next to it)."""
    return "★" * int(stars or 0)


@register.filter
def status_badge(status):
    """The badge modifier class for a certificate status."""
    return STATUS_BADGES.get(status, "badge--danger")


@register.filter
def province_name(code):
    province = places.province_by_code(code) if code else None
    return province.name if province else ""


@register.simple_tag(takes_context=True)
def producer_url(context, catalogue, producer):
    """URL of a producer's page under the catalogue, or "" when there is no catalogue."""
    if catalogue is None:
        return ""
    return catalogue.producer_url(producer, context.get("request"))


@register.simple_tag(takes_context=True)
def province_url(context, catalogue, code):
    province = places.province_by_code(code) if code else None
    if catalogue is None or province is None:
        return ""
    return catalogue.province_url(province, context.get("request"))


@register.inclusion_tag("catalog/includes/newest_products.html", takes_context=True)
def newest_products(context, count=8):
    """The newest purchasable products as cards, for the home page."""
    pages = with_card_data(ProductPage.objects.purchasable()).order_by("-first_published_at", "-pk")
    return {
        "request": context.get("request"),
        "products": cards_in(pages[:count], reading_locale_id(context)),
        "catalogue": localized_index(CatalogIndexPage),
    }
