"""Public pages of the booking flow. Thin: the rules are in services.py."""

from contextlib import suppress
from datetime import datetime, time

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services, tickets
from .calendar import add_months, build_month, month_of, parse_month
from .clients import client_key
from .forms import CancelBookingForm, ChooseDepartureForm, ContactForm, FindBookingForm
from .models import HoldStatus


def tour_detail(request, tour, form=None, month=None):
    """The tour page: content, a calendar of departures with seats left, step 1 of booking."""
    now = timezone.now()
    upcoming = list(tour.upcoming_departures(now).select_related("tour"))
    for departure in upcoming:
        departure.bookable = departure.has_seats_to_book(now)
    today = timezone.localdate()
    latest = timezone.localtime(upcoming[-1].starts_at).date() if upcoming else today
    # Months past the scheduling horizon are never shown (nor can they overflow the calendar).
    latest = min(latest, timezone.localtime(services.latest_start(now)).date())
    first_upcoming = timezone.localtime(upcoming[0].starts_at).date() if upcoming else today
    shown = month or parse_month(request.GET.get("thang"), default=month_of(first_upcoming))
    shown = min(max(shown, month_of(today)), month_of(latest))
    month_start, month_end = local_midnight(shown), local_midnight(add_months(shown, 1))
    in_month = [d for d in upcoming if month_start <= d.starts_at < month_end]
    context = {
        "month": build_month(shown, in_month, earliest=today, latest=latest),
        "has_departures": bool(upcoming),
        "booking_form": form or ChooseDepartureForm(tour=tour),
        "booking_url": tour.url + tour.reverse_subpage("start_booking"),
        "hold_minutes": services.hold_minutes(),
    }
    return tour.render(request, context_overrides=context)


def local_midnight(day):
    return datetime.combine(day, time(0), tzinfo=timezone.get_current_timezone())


def start_booking(request, tour):
    """Step 1 posted: hold the seats, then ask who is coming."""
    if request.method != "POST":
        return redirect(tour.url)
    form = ChooseDepartureForm(request.POST, tour=tour)
    if form.is_valid():
        data = form.cleaned_data
        release_previous_choice(request)
        try:
            hold = services.hold_seats(
                data["departure"].pk, data["adults"], data["children"], client=client_key(request)
            )
        except services.TourError as error:
            form.add_error(FORM_FIELD_OF_ERROR.get(error.code), error.message)
        else:
            request.session[SESSION_HOLD_KEY] = str(hold.pk)
            return redirect(tour.booking_contact_url(hold))
    chosen = form.cleaned_data.get("departure")
    month = month_of(timezone.localtime(chosen.starts_at).date()) if chosen else None
    return tour_detail(request, tour, form=form, month=month)


SESSION_HOLD_KEY = "tours_hold"

# Where the booking form shows a refusal of services.hold_seats; others go on top.
FORM_FIELD_OF_ERROR = {
    services.InvalidParticipants.code: "adults",
    services.GroupTooLarge.code: "adults",
    services.UnknownDeparture.code: "departure",
    services.DepartureNotBookable.code: "departure",
    services.NotEnoughSeats.code: "departure",
}


def release_previous_choice(request):
    """A new choice replaces the visitor's unconfirmed one (going back, submitting twice)."""
    previous = request.session.pop(SESSION_HOLD_KEY, None)
    if previous:
        with suppress(services.UnknownHold):
            services.release_hold(previous)


def booking_contact(request, tour, hold_id):
    """Step 2: contact details for a held set of seats; confirming makes the booking."""
    try:
        hold = services.find_hold(hold_id)
    except services.UnknownHold:
        raise Http404 from None
    if hold.departure.tour_id != tour.original.pk:
        raise Http404
    if hold.status == HoldStatus.CONFIRMED and hasattr(hold, "booking"):
        return redirect(tickets.ticket_path(hold.booking))
    form = ContactForm(request.POST or None)
    if request.method == "POST":
        if "release" in request.POST:
            services.release_hold(hold.pk)
            messages.info(request, _("Đã trả lại chỗ. Bạn có thể chọn lịch khác."))
            return redirect(tour.url)
        if form.is_valid():
            response = confirm(request, hold, form)
            if response:
                return response
    context = {
        "page": tour,
        "tour": tour,
        "hold": hold,
        "departure": hold.departure,
        "form": form,
        "expired": not hold.is_active(),
    }
    return TemplateResponse(request, "tours/booking_contact.html", context)


def confirm(request, hold, form):
    data = form.cleaned_data
    contact = services.Contact(
        name=data["contact_name"], phone=data["phone"], email=data["email"], notes=data["notes"]
    )
    try:
        booking = services.confirm_hold(hold.pk, contact)
    except services.HoldAlreadyConfirmed:
        hold.refresh_from_db()
        return redirect(tickets.ticket_path(hold.booking))
    except services.TourError as error:
        form.add_error(None, error.message)
        return None
    messages.success(
        request,
        _("Đặt chỗ thành công. Vé điện tử đã được gửi đến %(email)s.") % {"email": booking.email},
    )
    return redirect(tickets.ticket_path(booking))


def find_booking(request):
    """A visitor who lost the link finds their ticket (and its cancel button) by code and e-mail."""
    form = FindBookingForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.find_booking_by_code(
                form.cleaned_data["code"], form.cleaned_data["email"], client=client_key(request)
            )
        except services.LookupRateLimited as error:
            form.add_error(None, error.message)
            status = 429
        except services.TourError as error:
            form.add_error(None, error.message)
        else:
            return redirect(tickets.ticket_path(booking))
    response = TemplateResponse(request, "tours/find_booking.html", {"form": form}, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def booking_or_404(token):
    booking = services.find_booking(token)
    if booking is None:
        raise Http404
    return booking


def ticket(request, token, cancel_form=None):
    booking = booking_or_404(token)
    context = {
        "booking": booking,
        "departure": booking.departure,
        "tour": booking.departure.tour,
        "can_cancel": booking.can_be_cancelled(),
        "cancel_form": cancel_form or CancelBookingForm(),
    }
    response = TemplateResponse(request, "tours/ticket.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


def ticket_qr(request, token):
    booking = booking_or_404(token)
    response = HttpResponse(tickets.qr_png(booking), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
def cancel_booking(request, token):
    booking = booking_or_404(token)
    form = CancelBookingForm(request.POST)
    if not form.is_valid():
        return ticket(request, token, cancel_form=form)
    try:
        services.cancel_booking(booking)
    except services.TourError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã hủy đặt chỗ %(code)s.") % {"code": booking.code})
    return redirect(tickets.ticket_path(booking))
