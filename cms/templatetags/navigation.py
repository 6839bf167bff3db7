from django import template
from wagtail.models import Site

from ocop.pages import public

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's live children marked 'show in menus', current one flagged."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"entries": []}
    current_path = getattr(context.get("page"), "path", "")
    children = public(site.root_page.get_children().live().in_menu())
    return {
        "entries": [(child, current_path.startswith(child.path)) for child in children],
    }
