"""Resources: documents to download, such as the "Perspectives" sheets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import BodyBlock
from .base import BasePage


class ResourceIndexPage(BasePage):
    """The "Ressources" section: every resource, newest first."""

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ResourcePage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des ressources")
        verbose_name_plural = _("index des ressources")

    def resources(self):
        return (
            ResourcePage.objects.live()
            .child_of(self)
            .select_related("document")
            .order_by("-first_published_at")
        )


class ResourcePage(BasePage):
    """One resource: what it contains, for whom, and the document itself."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("présentation"), blank=True)

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("document"),
        FieldPanel("body"),
    ]

    parent_page_types = ["cms.ResourceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
