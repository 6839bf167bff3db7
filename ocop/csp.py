"""The Content-Security-Policy header (django-csp), with the Wagtail admin widened.

Public pages get settings.CONTENT_SECURITY_POLICY as it is, except that a
livestream page may frame the players of the three known stream hosts. The Wagtail admin
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


# The livestream players fairs.embeds builds (and nothing else) may be framed, on the
# pages that show one: see allow_stream_players.
STREAM_PLAYER_ORIGINS = [
    "https://www.youtube-nocookie.com",
    "https://www.facebook.com",
    "https://www.tiktok.com",
]


def allow_stream_players(response):
    """Let this response frame the livestream players (frame-src, added to the policy)."""
    update = dict(getattr(response, "_csp_update", None) or {})
    update["frame-src"] = [*update.get("frame-src", []), *STREAM_PLAYER_ORIGINS]
    response._csp_update = update
    return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            parts.update = {**ADMIN_ADDITIONS, **(parts.update or {})}
        return parts
