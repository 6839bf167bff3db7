"""Shopper accounts: sign-up with a verified e-mail, log in and out, password reset,
and the account page with the shopper's own orders and bookings."""

import re
from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail, signing
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from marketplace import services as cart_services
from marketplace.accounts import services
from marketplace.accounts.models import ShopperProfile
from marketplace.models import Order
from marketplace.services import checkout
from tests.catalog.conftest import TODAY, VALID_DECISION
from tests.factories import NINH_BINH, catalog_index, make_product, make_product_page
from tests.tours.builders import make_departure, make_tour
from tours.models import Booking

pytestmark = pytest.mark.django_db

NINH_BINH_WARD = 14464  # Xã Gia Viễn
PASSWORD = "Gom-Bat-Trang-2026"
LAN = "lan.nguyen@example.vn"

SIGN_UP = reverse("accounts:sign_up")
LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")
ACCOUNT = reverse("accounts:account")
RESET = reverse("accounts:password_reset")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Mails per address are counted in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rice(home_page):
    """A purchasable product with stock, on the catalogue's day."""
    with time_machine.travel(TODAY, tick=False):
        catalog_index(home_page).save_revision().publish()
        page = make_product_page(
            home_page,
            make_product(name="Gạo tám", decision_date=VALID_DECISION),
            variants=((150_000, 20),),
        )
        yield page.variants.order_by("sort_order").first()


def place_guest_order(variant, email, *, user=None, quantity=1):
    """An order through the real checkout, from a session cart."""
    session = SessionStore()
    cart_services.add_to_cart(session, variant.pk, quantity)
    details = checkout.Details(
        name="Nguyễn Thị Lan",
        phone="0912 345 678",
        email=email,
        province=NINH_BINH,
        ward=NINH_BINH_WARD,
        street="12 đường Trần Hưng Đạo",
        payment="cod",
    )
    return checkout.place_order(session, details, user=user)


def sign_up(client, email=LAN, password=PASSWORD, name="Nguyễn Thị Lan"):
    return client.post(
        SIGN_UP, {"email": email, "name": name, "password1": password, "password2": password}
    )


def link_in(message, pattern):
    match = re.search(pattern, message.body)
    assert match, message.body
    return match.group(0).replace("http://testserver", "")


def verification_link(message):
    return link_in(message, r"http://testserver/tai-khoan/xac-minh/[^/\s]+/")


def make_shopper(email=LAN, password=PASSWORD, verified=True):
    user = get_user_model().objects.create_user(
        username=email.lower(), email=email, password=password, first_name="Lan"
    )
    ShopperProfile.objects.create(user=user, email_verified_at=timezone.now() if verified else None)
    return user


def logged_in_user(client):
    return client.get(ACCOUNT).wsgi_request.user


# --- Sign-up and verification -----------------------------------------------------------


def test_sign_up_verify_logs_in_and_attaches_earlier_guest_orders(client, rice):
    earlier = place_guest_order(rice, "Lan.Nguyen@Example.vn")
    someone_else = place_guest_order(rice, "hoa@example.vn")

    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:sign_up_done")
    user = get_user_model().objects.get(username=LAN)
    assert user.email == LAN and user.first_name == "Nguyễn Thị Lan"
    assert not user.is_staff and not user.is_superuser and user.has_usable_password()
    assert not services.is_verified(user)
    # Not logged in, and nothing attached before the e-mail is verified.
    assert not logged_in_user(client).is_authenticated
    earlier.refresh_from_db()
    assert earlier.user is None

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [LAN]
    link = verification_link(mail.outbox[0])

    # Opening the link verifies nothing by itself: it asks for the button.
    page = client.get(link)
    assert page.status_code == 200
    assert LAN in page.content.decode()
    assert not services.is_verified(user)

    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == ACCOUNT
    assert services.is_verified(user)
    assert logged_in_user(client) == user
    earlier.refresh_from_db()
    someone_else.refresh_from_db()
    assert earlier.user == user
    assert someone_else.user is None

    account = client.get(ACCOUNT).content.decode()
    assert earlier.number in account
    assert someone_else.number not in account
    assert reverse("marketplace:order", kwargs={"token": earlier.token}) in account


def test_an_unverified_account_gets_no_guest_orders(client, rice):
    guest = place_guest_order(rice, LAN)
    sign_up(client)
    assert client.post(LOGIN, {"username": LAN, "password": PASSWORD}).status_code == 302
    page = client.get(ACCOUNT)
    assert page.status_code == 200
    assert "chưa được xác minh" in page.content.decode()
    assert guest.number not in page.content.decode()
    guest.refresh_from_db()
    assert guest.user is None


def test_a_guest_order_placed_after_verification_joins_the_account(client, rice):
    user = make_shopper()
    later = place_guest_order(rice, LAN.upper())
    client.force_login(user)
    assert later.number in client.get(ACCOUNT).content.decode()
    later.refresh_from_db()
    assert later.user == user


def test_an_order_placed_while_logged_in_is_in_the_account_at_once(client, rice):
    user = make_shopper()
    order = place_guest_order(rice, "other-address@example.vn", user=user)
    assert order.user == user
    client.force_login(user)
    assert order.number in client.get(ACCOUNT).content.decode()


@pytest.mark.parametrize(
    "token",
    [
        "abc",
        "not:a:signed:value",
        "eyJ1IjoxLCJlIjoiYUBiLmMifQ:1tXXXX:forged-signature-forged-signature",
        "%00",
        "x" * 500,
    ],
)
def test_a_tampered_verification_link_is_refused(client, token):
    user = make_shopper(verified=False)
    for method in (client.get, client.post):
        response = method(reverse("accounts:verify", kwargs={"token": token}))
        assert response.status_code == 400
        assert "không hợp lệ" in response.content.decode()
    assert not services.is_verified(user)
    assert not logged_in_user(client).is_authenticated


def test_a_link_signed_for_another_user_or_address_is_refused(client):
    user = make_shopper(verified=False)
    for payload in ({"u": user.pk, "e": "other@example.vn"}, {"u": user.pk + 99, "e": LAN}, []):
        token = signing.dumps(payload, salt=services.VERIFY_SALT)
        response = client.post(reverse("accounts:verify", kwargs={"token": token}))
        assert response.status_code == 400
    # A signature with another salt (another purpose) is refused as well.
    token = signing.dumps({"u": user.pk, "e": LAN}, salt="something-else")
    assert client.post(reverse("accounts:verify", kwargs={"token": token})).status_code == 400
    assert not services.is_verified(user)


def test_an_expired_verification_link_is_refused(client):
    signed_at = datetime.combine(TODAY, time(9), tzinfo=UTC)
    with time_machine.travel(signed_at, tick=False):
        user = make_shopper(verified=False)
        link = reverse("accounts:verify", kwargs={"token": services.verification_token(user)})
    with time_machine.travel(signed_at + timedelta(days=2, hours=23), tick=False):
        assert client.get(link).status_code == 200  # still valid just before
    with time_machine.travel(signed_at + timedelta(days=3, minutes=1), tick=False):
        response = client.post(link)
    assert response.status_code == 400
    assert "hết hạn" in response.content.decode()
    assert not services.is_verified(user)
    assert not logged_in_user(client).is_authenticated


def test_a_used_link_does_not_log_in_again(client):
    user = make_shopper(verified=False)
    link = reverse("accounts:verify", kwargs={"token": services.verification_token(user)})
    client.post(link)
    client.post(LOGOUT)
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert not logged_in_user(client).is_authenticated


def test_resend_verification(client):
    user = make_shopper(verified=False)
    client.force_login(user)
    assert client.get(reverse("accounts:resend_verification")).status_code == 405
    response = client.post(reverse("accounts:resend_verification"))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    client.post(verification_link(mail.outbox[0]))
    assert services.is_verified(user)


def test_duplicate_sign_up_creates_nothing_and_mails_the_owner(client):
    owner = make_shopper()
    response = sign_up(client, email="LAN.Nguyen@example.VN", password="Another-pass-2026")
    # The same page as a new sign-up: the visitor cannot tell the address is registered.
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:sign_up_done")
    assert get_user_model().objects.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert "đã có tài khoản" in mail.outbox[0].body
    assert "/tai-khoan/xac-minh/" not in mail.outbox[0].body  # already verified
    assert not logged_in_user(client).is_authenticated
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_duplicate_sign_up_of_an_unverified_account_mails_a_fresh_link(client):
    owner = make_shopper(verified=False)
    sign_up(client, email=LAN.upper())
    assert get_user_model().objects.count() == 1
    client.post(verification_link(mail.outbox[0]))
    assert services.is_verified(owner)


def test_mails_to_one_address_are_capped(client):
    make_shopper()
    for _attempt in range(services.MAILS_PER_ADDRESS_PER_HOUR + 3):
        assert sign_up(client).status_code == 302
    assert len(mail.outbox) == services.MAILS_PER_ADDRESS_PER_HOUR


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"email": ""}, "email"),
        ({"email": "a" * 140 + "@example.vn"}, "email"),
        ({"email": "lan@" + ".".join(["İ" * 25] * 3) + ".vn"}, "email"),  # longer in lower case
        ({"name": "   "}, "name"),
        ({"name": "L" * 151}, "name"),
        ({"password1": "short", "password2": "short"}, "password1"),
        ({"password1": "12345678901", "password2": "12345678901"}, "password1"),
        ({"password1": "password123", "password2": "password123"}, "password1"),
        ({"password1": "lan.nguyen@example.vn", "password2": "lan.nguyen@example.vn"}, "password1"),
        ({"password2": "Different-2026"}, "password2"),
    ],
)
def test_bad_sign_up_input_is_a_form_error(client, data, field):
    form = {"email": LAN, "name": "Lan", "password1": PASSWORD, "password2": PASSWORD, **data}
    response = client.post(SIGN_UP, form)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert get_user_model().objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("field", ["email", "name", "password1"])
def test_a_nul_byte_in_sign_up_is_refused_before_the_form(client, field):
    form = {"email": "lan@example.vn", "name": "Lan", "password1": "x", "password2": "x"}
    form[field] = form[field] + "\x00"
    response = client.post(SIGN_UP, form)
    assert response.status_code == 400  # ocop's NUL guard, before any view
    assert get_user_model().objects.count() == 0


def test_sign_up_page_renders_without_javascript(client):
    response = client.get(SIGN_UP)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_email"' in html and '<label for="id_password1"' in html
    form = html[html.index('<form method="post"', html.index("<main")) :]
    form = form[: form.index("</form>")]
    assert "<script" not in form and 'type="submit"' in form  # a plain form posts it


# --- Logging in and out -----------------------------------------------------------------


def test_login_by_email_in_any_case_and_logout(client):
    user = make_shopper()
    response = client.post(LOGIN, {"username": "  Lan.Nguyen@EXAMPLE.vn ", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == ACCOUNT
    assert logged_in_user(client) == user
    assert 'href="/tai-khoan/"' in client.get("/gio-hang/").content.decode()

    assert client.get(LOGOUT).status_code == 405  # logging out is a POST
    assert logged_in_user(client) == user
    response = client.post(LOGOUT)
    assert response.status_code == 302 and response["Location"] == "/"
    assert not logged_in_user(client).is_authenticated


@pytest.mark.parametrize(
    "data",
    [
        {"username": LAN, "password": "wrong-password"},
        {"username": "nobody@example.vn", "password": PASSWORD},
        {"username": "not-an-email", "password": PASSWORD},
        {"username": "", "password": ""},
        {},
    ],
)
def test_bad_login_is_a_form_error(client, data):
    make_shopper()
    response = client.post(LOGIN, data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not logged_in_user(client).is_authenticated


def test_a_blocked_account_cannot_log_in(client):
    user = make_shopper()
    user.is_active = False
    user.save()
    response = client.post(LOGIN, {"username": LAN, "password": PASSWORD})
    assert response.status_code == 400
    assert not logged_in_user(client).is_authenticated


def test_login_follows_a_same_site_next_path(client):
    make_shopper()
    response = client.post(LOGIN, {"username": LAN, "password": PASSWORD, "next": "/gio-hang/?a=1"})
    assert response["Location"] == "/gio-hang/?a=1"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "http://testserver/gio-hang/",  # same host, but not a path
        "javascript:alert(1)",
        "gio-hang/",
        LOGIN,  # never back to the login page itself
    ],
)
def test_login_ignores_an_unsafe_next(client, target):
    make_shopper()
    page = client.get(LOGIN, {"next": target})
    assert page.status_code == 200
    assert page.context["next"] == ""  # the form does not carry it on
    response = client.post(LOGIN, {"username": LAN, "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    # Already logged in: the login page sends you on, never to the unsafe target.
    response = client.get(LOGIN, {"next": target})
    assert response.status_code == 302 and response["Location"] == ACCOUNT


def test_logout_ignores_an_external_next(client):
    client.force_login(make_shopper())
    response = client.post(LOGOUT, {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_anonymous_account_page_redirects_to_login(client):
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/tai-khoan/"
    assert client.post(reverse("accounts:resend_verification")).status_code == 302


def test_header_links_to_login_or_account(client):
    assert f'href="{LOGIN}"' in client.get("/gio-hang/").content.decode()


# --- Password reset ---------------------------------------------------------------------


def test_password_reset_end_to_end(client, rice):
    user = make_shopper(verified=False)
    guest = place_guest_order(rice, LAN)
    response = client.post(RESET, {"email": "LAN.nguyen@example.vn"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [LAN]
    link = link_in(mail.outbox[0], r"http://testserver/tai-khoan/dat-lai-mat-khau/\S+/")

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"]
    set_password_url = form_page.redirect_chain[-1][0]
    new_password = "Lang-nghe-moi-2027"
    bad = client.post(
        set_password_url, {"new_password1": new_password, "new_password2": "mismatch-2027"}
    )
    assert bad.status_code == 400
    response = client.post(
        set_password_url, {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.status_code == 302 and response["Location"] == ACCOUNT
    user.refresh_from_db()
    assert user.check_password(new_password)
    # The link came through the mailbox: the e-mail is proven, the guest order joins.
    assert services.is_verified(user)
    guest.refresh_from_db()
    assert guest.user == user
    assert logged_in_user(client) == user

    # The link works once.
    client.post(LOGOUT)
    assert client.get(link, follow=True).status_code == 400
    client.post(LOGOUT)
    assert client.post(LOGIN, {"username": LAN, "password": new_password}).status_code == 302


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(RESET, {"email": "nobody@example.vn"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_reset_is_for_shopper_accounts_only(client):
    get_user_model().objects.create_user(
        username="bientap", email="staff@example.vn", password=PASSWORD, is_staff=True
    )
    client.post(RESET, {"email": "staff@example.vn"})
    assert mail.outbox == []


@pytest.mark.parametrize(
    "kwargs",
    [
        {"uidb64": "MQ", "token": "bad-token"},
        {"uidb64": "!!!", "token": "x"},
        {"uidb64": "OTk5OTk5", "token": "set-password"},
    ],
)
def test_a_bad_password_reset_link_is_refused(client, kwargs):
    make_shopper()
    response = client.get(reverse("accounts:password_reset_confirm", kwargs=kwargs))
    assert response.status_code == 400
    assert "không hợp lệ" in response.content.decode()


def test_bad_password_reset_input_is_a_form_error(client):
    assert client.post(RESET, {"email": "not-an-email"}).status_code == 400
    assert mail.outbox == []


# --- The account page -------------------------------------------------------------------


def test_account_page_shows_only_the_users_orders_and_bookings(client, rice, home_page):
    lan = make_shopper()
    hoa = make_shopper("hoa@example.vn")
    mine = place_guest_order(rice, "any@example.vn", user=lan)
    theirs = place_guest_order(rice, "hoa@example.vn", user=hoa)
    guest_of_someone = place_guest_order(rice, "guest@example.vn")

    tour = make_tour(home_page, title="Một ngày làm gốm", slug="lam-gom-tk")
    departure = make_departure(tour, capacity=10)
    direct = Booking.objects.create(
        departure=departure,
        contact_name="Lan",
        phone="0912345678",
        email=LAN.upper(),
        adults=2,
        price_adult=350_000,
        price_child=200_000,
        amount=700_000,
    )
    other_booking = Booking.objects.create(
        departure=departure,
        contact_name="Hoa",
        phone="0912345679",
        email="hoa@example.vn",
        adults=1,
        price_adult=350_000,
        price_child=200_000,
        amount=350_000,
    )

    client.force_login(lan)
    response = client.get(ACCOUNT)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")
    html = response.content.decode()
    assert mine.number in html
    assert theirs.number not in html and guest_of_someone.number not in html
    assert direct.code in html and other_booking.code not in html
    assert reverse("tours:ticket", kwargs={"token": direct.token}) in html
    # An unverified account does not see bookings made with its (unproven) e-mail.
    ShopperProfile.objects.filter(user=lan).update(email_verified_at=None)
    assert direct.code not in client.get(ACCOUNT).content.decode()


def test_bookings_in_the_users_orders_are_listed(client, home_page):
    lan = make_shopper()
    tour = make_tour(home_page, title="Đạp xe quanh làng", slug="dap-xe-tk")
    departure = make_departure(tour, capacity=10)
    session = SessionStore()
    cart_services.add_seats_to_cart(session, departure.pk, 2, 0)
    details = checkout.Details(
        name="Lan", phone="0912345678", email="khac@example.vn", payment="cod"
    )
    order = checkout.place_order(session, details, user=lan)
    booking = Booking.objects.get(order_line__sub_order__order=order)
    client.force_login(lan)
    html = client.get(ACCOUNT).content.decode()
    assert order.number in html and booking.code in html


def test_orders_are_newest_first_and_paged(client, rice):
    lan = make_shopper()
    orders = [place_guest_order(rice, LAN, user=lan) for _ in range(12)]
    for days, order in enumerate(reversed(orders)):
        Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=days))
    client.force_login(lan)
    first = client.get(ACCOUNT)
    numbers = [order.number for order in first.context["orders"]]
    assert numbers == [order.number for order in reversed(orders)][:10]
    second = client.get(ACCOUNT, {"don": 2})
    assert [order.number for order in second.context["orders"]] == [
        orders[1].number,
        orders[0].number,
    ]
    for page in ("0", "-1", "abc", "999", "1" * 40):
        assert client.get(ACCOUNT, {"don": page, "ve": page}).status_code == 200
