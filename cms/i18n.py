"""Pages in two languages (docs/i18n.md): the one rule for which copy counts.

Every page is written in Vietnamese first; an English copy (made with
wagtail-localize) is a translation of it, not another page. So listings, search,
sitemaps, stock and bookings always start from the Vietnamese pages
(``originals``), and a page read in English shows the English copies where there
are some (``shown_in``), found for a whole list in one query.

Vietnamese pages keep their URLs; English copies live under /en/.
"""

from django.conf import settings
from django.db.models import Count
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site
from wagtail_localize.fields import BaseTranslatableField

from ocop import page_cache


def site_language():
    """The language code pages are written in first (Vietnamese)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def originals(pages):
    """``pages`` (a page queryset) narrowed to the Vietnamese pages: each page once."""
    return pages.filter(locale__language_code=site_language())


def is_original(page):
    return page.locale_id == site_locale_id()


def site_locale_id():
    """The Vietnamese locale's id: looked up once, forgotten when a locale changes."""
    if "site" not in _locale_ids:
        _locale_ids["site"] = Locale.objects.only("pk").get(language_code=site_language()).pk
    return _locale_ids["site"]


def locale_id(language):
    """The id of ``language``'s locale, looked up once like ``site_locale_id`` (None,
    looked up again next time, while there is none: another process may add it)."""
    if language not in _locale_ids:
        found = Locale.objects.filter(language_code=language).values_list("pk", flat=True)
        if (pk := found.first()) is None:
            return None
        _locale_ids[language] = pk
    return _locale_ids[language]


_locale_ids = {}


@receiver([post_save, post_delete], sender=Locale)
def _forget_locale_ids(**kwargs):
    _locale_ids.clear()


# Where a copy keeps its Vietnamese page once found (shown_in and with_originals fill it
# for whole lists).
_ORIGINAL = "_i18n_original"


def original_of(page):
    """The Vietnamese page ``page`` is a translation of (``page`` itself if it is one).

    Looked up once per page object (one query), or given by ``shown_in`` /
    ``with_originals`` with the rest of a list.
    """
    if is_original(page):
        return page
    if _ORIGINAL not in page.__dict__:
        source = page.get_translation_or_none(site_locale_id())
        page.__dict__[_ORIGINAL] = source.specific if source is not None else page
    return page.__dict__[_ORIGINAL]


def with_originals(pages, queryset):
    """``pages`` (a list), each copy told its Vietnamese page: one query from ``queryset``
    (which says what the originals are loaded with), none if every page is Vietnamese."""
    copies = [page for page in pages if not is_original(page)]
    if copies:
        found = {
            original.translation_key: original
            for original in queryset.filter(
                locale_id=site_locale_id(),
                translation_key__in=[copy.translation_key for copy in copies],
            )
        }
        for copy in copies:
            copy.__dict__[_ORIGINAL] = found.get(copy.translation_key, copy)
    return pages


def shown_in(pages, locale_id, queryset=None):
    """``pages`` (Vietnamese) with each replaced by its live translation in
    ``locale_id`` where it has one; one query (none for Vietnamese).

    ``queryset`` (of the pages' model) says what the translations are loaded with, so
    they carry the same joins and annotations as the list they replace.
    """
    pages = list(pages)
    if not pages or locale_id == site_locale_id():
        return pages
    model = type(pages[0])
    queryset = queryset if queryset is not None else model.objects.all()
    translations = {
        copy.translation_key: copy
        for copy in queryset.live().filter(
            locale_id=locale_id, translation_key__in=[page.translation_key for page in pages]
        )
    }
    for page in pages:
        if page.translation_key in translations:
            # The copy reads what it shares with its page (a product's price) from it.
            translations[page.translation_key].__dict__[_ORIGINAL] = page
    return [translations.get(page.translation_key, page) for page in pages]


class FromOriginal(BaseTranslatableField):
    """For wagtail-localize: a field a copy neither translates nor copies, because the
    copy reads it from its Vietnamese page (a product page's product and variants)."""

    def is_editable(self, obj):
        return False

    def __repr__(self):
        return f"<FromOriginal {self.field_name}>"


def language_of_path(path):
    """The language a URL path is in: its /en/ prefix, else the site's language."""
    return translation.get_language_from_path(path) or site_language()


def route(request, path):
    """(page, remainder) for a same-site URL path, or (None, "") if it is not a page.

    ``remainder`` is the part of the path a routable page handles itself
    (``tinh/ha-noi/`` under the catalogue).
    """
    site = Site.find_for_request(request)
    if site is None:
        return None, ""
    path = path.split("?", 1)[0].split("#", 1)[0]
    language = language_of_path(path)
    components = [part for part in path.split("/") if part]
    if translation.get_language_from_path(path):
        components = components[1:]
    with translation.override(language):
        try:
            page = site.root_page.localized.specific.route(request, components).page
        except Http404:
            return None, ""
        page_url = page.get_url(request) or ""
    bare = path if path.endswith("/") else path + "/"
    remainder = bare[len(page_url) :] if page_url and bare.startswith(page_url) else ""
    return page, remainder


def translated_url(request, path, language):
    """Where the language switcher sends a visitor reading ``path`` who picks
    ``language``: the page's translation (same sub-route, same query) if it has a live
    one, else the same URL (a page only in Vietnamese stays in Vietnamese)."""
    page, remainder = route(request, path)
    if page is None:
        return path
    target = page.get_translation_or_none(Locale.objects.filter(language_code=language).first())
    if target is None or not target.live:
        return path
    query = "?" + path.split("?", 1)[1] if "?" in path else ""
    return (target.get_url(request) or path) + remainder + query


def alternates(page, request):
    """[(language code, full URL)] of the live copies of ``page`` (itself included), for
    hreflang links; empty when the page has no translation."""
    if not isinstance(page, Page) or page.pk is None:
        return []
    if page.translation_key not in translated_keys():
        return []
    copies = page.get_translations(inclusive=True).live().select_related("locale")
    found = [(copy.locale.language_code, copy.get_full_url(request)) for copy in copies]
    return sorted(found) if len(found) > 1 else []


def translated_keys():
    """The translation keys several pages share (pages with a copy in another language),
    kept with the site data: most product pages have no copy, and skip the query."""

    def find():
        keys = Page.objects.order_by().values("translation_key").annotate(copies=Count("pk"))
        return set(keys.filter(copies__gt=1).values_list("translation_key", flat=True))

    return page_cache.shared("translated-keys", find)


def localized_index(model):
    """The live (one-per-site) index page of ``model`` in the language being read."""
    index = originals(model.objects.live()).first()
    return in_reading_language(index) if index is not None else None


def reading_locale_id(context):
    """The locale a template's page is read in: its page's, else the active language's."""
    page = context.get("page")
    if isinstance(page, Page):
        return page.locale_id
    locale = Locale.objects.filter(language_code=translation.get_language()).first()
    return locale.pk if locale is not None else site_locale_id()


def in_reading_language(page):
    """``page``'s live translation in the active language (``page`` if none): Wagtail's
    ``localized``, without its locale query when Vietnamese is read on a Vietnamese page."""
    try:
        reading = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        reading = site_language()
    if reading == site_language() and is_original(page):
        return page
    # Kept with the site data (the home page's and the indexes' copies, on every page).
    return page_cache.shared(f"in-language:{page.pk}:{reading}", lambda: page.localized.specific)
