"""Public content changed: make the cached public pages stale."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from extranet.models import (
    Network,
    OpeningException,
    Organisation,
    Structure,
    Territory,
)
from extranet.registry import public_content_changed

from .cache import invalidate_public_pages

for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(invalidate_public_pages, dispatch_uid=f"cms-cache-{signal!r}")

# Capability apps' public content (a public service of the map).
public_content_changed.connect(invalidate_public_pages, dispatch_uid="cms-cache-apps")

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


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        invalidate_public_pages()


# The tree of pages is read once per version (cms.tree): a page deleted, of
# whatever type, makes a new one.
post_delete.connect(_page_deleted, dispatch_uid="cms-cache-page-deleted")
