""" "Remind me": a visitor leaves an e-mail; a beat task sends it 30 minutes before the
start, once.

Sending is once per reminder even with two workers or a task run twice: each
reminder is sent inside its own transaction holding its row lock (``skip_locked``:
another worker passes over it), and marked sent in that transaction; a sent
reminder is never picked again. A failed send rolls back and is retried next run.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from fairs.models import LivestreamReminder
from ocop import shared_state

REMIND_BEFORE = timedelta(minutes=30)


class ReminderError(Exception):
    status = 400


class TooManyReminders(ReminderError):
    status = 429


def per_client_per_hour():
    return getattr(settings, "FAIRS_REMINDERS_PER_CLIENT_PER_HOUR", 10)


def subscribe(livestream, email, *, client, language="vi", now=None):
    """Remember to e-mail ``email`` before ``livestream`` starts (once per address)."""
    now = now or timezone.now()
    email = str(email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ReminderError(_("Địa chỉ e-mail không hợp lệ.")) from None
    if livestream.starts_at <= now:
        raise ReminderError(_("Livestream đã bắt đầu: không còn nhắc trước được."))
    if not shared_state.take(f"fairs:remind:{client}", per_client_per_hour(), 3600):
        raise TooManyReminders(_("Bạn đã đăng ký nhắc quá nhiều lần. Hãy thử lại sau."))
    reminder, _created = LivestreamReminder.objects.get_or_create(
        livestream=livestream, email=email.lower(), defaults={"language": language[:8]}
    )
    return reminder


def due_reminders(now):
    return LivestreamReminder.objects.filter(
        sent_at__isnull=True,
        livestream__live=True,
        livestream__starts_at__lte=now + REMIND_BEFORE,
        livestream__ends_at__gte=now,
    )


def send_due_reminders(now=None):
    """Send every reminder now due; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    for reminder_id in due_reminders(now).order_by("pk").values_list("pk", flat=True):
        sent += _send_once(reminder_id, now)
    return sent


def _send_once(reminder_id, now):
    with transaction.atomic():
        reminder = (
            LivestreamReminder.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("livestream")
            .filter(pk=reminder_id, sent_at__isnull=True)
            .first()
        )
        if reminder is None:
            return 0  # sent already, or another worker is sending it
        _mail(reminder)
        reminder.sent_at = now
        reminder.save(update_fields=["sent_at"])
    return 1


def _mail(reminder):
    livestream = reminder.livestream
    with translation.override(reminder.language or "vi"):
        context = {
            "livestream": livestream,
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + (livestream.url or "/"),
            "starts_at": timezone.localtime(livestream.starts_at),
        }
        subject = _("Sắp bắt đầu: %(title)s") % {"title": livestream.title}
        body = render_to_string("fairs/email/reminder.txt", context)
    send_mail(subject, body, None, [reminder.email])
