"""Officers invite producer users by e-mail; the invited user sets its own password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from catalog import roles

pytestmark = pytest.mark.django_db

INVITE = "/admin/ocop-catalog/invite/"


def test_officer_invites_and_the_user_sets_a_password(
    client, market, users, django_capture_on_commit_callbacks
):
    client.force_login(users["officer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            INVITE, {"email": "Lan@HTX-HaiToan.vn", "producer": market["hai_toan"].pk}
        )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="lan@htx-haitoan.vn")
    assert not user.has_usable_password()
    assert user.groups.filter(name=roles.PRODUCER_GROUP).exists()
    assert list(user.producers.all()) == [market["hai_toan"]]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lan@htx-haitoan.vn"]
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]

    client.logout()
    response = client.get(path, follow=True)  # Django swaps the token for a session key
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    password = "Gao-tam-thom-2026!"
    response = client.post(form_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(password)
    # The link works once.
    client.logout()
    response = client.get(path, follow=True)
    assert "new_password1" not in response.content.decode()
    response = client.post(
        "/admin/login/", {"username": "lan@htx-haitoan.vn", "password": password}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_producers_and_editors_cannot_invite_or_add_users(client, market, users):
    for role in ("hai_toan", "editor"):
        client.force_login(users[role])
        response = client.post(INVITE, {"email": "x@example.vn", "producer": market["hai_toan"].pk})
        assert (
            response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/"
        )
        for url in ("/admin/users/", "/admin/users/new/", "/admin/groups/"):
            response = client.get(url)
            assert response.status_code in (302, 403, 404), (role, url)
        edit = f"/admin/snippets/catalog/producer/edit/{market['hai_toan'].pk}/"
        client.post(edit, {"name": "HTX Hải Toàn", "users": [users["editor"].pk]})
    assert not get_user_model().objects.filter(email="x@example.vn").exists()
    assert list(market["hai_toan"].users.all()) == [users["hai_toan"]]


def test_bad_invitations_are_form_errors(client, market, users):
    client.force_login(users["officer"])
    for data in (
        {"email": "not-an-email", "producer": market["hai_toan"].pk},
        {"email": "a@b.vn", "producer": 999999},
        {"email": "canbo@example.vn", "producer": market["hai_toan"].pk},  # an officer
    ):
        response = client.post(INVITE, data)
        assert response.status_code == 200, data
    assert not users["officer"].producers.exists()
    assert mail.outbox == []
