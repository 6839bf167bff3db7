"""The public booking flow, as a visitor without JavaScript goes through it."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from tours import services
from tours.models import Booking, BookingStatus, Departure, HoldStatus, SeatHold

from .builders import make_departure, make_tour, utc

pytestmark = pytest.mark.django_db

NOW = utc(2026, 8, 1, 2, 0)
CONTACT = {
    "contact_name": "Trần Văn Minh",
    "phone": "0987 654 321",
    "email": "minh@example.vn",
    "notes": "Có một bé 6 tuổi",
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def departure(tour):
    return make_departure(tour, starts_at=utc(2026, 8, 5, 1, 0), capacity=10)


def book_url(tour):
    return tour.url + "dat-cho/"


def choose(client, tour, departure, adults=2, children=1):
    return client.post(
        book_url(tour), {"departure": departure.pk, "adults": adults, "children": children}
    )


def test_full_flow_hold_contact_confirm_ticket_and_email(
    client, tour, departure, django_capture_on_commit_callbacks
):
    response = choose(client, tour, departure)
    hold = SeatHold.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{tour.url}dat-cho/{hold.pk}/"
    assert (hold.adults, hold.children, hold.amount) == (2, 1, 900_000)

    contact_page = client.get(response["Location"]).content.decode()
    assert "900.000\xa0₫" in contact_page
    assert "09:15" in contact_page  # held until 15 minutes from now, Hà Nội time
    assert 'for="id_email"' in contact_page

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(response["Location"], CONTACT)
    booking = Booking.objects.get()
    assert confirmed.status_code == 302
    assert confirmed["Location"] == f"/ve-tour/{booking.token}/"
    assert (booking.contact_name, booking.adults, booking.children) == ("Trần Văn Minh", 2, 1)
    assert booking.notes == "Có một bé 6 tuổi"
    assert SeatHold.objects.get().status == HoldStatus.CONFIRMED
    assert Departure.objects.with_seats().get(pk=departure.pk).seats_left == 7

    ticket = client.get(confirmed["Location"]).content.decode()
    assert booking.code in ticket
    assert f"/ve-tour/{booking.token}/qr.png" in ticket
    assert "Đặt chỗ thành công" in ticket

    [email] = mail.outbox
    assert email.to == ["minh@example.vn"]
    assert booking.code in email.subject and booking.code in email.body


def test_group_maximum_is_a_form_error(client, tour, departure):
    response = choose(client, tour, departure, adults=9, children=2)
    assert response.status_code == 200
    assert "Mỗi lượt đặt tối đa 10 khách." in response.content.decode()
    assert not SeatHold.objects.exists()


def test_not_enough_seats_is_a_form_error_with_the_choice_kept(client, tour, departure):
    services.hold_seats(departure.pk, adults=9)
    response = choose(client, tour, departure, adults=2, children=0)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Không đủ chỗ: chỉ còn 1 chỗ." in html
    assert f'id="departure-{departure.pk}" required checked' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"adults": 2}, "Chọn một lịch khởi hành trong lịch."),
        ({"departure": "999999", "adults": 2}, "Lịch khởi hành này không thuộc tour."),
        ({"departure": "{pk}", "adults": 0, "children": 0}, "Chọn ít nhất một khách."),
        ({"departure": "{pk}", "adults": 0, "children": 2}, "Trẻ em cần đi cùng"),
        ({"departure": "{pk}", "adults": -1}, "Số khách không được âm."),
        ({"departure": "{pk}", "adults": "hai"}, "Nhập một số nguyên."),
    ],
)
def test_bad_choices_are_form_errors(client, tour, departure, data, message):
    data = {key: str(value).format(pk=departure.pk) for key, value in data.items()}
    response = client.post(book_url(tour), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SeatHold.objects.exists()


def test_a_departure_of_another_tour_cannot_be_booked_here(
    client, home_page, tour, village, departure
):
    other = make_departure(make_tour(home_page, villages=[village]), capacity=5)
    response = choose(client, tour, other)
    assert "Lịch khởi hành này không thuộc tour." in response.content.decode()


def test_cancelled_departure_is_refused(client, tour, departure):
    services.cancel_departure(departure)
    response = choose(client, tour, departure)
    assert "Lịch khởi hành này đã bị hủy." in response.content.decode()


def test_get_on_the_booking_step_goes_back_to_the_tour(client, tour):
    response = client.get(book_url(tour))
    assert (response.status_code, response["Location"]) == (302, tour.url)


def test_expired_hold_asks_to_choose_again(client, tour, departure, frozen):
    location = choose(client, tour, departure)["Location"]
    frozen.shift(timedelta(minutes=16))
    assert "Thời gian giữ chỗ đã hết" in client.get(location).content.decode()
    response = client.post(location, CONTACT)
    assert response.status_code == 200
    assert "Thời gian giữ chỗ đã hết" in response.content.decode()
    assert not Booking.objects.exists()


def test_contact_errors_keep_the_hold(client, tour, departure):
    location = choose(client, tour, departure)["Location"]
    response = client.post(location, {**CONTACT, "phone": "abc", "email": "x"})
    html = response.content.decode()
    assert "Số điện thoại không hợp lệ." in html
    assert "Nhập một địa chỉ email hợp lệ." in html
    assert not Booking.objects.exists()
    assert SeatHold.objects.get().status == HoldStatus.ACTIVE


def test_submitting_twice_makes_one_booking(client, tour, departure):
    location = choose(client, tour, departure)["Location"]
    first = client.post(location, CONTACT)
    second = client.post(location, CONTACT)
    assert first["Location"] == second["Location"]
    assert Booking.objects.count() == 1


def test_choosing_again_releases_the_hold(client, tour, departure):
    location = choose(client, tour, departure, adults=5, children=0)["Location"]
    response = client.post(location, {"release": "1"})
    assert (response.status_code, response["Location"]) == (302, tour.url)
    assert Departure.objects.with_seats().get(pk=departure.pk).seats_left == 10


def test_unknown_or_foreign_holds_are_not_found(client, home_page, tour, departure, village):
    assert client.get(f"{tour.url}dat-cho/0e6f1f3c-2b1d-4a59-9a43-3f5d6e7f8a9b/").status_code == 404
    other_tour = make_tour(home_page, villages=[village])
    hold = services.hold_seats(make_departure(other_tour).pk, adults=1)
    assert client.get(f"{tour.url}dat-cho/{hold.pk}/").status_code == 404


@pytest.fixture
def booking(departure):
    hold = services.hold_seats(departure.pk, adults=3)
    return services.confirm_hold(
        hold.pk, services.Contact(name="An", phone="0912345678", email="an@example.vn")
    )


def test_cancel_from_the_ticket_page(client, booking, departure):
    page = client.get(f"/ve-tour/{booking.token}/").content.decode()
    assert "Bạn có thể hủy miễn phí đến 08:00 4/8/2026." in page
    response = client.post(f"/ve-tour/{booking.token}/huy/", {"confirm": "on"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert Departure.objects.with_seats().get(pk=departure.pk).seats_left == 10
    assert "Đã hủy đặt chỗ" in client.get(response["Location"]).content.decode()


def test_cancel_needs_the_confirmation_box(client, booking):
    response = client.post(f"/ve-tour/{booking.token}/huy/", {})
    assert response.status_code == 200
    assert "Đánh dấu ô xác nhận để hủy." in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_no_online_cancellation_after_the_deadline(client, booking, frozen):
    frozen.move_to(utc(2026, 8, 4, 1, 1))  # 08:01 on 4 August, the deadline was 08:00
    page = client.get(f"/ve-tour/{booking.token}/").content.decode()
    assert "Đã quá hạn hủy miễn phí" in page
    response = client.post(f"/ve-tour/{booking.token}/huy/", {"confirm": "on"}, follow=True)
    assert "Đã quá hạn hủy miễn phí" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_cancel_is_post_only_and_tickets_need_the_token(client, booking):
    assert client.get(f"/ve-tour/{booking.token}/huy/").status_code == 405
    assert client.get("/ve-tour/not-a-real-token/").status_code == 404
    assert client.get(f"/ve-tour/{booking.code}/").status_code == 404
    assert client.get("/ve-tour/not-a-real-token/qr.png").status_code == 404


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"adults": 9, "children": 2}, "adults", "Mỗi lượt đặt tối đa 10 khách."),
        ({"adults": 0, "children": 0}, "adults", "Chọn ít nhất một khách."),
        ({"adults": 0, "children": 1}, "adults", "Trẻ em cần đi cùng ít nhất một người lớn."),
    ],
)
def test_participant_errors_are_shown_next_to_the_numbers(
    client, tour, departure, data, field, message
):
    response = client.post(book_url(tour), {"departure": departure.pk, **data})
    assert response.context["booking_form"].errors == {field: [message]}


@pytest.mark.parametrize("status", ["cancelled", "closed"])
def test_departure_errors_are_shown_next_to_the_calendar(client, tour, departure, status):
    Departure.objects.filter(pk=departure.pk).update(status=status)
    response = client.post(book_url(tour), {"departure": departure.pk, "adults": 1})
    assert list(response.context["booking_form"].errors) == ["departure"]


def test_not_enough_seats_is_shown_next_to_the_calendar(client, tour, departure):
    services.hold_seats(departure.pk, adults=9)
    response = choose(client, tour, departure, adults=2, children=0)
    assert response.context["booking_form"].errors == {
        "departure": ["Không đủ chỗ: chỉ còn 1 chỗ."]
    }


@pytest.mark.parametrize("departure_id", ["9" * 40, "-5", "1e3", ""])
def test_a_forged_departure_number_is_a_form_error(client, tour, departure, departure_id):
    response = client.post(book_url(tour), {"departure": departure_id, "adults": 1})
    assert response.status_code == 200
    assert "departure" in response.context["booking_form"].errors
    assert not SeatHold.objects.exists()


FIND = "/ve-tour/tra-cuu/"


def test_a_visitor_finds_their_ticket_by_code_and_email(client, tour, booking):
    assert FIND in client.get(tour.url).content.decode()
    typed = booking.code.lower().replace("-", " ")
    response = client.post(FIND, {"code": typed, "email": "AN@example.vn "})
    assert (response.status_code, response["Location"]) == (302, f"/ve-tour/{booking.token}/")


@pytest.mark.parametrize("wrong", [{"email": "other@example.vn"}, {"code": "T-AAAA-BBBB"}])
def test_a_wrong_code_or_email_finds_nothing(client, booking, wrong):
    data = {"code": booking.code, "email": "an@example.vn"} | wrong
    response = client.post(FIND, data)
    assert response.status_code == 200
    assert "Không tìm thấy đặt chỗ với mã và e-mail này." in response.content.decode()


def test_guessing_codes_is_stopped_after_a_few_tries(client, booking, settings, frozen):
    settings.TOURS_LOOKUPS_PER_CLIENT_PER_HOUR = 3
    for attempt in range(3):
        client.post(FIND, {"code": f"T-AAAA-BBB{attempt + 2}", "email": "an@example.vn"})
    right = {"code": booking.code, "email": "an@example.vn"}
    refused = client.post(FIND, right)
    assert refused.status_code == 429  # issue 13, item 10: not a 200
    assert "quá nhiều lần" in refused.content.decode()
    frozen.shift(timedelta(hours=1, seconds=1))
    assert client.post(FIND, right).status_code == 302


def test_the_lookup_form_checks_its_fields(client):
    response = client.post(FIND, {"code": "", "email": "not-an-email"})
    assert set(response.context["form"].errors) == {"code", "email"}
    assert 'for="id_code"' in response.content.decode()


def test_an_email_too_long_to_store_is_a_form_error(client, tour, departure):
    location = choose(client, tour, departure)["Location"]
    long_email = "a" * 64 + "@" + ("b" * 63 + ".") * 3 + "vn"  # valid, 259 characters
    response = client.post(location, {**CONTACT, "email": long_email})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not Booking.objects.exists()
