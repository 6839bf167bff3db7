from django import template
from wagtail.models import Page, Site

from cms import i18n
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


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's live children marked 'show in menus', current one flagged."""
    home = _home(context.get("request"))
    if home is None:
        return {"entries": []}
    current_path = getattr(context.get("page"), "path", "")
    children = public(home.get_children().live().in_menu())
    return {
        "entries": [(child, current_path.startswith(child.path)) for child in children],
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
