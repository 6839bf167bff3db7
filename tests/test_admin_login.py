"""Sign-in is throttled (django-axes) and Django's own admin is not mounted (issue 13, item 6)."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "đúng-mật-khẩu-2026"


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("bientap", "bt@example.vn", PASSWORD)


def sign_in(client, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": "bientap", "password": password}, REMOTE_ADDR=address)


def test_fifteen_wrong_passwords_lock_the_right_one_out(client, editor):
    for _attempt in range(15):
        sign_in(client, "sai")
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still sent to the sign-in page


def test_a_few_mistakes_do_not_lock_anyone_out(client, editor):
    for _attempt in range(3):
        assert sign_in(client, "sai").status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_lockout_is_per_client_address(client, editor):
    for _attempt in range(6):
        sign_in(client, "sai", address="198.51.100.1")
    assert sign_in(client, PASSWORD, address="198.51.100.2").status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_lockout(client, editor):
    for attempt in range(6):
        client.post(
            LOGIN,
            {"username": "bientap", "password": "sai"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}",
        )
    assert sign_in(client, PASSWORD).status_code == 429


def test_django_admin_is_not_mounted(admin_client):
    assert admin_client.get("/django-admin/").status_code == 404
