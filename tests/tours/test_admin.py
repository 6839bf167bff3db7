"""Departures and bookings in the Wagtail admin: editors see all, producers their own."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import make_producer
from tours import services
from tours.models import Booking, Departure

from .builders import make_departure, make_tour, utc

pytestmark = pytest.mark.django_db

NOW = utc(2026, 8, 1, 2, 0)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def producer_user(django_user_model, tour):
    user = django_user_model.objects.create_user("hoptacxa", password="x")
    group = Group.objects.create(name="Chủ thể thử nghiệm")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    tour.operator.users.add(user)
    return user


@pytest.fixture
def other_tour(home_page, village):
    return make_tour(
        home_page,
        villages=[village],
        title="Tour của người khác",
        operator=make_producer("Hộ kinh doanh khác", legal_form="household"),
    )


@pytest.fixture
def departures(tour, other_tour):
    return (
        make_departure(tour, starts_at=utc(2026, 8, 5, 1, 0)),
        make_departure(other_tour, starts_at=utc(2026, 8, 6, 1, 0)),
    )


def url(name, *args):
    return reverse(f"tour_departures:{name}", args=args)


def form_data(tour, **overrides):
    return {
        "tour": tour.pk,
        "starts_at": "2026-08-20 08:30",
        "capacity": "12",
        "price_adult_override": "",
        "price_child_override": "",
        "status": "scheduled",
    } | overrides


def test_editors_see_every_departure(admin_client, departures):
    html = admin_client.get(url("index")).content.decode()
    assert "Một ngày làm gốm" in html and "Tour của người khác" in html


def test_producers_see_only_their_own_departures(client, producer_user, departures):
    client.force_login(producer_user)
    response = client.get(url("index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Một ngày làm gốm" in html and "Tour của người khác" not in html
    assert client.get(url("edit", departures[0].pk)).status_code == 200
    assert client.get(url("edit", departures[1].pk)).status_code == 404
    assert client.post(url("delete", departures[1].pk)).status_code == 404
    assert Departure.objects.filter(pk=departures[1].pk).exists()


def test_users_who_run_no_tour_are_kept_out(client, django_user_model, departures):
    stranger = django_user_model.objects.create_user("khach", password="x")
    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(stranger)
    assert client.get(url("index")).status_code in (302, 403)


def test_producer_adds_a_departure_for_their_own_tour_only(client, producer_user, tour, other_tour):
    client.force_login(producer_user)
    form = client.get(url("add")).content.decode()
    assert tour.title in form and other_tour.title not in form

    refused = client.post(url("add"), form_data(other_tour))
    assert refused.status_code == 200 and not Departure.objects.exists()

    response = client.post(url("add"), form_data(tour))
    assert response.status_code == 302
    created = Departure.objects.get()
    assert created.tour_id == tour.pk
    assert created.starts_at == utc(2026, 8, 20, 1, 30)  # entered in Vietnam time


def test_a_departure_in_the_past_is_refused(admin_client, tour):
    response = admin_client.post(url("add"), form_data(tour, starts_at="2026-07-31 08:00"))
    assert response.status_code == 200
    assert "Giờ khởi hành phải ở tương lai." in response.content.decode()
    assert not Departure.objects.exists()


def test_capacity_below_bookings_is_a_form_error(admin_client, tour, departures):
    departure = departures[0]
    services.hold_seats(departure.pk, adults=6)
    response = admin_client.post(
        url("edit", departure.pk),
        form_data(tour, starts_at="2026-08-05 08:00", capacity="5"),
    )
    assert response.status_code == 200
    assert "Đã có 6 chỗ được đặt hoặc giữ" in response.content.decode()
    assert Departure.objects.get(pk=departure.pk).capacity == 10


def test_editing_status_to_cancelled_stops_holds(admin_client, tour, departures):
    departure = departures[0]
    response = admin_client.post(
        url("edit", departure.pk),
        form_data(tour, starts_at="2026-08-05 08:00", capacity="10", status="cancelled"),
    )
    assert response.status_code == 302
    with pytest.raises(services.DepartureNotBookable):
        services.hold_seats(departure.pk, adults=1)


def test_a_departure_with_bookings_is_not_deleted(admin_client, departures):
    departure = departures[0]
    hold = services.hold_seats(departure.pk, adults=1)
    services.confirm_hold(
        hold.pk, services.Contact(name="An", phone="0912345678", email="an@example.vn")
    )
    response = admin_client.post(url("delete", departure.pk), follow=True)
    assert "không thể xóa" in response.content.decode()
    assert Departure.objects.filter(pk=departure.pk).exists()


def series_data(tour, **overrides):
    return {
        "tour": tour.pk,
        "first_day": "2026-08-03",
        "last_day": "2026-08-16",
        "weekdays": ["0", "5"],
        "times": "08:00, 14h30",
        "capacity": "15",
        "price_adult_override": "",
        "price_child_override": "",
    } | overrides


def test_series_form_creates_departures_once(client, producer_user, tour):
    client.force_login(producer_user)
    assert client.get(url("series")).status_code == 200
    first = client.post(url("series"), series_data(tour), follow=True)
    assert "Đã tạo 8 lịch khởi hành" in first.content.decode()
    second = client.post(url("series"), series_data(tour), follow=True)
    assert "Đã tạo 0 lịch khởi hành; bỏ qua 8 lịch đã có" in second.content.decode()
    assert Departure.objects.filter(tour=tour).count() == 8
    assert Departure.objects.filter(capacity=15).count() == 8


def test_series_form_refuses_other_tours_and_bad_input(client, producer_user, other_tour, tour):
    client.force_login(producer_user)
    response = client.post(url("series"), series_data(other_tour))
    assert response.status_code == 200
    response = client.post(url("series"), series_data(tour, times="25:00"))
    assert "không phải giờ hợp lệ" in response.content.decode()
    response = client.post(url("series"), series_data(tour, last_day="2026-08-01"))
    assert "Ngày kết thúc trước ngày bắt đầu." in response.content.decode()
    assert not Departure.objects.exists()


def test_index_links_to_the_series_form(client, producer_user, departures):
    client.force_login(producer_user)
    assert url("series") in client.get(url("index")).content.decode()


@pytest.fixture
def bookings(departures):
    made = []
    for departure in departures:
        hold = services.hold_seats(departure.pk, adults=1)
        made.append(
            services.confirm_hold(
                hold.pk,
                services.Contact(
                    name=f"Khách {departure.pk}", phone="0912345678", email="k@example.vn"
                ),
            )
        )
    return made


def test_producers_read_their_own_bookings_only(client, producer_user, bookings):
    client.force_login(producer_user)
    html = client.get(reverse("tour_bookings:index")).content.decode()
    assert bookings[0].code in html and bookings[1].code not in html
    own, foreign = (reverse("tour_bookings:inspect", args=[b.pk]) for b in bookings)
    assert client.get(own).status_code == 200
    assert client.get(foreign).status_code == 404


def test_nobody_adds_or_edits_bookings_in_the_admin(admin_client, bookings):
    # Wagtail answers a refused permission with a redirect to the dashboard.
    assert admin_client.get(reverse("tour_bookings:add"))["Location"] == "/admin/"
    edit = reverse("tour_bookings:edit", args=[bookings[0].pk])
    assert admin_client.post(edit, {"contact_name": "X"})["Location"] == "/admin/"
    assert Booking.objects.get(pk=bookings[0].pk).contact_name != "X"


def test_editors_search_bookings_by_code(admin_client, bookings):
    html = admin_client.get(reverse("tour_bookings:index"), {"q": bookings[1].code}).content
    assert bookings[1].code in html.decode() and bookings[0].code not in html.decode()


def test_a_tour_with_bookings_cannot_be_deleted(admin_client, tour, bookings):
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[tour.pk]))
    assert response.status_code == 302
    assert type(tour).objects.filter(pk=tour.pk).exists()


def test_expired_holds_are_released_by_the_beat_task(tour, frozen, settings):
    from tours.tasks import release_expired_holds

    assert "tours.tasks.release_expired_holds" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    services.hold_seats(make_departure(tour).pk, adults=2)
    frozen.shift(timedelta(minutes=20))
    assert release_expired_holds.delay().get() == 1


def test_the_provinces_officers_see_everything(client, django_user_model, bookings):
    editor = django_user_model.objects.create_user("canbo", password="x")
    editor.groups.add(Group.objects.get(name="Cán bộ OCOP tỉnh"))
    client.force_login(editor)
    html = client.get(url("index")).content.decode()
    assert "Một ngày làm gốm" in html and "Tour của người khác" in html
    bookings_html = client.get(reverse("tour_bookings:index")).content.decode()
    assert all(booking.code in bookings_html for booking in bookings)


def tour_page_form(operator, village, **overrides):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    lists = {"villages": [village.pk], "languages": ["vi", "en"]}
    lists |= {key: overrides.pop(key) for key in list(overrides) if key in lists}
    fields = nested_form_data(
        {
            "title": "Tour mới",
            "slug": "tour-moi",
            "operator": operator.pk,
            "summary": "",
            "duration_minutes": 180,
            "meeting_point": "Cổng làng",
            "itinerary": streamfield(
                [("step", {"time": "08:00", "title": "Gặp nhau", "description": ""})]
            ),
            "included": "Nước uống",
            "not_included": "",
            "price_adult": 300000,
            "price_child": 0,
            "min_group_size": 2,
            "max_group_size": 8,
            "free_cancellation_hours": 24,
            "cancellation_note": "",
            "highlighted_products": inline_formset([]),
            "action-publish": "action-publish",
        }
        | overrides
    )
    return fields | lists


def test_editors_create_a_tour_page_in_the_admin(admin_client, tour, village):
    parent = tour.get_parent()
    add_url = reverse("wagtailadmin_pages:add", args=["tours", "tourpage", parent.pk])
    assert admin_client.get(add_url).status_code == 200
    response = admin_client.post(add_url, tour_page_form(tour.operator, village))
    assert response.status_code == 302
    created = type(tour).objects.get(slug="tour-moi")
    assert created.languages == ["vi", "en"]
    assert list(created.villages.all()) == [village]
    assert created.itinerary[0].value["title"] == "Gặp nhau"


def test_tour_page_form_refuses_min_above_max_and_unknown_operators(admin_client, tour, village):
    parent = tour.get_parent()
    add_url = reverse("wagtailadmin_pages:add", args=["tours", "tourpage", parent.pk])
    enterprise = make_producer("Công ty TNHH du lịch", legal_form="enterprise")
    for data, field in (
        (tour_page_form(tour.operator, village, min_group_size=9), "min_group_size"),
        (tour_page_form(enterprise, village), "operator"),
        (tour_page_form(tour.operator, village, languages=["xx"]), "languages"),
    ):
        response = admin_client.post(add_url, data)
        assert response.status_code == 200
        assert list(response.context["form"].errors) == [field]
    assert not type(tour).objects.filter(slug="tour-moi").exists()


def test_village_page_add_form_renders(admin_client, village):
    parent = village.get_parent()
    add_url = reverse("wagtailadmin_pages:add", args=["tours", "craftvillagepage", parent.pk])
    assert admin_client.get(add_url).status_code == 200


def test_cancelling_in_the_admin_cancels_the_bookings(
    admin_client, tour, departures, django_capture_on_commit_callbacks
):
    from django.core import mail

    departure = departures[0]
    hold = services.hold_seats(departure.pk, adults=3)
    booking = services.confirm_hold(
        hold.pk, services.Contact(name="An", phone="0912345678", email="an@example.vn")
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url("edit", departure.pk),
            form_data(tour, starts_at="2026-08-05 08:00", capacity="1", status="cancelled"),
        )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert [email.to for email in mail.outbox] == [["an@example.vn"]]
    ticket = admin_client.get(f"/ve-tour/{booking.token}/").content.decode()
    assert "Đơn vị tổ chức đã hủy lịch khởi hành này." in ticket
    assert "qr.png" not in ticket


def test_series_form_refuses_a_price_no_field_can_hold(client, producer_user, tour):
    client.force_login(producer_user)
    response = client.post(url("series"), series_data(tour, price_adult_override="3000000000"))
    assert response.status_code == 200
    assert "price_adult_override" in response.context["form"].errors
    assert not Departure.objects.exists()


def book(departure, adults=1):
    hold = services.hold_seats(departure.pk, adults=adults)
    return services.confirm_hold(
        hold.pk, services.Contact(name="An", phone="0912345678", email="an@example.vn")
    )


def edit(admin_client, departure, tour, **changes):
    return admin_client.post(
        url("edit", departure.pk), form_data(tour, **({"starts_at": "2026-08-05 08:00"} | changes))
    )


def hold(departure, adults=1):
    return services.hold_seats(departure.pk, adults=adults)


MOVE_REFUSED = "không thể đổi tour hoặc giờ khởi hành"


@pytest.mark.parametrize("taken_by", [book, hold], ids=["booking", "live hold"])
def test_a_departure_with_visitors_keeps_its_time_and_tour(
    admin_client, tour, other_tour, departures, taken_by
):
    departure = departures[0]
    taken_by(departure, adults=2)
    moved = edit(admin_client, departure, tour, starts_at="2026-08-07 08:00")
    assert moved.status_code == 200 and MOVE_REFUSED in moved.content.decode()
    switched = edit(admin_client, departure, other_tour)
    assert switched.status_code == 200 and MOVE_REFUSED in switched.content.decode()
    stored = Departure.objects.get(pk=departure.pk)
    assert (stored.tour_id, stored.starts_at) == (tour.pk, utc(2026, 8, 5, 1, 0))


def test_a_departure_with_visitors_still_takes_capacity_and_price_edits(
    admin_client, tour, departures
):
    departure = departures[0]
    book(departure, adults=2)
    response = edit(admin_client, departure, tour, capacity="20", price_adult_override="400000")
    assert response.status_code == 302
    stored = Departure.objects.get(pk=departure.pk)
    assert (stored.capacity, stored.price_adult_override) == (20, 400_000)


def test_a_start_with_seconds_is_kept_when_the_form_shows_the_same_minute(admin_client, tour):
    departure = make_departure(tour, starts_at=utc(2026, 8, 5, 1, 0, 42), capacity=10)
    book(departure)
    assert edit(admin_client, departure, tour, capacity="12").status_code == 302
    assert Departure.objects.get(pk=departure.pk).starts_at == utc(2026, 8, 5, 1, 0, 42)


def test_a_departure_nobody_holds_seats_on_can_move(admin_client, tour, departures, frozen):
    departure = departures[0]
    services.hold_seats(departure.pk, adults=2)
    frozen.shift(timedelta(minutes=20))  # the hold expired
    response = edit(admin_client, departure, tour, starts_at="2026-08-07 09:30")
    assert response.status_code == 302
    assert Departure.objects.get(pk=departure.pk).starts_at == utc(2026, 8, 7, 2, 30)


def test_a_departure_cannot_move_into_the_past(admin_client, tour, departures):
    response = edit(admin_client, departures[0], tour, starts_at="2026-07-31 08:00")
    assert "Giờ khởi hành phải ở tương lai." in response.content.decode()
    assert Departure.objects.get(pk=departures[0].pk).starts_at == utc(2026, 8, 5, 1, 0)


def test_a_departure_with_a_live_hold_is_not_deleted(admin_client, departures):
    departure = departures[0]
    hold = services.hold_seats(departure.pk, adults=2)
    response = admin_client.post(url("delete", departure.pk), follow=True)
    assert "Có khách đang giữ chỗ cho lịch khởi hành này nên chưa thể xóa." in (
        response.content.decode()
    )
    assert Departure.objects.filter(pk=departure.pk).exists()
    services.confirm_hold(
        hold.pk, services.Contact(name="An", phone="0912345678", email="an@example.vn")
    )


def test_a_cancelled_departure_with_bookings_is_kept(admin_client, departures):
    departure = departures[0]
    book(departure)
    services.cancel_departure(departure)
    response = admin_client.post(url("delete", departure.pk), follow=True)
    assert "lịch đã hủy được giữ lại cùng các đặt chỗ" in response.content.decode()
    assert Booking.objects.filter(departure=departure).exists()


def test_a_departure_whose_holds_expired_is_deleted(admin_client, departures, frozen):
    departure = departures[0]
    services.hold_seats(departure.pk, adults=2)
    frozen.shift(timedelta(minutes=20))
    response = admin_client.post(url("delete", departure.pk))
    assert response.status_code == 302
    assert not Departure.objects.filter(pk=departure.pk).exists()
    assert ModelLogEntry.objects.filter(action="wagtail.delete", object_id=departure.pk).exists()


def test_departures_have_no_bulk_delete(admin_client, departures):
    """The departure admin is a ModelViewSet: Wagtail's bulk actions are for snippets and pages."""
    response = admin_client.post(
        f"/admin/bulk/tours/departure/delete/?id={departures[0].pk}&id={departures[1].pk}"
    )
    assert response.status_code == 404
    assert Departure.objects.count() == 2


PAGE_DELETE_REFUSED = "Không thể xóa: có tour ở đây đã có người đặt hoặc đang giữ chỗ."


@pytest.mark.parametrize("taken_by", [book, hold], ids=["booking", "live hold"])
def test_the_tour_index_is_not_deleted_with_a_tour_in_use(admin_client, tour, departures, taken_by):
    taken_by(departures[0])
    index = tour.get_parent()
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[index.pk]), follow=True)
    assert PAGE_DELETE_REFUSED in response.content.decode()
    assert Departure.objects.filter(pk=departures[0].pk).exists()
    assert type(tour).objects.filter(pk=tour.pk).exists()


def bulk_delete_pages(admin_client, *pages):
    explorer = reverse("wagtailadmin_explore", args=[pages[0].get_parent().pk])
    ids = "&".join(f"id={page.pk}" for page in pages)
    return admin_client.post(
        f"/admin/bulk/wagtailcore/page/delete/?{ids}&next={explorer}", follow=True
    )


def test_bulk_page_delete_keeps_tours_in_use(admin_client, tour, other_tour, departures):
    book(departures[0])
    response = bulk_delete_pages(admin_client, tour, other_tour)
    assert PAGE_DELETE_REFUSED in response.content.decode()
    assert type(tour).objects.filter(pk__in=[tour.pk, other_tour.pk]).count() == 2
    assert Departure.objects.count() == 2


def test_bulk_page_delete_still_deletes_tours_nobody_booked(admin_client, other_tour, departures):
    response = bulk_delete_pages(admin_client, other_tour)
    assert response.status_code == 200
    assert not type(other_tour).objects.filter(pk=other_tour.pk).exists()
    assert list(Departure.objects.all()) == [departures[0]]


def test_bulk_page_delete_without_a_next_address_lands_in_the_explorer(
    admin_client, tour, departures
):
    book(departures[0])
    response = admin_client.post(f"/admin/bulk/wagtailcore/page/delete/?id={tour.pk}", follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "wagtailadmin_explore", args=[tour.get_parent().pk]
    )
    assert PAGE_DELETE_REFUSED in response.content.decode()
