"""News: an index listing the items, newest first, and one page per item."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import BodyBlock
from .base import BasePage

NEWS_PER_PAGE = 10


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The "Actualités" section; its RSS feed lives at ``rss/`` under it."""

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des actualités")
        verbose_name_plural = _("index des actualités")

    @property
    def rss_url(self) -> str:
        return self.url + self.reverse_subpage("rss")

    def news(self):
        return NewsPage.objects.live().child_of(self).order_by("-date", "-pk")

    @path("")
    def index_route(self, request):
        paginator = Paginator(self.news(), NEWS_PER_PAGE)
        items = paginator.get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"items": items})

    @path("rss/", name="rss")
    def rss(self, request):
        from ..feeds import NewsFeed

        return NewsFeed(self)(request)


class NewsPage(BasePage):
    """One news item, dated, with a body of blocks."""

    date = models.DateField(_("date de publication"), default=timezone.localdate)
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("body"),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []
    og_type = "article"

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")
