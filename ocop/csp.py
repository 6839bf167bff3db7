"""The Content-Security-Policy header (django-csp), with the Wagtail admin widened.

Public pages get settings.CONTENT_SECURITY_POLICY as it is. The Wagtail admin
still writes inline scripts and styles (and shows images from blob: previews),
so its pages allow them; they are served only to signed-in staff.
"""

from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"
ADMIN_ADDITIONS = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            parts.update = {**ADMIN_ADDITIONS, **(parts.update or {})}
        return parts
