from smtplib import SMTPException

from celery import shared_task

from . import services, tickets
from .models import Booking


@shared_task
def release_expired_holds():
    """Every minute (beat): mark expired seat holds released; returns how many."""
    return services.release_expired_holds()


@shared_task(
    autoretry_for=(SMTPException, ConnectionError),
    retry_backoff=True,
    max_retries=5,
)
def send_booking_confirmation(booking_id):
    booking = Booking.objects.select_related("departure__tour__operator").get(pk=booking_id)
    tickets.send_confirmation(booking)


@shared_task(
    autoretry_for=(SMTPException, ConnectionError),
    retry_backoff=True,
    max_retries=5,
)
def send_departure_cancelled(booking_id):
    booking = Booking.objects.select_related("departure__tour__operator").get(pk=booking_id)
    tickets.send_departure_cancelled(booking)
