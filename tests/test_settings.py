"""Settings read the environment only, and fall back to the embedded defaults."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent

DUMP_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "db": settings.DATABASES["default"]["ENGINE"],
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "broker": settings.CELERY_BROKER_URL,
    "cache": settings.CACHES["default"]["BACKEND"],
    "tasks": settings.TASKS["default"]["BACKEND"],
    "search": settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
    "elasticsearch": settings.ELASTICSEARCH_URL,
    "email": settings.EMAIL_BACKEND,
    "stripe": settings.STRIPE_SECRET_KEY,
    "debug": settings.DEBUG,
    "proxy_hops": settings.TRUSTED_PROXY_HOPS,
}))
"""


def run_python(code, settings_module, **env_vars):
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": settings_module, **env_vars}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_DIR, env=env, capture_output=True, text=True
    )


def settings_with(settings_module="ocop.settings.dev", **env_vars):
    result = run_python(DUMP_SETTINGS, settings_module, **env_vars)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_empty_environment_gives_embedded_defaults():
    settings = settings_with()
    assert settings == {
        "db": "django.db.backends.sqlite3",
        "eager": True,
        "broker": "memory://",
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "tasks": "django_tasks.backends.immediate.ImmediateBackend",
        "search": "search.admin_backend",  # the database backend, accent-insensitive
        "elasticsearch": "",
        "email": "django.core.mail.backends.console.EmailBackend",
        "stripe": "",
        "debug": True,
        "proxy_hops": 0,
    }


def test_binding_on_the_client_is_django_s_own_backend():
    settings = settings_with(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/ocop", DB_SERVER_SIDE_BINDING="false"
    )
    assert settings["db"] == "django.db.backends.postgresql"


def test_environment_switches_to_real_services():
    settings = settings_with(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/ocop",
        REDIS_URL="redis://127.0.0.1:6379/3",
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
        EMAIL_URL="smtp://mailer:secret@smtp.example.vn:587",
        STRIPE_SECRET_KEY="sk_test_123",
        DEBUG="false",
    )
    assert settings["db"] == "ocop.postgresql"  # server-side binding, the default
    assert settings["eager"] is False
    assert settings["broker"] == "redis://127.0.0.1:6379/3"
    assert settings["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert settings["tasks"] == "ocop.tasks_backend.CeleryTaskBackend"
    assert settings["elasticsearch"] == "http://127.0.0.1:9200"
    assert settings["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert settings["stripe"] == "sk_test_123"
    assert settings["debug"] is False


SAFE_PRODUCTION_ENV = {
    "SECRET_KEY": "p6Vq0c8Zr1xK3mN7tY2wB5hJ9sL4dF8gA1eR6uI3oP0zX7cV2bN5mQ8wE4rT1yU9",
    "ALLOWED_HOSTS": "ocop.example.vn",
    "REDIS_URL": "redis://127.0.0.1:6379/9",
    "OCOP_PRIVATE_BUCKET": "ocop-private",
}


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"DEBUG": "true"}, "DEBUG"),
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-abc"}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"REDIS_URL": ""}, "REDIS_URL"),
        ({"OCOP_PRIVATE_BUCKET": ""}, "OCOP_PRIVATE_BUCKET"),
    ],
)
def test_production_refuses_unsafe_settings(override, message):
    env = {**SAFE_PRODUCTION_ENV, **override}
    env = {key: value for key, value in env.items() if value != ""}
    result = run_python(DUMP_SETTINGS, "ocop.settings.production", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_trusts_no_forwarded_address_unless_told():
    """A client reaching the app directly must not choose its own address (issue 13, item 5)."""
    assert settings_with("ocop.settings.production", **SAFE_PRODUCTION_ENV)["proxy_hops"] == 0
    behind_one = settings_with(
        "ocop.settings.production", TRUSTED_PROXY_HOPS="1", **SAFE_PRODUCTION_ENV
    )
    assert behind_one["proxy_hops"] == 1


def test_production_passes_deploy_checks_without_warnings():
    env = {"PATH": os.environ["PATH"], **SAFE_PRODUCTION_ENV}
    env["DJANGO_SETTINGS_MODULE"] = "ocop.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
