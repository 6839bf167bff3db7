"""Small helpers every app's views share: where a form may send the visitor back, and
answers that must not be cached."""

from django.utils.http import url_has_allowed_host_and_scheme


def same_site_path(request, target):
    """``target`` when it is a path on this site, else "" (never another site, a scheme,
    ``//host`` or ``/\\host``, or a NUL)."""
    target = str(target or "")
    if not (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and "\x00" not in target
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return ""
    return target


def private(response):
    """A page for one visitor only (a cart, an order, an account): never cached."""
    response["Cache-Control"] = "private, no-store"
    return response
