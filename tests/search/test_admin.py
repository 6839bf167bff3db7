"""Editors: the query report, and Wagtail's own admin search without accents."""

import pytest
from django.contrib.auth.models import User

from search import services


@pytest.fixture
def admin_client(client, db):
    user = User.objects.create_superuser("editor", "editor@example.vn", "pw")
    client.force_login(user)
    return client


def test_report_of_frequent_and_zero_hit_queries(admin_client, world):
    for text in ["Bánh gai", "banh gai", "BANH GAI", "mat ong", "bánh chưng"]:
        page = services.search(services.parse({"q": text}))
        services.log_query(text, page.total)
    report = services.query_report()
    assert [(row["query"], row["searches"]) for row in report["frequent"]] == [
        ("banh gai", 3),
        ("banh chung", 1),
        ("mat ong", 1),
    ]
    assert [(row["query"], row["zero_hits"]) for row in report["zero_hits"]] == [("banh chung", 1)]
    html = admin_client.get("/admin/search/queries/").content.decode()
    assert "banh gai" in html and "banh chung" in html


def test_the_report_is_for_editors_only(client, world):
    user = User.objects.create_user("shopper", password="pw")
    client.force_login(user)
    assert client.get("/admin/search/queries/").status_code in (302, 403)


@pytest.mark.parametrize("text", ["banh gai", "BÁNH GÀI"])
def test_admin_page_search_ignores_accents(admin_client, world, text):
    html = admin_client.get("/admin/pages/search/", {"q": text}).content.decode()
    assert "Bánh gai Ninh Giang" in html


@pytest.mark.postgres
def test_admin_search_folds_d_with_stroke_on_postgresql(admin_client, world):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's FTS5 drops marks but keeps đ (a letter of its own)")
    html = admin_client.get("/admin/pages/search/", {"q": "dau phu"}).content.decode()
    assert "Đậu phụ Mơ" in html
