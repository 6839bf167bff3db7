"""Where uploaded registry files are kept: outside MEDIA_ROOT, with no public URL.

Recognition lists name producers' representatives, phones and e-mails, so they are
never served by the web server; only the sync service reads them back.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """FileSystemStorage under OCOP_PRIVATE_ROOT (read on each use, so tests can move it)."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.OCOP_PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private registry files have no URL.")


def private_storage():
    return PrivateStorage(directory_permissions_mode=0o700, file_permissions_mode=0o600)
