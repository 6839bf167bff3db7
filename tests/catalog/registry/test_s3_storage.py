"""Uploaded lists through Django's storage API, on an S3-compatible bucket (item 9).

moto's server mode on 127.0.0.1 stands in for the bucket: the production backend
(django-storages' S3Storage, with the production options) talks real HTTP to it.
A worker on another machine reads the list from the bucket, never a local disk.
"""

from pathlib import Path

import boto3
import pytest
from django.core.files import File
from django.urls import reverse
from moto.server import ThreadedMotoServer

from catalog.models import Product, SyncRun, SyncStatus
from catalog.registry import services

from .test_admin import upload

pytestmark = pytest.mark.django_db

BUCKET = "ocop-private-test"


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "location": "registry-private",
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }
    yield client
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in listed:
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    def post(client, url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def keys(client):
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_an_upload_is_kept_in_the_private_bucket_and_deleted_once_applied(
    bucket, admin_client, sample_path, settings, run_tasks
):
    run_tasks(
        admin_client,
        reverse("catalog_registry:new"),
        {"source": "file", "file": upload(sample_path)},
    )
    dry = SyncRun.objects.get()
    assert dry.status == SyncStatus.SUCCEEDED and dry.created == 13
    [key] = keys(bucket)
    assert key.startswith("registry-private/registry/")
    acl = bucket.get_object_acl(Bucket=BUCKET, Key=key)
    assert not [g for g in acl["Grants"] if "AllUsers" in str(g.get("Grantee", {}))]
    assert not any(path.is_file() for path in Path(settings.OCOP_PRIVATE_ROOT).rglob("*"))
    with pytest.raises(ValueError):
        dry.snapshot.url  # noqa: B018 - no address is handed out

    run_tasks(admin_client, reverse("catalog_registry:apply", args=[dry.pk]), {})

    assert Product.objects.count() == 13
    assert keys(bucket) == []
    assert not SyncRun.objects.exclude(snapshot="").exists()


def test_a_worker_reads_the_list_from_the_bucket_alone(bucket, admin_user, sample_path):
    """The dry run's list is read back from the bucket (no local copy is kept anywhere)."""
    with sample_path.open("rb") as file:
        dry = services.prepare_dry_run(user=admin_user, upload=File(file, name="danh-sach.csv"))
    assert len(keys(bucket)) == 1
    services.execute(dry, keep_snapshot=True)
    dry.refresh_from_db()
    assert dry.status == SyncStatus.SUCCEEDED and dry.created == 13
    real = services.run_from_dry_run(dry, user=admin_user)
    services.execute(real)
    real.refresh_from_db()
    assert real.status == SyncStatus.SUCCEEDED and real.created == 13
    assert keys(bucket) == []
