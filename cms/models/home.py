"""The home page: the root of the public site tree."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.rich_text import RichTextMaxLengthValidator

from .base import PROMOTE_PANELS, ReadsRestrictionsOnce


class HomePage(ReadsRestrictionsOnce, Page):
    """The public home page: what SPRO is and where to start.

    The entry points (services), the next events and the latest news are read
    from the tree, so editors never maintain the same list twice.
    """

    intro = models.CharField(_("accroche"), max_length=300, blank=True)
    body = RichTextField(
        _("contenu"),
        max_length=8000,
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        validators=[RichTextMaxLengthValidator(8000)],
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = PROMOTE_PANELS

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StandardPage",
        "cms.NewsIndexPage",
        "cms.EventIndexPage",
        "cms.ServiceIndexPage",
        "cms.ResourceIndexPage",
        "cms.ContactPage",
        "cms.LegalPage",
    ]
    max_count = 1

    og_type = "website"

    class Meta:
        verbose_name = _("page d'accueil")

    @property
    def summary(self) -> str:
        return self.search_description or self.intro

    def route(self, request, path_components):
        """Find the page at the address from the tree's index, with one query
        (``cms.tree``); Wagtail's own walk, level by level, where the index
        does not know it."""
        from ..tree import find_page

        for n in range(len(path_components), 0, -1):
            page = find_page(f"{self.url_path}{'/'.join(path_components[:n])}/")
            if page is not None:
                return page.route(request, path_components[n:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from .events import EventPage
        from .news import NewsPage
        from .services import ServicePage

        context = super().get_context(request, *args, **kwargs)
        context["services"] = (
            ServicePage.objects.live().descendant_of(self).order_by("path")
        )
        context["next_events"] = (
            EventPage.objects.live()
            .descendant_of(self)
            .upcoming(timezone.now())
            .select_related("territory")[:3]
        )
        context["latest_news"] = (
            NewsPage.objects.live().descendant_of(self).order_by("-date")[:3]
        )
        return context
