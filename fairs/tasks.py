from celery import shared_task

from .services import reminders


@shared_task
def send_livestream_reminders():
    """Every minute (beat): e-mail the reminders now due, each once; returns how many."""
    return reminders.send_due_reminders()
