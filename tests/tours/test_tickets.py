"""The e-ticket: its QR code leads to the ticket page; the e-mail carries it."""

import io
from email.mime.image import MIMEImage

import pytest
import zxingcpp
from django.core import mail
from PIL import Image

from tours import services, tickets

from .builders import make_departure

pytestmark = pytest.mark.django_db


def decode_qr(png_bytes):
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png_bytes)).convert("L"))
    return [result.text for result in results]


@pytest.fixture
def booking(tour, django_capture_on_commit_callbacks):
    hold = services.hold_seats(make_departure(tour).pk, adults=2, children=1)
    contact = services.Contact(name="Lê Thu", phone="0901234567", email="thu@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        return services.confirm_hold(hold.pk, contact, language="vi")


def test_ticket_url_is_absolute_and_unguessable(booking):
    url = tickets.ticket_url(booking)
    assert url == f"http://testserver/ve-tour/{booking.token}/"
    assert booking.code not in url and len(booking.token) >= 24


def test_qr_on_the_ticket_page_decodes_to_the_ticket_url(client, booking):
    response = client.get(f"/ve-tour/{booking.token}/qr.png")
    assert response["Content-Type"] == "image/png"
    assert decode_qr(response.content) == [tickets.ticket_url(booking)]


def test_confirmation_email_has_text_html_and_the_qr_png(booking):
    [email] = mail.outbox
    assert email.to == ["thu@example.vn"]
    assert booking.code in email.subject
    assert tickets.ticket_url(booking) in email.body
    assert "900.000\xa0₫" in email.body  # 2 adults × 350.000 + 1 child × 200.000
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    assert f'src="cid:qr-{booking.code}"' in html and booking.code in html
    [attachment] = email.attachments
    assert isinstance(attachment, MIMEImage)
    assert attachment.get_filename() == f"ve-{booking.code}.png"
    assert attachment["Content-ID"] == f"<qr-{booking.code}>"
    assert decode_qr(attachment.get_payload(decode=True)) == [tickets.ticket_url(booking)]


def test_email_is_in_the_language_of_the_booking(tour, django_capture_on_commit_callbacks):
    hold = services.hold_seats(make_departure(tour).pk, adults=1)
    contact = services.Contact(name="Anna", phone="+33 6 12 34 56 78", email="anna@example.fr")
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.confirm_hold(hold.pk, contact, language="en")
    [email] = mail.outbox
    assert email.subject.startswith(f"Tour ticket {booking.code}")
    assert "Your booking" in email.body


def test_a_failing_mail_server_does_not_undo_the_booking(
    tour, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.tours.test_tickets.BrokenBackend"
    hold = services.hold_seats(make_departure(tour).pk, adults=1)
    contact = services.Contact(name="An", phone="0912345678", email="an@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.confirm_hold(hold.pk, contact)
    booking.refresh_from_db()
    assert booking.status == "confirmed"


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no SMTP server")
