"""Where uploaded registry files are kept: private, never served, readable by every worker.

Recognition lists name producers' representatives, phones and e-mails, so they are
never served by the web server; only the sync service reads them back, possibly in
a Celery worker on another machine. They go through Django's storage API, under
the ``"private"`` alias of ``settings.STORAGES``:

- locally (development, tests): files under ``OCOP_PRIVATE_ROOT``, outside
  ``MEDIA_ROOT``;
- in production: a private S3-compatible bucket (django-storages), no public ACL,
  no URL handed out.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages

PRIVATE = "private"


class LocalPrivateStorage(FileSystemStorage):
    """FileSystemStorage under OCOP_PRIVATE_ROOT (read on each use, so tests can move it)."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.OCOP_PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private registry files have no URL.")


class PrivateStorage(Storage):
    """The model field's storage: hands every call to ``storages["private"]`` at call time,
    so the backend follows the settings (and tests can swap it)."""

    @property
    def backend(self):
        return storages[PRIVATE]

    def _open(self, name, mode="rb"):
        return self.backend.open(name, mode)

    def _save(self, name, content):
        return self.backend.save(name, content)

    def save(self, name, content, max_length=None):
        return self.backend.save(name, content, max_length=max_length)

    def generate_filename(self, filename):
        return self.backend.generate_filename(filename)

    def get_available_name(self, name, max_length=None):
        return self.backend.get_available_name(name, max_length=max_length)

    def delete(self, name):
        return self.backend.delete(name)

    def exists(self, name):
        return self.backend.exists(name)

    def size(self, name):
        return self.backend.size(name)

    def listdir(self, path):
        return self.backend.listdir(path)

    def path(self, name):
        return self.backend.path(name)  # local files only; a bucket has no path

    def url(self, name):
        raise ValueError("Private registry files have no URL.")


def private_storage():
    return PrivateStorage()
