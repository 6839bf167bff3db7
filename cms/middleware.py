from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from cms import i18n


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the URL or the visitor says otherwise.

    - A page under /en/ is an English copy of a page: English content and labels.
    - Any other URL speaks Vietnamese, or the language the visitor picked with the
      switcher (its cookie) for the labels around the content. A Vietnamese page read
      with English chosen keeps its Vietnamese content (it may have no English copy).

    Django's own middleware would follow the browser's Accept-Language, so most
    visitors from abroad (and every English-language browser in Vietnam) would land
    on English. URLs are resolved in the path's language (unprefixed = Vietnamese,
    as i18n_patterns needs); the chosen language is switched on only for the view.
    """

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_view(self, request, view_func, view_args, view_kwargs):
        prefixed = translation.get_language_from_path(request.path_info)
        if view_func is wagtail_views.serve:
            # Routed now, in the path's language: unprefixed paths are the Vietnamese tree.
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            _route_in_language_of_path(request, path)
            route = Page.route_for_request(request, path)
            if prefixed and route is not None and not _in_language(route[0], prefixed):
                # /en/<a page with no English copy>: the page lives at its own URL.
                return HttpResponseRedirect(route[0].get_url(request))
        if not prefixed:
            translation.activate(_chosen_language(request))
            request.LANGUAGE_CODE = translation.get_language()
        return None


def _route_in_language_of_path(request, path):
    """Wagtail's ``Page.route_for_request``, from the site's root page in the path's
    language (active now): the Vietnamese root as it is, its translation from the shared
    cache (``i18n.in_reading_language``), instead of a locale and two page queries."""
    site = Site.find_for_request(request)
    if site is None:
        return
    root = i18n.in_reading_language(site.root_page.specific)
    components = [component for component in path.split("/") if component]
    try:
        request._wagtail_route_for_request = root.route(request, components)
    except Http404:
        request._wagtail_route_for_request = None


def _chosen_language(request):
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    supported = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in supported else settings.LANGUAGE_CODE


def _in_language(page, language):
    return page.locale_id == i18n.locale_id(language)
