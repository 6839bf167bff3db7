"""The permission matrix: each role × each kind of admin URL × own / another producer's
object gives the expected allow or refusal, and a refusal never names the object.

Roles: superuser, officer ("Cán bộ OCOP tỉnh"), editor ("Biên tập viên") and a
producer user (Hải Toàn). "own" is Hải Toàn's rice, "other" is Vĩ Khê's bonsai (and its
producer, tour and departures). A refusal is Wagtail's "permission denied" (a redirect
to the admin home with a message), a 403 or a 404; a listing "allow" for the producer
must not name anything of Vĩ Khê's.
"""

import io
import json
import shutil
import subprocess

import pytest
from django.urls import reverse

from tests.conftest import make_home_page
from tests.marketplace.builders import build_market
from tests.portal.conftest import make_users
from tests.shared_data import data_for_the_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def market_and_users(django_db_setup, django_db_blocker):
    """The portal's market and users (tests/portal/conftest.py), made once for the module
    (tests/shared_data.py): what a test writes is rolled back after it."""

    def make():
        market = build_market(make_home_page())
        return market, make_users(market)

    with data_for_the_module(django_db_blocker, make) as made:
        yield made


@pytest.fixture
def market(market_and_users, db):
    return market_and_users[0]


@pytest.fixture
def users(market_and_users, db):
    return market_and_users[1]


ALLOW, DENY = "allow", "deny"
# Text that only Vĩ Khê's objects carry.
FOREIGN = ("Cây cảnh Vĩ Khê", "HTX Vĩ Khê")


def text_of(response):
    """The text a person would read in the response: HTML, JSON, CSV, XLSX or PDF."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    if "spreadsheetml" in content_type:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
        return "\n".join(
            " ".join(str(cell) for cell in row if cell is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    if content_type == "application/pdf":
        if shutil.which("pdftotext") is None:
            pytest.skip("pdftotext (poppler-utils) is not installed")
        return subprocess.run(
            ["pdftotext", "-", "-"], input=raw, check=True, capture_output=True
        ).stdout.decode()
    body = raw.decode()
    if content_type.startswith("application/json"):
        return json.dumps(json.loads(body), ensure_ascii=False)
    return body


def is_denied(response):
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response["Location"].rstrip("/") == "/admin"


def objects(market):
    rice, bonsai = market["rice"], market["bonsai"]
    return {
        "own": {
            "page": rice,
            "product": rice.product,
            "producer": market["hai_toan"],
            "variant": rice.variants.first(),
        },
        "other": {
            "page": bonsai,
            "product": bonsai.product,
            "producer": market["vi_khe"],
            "variant": bonsai.variants.first(),
        },
    }


def index_of(market):
    return market["rice"].get_parent()


# (kind, url builder(objects, index)) for the object-level URLs.
OBJECT_URLS = {
    "page edit": lambda o, i: reverse("wagtailadmin_pages:edit", args=[o["page"].pk]),
    "page delete": lambda o, i: reverse("wagtailadmin_pages:delete", args=[o["page"].pk]),
    "page history": lambda o, i: reverse("wagtailadmin_pages:history", args=[o["page"].pk]),
    "page move": lambda o, i: reverse("wagtailadmin_pages:move", args=[o["page"].pk]),
    "page unpublish": lambda o, i: reverse("wagtailadmin_pages:unpublish", args=[o["page"].pk]),
    "page preview": lambda o, i: reverse("wagtailadmin_pages:preview_on_edit", args=[o["page"].pk]),
    "page bulk delete": lambda o, i: f"/admin/bulk/wagtailcore/page/delete/?id={o['page'].pk}",
    "page bulk publish": lambda o, i: f"/admin/bulk/wagtailcore/page/publish/?id={o['page'].pk}",
    "page bulk move": lambda o, i: f"/admin/bulk/wagtailcore/page/move/?id={o['page'].pk}",
    "admin API page": lambda o, i: f"/admin/api/main/pages/{o['page'].pk}/",
    "product edit": lambda o, i: f"/admin/snippets/catalog/product/edit/{o['product'].pk}/",
    "product inspect": lambda o, i: f"/admin/snippets/catalog/product/inspect/{o['product'].pk}/",
    "product history": lambda o, i: f"/admin/snippets/catalog/product/history/{o['product'].pk}/",
    "product usage": lambda o, i: f"/admin/snippets/catalog/product/usage/{o['product'].pk}/",
    "product delete": lambda o, i: f"/admin/snippets/catalog/product/delete/{o['product'].pk}/",
    "product bulk delete": lambda o, i: f"/admin/bulk/catalog/product/delete/?id={o['product'].pk}",
    "product chosen": lambda o, i: (
        f"/admin/snippets/choose/catalog/product/chosen/{o['product'].pk}/"
    ),
    "add certification": lambda o, i: reverse(
        "catalog_admin:add_certification", args=[o["product"].pk]
    ),
    "product QR": lambda o, i: reverse("catalog_admin:qr_label", args=[o["product"].pk, "svg"]),
    "page QR": lambda o, i: reverse("catalog_admin:page_qr_label", args=[o["page"].pk, "png"]),
    "producer edit": lambda o, i: f"/admin/snippets/catalog/producer/edit/{o['producer'].pk}/",
    "producer inspect": lambda o, i: (
        f"/admin/snippets/catalog/producer/inspect/{o['producer'].pk}/"
    ),
    "producer chosen": lambda o, i: (
        f"/admin/snippets/choose/catalog/producer/chosen/{o['producer'].pk}/"
    ),
    "price form": lambda o, i: reverse("catalog_admin:set_price", args=[o["variant"].pk]),
    "stock form": lambda o, i: f"/admin/stock/{o['variant'].pk}/",
    "stock history": lambda o, i: f"/admin/stock/{o['variant'].pk}/movements/",
    "payout ledger": lambda o, i: reverse("marketplace_payouts:ledger", args=[o["producer"].pk]),
    "payout statement": lambda o, i: reverse(
        "marketplace_payouts:statement", args=[o["producer"].pk, 2026, 11]
    ),
    "payout statement csv": lambda o, i: reverse(
        "marketplace_payouts:statement_csv", args=[o["producer"].pk, 2026, 11]
    ),
}

STAFF_ONLY = {
    "page move",
    "page unpublish",
    "page bulk publish",
    "page bulk move",
    "product edit",
    "product history",
    "product usage",
    "product delete",
    "product bulk delete",
    "add certification",
    "producer edit",
}
BULK = {"page bulk delete", "page bulk publish", "page bulk move", "product bulk delete"}
# A product with a certification history is never deleted: staff get the reason.
REFUSED_BY_RULE = {"product delete", "product bulk delete"}
PAGE_KINDS = {kind for kind in OBJECT_URLS if kind.startswith("page") or kind == "admin API page"}
# What the producer may do on its own objects (the rest is staff-only).
PRODUCER_OWN = {
    "page edit",
    "page delete",  # Wagtail refuses deleting a live page without publish rights
    "page history",
    "page preview",
    "page bulk delete",
    "admin API page",
    "product inspect",
    "product chosen",
    "product QR",
    "page QR",
    "producer inspect",
    "producer chosen",
    "price form",
    "stock form",
    "stock history",
    "payout ledger",
    "payout statement",
    "payout statement csv",
}


def expected(role, kind, whose):
    if role in ("superuser", "officer"):
        return ALLOW
    if role == "editor":
        # Content pages are theirs; products, producers and product pages are not.
        return DENY
    if whose == "other":
        return DENY
    if kind == "page delete":
        return DENY  # a live page: only with publish rights
    return ALLOW if kind in PRODUCER_OWN else DENY


ROLES = ("superuser", "officer", "editor", "hai_toan")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("whose", ("own", "other"))
def test_object_urls(client, market, users, role, whose):
    client.force_login(users[role])
    target = objects(market)[whose]
    wrong = []
    for kind, build in OBJECT_URLS.items():
        url = build(target, index_of(market))
        response = client.get(url)
        want = expected(role, kind, whose)
        if want == ALLOW:
            ok = response.status_code == 200
            if kind in REFUSED_BY_RULE and response.status_code == 302:
                ok = "/edit/" in response["Location"]  # the reason is shown on the edit view
        else:
            ok = is_denied(response) or (
                # a bulk action on an object the user may see says "no permission"
                kind in BULK
                and response.status_code == 200
                and "permission" in text_of(response)
                and (role != "hai_toan" or whose == "own")
            )
            if ok and response.status_code == 200 and role == "hai_toan":
                ok = not any(text in text_of(response) for text in FOREIGN)
        if not ok:
            wrong.append((kind, url, want, response.status_code, response.get("Location")))
    assert not wrong, "\n".join(map(str, wrong))


def listing_urls(market):
    index = index_of(market)
    return {
        "explorer": reverse("wagtailadmin_explore", args=[index.pk]),
        "explorer search": reverse("wagtailadmin_explore", args=[index.pk]) + "?q=c",
        "page search": "/admin/pages/search/?q=c",
        "page chooser": f"/admin/choose-page/{index.pk}/",
        "page chooser search": "/admin/choose-page/search/?q=c",
        "admin API children": f"/admin/api/main/pages/?child_of={index.pk}",
        "admin API search": "/admin/api/main/pages/?search=c",
        "products": "/admin/snippets/catalog/product/",
        "products search": "/admin/snippets/catalog/product/?q=c",
        "products export": "/admin/snippets/catalog/product/?export=csv",
        "product chooser": "/admin/snippets/choose/catalog/product/",
        "product chooser search": "/admin/snippets/choose/catalog/product/results/?q=c",
        "producers": "/admin/snippets/catalog/producer/",
        "producer chooser": "/admin/snippets/choose/catalog/producer/",
        "stock": "/admin/stock/",
        "stock export": "/admin/stock/?export=csv",
        "sub-orders": "/admin/orders/",
        "sub-orders export": "/admin/orders/?export=csv",
        "sub-orders export xlsx": "/admin/orders/?export=xlsx",
        "whole orders": "/admin/orders/all/",
        "label sheet (all own)": reverse("catalog_admin:qr_label_sheet"),
        "departures": "/admin/tours/departures/",
        "bookings": "/admin/tours/bookings/",
        "site history": reverse("wagtailadmin_reports:site_history"),
        "aging pages": "/admin/reports/aging-pages/",
        "workflow report": "/admin/reports/workflow/",
        "workflow tasks report": "/admin/reports/workflow_tasks/",
        "page types usage": "/admin/reports/page-types-usage/",
        "locked pages": "/admin/reports/locked/",
        "admin home": "/admin/",
        "prices": reverse("catalog_admin:prices"),
        "certificates": reverse("catalog_admin:certificates"),
        "invitation form": reverse("catalog_admin:invite"),
        "users": "/admin/users/",
        "payout ledgers": reverse("marketplace_payouts:index"),
        "province reports": reverse("province_reports:dashboard"),
        "province report csv": reverse(
            "province_reports:export", args=["sales_by_producer", "csv"]
        ),
        "province report xlsx": reverse(
            "province_reports:export", args=["certified_by_province", "xlsx"]
        ),
        "fair applications": "/admin/fairs/participants/",
        "fair application form": "/admin/fairs/participants/new/",
        "fair offers": "/admin/fairs/offers/",
        "fair reports": "/admin/fairs/reports/",
        "fair reports export": "/admin/fairs/reports/?report=offer&export=csv",
        "livestreams hosted": "/admin/fairs/livestreams/",
    }


def vi_khe_at_a_fair(market):
    """Vĩ Khê takes part in a fair with an offer and hosts a livestream of its bonsai."""
    from django.utils import timezone

    from fairs.models import FairParticipant, LivestreamProduct
    from tests.fairs.builders import make_fair, make_livestream, make_offer

    now = timezone.now()
    home = market["rice"].get_parent().get_parent()
    fair = make_fair(home, now, now + timezone.timedelta(days=3), slug="hoi-cho-ma-tran")
    FairParticipant.objects.create(campaign=fair, producer=market["vi_khe"], status="approved")
    make_offer(market["bonsai"].variants.first(), campaign=fair)
    live = make_livestream(home, now, now + timezone.timedelta(hours=1), slug="live-ma-tran")
    live.host_producer = market["vi_khe"]
    live.save()
    LivestreamProduct.objects.create(page=live, product=market["bonsai"])


def test_producer_listings_name_nothing_of_another_producer(client, market, users, django_db_setup):
    """Every listing, search, chooser, export, report and the admin API, as Hải Toàn."""
    bonsai = market["bonsai"]
    bonsai.title = "Cây cảnh Vĩ Khê (bản nháp)"
    bonsai.save_revision(user=users["vi_khe"], log_action=True)  # in the site history
    from wagtail.log_actions import log

    log(instance=bonsai.product, action="wagtail.edit", user=users["officer"])
    log(instance=market["vi_khe"], action="wagtail.edit", user=users["officer"])
    vi_khe_at_a_fair(market)
    client.force_login(users["hai_toan"])
    leaks = []
    for kind, url in listing_urls(market).items():
        response = client.get(url)
        if response.status_code == 200:
            body = text_of(response)
            named = [text for text in FOREIGN if text in body]
            if named:
                leaks.append((kind, url, named))
        elif not is_denied(response):
            leaks.append((kind, url, response.status_code))
    assert not leaks, "\n".join(map(str, leaks))


def test_producer_listings_show_its_own(client, market, users):
    client.force_login(users["hai_toan"])
    urls = listing_urls(market)
    for kind in ("explorer", "products", "product chooser", "producers", "stock"):
        response = client.get(urls[kind])
        assert response.status_code == 200, kind
        assert "Gạo tám" in text_of(response) or "HTX Hải Toàn" in text_of(response), kind


def test_officer_listings_show_every_producer(client, market, users):
    client.force_login(users["officer"])
    urls = listing_urls(market)
    for kind in ("explorer", "products", "product chooser", "producers", "stock"):
        body = text_of(client.get(urls[kind]))
        assert "Vĩ Khê" in body and ("Hải Toàn" in body or "Gạo tám" in body), kind


def test_public_api_shows_live_content_only(client, market, users):
    """/api/v2/ is public: it serves what the site shows, never a draft in moderation."""
    from tests.portal.pages import product_page_form

    rice = market["rice"]
    client.force_login(users["hai_toan"])
    edit = reverse("wagtailadmin_pages:edit", args=[rice.pk])
    form = product_page_form(rice, summary="Bản nháp bí mật chờ duyệt")
    assert client.post(edit, form | {"action-submit": "submit"}).status_code == 302
    client.logout()
    response = client.get(f"/api/v2/pages/{rice.pk}/")
    assert response.status_code == 200
    assert "Bản nháp bí mật" not in text_of(response)
    listing = client.get("/api/v2/pages/", {"type": "catalog.ProductPage", "fields": "summary"})
    assert "Bản nháp bí mật" not in text_of(listing)


def test_the_leak_scanner_sees_foreign_names_where_an_officer_may(client, market, users):
    """A control: the same scan, as an officer, finds Vĩ Khê's names (HTML, CSV, PDF)."""
    client.force_login(users["officer"])
    urls = listing_urls(market)
    vi_khe_at_a_fair(market)
    for kind in (
        "products",
        "stock export",
        "label sheet (all own)",
        "admin API children",
        "fair applications",
        "fair offers",
        "livestreams hosted",
    ):
        body = text_of(client.get(urls[kind]))
        assert any(text in body for text in FOREIGN), kind


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("superuser", True),
        ("officer", True),
        ("vi_khe", True),
        ("hai_toan", False),
        ("editor", False),
    ],
)
def test_departures_and_bookings_of_a_tour(client, market, users, role, allowed):
    """The tour's operator (Vĩ Khê) and the staff; nobody else, not even by guessed id."""
    departure = market["departure"]
    client.force_login(users[role])
    urls = [
        reverse("tour_departures:edit", args=[departure.pk]),
        reverse("tour_departures:delete", args=[departure.pk]),
    ]
    # Departures have no bulk actions at all (a ModelViewSet): a 404 for everyone.
    assert client.get(f"/admin/bulk/tours/departure/delete/?id={departure.pk}").status_code == 404
    for url in urls:
        response = client.get(url)
        if allowed:
            assert response.status_code == 200, url
        else:
            assert is_denied(response) or (
                response.status_code == 200 and market["tour"].title not in text_of(response)
            ), url
    listing = text_of(client.get(reverse("tour_departures:index")))
    assert (market["tour"].title in listing) == allowed or not allowed


# --- Payout ledgers and the province's reports -----------------------------------------


def test_a_producer_reaches_its_own_ledger_only_and_no_province_report(client, market, users):
    """Hải Toàn: its ledger and statements; never Vĩ Khê's (404, by id or by listing), never
    the province's dashboard or its exports, never a payout or a reversal."""
    from marketplace.models import PayoutEntry
    from marketplace.services import payouts

    vi_khe, hai_toan = market["vi_khe"], market["hai_toan"]
    for producer, amount in ((vi_khe, 420_000), (hai_toan, 150_000)):
        PayoutEntry.objects.create(
            producer=producer, kind="sale", amount=amount, event_key=f"test:{producer.pk}"
        )
    payout = payouts.record_payout(
        vi_khe, amount=100_000, bank_reference="VCB-VIKHE-1", user=users["officer"]
    )
    client.force_login(users["hai_toan"])
    own = client.get(reverse("marketplace_payouts:ledger", args=[hai_toan.pk]))
    assert own.status_code == 200 and "150.000" in text_of(own)
    index = text_of(client.get(reverse("marketplace_payouts:index")))
    assert "HTX Hải Toàn" in index and "HTX Vĩ Khê" not in index
    refused = [
        client.get(reverse("marketplace_payouts:ledger", args=[vi_khe.pk])),
        client.get(reverse("marketplace_payouts:statement", args=[vi_khe.pk, 2026, 11])),
        client.get(reverse("marketplace_payouts:statement_csv", args=[vi_khe.pk, 2026, 11])),
        client.get(reverse("province_reports:dashboard")),
        client.get(reverse("province_reports:export", args=["sales_by_producer", "csv"])),
        client.post(
            reverse("marketplace_payouts:record_payout", args=[hai_toan.pk]),
            {"amount": 1, "bank_reference": "X"},
        ),
        client.post(reverse("marketplace_payouts:reverse", args=[payout.pk]), {"reason": "x"}),
    ]
    assert all(is_denied(response) for response in refused), [r.status_code for r in refused]
    assert payouts.balance(vi_khe) == 320_000 and payouts.balance(hai_toan) == 150_000


@pytest.mark.parametrize(
    ("role", "reports", "ledgers"),
    [
        ("superuser", True, True),
        ("officer", True, True),
        ("editor", False, False),
        ("hai_toan", False, True),
    ],
)
def test_who_reads_the_province_reports_and_the_ledgers(
    client, market, users, role, reports, ledgers
):
    client.force_login(users[role])
    dashboard = client.get(reverse("province_reports:dashboard"))
    assert (dashboard.status_code == 200) == reports and (reports or is_denied(dashboard))
    index = client.get(reverse("marketplace_payouts:index"))
    assert (index.status_code == 200) == ledgers and (ledgers or is_denied(index))


def test_an_officer_records_and_reverses_a_payout_in_the_admin(client, market, users):
    from marketplace.models import EntryKind, PayoutEntry
    from marketplace.services import payouts

    vi_khe = market["vi_khe"]
    PayoutEntry.objects.create(producer=vi_khe, kind="sale", amount=500_000, event_key="test:1")
    client.force_login(users["officer"])
    url = reverse("marketplace_payouts:record_payout", args=[vi_khe.pk])
    refused = client.post(url, {"amount": 600_000, "bank_reference": "VCB-1"})
    assert refused.status_code == 400 and "lớn hơn" in text_of(refused)
    assert client.post(url, {"amount": "abc", "bank_reference": ""}).status_code == 400
    assert client.post(url, {"amount": 200_000, "bank_reference": "VCB-1"}).status_code == 302
    assert payouts.balance(vi_khe) == 300_000
    payout = PayoutEntry.objects.get(kind=EntryKind.PAYOUT)
    reverse_url = reverse("marketplace_payouts:reverse", args=[payout.pk])
    assert client.post(reverse_url, {"reason": "Nhầm"}).status_code == 302
    assert client.post(reverse_url, {"reason": "Nhầm lần nữa"}).status_code == 302
    assert PayoutEntry.objects.filter(kind=EntryKind.REVERSAL).count() == 1
    assert payouts.balance(vi_khe) == 500_000
    from django.utils import timezone

    month = timezone.localtime(payout.created_at)  # statements are by local month
    statement = client.get(
        reverse("marketplace_payouts:statement_csv", args=[vi_khe.pk, month.year, month.month])
    )
    body = statement.content.decode("utf-8-sig")
    assert "VCB-1" in body and "-200000" in body and body.strip().endswith("500000")
