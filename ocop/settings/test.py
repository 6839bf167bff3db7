"""Settings for the pytest suite.

The database comes from DATABASE_URL like everywhere else (SQLite by default,
PostgreSQL in CI). Celery stays eager here; tests that need a real worker on
the real Redis broker start one themselves.
"""

import tempfile

from .base import *  # noqa: F403
from .base import TASKS

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The anonymous page cache is off but in the tests that switch it on (its own).
OCOP_PAGE_CACHE_SECONDS = 0
OCOP_SHARED_CACHE_SECONDS = 0
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = "cache+memory://"
TASKS = {**TASKS, "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="ocop-test-media-")
OCOP_PRIVATE_ROOT = tempfile.mkdtemp(prefix="ocop-test-private-")
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL  # one site address (docs/storefront.md)
