"""Public content changed: make the cached public pages stale."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from extranet.models import (
    Network,
    OpeningException,
    Organisation,
    Structure,
    Territory,
)

from .cache import invalidate_public_pages

for signal in (page_published, page_unpublished):
    signal.connect(invalidate_public_pages, dispatch_uid=f"cms-cache-{signal!r}")

for model in (Structure, OpeningException, Organisation, Network, Territory):
    post_save.connect(
        invalidate_public_pages, sender=model, dispatch_uid=f"cms-cache-save-{model}"
    )
    post_delete.connect(
        invalidate_public_pages, sender=model, dispatch_uid=f"cms-cache-del-{model}"
    )
