"""Runs Django tasks (``django_tasks``, used by Wagtail) on Celery workers.

Wagtail enqueues its background work (reference index updates, image
renditions, front-end cache purges) through Django's task framework. With a
Redis broker configured, this backend hands each task to Celery so the web
process does not do it inline.
"""

from celery import shared_task
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id, normalize_json


@shared_task(name="ocop.run_django_task")
def run_django_task(module_path, args, kwargs):
    task = import_string(module_path)
    return normalize_json(task.call(*args, **kwargs))


class CeleryTaskBackend(BaseTaskBackend):
    supports_defer = True

    def validate_task(self, task):
        super().validate_task(task)
        if task.takes_context:
            raise ValueError("The Celery task backend does not pass a task context.")

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=normalize_json(args),
            kwargs=normalize_json(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        run_django_task.apply_async(
            args=(task.module_path, result.args, result.kwargs),
            task_id=result.id,
            eta=task.run_after,
        )
        return result
