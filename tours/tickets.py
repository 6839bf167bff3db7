"""The e-ticket: its address, its QR code and the confirmation e-mail."""

import io
from email.mime.image import MIMEImage

import segno
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


def ticket_path(booking):
    return reverse("tours:ticket", kwargs={"token": booking.token})


def ticket_url(booking):
    """Absolute address of the ticket page: what the QR code holds."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + ticket_path(booking)


def qr_png(booking, scale=8):
    buffer = io.BytesIO()
    segno.make(ticket_url(booking), error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_filename(booking):
    return f"ve-{booking.code}.png"


def send_confirmation(booking):
    """E-mail the visitor their booking: text and HTML, the QR code attached as a PNG."""
    with translation.override(booking.language):
        context = {
            "booking": booking,
            "departure": booking.departure,
            "tour": booking.departure.tour,
            "ticket_url": ticket_url(booking),
            "qr_cid": f"qr-{booking.code}",
        }
        subject = _("Vé tour %(code)s: %(tour)s") % {
            "code": booking.code,
            "tour": booking.departure.tour.title,
        }
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("tours/email/booking_confirmation.txt", context),
            to=[booking.email],
        )
        message.attach_alternative(
            render_to_string("tours/email/booking_confirmation.html", context), "text/html"
        )
    image = MIMEImage(qr_png(booking), "png")
    image.add_header("Content-ID", f"<{context['qr_cid']}>")
    image.add_header("Content-Disposition", "inline", filename=qr_filename(booking))
    message.attach(image)
    message.send()


def send_departure_cancelled(booking):
    """Tell the visitor the operator called their departure off (plain text)."""
    with translation.override(booking.language):
        context = {
            "booking": booking,
            "departure": booking.departure,
            "tour": booking.departure.tour,
            "ticket_url": ticket_url(booking),
        }
        subject = _("Lịch khởi hành đã bị hủy: %(tour)s (%(code)s)") % {
            "code": booking.code,
            "tour": booking.departure.tour.title,
        }
        body = render_to_string("tours/email/departure_cancelled.txt", context)
    EmailMultiAlternatives(subject=subject, body=body, to=[booking.email]).send()
