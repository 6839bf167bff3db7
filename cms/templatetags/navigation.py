from django import template
from wagtail.models import Page, Site

from cms import i18n
from ocop import page_cache
from ocop.pages import public

register = template.Library()


def _home(request):
    """The site's home page in the language being read (its translation, if any);
    looked up once per request (the menu and the brand link both need it)."""
    if request is None:
        return None
    if not hasattr(request, "_ocop_localized_home"):
        site = Site.find_for_request(request)
        home = site.root_page if site else None
        request._ocop_localized_home = i18n.in_reading_language(home) if home else None
    return request._ocop_localized_home


def menu_links(home, request):
    """[(tree path, URL, title)] of the menu: the same on every page, kept with the site
    data until the content changes (each URL would cost a cache read)."""
    children = public(home.get_children().live().in_menu())
    return [(child.path, child.get_url(request), child.title) for child in children]


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's live children marked 'show in menus', current one flagged."""
    request = context.get("request")
    home = _home(request)
    if home is None:
        return {"entries": []}
    current_path = getattr(context.get("page"), "path", "")
    links = page_cache.shared(f"menu-links:{home.pk}", lambda: menu_links(home, request))
    return {
        "entries": [(url, title, current_path.startswith(path)) for path, url, title in links],
    }


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page in the language being read."""
    request = context.get("request")
    home = _home(request)
    return (home.get_url(request) if home else None) or "/"


@register.simple_tag(takes_context=True)
def page_alternates(context):
    """[(language, URL)] of the page's live translations (hreflang links), or []."""
    page = context.get("page")
    if not isinstance(page, Page):
        return []
    return i18n.alternates(page, context.get("request"))


@register.simple_tag(takes_context=True)
def footer_links(context):
    """[(href, label)] of the footer links: the same on every page, kept with the site
    data until the content changes (its pages' URLs cost a query and a cache read each)."""
    from cms.models import NavigationSettings

    request = context.get("request")
    if request is None:
        return []
    navigation = NavigationSettings.for_request(request)

    def links():
        return [
            (link.value["page"].get_url(request) if link.value["page"] else link.value["url"],
             link.value["label"])
            for link in navigation.footer_links
        ]  # fmt: skip

    return page_cache.shared(f"footer:{navigation.pk}", links)
