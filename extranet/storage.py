"""Private files: stored outside the web root, served only by views that check rights.

Every capability that keeps documents (convention PDFs, attendance sheets,
certificates) stores them here, so no web server configuration can expose them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


class PrivateStorage(LazyObject):
    """Files never served by the web server: only through a view that checks rights."""

    def _setup(self) -> None:
        self._wrapped = FileSystemStorage(
            location=settings.PRIVATE_MEDIA_ROOT, base_url=None
        )


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The storage of private files; a callable, so migrations do not record the
    folder of the machine that made them."""
    return _private_storage
