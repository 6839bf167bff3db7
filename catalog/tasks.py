"""Celery tasks of the catalogue: registry sync and the daily certificate sweep."""

from celery import shared_task
from django.conf import settings

from catalog.models import SyncRun
from catalog.models.registry import SyncTrigger
from catalog.registry import services as registry
from catalog.registry import sweep


@shared_task
def sync_registry_url():
    """Nightly: sync OCOP_REGISTRY_URL when it is set; returns the SyncRun id."""
    if not settings.OCOP_REGISTRY_URL:
        return None
    return registry.sync(settings.OCOP_REGISTRY_URL, trigger=SyncTrigger.SCHEDULE).pk


@shared_task
def execute_sync_run(run_id):
    """Carry out a SyncRun the admin prepared; a dry run keeps the data it read."""
    run = SyncRun.objects.get(pk=run_id)
    registry.execute(run, keep_snapshot=run.dry_run)
    return run.pk


@shared_task
def certificate_daily_sweep():
    """Daily: status crossings to the search hook, and renewal reminders by e-mail."""
    return sweep.daily_sweep()
