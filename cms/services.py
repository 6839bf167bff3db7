"""Operations of the site shell: the Site record's address, the contact form's e-mail."""

import hashlib
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from wagtail.models import Site

from ocop import shared_state
from ocop.pages import site_url

logger = logging.getLogger(__name__)

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


# --- The contact form ------------------------------------------------------------------


class ContactRefused(Exception):
    """The message was not sent; ``str(error)`` says why, for the visitor."""


class TooManyMessages(ContactRefused):
    pass


def contact_recipients(site=None):
    """Where contact messages go: the site settings' e-mail, else ``CONTACT_EMAIL``."""
    from cms.models import SiteSettings

    site = site or Site.objects.filter(is_default_site=True).first()
    address = SiteSettings.for_site(site).contact_email if site else ""
    return [address or settings.CONTACT_EMAIL]


def contact_limit_key(client):
    digest = hashlib.sha256(str(client).encode()).hexdigest()[:32]
    return f"contact:messages:{digest}"


def send_contact_message(data, client, site=None):
    """E-mail a visitor's message to the site's team, at most
    ``CONTACT_MESSAGES_PER_CLIENT_PER_HOUR`` per client address (counted atomically in
    ocop.shared_state). A message the mail server refused is not counted."""
    key = contact_limit_key(client)
    if not shared_state.take(key, settings.CONTACT_MESSAGES_PER_CLIENT_PER_HOUR, 3600):
        raise TooManyMessages(
            _("Bạn đã gửi nhiều tin nhắn trong giờ qua. Xin thử lại sau, hoặc gọi đường dây nóng.")
        )
    message = EmailMessage(
        subject=_("[Chợ OCOP] Liên hệ: %(topic)s") % {"topic": data["topic_label"]},
        body=render_to_string("cms/email/contact.txt", {**data, "site_url": site_url()}),
        to=contact_recipients(site),
        reply_to=[data["email"]],
    )
    try:
        message.send()
    except Exception as error:
        shared_state.give_back(key)
        logger.exception("Contact message could not be sent")
        raise ContactRefused(
            _("Chưa gửi được tin nhắn. Vui lòng thử lại sau ít phút hoặc gọi đường dây nóng.")
        ) from error
