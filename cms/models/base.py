"""What every public page shares: a summary for lists, search and Open Graph."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

# Wagtail's own panels, with the one English word its French translation keeps
# ("slug") said in French.
PROMOTE_PANELS = [
    MultiFieldPanel(
        [
            FieldPanel("slug", heading=_("Fin de l'adresse de la page")),
            FieldPanel("seo_title"),
            FieldPanel("search_description"),
        ],
        _("Pour les moteurs de recherche"),
    ),
    MultiFieldPanel([FieldPanel("show_in_menus")], _("Pour les menus du site")),
]


class ReadsRestrictionsOnce:
    """Wagtail checks a page's view restrictions with two queries on every
    view; when no page of the site is private (known once per version of the
    public content), there is nothing to check."""

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        from ..cache import any_view_restriction

        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class BasePage(ReadsRestrictionsOnce, Page):
    """Abstract base of the public pages.

    ``intro`` is the sentence shown under the title, in lists and, unless the
    editor writes a search description, in the description and Open Graph tags.
    """

    intro = models.CharField(_("chapeau"), max_length=300, blank=True)

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = PROMOTE_PANELS

    # Open Graph type; articles (news) say so.
    og_type = "website"

    class Meta:
        abstract = True

    @property
    def summary(self) -> str:
        return self.search_description or self.intro
