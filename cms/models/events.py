"""The agenda: salons, information sessions, "espace Orientation tout au long de
la vie" days… An index (upcoming then past events) and one page per event."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from ..blocks import BodyBlock
from .base import BasePage


class EventKind(models.TextChoices):
    SALON = "salon", _("Salon, forum")
    INFORMATION_SESSION = "information_session", _("Réunion d'information")
    LIFELONG_SPACE = (
        "lifelong_space",
        _("Espace Orientation tout au long de la vie"),
    )
    WORKSHOP = "workshop", _("Atelier")
    OTHER = "other", _("Autre")


class EventPageQuerySet(PageQuerySet):
    """Reads of the agenda, named after what visitors look for."""

    def upcoming(self, now: datetime) -> EventPageQuerySet:
        """Events not over yet, soonest first."""
        return self.filter(
            Q(end__gte=now) | Q(end__isnull=True, start__gte=now)
        ).order_by("start")

    def past(self, now: datetime) -> EventPageQuerySet:
        """Events over, most recent first."""
        return self.exclude(
            Q(end__gte=now) | Q(end__isnull=True, start__gte=now)
        ).order_by("-start")


class EventIndexPage(RoutablePageMixin, BasePage):
    """The "Agenda"; its iCalendar feed lives at ``ical/`` under it.

    (Not ``agenda.ics``: Wagtail's page URLs take no dot, and a route of the
    page follows the agenda wherever editors move or rename it.)
    """

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")

    @property
    def ical_url(self) -> str:
        return self.url + self.reverse_subpage("ical")

    def events(self) -> EventPageQuerySet:
        return EventPage.objects.live().child_of(self).select_related("territory")

    @path("")
    def index_route(self, request):
        now = timezone.now()
        return self.render(
            request,
            context_overrides={
                "upcoming_events": self.events().upcoming(now),
                "past_events": self.events().past(now)[:12],
            },
        )

    @path("ical/", name="ical")
    def ical(self, request):
        from ..feeds import event_calendar_response

        return event_calendar_response(self, request)


class EventPage(RoutablePageMixin, BasePage):
    """One event: when, where, for whom, and how to register; ``ical/`` under it
    is the event alone, to add to one's own calendar."""

    kind = models.CharField(
        _("type d'événement"),
        max_length=30,
        choices=EventKind.choices,
        default=EventKind.INFORMATION_SESSION,
    )
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"), null=True, blank=True)
    place = models.CharField(
        _("lieu"), max_length=200, help_text=_("Nom du lieu et adresse.")
    )
    town = models.CharField(_("commune"), max_length=120)
    territory = models.ForeignKey(
        "extranet.Territory",
        verbose_name=_("territoire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience = models.CharField(
        _("public"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : lycéens et parents, salariés, demandeurs d'emploi."),
    )
    registration_url = models.URLField(_("lien d'inscription"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    objects = PageManager.from_queryset(EventPageQuerySet)()

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("town"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Dates")),
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("town"), FieldPanel("territory")],
            heading=_("Lieu"),
        ),
        FieldPanel("audience"),
        FieldPanel("registration_url"),
        FieldPanel("body"),
    ]

    parent_page_types = ["cms.EventIndexPage"]
    subpage_types: list[str] = []
    og_type = "article"

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")

    @property
    def ical_url(self) -> str:
        return self.url + self.reverse_subpage("ical")

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("ical/", name="ical")
    def ical(self, request):
        from ..feeds import single_event_response

        return single_event_response(self, request)

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("La fin doit être postérieure au début.")})
