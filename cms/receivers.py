"""Public content changed: make the cached public pages stale."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction, Site
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

# Sites and private pages are read once per version (cms.cache): any change to
# them makes a new version too.
for model in (
    Structure,
    OpeningException,
    Organisation,
    Network,
    Territory,
    Site,
    PageViewRestriction,
):
    post_save.connect(
        invalidate_public_pages, sender=model, dispatch_uid=f"cms-cache-save-{model}"
    )
    post_delete.connect(
        invalidate_public_pages, sender=model, dispatch_uid=f"cms-cache-del-{model}"
    )
