"""Livestream pages: status from the times, embeds only for known hosts, the .ics file,
"remind me" sent once, the state JSON, "now showing", buying without leaving the page."""

import re
from datetime import UTC, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from fairs.embeds import embed_for, safe_link
from fairs.models import LivestreamReminder, LivestreamState
from fairs.services import livestreams, reminders
from fairs.tasks import send_livestream_reminders
from fairs.templatetags.fairs_tags import next_livestream
from tests.marketplace.builders import first_variant

from .builders import approve, around_now, make_fair, make_livestream, make_offer, vn

pytestmark = pytest.mark.django_db

SECOND = timedelta(seconds=1)


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        (vn(2026, 12, 12, 19, 59, 59), "upcoming"),
        (vn(2026, 12, 12, 20, 0, 0), "live"),
        (vn(2026, 12, 12, 21, 0, 0), "live"),
        (vn(2026, 12, 12, 21, 0, 1), "ended"),
    ],
)
def test_status_comes_from_the_times(home_page, moment, status):
    live = make_livestream(home_page, vn(2026, 12, 12, 20, 0, 0), vn(2026, 12, 12, 21, 0, 0))
    assert live.status(moment) == status


# --- Embeds ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "platform", "src"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=30",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube.com/live/dQw4w9WgXcQ?si=x",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://www.facebook.com/ocopninhbinh/videos/1234567890/",
            "facebook",
            "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2F"
            "ocopninhbinh%2Fvideos%2F1234567890%2F&show_text=false",
        ),
        (
            "https://www.tiktok.com/@htx.vikhe/video/7312345678901234567",
            "tiktok",
            "https://www.tiktok.com/embed/v2/7312345678901234567",
        ),
    ],
)
def test_known_hosts_are_embedded_from_the_parts_of_the_url(url, platform, src):
    embed = embed_for(url)
    assert (embed.platform, embed.src) == (platform, src)


@pytest.mark.parametrize(
    "url",
    [
        "https://vimeo.com/123456",  # another host
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",  # look-alike host
        "https://evil.example/www.youtube.com/watch?v=dQw4w9WgXcQ",
        'https://www.youtube.com/watch?v=dQw4w9WgXc"><script>',  # not an 11-character id
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ/../../x",
        "javascript:alert(1)//https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.facebook.com/ocop/videos/12ab/",
        "https://www.tiktok.com/@htx.vikhe/live",  # TikTok lives cannot be embedded
        "ftp://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "",
        "not a url",
    ],
)
def test_other_urls_are_never_embedded(url):
    assert embed_for(url) is None


def test_only_http_links_are_shown():
    assert safe_link("javascript:alert(1)") == ""
    assert safe_link("data:text/html,<script>") == ""
    assert safe_link("https://vimeo.com/1") == "https://vimeo.com/1"


def test_an_unknown_stream_url_is_a_plain_escaped_link_on_the_page(client, home_page):
    hostile = 'https://stream.example/live?a="><script>alert(1)</script>'
    live = make_livestream(home_page, *around_now(), stream_url=hostile)
    body = client.get(live.url).content.decode()
    assert "<iframe" not in body and "<script>alert(1)" not in body
    assert 'href="https://stream.example/live?a=&quot;&gt;&lt;script&gt;' in body


def test_a_known_stream_is_embedded_and_allowed_by_the_csp(client, home_page):
    live = make_livestream(home_page, *around_now())
    response = client.get(live.url)
    assert 'src="https://www.youtube-nocookie.com/embed/abcdefghijk"' in response.content.decode()
    frame_src = re.search(r"frame-src ([^;]+)", response["Content-Security-Policy"]).group(1)
    assert "https://www.youtube-nocookie.com" in frame_src.split()
    # Other pages do not frame the players.
    other = client.get("/")
    assert "youtube" not in other.get("Content-Security-Policy", "")


def test_the_replay_replaces_the_stream_after_the_end(client, home_page):
    now = timezone.now()
    live = make_livestream(
        home_page,
        now - timedelta(hours=3),
        now - timedelta(hours=2),
        replay_url="https://youtu.be/zyxwvutsrqp",
    )
    body = client.get(live.url).content.decode()
    assert "youtube-nocookie.com/embed/zyxwvutsrqp" in body
    assert "abcdefghijk" not in body


# --- Calendar ---------------------------------------------------------------------------


def test_ics_parses_and_has_the_utc_times(client, home_page):
    live = make_livestream(home_page, vn(2026, 12, 12, 20, 0, 0), vn(2026, 12, 12, 21, 30, 0))
    response = client.get(f"{live.url}lich/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    # 20:00 in Vietnam is 13:00 UTC.
    assert event.decoded("dtstart") == vn(2026, 12, 12, 13, 0, 0).replace(tzinfo=UTC)
    assert event.decoded("dtend") == vn(2026, 12, 12, 14, 30, 0).replace(tzinfo=UTC)
    assert event.decoded("dtstart").utcoffset() == timedelta(0)
    assert str(event["summary"]) == live.title
    assert b"DTSTART:20261212T130000Z" in response.content


# --- Reminders --------------------------------------------------------------------------


def test_sending_the_reminders_twice_sends_each_email_once(home_page):
    now = timezone.now()
    soon = make_livestream(home_page, now + timedelta(minutes=20), now + timedelta(hours=1))
    later = make_livestream(
        home_page, now + timedelta(hours=3), now + timedelta(hours=4), slug="sau"
    )
    for email in ("lan@example.vn", "minh@example.vn"):
        reminders.subscribe(soon, email, client="a")
    reminders.subscribe(later, "lan@example.vn", client="a")

    assert send_livestream_reminders() == 2
    assert send_livestream_reminders() == 0
    assert sorted(message.to[0] for message in mail.outbox) == ["lan@example.vn", "minh@example.vn"]
    assert soon.title in mail.outbox[0].subject
    assert LivestreamReminder.objects.filter(livestream=later, sent_at__isnull=True).count() == 1


def test_reminders_are_due_30_minutes_before_the_start(home_page):
    start = vn(2026, 12, 12, 20, 0, 0)
    live = make_livestream(home_page, start, start + timedelta(hours=1))
    LivestreamReminder.objects.create(livestream=live, email="lan@example.vn")
    assert reminders.send_due_reminders(now=start - timedelta(minutes=30) - SECOND) == 0
    assert reminders.send_due_reminders(now=start - timedelta(minutes=30)) == 1
    assert reminders.send_due_reminders(now=start - timedelta(minutes=29)) == 0
    assert len(mail.outbox) == 1


def test_remind_me_form_and_its_limit(client, home_page, settings):
    settings.FAIRS_REMINDERS_PER_CLIENT_PER_HOUR = 2
    now = timezone.now()
    live = make_livestream(home_page, now + timedelta(days=1), now + timedelta(days=1, hours=1))
    url = f"{live.url}nhac-toi/"
    assert client.post(url, {"email": "lan@example.vn"}).status_code == 302
    assert client.post(url, {"email": "LAN@example.vn"}).status_code == 302  # the same address
    assert LivestreamReminder.objects.filter(livestream=live).count() == 1
    response = client.post(url, {"email": "minh@example.vn"}, follow=True)
    assert "quá nhiều lần" in response.content.decode()
    assert not LivestreamReminder.objects.filter(email="minh@example.vn").exists()
    bad = client.post(url, {"email": "không phải e-mail"}, follow=True)
    assert bad.status_code == 200
    assert client.get(url).status_code == 405


# --- State, now showing, buying ------------------------------------------------------------


@pytest.fixture
def live_now(home_page, market):
    live = make_livestream(home_page, *around_now(), pinned=[market["rice"], market["bonsai"]])
    make_offer(first_variant(market["rice"]), livestream=live, price=99_000, limit=5)
    return live


def test_state_json_has_status_now_showing_and_live_prices(client, market, live_now, users):
    livestreams.set_now_showing(live_now, market["rice"].pk, user=users["officer"])
    state = client.get(f"/api/livestreams/{live_now.pk}/state/").json()
    assert state["status"] == "live" and state["now_showing"] == market["rice"].pk
    rice = state["products"][0]["variants"][0]
    assert (rice["price"], rice["regular_price"], rice["stock"]) == (99_000, 150_000, 10)
    assert rice["offer"] is not None
    assert [product["id"] for product in state["products"]] == [
        market["rice"].pk,
        market["bonsai"].pk,
    ]


def test_state_of_an_unknown_or_unpublished_livestream_is_404(client, live_now):
    assert client.get("/api/livestreams/999999/state/").status_code == 404
    assert client.get("/api/livestreams/abc/state/").status_code == 404
    live_now.unpublish()
    assert client.get(f"/api/livestreams/{live_now.pk}/state/").status_code == 404


def test_now_showing_is_switched_by_the_host_only(client, market, live_now, users):
    live_now.host_producer = market["hai_toan"]
    live_now.save()
    url = f"/admin/fairs/livestreams/{live_now.pk}/now-showing/"
    client.force_login(users["vi_khe"])  # another producer
    assert client.get(url).status_code == 404
    client.force_login(users["hai_toan"])
    assert client.post(url, {"product": market["bonsai"].pk}).status_code == 302
    assert LivestreamState.objects.get(livestream=live_now).now_showing == market["bonsai"]
    # Only a pinned product can be shown.
    unpinned = client.post(url, {"product": 999999})
    assert unpinned.status_code == 200
    with pytest.raises(livestreams.LivestreamError):
        livestreams.set_now_showing(live_now, market["rice"].pk, user=users["vi_khe"])


def test_the_pinned_list_buys_without_javascript_and_comes_back(client, market, live_now):
    rice = first_variant(market["rice"])
    page = client.get(live_now.url).content.decode()
    assert "99.000" in page and "<del" in page  # live price, regular struck through
    form = re.search(rf'<form[^>]+data-variant="{rice.pk}".*?</form>', page, re.S).group(0)
    assert 'name="next"' in form and 'name="stay"' in form
    response = client.post(
        "/gio-hang/them/",
        {"variant": rice.pk, "quantity": 1, "next": live_now.url, "stay": "1"},
    )
    assert response.status_code == 302 and response["Location"] == live_now.url
    assert client.get("/api/cart/").json()["lines"][0]["unit_price"] == 99_000


def test_product_page_shows_its_next_livestream_in_one_query(client, home_page, market):
    now = timezone.now()
    make_livestream(
        home_page,
        now + timedelta(days=2),
        now + timedelta(days=2, hours=1),
        pinned=[market["rice"]],
        slug="sau",
        title="Livestream sau",
    )
    make_livestream(
        home_page,
        now + timedelta(days=1),
        now + timedelta(days=1, hours=1),
        pinned=[market["rice"]],
        slug="sap",
        title="Livestream sắp tới",
    )
    assert next_livestream(market["rice"])["livestream"].title == "Livestream sắp tới"
    with CaptureQueriesContext(connection) as queries:  # the schedule is cached now
        context = next_livestream(market["rice"])
    assert len(queries) == 0
    assert context["livestream"].title == "Livestream sắp tới"
    assert "Livestream sắp tới" in client.get(market["rice"].url).content.decode()
    assert next_livestream(market["bonsai"])["livestream"] is None
    # A new pin (or livestream) shows at once: saving it drops the cached schedule.
    sooner = make_livestream(
        home_page,
        now + timedelta(hours=2),
        now + timedelta(hours=3),
        pinned=[market["bonsai"]],
        slug="som",
        title="Livestream sớm",
    )
    assert next_livestream(market["bonsai"])["livestream"].title == "Livestream sớm"
    sooner.unpublish()
    assert next_livestream(market["bonsai"])["livestream"] is None


def test_schedule_lists_upcoming_and_past(client, home_page):
    now = timezone.now()
    make_livestream(
        home_page,
        now + timedelta(days=1),
        now + timedelta(days=1, hours=1),
        slug="a",
        title="Sắp phát A",
    )
    make_livestream(
        home_page,
        now - timedelta(days=2),
        now - timedelta(days=2) + timedelta(hours=1),
        slug="b",
        title="Đã phát B",
    )
    from fairs.models import LivestreamIndexPage

    body = client.get(LivestreamIndexPage.objects.get().url).content.decode()
    assert body.index("Sắp phát A") < body.index("Đã phát B")


def test_fair_page_struck_prices_countdown_and_archive(client, home_page, market):
    now = timezone.now()
    fair = make_fair(home_page, now - timedelta(hours=1), now + timedelta(days=2, hours=3))
    approve(fair, market["hai_toan"], market["rice"])
    make_offer(first_variant(market["rice"]), campaign=fair, price=120_000)
    body = client.get(fair.url).content.decode()
    assert "120.000" in body and "<del" in body and "150.000" in body
    assert "Kết thúc sau" in body and "2 ngày" in body  # countdown written as text
    assert "openstreetmap.org" in body and "A-01" in body

    fair.ends_at = now - timedelta(minutes=1)
    fair.save()
    archive = client.get(fair.url).content.decode()
    assert "Gạo tám" in archive and "150.000" in archive
    assert "120.000" not in archive and "<del" not in archive and "Kết thúc sau" not in archive
    assert "đã kết thúc" in archive
