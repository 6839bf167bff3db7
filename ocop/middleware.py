"""Requests no page can answer sensibly are refused before any view sees them."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import bad_request

NUL = "\x00"
JSON_PREFIX = "/api/"  # answered in JSON, as the API's own errors are


class RejectNulMiddleware:
    """A NUL character in the path, the query string or a form field is a 400.

    PostgreSQL cannot store or compare text holding NUL, so such a value would
    otherwise fail deep inside a search, a filter or a save with a 500. A cookie
    holding NUL is dropped instead (the visitor would otherwise be stuck with
    it): a forged session cookie is then simply no session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name in [name for name, value in request.COOKIES.items() if NUL in name + value]:
            del request.COOKIES[name]
        if NUL in request.path or _has_nul(request.GET) or _form_has_nul(request):
            if request.path.startswith(JSON_PREFIX):
                return JsonResponse(
                    {"error": {"code": "invalid", "message": _("Yêu cầu chứa ký tự NUL.")}},
                    status=400,
                    json_dumps_params={"ensure_ascii": False},
                )
            return bad_request(request, exception=None)
        return self.get_response(request)


def _has_nul(query_dict):
    return any(
        NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists()
    )


def _form_has_nul(request):
    if request.method != "POST" or not request.content_type.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        return False
    try:
        return _has_nul(request.POST)
    except Exception:  # an unreadable body: left to the view, which reports its own error
        return False
