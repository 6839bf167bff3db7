"""The one base for the site's public JSON endpoints (Django REST framework).

Subclass ``JsonApiView`` (or mix ``JsonApiMixin`` into a DRF generic view or
viewset) and every unsafe request (POST, PUT, PATCH, DELETE) to it:

- must carry the CSRF token in the ``X-CSRFToken`` header (with the ``csrftoken``
  cookie, checked as Django checks forms, Origin/Referer included), whether or
  not anyone is signed in: DRF's own SessionAuthentication checks CSRF only for
  signed-in users, so an anonymous visitor's session (seat holds, a cart) could
  otherwise be written from any site. Refused with 403 ``csrf_failed``.
- must be ``Content-Type: application/json``: a cross-site ``text/plain`` form
  cannot pass for JSON. Refused with 415 ``unsupported_media_type``.
- is parsed by a JSON parser that answers 400 ``invalid`` to any body it cannot
  read, deeply nested ones included, instead of a 500.

A GET to any such view sets the ``csrftoken`` cookie, so a script on the site's
own pages (or a program) reads it there and sends it back in ``X-CSRFToken``.

Errors are JSON ``{"error": {"code": ..., "message": ..., ...details}}`` in the
caller's language (the language cookie, else Accept-Language, else Vietnamese).
Raise ``ApiError(status, code, message, **details)`` from a view for a refusal of
the business rules; DRF's own exceptions (validation, 404, 405, throttling) come
out in the same shape. ``ERROR_RESPONSES`` documents them in the OpenAPI schema.
"""

import json

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

JSON_MEDIA_TYPE = "application/json"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class CsrfForEveryoneAuthentication(SessionAuthentication):
    """Session authentication that checks the CSRF token on every unsafe request,
    signed in or not."""

    def authenticate(self, request):
        if request.method in UNSAFE_METHODS:
            self.enforce_csrf(request)
        user = getattr(request._request, "user", None)
        if not user or not user.is_active:
            return None
        return (user, None)

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as refusal:
            raise CsrfFailed(str(refusal.detail)) from None


class CsrfFailed(exceptions.PermissionDenied):
    default_code = "csrf_failed"


class StrictJSONParser(JSONParser):
    """JSON only; a body it cannot read (not UTF-8, not JSON, nested too deeply) is a 400."""

    media_type = JSON_MEDIA_TYPE

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return json.loads(stream.read().decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise exceptions.ParseError(_("Nội dung phải là JSON.")) from None


class ApiError(exceptions.APIException):
    """A refusal with its own status and stable code, plus details for programs."""

    def __init__(self, status_code, code, message, **details):
        super().__init__(detail=str(message), code=code)
        self.status_code = status_code
        self.code = code
        self.details = details


DEFAULT_CODES = {
    status.HTTP_400_BAD_REQUEST: "invalid",
    status.HTTP_401_UNAUTHORIZED: "not_authenticated",
    status.HTTP_403_FORBIDDEN: "forbidden",
    status.HTTP_404_NOT_FOUND: "not_found",
    status.HTTP_405_METHOD_NOT_ALLOWED: "method_not_allowed",
    status.HTTP_406_NOT_ACCEPTABLE: "not_acceptable",
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "unsupported_media_type",
    status.HTTP_429_TOO_MANY_REQUESTS: "throttled",
}


def error_body(code, message, **details):
    return {"error": {"code": code, "message": str(message), **details}}


def exception_handler(exc, context):
    """DRF exceptions and ApiError as ``{"error": {...}}``; anything else is left to raise."""
    if isinstance(exc, ApiError):
        return Response(error_body(exc.code, exc.detail, **exc.details), status=exc.status_code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = error_body(
            "invalid", _first_message(exc.detail) or _("Dữ liệu không hợp lệ."), fields=exc.detail
        )
    elif isinstance(exc, CsrfFailed):
        body = error_body(
            "csrf_failed",
            _("Thiếu hoặc sai mã CSRF: gửi lại mã trong tiêu đề X-CSRFToken."),
        )
    else:
        code = DEFAULT_CODES.get(exc.status_code, "error")
        body = error_body(code, _message(exc))
    response = Response(body, status=exc.status_code)
    if getattr(exc, "auth_header", None):
        response["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        response["Retry-After"] = str(int(exc.wait))
    return response


def _message(exc):
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _("Phương thức không được hỗ trợ.")
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return _("Nội dung phải có Content-Type: application/json.")
    if isinstance(exc, exceptions.NotFound):
        return _("Không tìm thấy.")
    return str(exc.detail)


def _first_message(detail):
    if isinstance(detail, dict):
        for value in detail.values():
            found = _first_message(value)
            if found:
                return found
        return ""
    if isinstance(detail, list):
        return next((found for found in map(_first_message, detail) if found), "")
    return str(detail)


class JsonApiMixin:
    """CSRF on every unsafe request, JSON bodies only, errors as ``{"error": ...}``."""

    authentication_classes = [CsrfForEveryoneAuthentication]
    parser_classes = [StrictJSONParser]
    renderer_classes = [JSONRenderer]

    def dispatch(self, request, *args, **kwargs):
        """Pages ignore Accept-Language (cms.middleware); a program calling the API may use it."""
        with translation.override(translation.get_language_from_request(request)):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.needs_json_body(request):
            raise exceptions.UnsupportedMediaType(request.content_type or "")

    def needs_json_body(self, request):
        """An unsafe request this view handles (else 405, said by dispatch) whose body is
        not JSON; a bare POST with no body and no type has no type to check."""
        return (
            request.method in UNSAFE_METHODS
            and hasattr(self, request.method.lower())
            and _media_type(request) != JSON_MEDIA_TYPE
            and bool(request.content_type or _has_body(request))
        )

    def finalize_response(self, request, response, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            get_token(request)  # the csrftoken cookie a later POST sends back
        return super().finalize_response(request, response, *args, **kwargs)

    def get_exception_handler(self):
        return exception_handler


def _has_body(request):
    meta = request._request.META
    return bool(meta.get("HTTP_TRANSFER_ENCODING")) or (meta.get("CONTENT_LENGTH") or "0") != "0"


def _media_type(request):
    return (request.content_type or "").split(";")[0].strip().lower()


class JsonApiView(JsonApiMixin, APIView):
    """Base of a public JSON endpoint: see the module's docstring."""


# --- OpenAPI (drf-spectacular) ----------------------------------------------------


class CsrfTokenScheme(OpenApiAuthenticationExtension):
    """How the schema tells callers about the CSRF token."""

    target_class = CsrfForEveryoneAuthentication
    name = "csrfToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-CSRFToken",
            "description": (
                "Needed on POST, PUT, PATCH and DELETE, with the csrftoken cookie that any "
                "GET to the API sets."
            ),
        }


ErrorSerializer = inline_serializer(
    name="Error",
    fields={
        "error": inline_serializer(
            name="ErrorDetail",
            fields={
                "code": serializers.CharField(help_text=gettext_lazy("Mã lỗi cố định.")),
                "message": serializers.CharField(
                    help_text=gettext_lazy("Thông báo theo ngôn ngữ của người gọi.")
                ),
            },
        )
    },
)


def error_responses(*statuses):
    """Schema responses for the error statuses a view may answer with."""
    return {
        code: OpenApiResponse(ErrorSerializer, description=ERROR_TEXT[code]) for code in statuses
    }


ERROR_TEXT = {
    400: "Invalid input (code `invalid` or a rule's own code).",
    403: "CSRF token missing or wrong (code `csrf_failed`), or not allowed.",
    404: "Unknown resource.",
    405: "Method not allowed.",
    409: "The request conflicts with the current state (seats, stock).",
    415: "Body is not `application/json`.",
    429: "Over a per-client limit.",
}
UNSAFE_ERRORS = (400, 403, 405, 415)
SAFE_ERRORS = (400, 405)


def only_public_json_api(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: every DRF view under /api/ except Wagtail's
    own API v2 (described by Wagtail) and the schema itself. New endpoints appear
    in the schema as soon as they are routed."""
    excluded = ("/api/v2/", "/api/schema/")
    return [
        endpoint
        for endpoint in endpoints
        if endpoint[0].startswith("/api/") and not endpoint[0].startswith(excluded)
    ]
