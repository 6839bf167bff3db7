"""The daily certificate sweep: status crossings to the search hook, renewal reminders
by e-mail, and stored registry lists past their keeping time. Celery beat runs it
(catalog.tasks.certificate_daily_sweep).
"""

import logging
import smtplib
from datetime import date, timedelta

from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from catalog import rules
from catalog.models import CertificateReminder, Certification, Product, SyncRun, SyncStatus
from catalog.signals import certification_changed

from .services import _discard_snapshot

logger = logging.getLogger(__name__)

# An expiry notice still goes out this many days late when a sweep was missed.
EXPIRY_NOTICE_GRACE_DAYS = 30


# The day of the last sweep, so a sweep after missed days covers them too.
LAST_SWEEP = "catalog.registry.last-sweep"
# How far back a sweep looks when it does not know the last one (cache emptied).
SWEEP_LOOKBACK_DAYS = 7
MAX_SWEEP_DAYS = 60


def daily_sweep(on=None, *, days=None):
    """Signal products whose status crossed a date boundary since the last sweep,
    then send due reminders."""
    on = on or timezone.localdate()
    days = days or _days_since_last_sweep(on)
    crossed = signal_status_crossings(on, days=days)
    sent = send_due_reminders(on)
    cache.set(LAST_SWEEP, on.isoformat(), timeout=None)
    discarded = discard_stale_snapshots()
    return {"status_changed": len(crossed), "reminders_sent": sent, "snapshots_deleted": discarded}


# A dry run not applied within this time must be run again: its stored list goes.
SNAPSHOT_KEEP_DAYS = 30


def discard_stale_snapshots():
    """Delete stored lists of dry runs older than SNAPSHOT_KEEP_DAYS (personal data)."""
    cutoff = timezone.now() - timedelta(days=SNAPSHOT_KEEP_DAYS)
    stale = SyncRun.objects.filter(created_at__lt=cutoff).exclude(snapshot="")
    stale = stale.exclude(applications__status__in=[SyncStatus.PENDING, SyncStatus.RUNNING])
    count = 0
    for run in stale.order_by("pk"):
        _discard_snapshot(run)
        count += 1
    return count


def _days_since_last_sweep(on):
    last = cache.get(LAST_SWEEP)
    if last is None:
        return SWEEP_LOOKBACK_DAYS
    return min(max((on - date.fromisoformat(last)).days, 1), MAX_SWEEP_DAYS)


def signal_status_crossings(on, *, days=1):
    """Products whose current certificate became valid, entered the renewal window,
    expired or was revoked in the ``days`` up to ``on``: the search index follows."""
    start = on - timedelta(days=days - 1)
    prefix = "current_certification__"
    window = rules.RENEWAL_WINDOW_DAYS
    crossed = (
        Q(**{f"{prefix}decision_date__range": (start, on)})
        | Q(
            **{
                f"{prefix}valid_until__range": (
                    start + timedelta(days=window),
                    on + timedelta(days=window),
                )
            }
        )
        | Q(**{f"{prefix}valid_until__range": (start - timedelta(days=1), on - timedelta(days=1))})
        | Q(**{f"{prefix}revoked_on__range": (start, on)})
    )
    product_ids = sorted(Product.objects.filter(crossed).values_list("pk", flat=True))
    if product_ids:
        certification_changed.send(Certification, product_ids=product_ids)
    return product_ids


def reminder_threshold(days_left):
    """Which reminder (180, 120, 30 days before, 0 = expiry) is due, or None."""
    if days_left <= 0:
        return 0 if days_left > -EXPIRY_NOTICE_GRACE_DAYS else None
    due = [days for days in rules.REMINDER_DAYS if days and days_left <= days]
    return min(due) if due else None


def send_due_reminders(on):
    """E-mail each producer's users the reminder due for its current certificate, once."""
    top = max(rules.REMINDER_DAYS)
    certifications = (
        Certification.objects.filter(
            pk__in=Product.objects.values("current_certification"),
            stars__gte=rules.MIN_CERTIFIED_STARS,
            valid_until__gt=on - timedelta(days=EXPIRY_NOTICE_GRACE_DAYS),
            valid_until__lte=on + timedelta(days=top),
        )
        .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=on))
        .select_related("product__producer")
        .prefetch_related("product__producer__users")
        .order_by("pk")
    )
    sent = 0
    for certification in certifications:
        threshold = reminder_threshold((certification.valid_until - on).days)
        if threshold is not None and _send_reminder(certification, threshold, on):
            sent += 1
    return sent


def _send_reminder(certification, threshold, on):
    users = certification.product.producer.users.all()
    recipients = sorted({user.email for user in users if user.is_active and user.email})
    if not recipients:
        return False  # nobody to tell yet: a user added later still gets it
    try:
        with transaction.atomic():
            CertificateReminder.objects.create(
                certification=certification,
                days_before=threshold,
                recipients=", ".join(recipients),
            )
            subject, body = _reminder_message(certification, threshold, on)
            send_mail(subject, body, None, recipients)
    except IntegrityError:
        return False  # already sent, by this sweep's twin
    except (smtplib.SMTPException, OSError):
        logger.exception("Reminder for certification %s not sent", certification.pk)
        return False  # nothing recorded: tomorrow's sweep tries again
    return True


def _reminder_message(certification, threshold, on):
    context = {
        "certification": certification,
        "product": certification.product,
        "producer": certification.product.producer,
        "threshold": threshold,
        "days_left": (certification.valid_until - on).days,
        "window_opens": certification.renewal_window_opens,
    }
    parts = {}
    for language in ("vi", "en"):
        with translation.override(language):
            parts[language] = (
                render_to_string("catalog/registry/reminder_subject.txt", context).strip(),
                render_to_string("catalog/registry/reminder_body.txt", context).strip(),
            )
    subject = f"{parts['vi'][0]} / {parts['en'][0]}"
    body = f"{parts['vi'][1]}\n\n-----\n\n{parts['en'][1]}\n"
    return subject, body


# --- Admin operations ---------------------------------------------------------
