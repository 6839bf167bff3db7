"""The contact page: its form e-mails the team, is rate-limited per visitor through
ocop.shared_state, and answers hostile input with a 4xx, never a 500."""

import pytest
from django.core import mail
from django.test import Client

from cms.models import ContactPage, SiteSettings
from cms.services import contact_limit_key
from ocop import shared_state

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Nguyễn Thị Lan",
    "email": "lan@example.com",
    "phone": "0912 345 678",
    "topic": "return",
    "order_number": "OCOP-2026-0042",
    "message": "Chai nước mắm bị vỡ khi giao, tôi muốn đổi chai khác.",
    "website": "",
}


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.fixture
def contact(home_page, settings):
    settings.CONTACT_MESSAGES_PER_CLIENT_PER_HOUR = 2
    page = home_page.add_child(instance=ContactPage(title="Liên hệ", slug="lien-he"))
    page.save_revision().publish()
    shared_state.default_cache.clear()
    return page


def test_a_message_is_e_mailed_to_the_site_contact_address(client, contact, home_page):
    site_settings = SiteSettings.for_site(contact.get_site())
    site_settings.contact_email = "hotro@cho-ocop.vn"
    site_settings.save()

    response = client.post(contact.url, GOOD)

    assert response.status_code == 302 and response["Location"].endswith("?da-gui=1")
    (message,) = mail.outbox
    assert message.to == ["hotro@cho-ocop.vn"]
    assert message.reply_to == ["lan@example.com"]
    assert "Đổi trả, hoàn tiền" in message.subject
    assert "OCOP-2026-0042" in message.body and "Chai nước mắm bị vỡ" in message.body
    assert "Cảm ơn bạn" in client.get(response["Location"]).content.decode()


def test_messages_are_limited_per_client(client, contact):
    for _ in range(2):
        assert client.post(contact.url, GOOD).status_code == 302
    refused = client.post(contact.url, GOOD)
    assert refused.status_code == 429
    assert "nhiều tin nhắn" in refused.content.decode()
    assert len(mail.outbox) == 2
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post(contact.url, GOOD).status_code == 302


def test_a_message_the_mail_server_refused_is_not_counted(client, contact, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    response = client.post(contact.url, GOOD)
    assert response.status_code == 503
    assert "Chưa gửi được" in response.content.decode()
    assert shared_state.count(contact_limit_key("127.0.0.1")) == 0


def test_the_honeypot_sends_nothing(client, contact):
    response = client.post(contact.url, {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.parametrize(
    "changes",
    [
        {"email": "lan@example.com\r\nBcc: all@example.com"},
        {"email": "x" * 300 + "@example.com"},
        {"name": ""},
        {"topic": "<script>"},
        {"message": "ngắn"},
        {"message": "x" * 5000},
        {"phone": "gọi tôi"},
        {"name": "Lan\r\nSubject: spam"},
    ],
)
def test_hostile_or_bad_input_is_a_form_error(client, contact, changes):
    response = client.post(contact.url, {**GOOD, **changes})
    assert response.status_code == 400
    assert mail.outbox == []
    assert 'class="errorlist' in response.content.decode()


def test_the_page_shows_the_form(client, contact):
    html = client.get(contact.url).content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<label for="id_message">' in html
