"""Wagtail page visibility in fewer queries.

Wagtail's ``PageQuerySet.public()`` first loads every view restriction (one
query) and then filters, and ``Page.get_view_restrictions()`` loads the page's
ancestors (one query) before the restrictions (another). Both rules, kept as
Wagtail states them, in the same single query as the rest:

- ``public(pages)``: pages with no view restriction on them or an ancestor;
- ``ViewRestrictionsInOneQuery``: a page model mixin whose view restrictions
  (its own, its ancestors', and those of the pages any of them is an alias of)
  are found by one query, the ancestors' paths being prefixes of its own.
"""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction

from ocop import page_cache


def public(pages):
    """``pages.public()`` without the extra query.

    The restricted page's path is a scalar sub-query per restriction (there are few,
    usually none): written as a join, PostgreSQL read every page of the tree for each
    candidate page, a cost that grew with the catalogue (36 ms for the menu's five
    pages at 10,000 products).
    """
    restricted_path = Page.objects.filter(pk=OuterRef("page_id")).values("path")[:1]
    restricted_at_or_above = PageViewRestriction.objects.alias(
        restricted_path=Subquery(restricted_path)
    ).filter(restricted_path=Substr(OuterRef("path"), 1, Length("restricted_path")))
    return pages.filter(~Exists(restricted_at_or_above))


def path_and_ancestor_paths(page):
    step = page.steplen
    return [page.path[:end] for end in range(step, len(page.path) + 1, step)]


class ViewRestrictionsInOneQuery:
    def get_view_restrictions(self):
        paths = path_and_ancestor_paths(self)
        sources = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of")
        return PageViewRestriction.objects.filter(Q(page__path__in=paths) | Q(page__in=sources))


def site_url():
    """The site's public address, without a trailing slash: the one source of absolute links.

    ``WAGTAILADMIN_BASE_URL`` (from the environment) is it. Page URLs (``full_url``, the
    API's ``html_url``, the sitemap, canonical and Open Graph links), the API's
    ``detail_url`` (``WAGTAILAPI_BASE_URL`` is set from it) and e-mail links all start
    with it, whatever host or port a request came in on and whatever hostname the
    Wagtail Site record holds (docs/architecture.md, "Absolute links").
    """
    from django.conf import settings

    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path):
    return site_url() + path


class ConfiguredAddress:
    """A page mixin: absolute URLs of the page start with ``site_url()``.

    Wagtail builds them from the Site record's hostname and port (the demo's
    ``localhost:80``, an admin's typo...); the site has one public address, set once
    in the environment. Relative URLs (``page.url``) are unchanged.
    """

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        # Wagtail reads the site root paths from the cache for each URL built without a
        # request (``full_url``, the API's ``html_url``: twenty per page of results);
        # one read per request is enough.
        return super()._get_site_root_paths(cache_object or page_cache.request_scope(), **kwargs)

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        site_id, _root_url, page_path = parts
        return site_id, site_url(), page_path


def restrictions_hiding_pages_from(request):
    """The view restrictions ``request`` does not pass (from the shared cache)."""
    restrictions = page_cache.shared(
        "view-restrictions", lambda: list(PageViewRestriction.objects.select_related("page"))
    )
    return [restriction for restriction in restrictions if not restriction.accept_request(request)]


def api_site_roots(request):
    """The pages whose subtrees Wagtail's API serves ``request`` (``?site=`` or the
    request's site): the site's root and, with i18n, its translations; none for no site.
    A bad ``?site=`` is a ValueError."""
    from django.conf import settings
    from wagtail.api.validators import SiteFilterValidator

    site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
    if not site:
        return []
    roots = [site.root_page]
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        roots += page_cache.shared(
            f"root-translations:{site.root_page_id}",
            lambda: list(site.root_page.get_translations()),
        )
    return roots


def api_public_pages(request, model=Page):
    """Wagtail's ``get_public_pages_queryset`` (what its pages API serves anonymous
    consumers): the same rule, with the view restrictions and the root page's
    translations from the shared cache instead of two queries per request."""
    queryset = model._default_manager.all().live()
    for restriction in restrictions_hiding_pages_from(request):
        queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    roots = api_site_roots(request)
    if not roots:
        return queryset.none()
    pages = queryset.descendant_of(roots[0], inclusive=True)
    for root in roots[1:]:
        pages |= queryset.descendant_of(root, inclusive=True)
    return pages
