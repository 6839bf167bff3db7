"""Operations of the site shell that change state."""

from urllib.parse import urlsplit

from wagtail.models import Site

from ocop.pages import site_url

DEFAULT_PORTS = {"http": 80, "https": 443}


def configured_host_and_port():
    """(hostname, port) of the configured site address, as Wagtail's Site record holds them."""
    parts = urlsplit(site_url())
    return parts.hostname or "localhost", parts.port or DEFAULT_PORTS.get(parts.scheme, 80)


def sync_default_site(**_signal_kwargs):
    """Give the default Site record the configured address (run after every migrate).

    Page models add ``ConfiguredAddress`` and so never read the record's host; plain
    ``Page`` objects (a parent in the API, a menu item) and Wagtail's own admin do,
    so the record is kept equal to the one source, ``WAGTAILADMIN_BASE_URL``.
    """
    hostname, port = configured_host_and_port()
    return (
        Site.objects.filter(is_default_site=True)
        .exclude(hostname=hostname, port=port)
        .update(hostname=hostname, port=port)
    )
