"""The services of the SPRO (framework 1.3): the accueil personnalisé et
individualisé and the four kinds of specific advice."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichTextMaxLengthValidator
from wagtail.search import index

from ..blocks import RICH_TEXT_FEATURES, BodyBlock
from .base import BasePage

# The text (tags aside) of one section of a service page.
SECTION_MAX_LENGTH = 3000


class ServiceKey(models.TextChoices):
    """The keys the public directory filters on: ``/structures/?service=<key>``."""

    API = "api", _("Accueil personnalisé et individualisé")
    CEP = "cep", _("Conseil en évolution professionnelle")
    VAE = "vae", _("Conseil en validation des acquis de l'expérience")
    ORIENTATION = "orientation", _("Conseil en orientation scolaire et professionnelle")
    ENTREPRENEURSHIP = (
        "entrepreneurship",
        _("Conseil en entrepreneuriat et création-reprise d'entreprise"),
    )


class ServiceIndexPage(BasePage):
    """ "Nos services": the services side by side, each with its entry point."""

    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ServicePage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des services")
        verbose_name_plural = _("index des services")

    def services(self):
        return ServicePage.objects.live().child_of(self).order_by("path")


class ServicePage(BasePage):
    """One service: what it is, for whom, where to find it.

    "Where" always ends on the directory filtered on this service, so the
    visitor goes from reading to a structure near home in one step.
    """

    service = models.CharField(_("service"), max_length=20, choices=ServiceKey.choices)
    what = RichTextField(
        _("de quoi s'agit-il ?"),
        max_length=SECTION_MAX_LENGTH,
        features=RICH_TEXT_FEATURES,
        validators=[RichTextMaxLengthValidator(SECTION_MAX_LENGTH)],
    )
    audience = RichTextField(
        _("pour qui ?"),
        max_length=SECTION_MAX_LENGTH,
        features=RICH_TEXT_FEATURES,
        validators=[RichTextMaxLengthValidator(SECTION_MAX_LENGTH)],
    )
    where = RichTextField(
        _("où ?"),
        max_length=SECTION_MAX_LENGTH,
        features=RICH_TEXT_FEATURES,
        blank=True,
        validators=[RichTextMaxLengthValidator(SECTION_MAX_LENGTH)],
    )
    body = StreamField(BodyBlock(), verbose_name=_("en savoir plus"), blank=True)

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("what"),
        index.SearchField("audience"),
        index.SearchField("body"),
    ]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("service"),
        FieldPanel("what"),
        FieldPanel("audience"),
        FieldPanel("where"),
        FieldPanel("body"),
    ]

    parent_page_types = ["cms.ServiceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("page service")
        verbose_name_plural = _("pages service")

    @property
    def directory_url(self) -> str:
        return f"/structures/?service={self.service}"
