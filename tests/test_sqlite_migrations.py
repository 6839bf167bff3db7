"""``make run`` migrates SQLite when DATABASE_URL is unset: every migration must apply
there too (an index with NULLS LAST once stopped it: catalog.models.listing.SortIndex)."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def test_the_migrations_apply_to_a_new_sqlite_database(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "ocop.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Applying catalog.0011_sale_listing_covering_indexes... OK" in done.stdout
    assert "WARNINGS" not in done.stderr, done.stderr
