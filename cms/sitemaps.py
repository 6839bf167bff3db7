"""sitemap.xml: Wagtail's sitemap over the site's page tree in every language.

Wagtail's own sitemap lists the pages under the site's root page. With
localisation on, each language has its own tree whose root is a translation of
that page (``/en/`` under the English home page): the items are the live, public
pages under the root page and under each of its translations, so translated pages
appear as soon as they are published (an English product page while its Vietnamese
page is live too). Each page gives its own URLs
(``Page.get_sitemap_urls``), absolute from the site's address (ocop.pages.site_url).
"""

from django.db.models import Q
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page

from cms import i18n


def _withdrawn_translations():
    """English product pages whose Vietnamese page is not live: the product is withdrawn
    and the copy is not served either (catalog.listing), so the same rule lists both
    languages. (A subquery.)"""
    from catalog.models import ProductPage

    live_originals = i18n.originals(ProductPage.objects.live()).values("translation_key")
    return (
        ProductPage.objects.exclude(locale_id=i18n.site_locale_id())
        .exclude(translation_key__in=live_originals)
        .values("pk")
    )


class LocalisedSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_a_tree)
            .exclude(pk__in=_withdrawn_translations())
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
