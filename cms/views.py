"""The language switcher: Django's view, sending the visitor to the page's translation."""

from django.conf import settings
from django.views.i18n import set_language as django_set_language

from cms.i18n import translated_url
from ocop.responses import same_site_path


def set_language(request):
    """Django's set_language (checks the language, sets the cookie), except where it
    sends the visitor: the same page in the chosen language when it has a copy in it,
    else the same URL (Django would prefix /en/ to a page that has no English copy)."""
    response = django_set_language(request)
    language = request.POST.get("language")
    target = same_site_path(request, request.POST.get("next"))
    chosen = language in dict(settings.LANGUAGES)
    if request.method == "POST" and response.status_code == 302 and target and chosen:
        response["Location"] = translated_url(request, target, language)
    return response
