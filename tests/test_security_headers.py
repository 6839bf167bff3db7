"""Response headers that keep other sites' code out (issue 13, item 10)."""

import pytest

from tests.test_settings import SAFE_PRODUCTION_ENV, run_python

pytestmark = pytest.mark.django_db


def policy(response):
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_public_pages_carry_a_content_security_policy_that_allows_stripe_js(client):
    directives = policy(client.get("/ve-tour/tra-cuu/"))
    assert directives["default-src"] == ["'self'"]
    assert "https://js.stripe.com" in directives["script-src"]
    assert "https://js.stripe.com" in directives["frame-src"]
    assert "https://api.stripe.com" in directives["connect-src"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["object-src"] == ["'none'"]


def test_the_admin_policy_allows_its_inline_scripts_only_there(client):
    directives = policy(client.get("/admin/login/"))
    assert "'unsafe-inline'" in directives["script-src"]
    assert "https://js.stripe.com" in directives["script-src"]


def test_json_answers_carry_the_policy_too(client):
    assert "Content-Security-Policy" in client.get("/api/tours/departures/?tour=1")


LANGUAGE_COOKIE = """
import django
from django.conf import settings
django.setup()
print(settings.LANGUAGE_COOKIE_SECURE, settings.LANGUAGE_COOKIE_HTTPONLY)
"""


def test_the_language_cookie_is_secure_in_production():
    result = run_python(LANGUAGE_COOKIE, "ocop.settings.production", **SAFE_PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]


def test_the_language_switcher_sets_a_secure_cookie_when_told(client, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en" and cookie["secure"]
