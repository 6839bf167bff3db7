from io import StringIO

import pytest
from django.core.management import call_command


def test_system_checks_are_clean():
    out = StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()


@pytest.mark.django_db
def test_models_and_migrations_agree():
    # Exits with SystemExit(1) when a model change lacks its migration.
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())
