"""Hostile input to the portal's own URLs gives a 4xx, never a 500."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


@pytest.mark.parametrize("role", ["hai_toan", "officer"])
def test_guessed_and_absurd_ids(client, market, users, role):
    client.force_login(users[role])
    sheet = reverse("catalog_admin:qr_label_sheet")
    for query in (
        {"product": HUGE},
        {"product": "-1"},
        {"product": ["1"] * 5000},
        {"product": "1e3"},
        {"product": ""},
    ):
        response = client.get(sheet, query)
        assert 400 <= response.status_code < 500 or response.status_code == 200, query
    for url in (
        f"/admin/ocop-catalog/prices/{HUGE}/",
        f"/admin/ocop-catalog/products/{HUGE}/qr.png",
        f"/admin/ocop-catalog/pages/{HUGE}/qr.svg",
        f"/admin/snippets/catalog/product/inspect/{HUGE}/",
        f"/admin/snippets/choose/catalog/product/chosen/{HUGE}/",
    ):
        assert client.get(url).status_code in (302, 400, 403, 404), url
    variant = market["rice"].variants.first()
    url = reverse("catalog_admin:set_price", args=[variant.pk])
    for data in ({"price": HUGE, "expected": variant.price}, {"price": "1", "expected": HUGE}, {}):
        assert client.post(url, data).status_code == 200  # the form again, with errors
    invite = reverse("catalog_admin:invite")
    response = client.post(invite, {"email": "a@b.vn", "producer": HUGE})
    assert response.status_code in (200, 302)
