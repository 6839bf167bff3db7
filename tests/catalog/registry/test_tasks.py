"""Celery tasks: nightly sync of the configured URL, and the daily certificate sweep."""

from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog import services as catalog_services
from catalog.models import CertificateReminder, SyncRun, SyncStatus
from catalog.models.registry import SyncTrigger
from catalog.registry import services as registry_services
from catalog.signals import certification_changed
from catalog.tasks import certificate_daily_sweep, sync_registry_url
from tests.factories import make_producer, make_product

from .conftest import Route

pytestmark = pytest.mark.django_db

DECIDED = date(2023, 3, 1)
EXPIRES = date(2026, 3, 1)  # last valid day: 36 months after the decision


@pytest.fixture
def producer():
    producer = make_producer(name="Hợp tác xã Diêm nghiệp Bạch Long")
    users = get_user_model().objects
    producer.users.add(
        users.create_user("chu-nhiem", email="chunhiem@htx.example"),
        users.create_user("ke-toan", email="ketoan@htx.example"),
        users.create_user("nghi-viec", email="cu@htx.example", is_active=False),
        users.create_user("khong-email"),
    )
    return producer


@pytest.fixture
def product(producer):
    return make_product(name="Muối biển sạch", producer=producer, decision_date=DECIDED)


@pytest.fixture
def changed_ids():
    received = []

    def receiver(sender, product_ids, **kwargs):
        received.append(tuple(product_ids))

    certification_changed.connect(receiver)
    yield received
    certification_changed.disconnect(receiver)


def sweep_every_day(first, last):
    """Run the daily task once a day from ``first`` to ``last``; {day: mails sent that day}."""
    sent = {}
    day = first
    while day <= last:
        before = len(mail.outbox)
        with time_machine.travel(day, tick=False):
            certificate_daily_sweep.delay()
        if len(mail.outbox) > before:
            sent[day] = mail.outbox[before:]
        day += timedelta(days=1)
    return sent


def test_each_reminder_goes_out_once_on_its_day(product):
    sent = sweep_every_day(EXPIRES - timedelta(days=200), EXPIRES + timedelta(days=40))

    assert list(sent) == [
        EXPIRES - timedelta(days=180),
        EXPIRES - timedelta(days=120),
        EXPIRES - timedelta(days=30),
        EXPIRES,
    ]
    assert all(len(messages) == 1 for messages in sent.values())
    first = sent[EXPIRES - timedelta(days=180)][0]
    assert first.to == ["chunhiem@htx.example", "ketoan@htx.example"]
    assert "Muối biển sạch" in first.subject and "180" in first.subject
    assert "Kính gửi" in first.body and "Dear" in first.body
    assert "01/03/2026" in first.body
    assert "hết hiệu lực" in sent[EXPIRES][0].subject
    assert sorted(
        CertificateReminder.objects.filter(certification=product.current_certification).values_list(
            "days_before", flat=True
        )
    ) == [0, 30, 120, 180]


def test_a_sweep_run_twice_the_same_day_sends_nothing_more(product):
    with time_machine.travel(EXPIRES - timedelta(days=100), tick=False):
        certificate_daily_sweep.delay()
        certificate_daily_sweep.delay()
    assert len(mail.outbox) == 1
    assert CertificateReminder.objects.get().days_before == 120


def test_a_certificate_already_close_to_expiry_gets_only_the_reminder_now_due(product):
    sent = sweep_every_day(EXPIRES - timedelta(days=20), EXPIRES - timedelta(days=10))
    assert list(sent) == [EXPIRES - timedelta(days=20)]
    assert CertificateReminder.objects.get().days_before == 30


def test_a_renewal_stops_reminders_for_the_old_certificate(product):
    sweep_every_day(EXPIRES - timedelta(days=180), EXPIRES - timedelta(days=180))
    catalog_services.record_certification(
        product,
        stars=4,
        score="80",
        decision_number="77/QĐ-UBND",
        decision_date=EXPIRES - timedelta(days=60),
        level="province",
    )
    sent = sweep_every_day(EXPIRES - timedelta(days=35), EXPIRES + timedelta(days=5))
    assert sent == {}


def test_revoked_certificates_get_no_reminders(product):
    certification = product.current_certification
    catalog_services.revoke_certification(certification, revoked_on=DECIDED + timedelta(days=30))
    assert sweep_every_day(EXPIRES - timedelta(days=185), EXPIRES - timedelta(days=175)) == {}


def test_a_producer_without_users_is_reminded_once_someone_is_added(producer):
    lonely = make_product(producer=make_producer(), decision_date=DECIDED)
    day = EXPIRES - timedelta(days=150)
    with time_machine.travel(day, tick=False):
        certificate_daily_sweep.delay()
    assert not CertificateReminder.objects.filter(certification__product=lonely).exists()
    lonely.producer.users.add(producer.users.get(username="chu-nhiem"))
    with time_machine.travel(day + timedelta(days=1), tick=False):
        certificate_daily_sweep.delay()
    assert CertificateReminder.objects.get(certification__product=lonely).days_before == 180


@pytest.mark.parametrize(
    "day",
    [DECIDED, EXPIRES - timedelta(days=180), EXPIRES + timedelta(days=1)],
    ids=["becomes-valid", "renewal-window-opens", "expires"],
)
def test_the_sweep_signals_products_whose_status_crosses_a_boundary(product, changed_ids, day):
    with time_machine.travel(day, tick=False):
        certificate_daily_sweep.delay()
    assert (product.pk,) in changed_ids


def test_a_sweep_after_a_missed_day_signals_the_crossing_of_that_day(product, changed_ids):
    expired_on = EXPIRES + timedelta(days=1)
    with time_machine.travel(expired_on - timedelta(days=1), tick=False):
        certificate_daily_sweep.delay()
    assert changed_ids == []

    with time_machine.travel(expired_on + timedelta(days=1), tick=False):  # a day was missed
        certificate_daily_sweep.delay()

    assert changed_ids == [(product.pk,)]
    assert not product.is_certified(expired_on)


def test_the_sweep_signals_a_revocation_on_its_day(product, changed_ids):
    revoked_on = date(2025, 6, 1)
    catalog_services.revoke_certification(product.current_certification, revoked_on=revoked_on)
    changed_ids.clear()
    for day in (revoked_on - timedelta(days=1), revoked_on):
        with time_machine.travel(day, tick=False):
            certificate_daily_sweep.delay()
    assert changed_ids == [(product.pk,)]


def test_the_sweep_is_quiet_on_ordinary_days(product, changed_ids):
    with time_machine.travel(date(2024, 6, 1), tick=False):
        certificate_daily_sweep.delay()
    assert changed_ids == []
    assert mail.outbox == []


def test_nightly_sync_reads_the_configured_url(settings, feed_server, fast_http, sample_path):
    settings.OCOP_REGISTRY_URL = feed_server.add(
        "/danh-sach.csv", Route(sample_path.read_bytes(), "text/csv")
    )
    with time_machine.travel(date(2025, 9, 1), tick=False):
        run_id = sync_registry_url.delay().get()
    run = SyncRun.objects.get(pk=run_id)
    assert (run.trigger, run.status, run.created) == (
        SyncTrigger.SCHEDULE,
        SyncStatus.SUCCEEDED,
        13,
    )


def test_nightly_sync_does_nothing_without_a_url(settings):
    settings.OCOP_REGISTRY_URL = ""
    assert sync_registry_url.delay().get() is None
    assert not SyncRun.objects.exists()


def test_both_tasks_are_on_the_beat_schedule():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"catalog.tasks.sync_registry_url", "catalog.tasks.certificate_daily_sweep"} <= tasks


def test_an_unreachable_mail_server_leaves_the_reminder_for_the_next_sweep(product, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    day = EXPIRES - timedelta(days=150)
    with time_machine.travel(day, tick=False):
        assert certificate_daily_sweep.delay().get()["reminders_sent"] == 0
    assert not CertificateReminder.objects.exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(day + timedelta(days=1), tick=False):
        assert certificate_daily_sweep.delay().get()["reminders_sent"] == 1
    assert CertificateReminder.objects.get().days_before == 180


def test_the_sweep_deletes_lists_of_dry_runs_left_unapplied_for_a_month(tmp_path):
    sample = Path(__file__).resolve().parents[3] / "catalog/registry/samples/sample-nam-dinh.csv"

    def dry_run_on(day):
        with time_machine.travel(day, tick=False):
            run = registry_services.prepare_dry_run(
                user=None, upload=SimpleUploadedFile("danh-sach.csv", sample.read_bytes())
            )
            registry_services.execute(run)
        run.refresh_from_db()
        return run, Path(run.snapshot.path)

    old, old_file = dry_run_on(date(2025, 5, 1))
    recent, recent_file = dry_run_on(date(2025, 5, 25))

    with time_machine.travel(date(2025, 6, 1), tick=False):
        certificate_daily_sweep.delay()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert not old.snapshot and not old_file.exists()
    assert recent.snapshot and recent_file.exists()
    assert recent.can_be_applied() and not old.can_be_applied()
