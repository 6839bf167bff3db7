"""Wagtail admin: upload or fetch, review the dry run, apply it, history, CSV, review list."""

import csv
import io
from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from catalog.models import Product, SyncRun, SyncStatus
from catalog.registry import services
from catalog.registry.services import WRITER_LOCK
from catalog.tasks import execute_sync_run

from .conftest import Route
from .sources import sample_json_items

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(date(2025, 9, 1), tick=False):
        yield


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """The admin starts runs on commit; run them (Celery is eager here) within the test."""

    def post(client, url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def upload(sample_path, name="danh-sach.csv"):
    return SimpleUploadedFile(name, sample_path.read_bytes(), content_type="text/csv")


def test_upload_shows_the_dry_run_then_applies_it_once(admin_client, sample_path, run_tasks):
    response = run_tasks(
        admin_client,
        reverse("catalog_registry:new"),
        {"source": "file", "file": upload(sample_path)},
    )
    dry = SyncRun.objects.get()
    assert response.url == reverse("catalog_registry:run", args=[dry.pk])
    assert dry.dry_run and dry.status == SyncStatus.SUCCEEDED and dry.created == 13
    assert Product.objects.count() == 0

    page = admin_client.get(response.url).content.decode()
    assert "Bánh gai Hương Cúc" in page and "Tạo mới" in page
    assert "74 điểm thuộc hạng 4 sao" in page
    assert reverse("catalog_registry:apply", args=[dry.pk]) in page

    applied = run_tasks(admin_client, reverse("catalog_registry:apply", args=[dry.pk]), {})
    real = SyncRun.objects.exclude(pk=dry.pk).get()
    assert applied.url == reverse("catalog_registry:run", args=[real.pk])
    assert (real.dry_run, real.applied_from, real.created) == (False, dry, 13)
    assert Product.objects.count() == 13
    assert [c["row"] for c in real.changes] == [c["row"] for c in dry.changes]

    run_tasks(admin_client, reverse("catalog_registry:apply", args=[dry.pk]), {})
    assert SyncRun.objects.count() == 2
    page = admin_client.get(reverse("catalog_registry:run", args=[dry.pk])).content.decode()
    assert reverse("catalog_registry:apply", args=[dry.pk]) not in page


def test_the_configured_url_is_read_once_and_applied_from_what_was_reviewed(
    admin_client, settings, feed_server, fast_http, run_tasks
):
    route = Route({"count": 16, "next": None, "results": sample_json_items()})
    settings.OCOP_REGISTRY_URL = feed_server.add("/api/products/", route)
    run_tasks(admin_client, reverse("catalog_registry:new"), {"source": "url"})
    dry = SyncRun.objects.get()
    assert (dry.source, dry.format, dry.created) == (settings.OCOP_REGISTRY_URL, "json", 13)
    assert dry.snapshot

    route.fail_times = 100  # the registry is down by the time the editor applies
    run_tasks(admin_client, reverse("catalog_registry:apply", args=[dry.pk]), {})
    real = SyncRun.objects.get(applied_from=dry)
    assert real.status == SyncStatus.SUCCEEDED and real.created == 13
    assert route.hits == 1


def test_the_url_button_needs_a_configured_url(admin_client, settings):
    settings.OCOP_REGISTRY_URL = ""
    response = admin_client.post(reverse("catalog_registry:new"), {"source": "url"})
    assert response.status_code == 400
    assert "OCOP_REGISTRY_URL" in response.content.decode()
    assert not SyncRun.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"source": "file"}, "Chọn tệp"),
        ({"source": "file", "file": SimpleUploadedFile("anh.png", b"\x89PNG")}, "Chỉ nhận"),
    ],
    ids=["no-file", "wrong-type"],
)
def test_bad_uploads_are_form_errors(admin_client, data, message):
    response = admin_client.post(reverse("catalog_registry:new"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SyncRun.objects.exists()


def test_an_unreadable_upload_is_a_failed_run_shown_plainly(admin_client, run_tasks):
    garbage = SimpleUploadedFile("danh-sach.csv", b"\x00\x01\x02\xff" * 100)
    response = run_tasks(
        admin_client, reverse("catalog_registry:new"), {"source": "file", "file": garbage}
    )
    run = SyncRun.objects.get()
    assert run.status == SyncStatus.FAILED
    page = admin_client.get(response.url)
    assert page.status_code == 200
    assert "nhị phân" in page.content.decode()
    assert reverse("catalog_registry:apply", args=[run.pk]) not in page.content.decode()


def test_history_and_the_problems_csv(admin_client, sample_path, run_tasks):
    run_tasks(
        admin_client,
        reverse("catalog_registry:new"),
        {"source": "file", "file": upload(sample_path)},
    )
    run = SyncRun.objects.get()
    listing = admin_client.get(reverse("catalog_registry:runs")).content.decode()
    assert reverse("catalog_registry:run", args=[run.pk]) in listing

    response = admin_client.get(reverse("catalog_registry:problems_csv", args=[run.pk]))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert {(row["row"], row["code"]) for row in rows} == {
        ("15", "stars_score_mismatch"),
        ("16", "missing_value"),
        ("16", "impossible_date"),
        ("17", "duplicate_row"),
    }
    assert all(row["message_vi"] and row["message_en"] for row in rows)


def test_products_needing_review_are_listed_until_marked(admin_client, sample_path, run_tasks):
    run_tasks(
        admin_client,
        reverse("catalog_registry:new"),
        {"source": "file", "file": upload(sample_path)},
    )
    run_tasks(admin_client, reverse("catalog_registry:apply", args=[SyncRun.objects.get().pk]), {})
    page = admin_client.get(reverse("catalog_registry:review")).content.decode()
    assert "Tương Bần ớt" in page and "Ninh Bình" in page and "tỉnh Nam Định" in page

    product = Product.objects.get(name="Tương Bần ớt")
    response = admin_client.post(reverse("catalog_registry:review"), {"product": product.pk})
    assert response.status_code == 302
    product.refresh_from_db()
    assert not product.needs_review and not product.producer.needs_review
    page = admin_client.get(reverse("catalog_registry:review")).content.decode()
    assert f'name="product" value="{product.pk}"' not in page
    assert "Bánh gai Hương Cúc" in page


def test_editors_without_the_permission_cannot_run_or_apply(client, sample_path):
    user = get_user_model().objects.create_user("bien-tap", password="x")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_syncrun"),
    )
    client.force_login(user)
    assert client.get(reverse("catalog_registry:runs")).status_code == 200
    response = client.post(
        reverse("catalog_registry:new"), {"source": "file", "file": upload(sample_path)}
    )
    # Wagtail turns a refused permission into a redirect to the dashboard, with a message.
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert client.get(reverse("catalog_registry:review")).status_code == 302
    assert not SyncRun.objects.exists()


def test_the_admin_menu_links_to_the_registry_pages(admin_client):
    page = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("catalog_registry:runs") in page
    assert reverse("catalog_registry:review") in page


def files_under(folder):
    return {path for path in Path(folder).rglob("*") if path.is_file()}


def test_uploaded_lists_are_kept_privately_and_deleted_once_applied(
    admin_client, sample_path, settings, run_tasks
):
    public_files = files_under(settings.MEDIA_ROOT)  # other tests' pictures, if any
    run_tasks(
        admin_client,
        reverse("catalog_registry:new"),
        {"source": "file", "file": upload(sample_path)},
    )
    dry = SyncRun.objects.get()
    stored = Path(dry.snapshot.path).resolve()
    assert stored.is_file()
    assert stored.is_relative_to(Path(settings.OCOP_PRIVATE_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert files_under(settings.MEDIA_ROOT) == public_files  # nothing public was written
    with pytest.raises(ValueError):
        dry.snapshot.url  # noqa: B018 - no public address exists

    run_tasks(admin_client, reverse("catalog_registry:apply", args=[dry.pk]), {})

    assert Product.objects.count() == 13
    assert not stored.exists()
    assert not SyncRun.objects.exclude(snapshot="").exists()


def test_an_unreadable_upload_is_not_kept(admin_client, settings, run_tasks):
    garbage = SimpleUploadedFile("danh-sach.csv", b"\x00\x01\x02\xff" * 100)
    run_tasks(admin_client, reverse("catalog_registry:new"), {"source": "file", "file": garbage})
    assert SyncRun.objects.get().status == SyncStatus.FAILED
    assert not SyncRun.objects.get().snapshot
    assert not any(path.is_file() for path in Path(settings.OCOP_PRIVATE_ROOT).rglob("*"))


def test_an_oversize_upload_is_a_form_error_naming_the_limit(admin_client, settings):
    settings.OCOP_REGISTRY_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("danh-sach.csv", b"a,b\n" * (400 * 1024))
    response = admin_client.post(reverse("catalog_registry:new"), {"source": "file", "file": big})
    assert response.status_code == 400
    assert "1,6 MB" in response.content.decode() or "1.6 MB" in response.content.decode()
    assert "giới hạn 1 MB" in response.content.decode()
    assert not SyncRun.objects.exists()
    assert not any(path.is_file() for path in Path(settings.OCOP_PRIVATE_ROOT).rglob("*"))


def test_an_application_refused_by_a_running_sync_can_be_tried_again(
    admin_client, sample_path, run_tasks
):
    run_tasks(
        admin_client,
        reverse("catalog_registry:new"),
        {"source": "file", "file": upload(sample_path)},
    )
    dry = SyncRun.objects.get()
    apply_url = reverse("catalog_registry:apply", args=[dry.pk])
    cache.add(WRITER_LOCK, "another run", timeout=60)
    try:
        run_tasks(admin_client, apply_url, {})
    finally:
        cache.delete(WRITER_LOCK)
    refused = SyncRun.objects.get(applied_from=dry)
    assert refused.status == SyncStatus.FAILED and Product.objects.count() == 0
    assert (
        apply_url
        in admin_client.get(reverse("catalog_registry:run", args=[dry.pk])).content.decode()
    )

    run_tasks(admin_client, apply_url, {})

    applied = SyncRun.objects.filter(applied_from=dry).latest("pk")
    assert applied.status == SyncStatus.SUCCEEDED and applied.created == 13
    assert Product.objects.count() == 13


def test_the_problems_csv_quotes_every_cell_a_spreadsheet_would_run(admin_client, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        "STT,Tên sản phẩm,Chủ thể,Địa chỉ,=Điểm,Hạng sao,Số quyết định,Ngày quyết định\n"
        '"=HYPERLINK(""http://x.example"")",Bánh gai,HTX A,tỉnh Nam Định,-1,@SUM,'
        "1/QĐ-UBND,18/07/2024\n",
        encoding="utf-8",
    )
    run = services.sync(path)
    assert run.errors == 2

    response = admin_client.get(reverse("catalog_registry:problems_csv", args=[run.pk]))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://x.example")' in cells  # the STT cell
    assert "'=Điểm" in cells and "'-1" in cells and "'@SUM" in cells
    assert not [cell for cell in cells if cell[:1] in "=+-@\t\r"]


def test_the_sync_permissions_can_be_given_to_a_group_in_the_admin(admin_client):
    page = admin_client.get(reverse("wagtailusers_groups:add")).content.decode()
    for codename in ("view_syncrun", "add_syncrun"):
        permission = Permission.objects.get(content_type__app_label="catalog", codename=codename)
        assert f'value="{permission.pk}"' in page


def test_a_run_delivered_twice_is_carried_out_once(admin_client, sample_path, run_tasks):
    run_tasks(
        admin_client,
        reverse("catalog_registry:new"),
        {"source": "file", "file": upload(sample_path)},
    )
    dry = SyncRun.objects.get()
    run_tasks(admin_client, reverse("catalog_registry:apply", args=[dry.pk]), {})
    real = SyncRun.objects.get(applied_from=dry)
    problems = real.problems.count()

    execute_sync_run(real.pk)  # the task again, as after a lost acknowledgement

    real.refresh_from_db()
    assert real.status == SyncStatus.SUCCEEDED and real.created == 13
    assert real.problems.count() == problems
