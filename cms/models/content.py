"""Editorial pages: standard content, contact and legal pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import BodyBlock
from .base import BasePage


class StandardPage(BasePage):
    """A page of free content built from blocks: "Le SPRO", a FAQ, a guide…"""

    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("page de contenu")
        verbose_name_plural = _("pages de contenu")


class ContactPage(BasePage):
    """Every way of reaching the SPRO, in one place (framework 1.4.1).

    The channels themselves are ``contact_channels`` blocks of the body, so the
    page can also explain when to use which.
    """

    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("page contact")
        verbose_name_plural = _("pages contact")


class LegalPage(BasePage):
    """A legal notice: mentions légales, accessibility statement, personal data.

    ``last_reviewed`` is shown on the page: these texts must say when they were
    last checked (the accessibility statement in particular).
    """

    last_reviewed = models.DateField(_("dernière mise à jour"), null=True, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("last_reviewed"),
        FieldPanel("body"),
    ]

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("page légale")
        verbose_name_plural = _("pages légales")
