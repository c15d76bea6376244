"""An entry not reviewed for twelve months is recalled to its owners once,
however often the task runs; reviewing it starts the twelve months again."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from collaboration.servicemap.reminders import review_reminders_send
from collaboration.servicemap.services import service_entry_review
from collaboration.servicemap.tasks import servicemap_review_reminders
from extranet.models import Role
from notifications.models import Notification, OutgoingMail

from ..factories import ServiceEntryFactory, local_actor, member

pytestmark = pytest.mark.django_db

OLD = datetime.timedelta(days=400)


def test_the_task_is_scheduled():
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert servicemap_review_reminders.name in names


def test_the_referents_are_reminded_once(world):
    entry = ServiceEntryFactory(
        structure=world.structure_a, reviewed_at=timezone.now() - OLD
    )
    ServiceEntryFactory(structure=world.structure_a)  # reviewed recently
    assert servicemap_review_reminders() == 1
    assert servicemap_review_reminders() == 0
    assert review_reminders_send() == 0
    told = Notification.objects.values_list("user", flat=True)
    assert list(told) == [world.referent_a.pk]  # the referent, not the professional
    mail = OutgoingMail.objects.get()
    assert mail.to == world.referent_a.email
    assert f"/extranet/cartographie/{entry.pk}/" in mail.body
    entry.refresh_from_db()
    assert entry.review_reminder_sent_at is not None
    assert entry.history.first().history_change_reason == "reminder"


def test_a_review_starts_the_twelve_months_again(world):
    entry = ServiceEntryFactory(
        structure=world.structure_a, reviewed_at=timezone.now() - OLD
    )
    assert review_reminders_send() == 1
    service_entry_review(entry=entry, actor=world.professional_a)
    assert review_reminders_send() == 0
    later = timezone.now() + OLD
    assert review_reminders_send(now=later) == 1
    assert Notification.objects.count() == 2


def test_the_officer_of_the_territory_is_reminded_of_a_local_actor(world):
    local_actor(world.territory_a, reviewed_at=timezone.now() - OLD)
    officer_b = member(
        Role.TERRITORIAL_OFFICER, world.region, territory=world.territory_b
    )
    assert review_reminders_send() == 1
    told = set(Notification.objects.values_list("user", flat=True))
    assert told == {world.territorial_officer_a.pk}
    assert officer_b.pk not in told


def test_without_a_referent_the_professionals_are_reminded(world):
    ServiceEntryFactory(structure=world.structure_a2, reviewed_at=timezone.now() - OLD)
    professional = member(Role.PROFESSIONAL, world.structure_a2.organisation)
    assert review_reminders_send() == 1
    assert list(Notification.objects.values_list("user", flat=True)) == [
        professional.pk
    ]


def test_run_periodic_runs_the_reminder_without_a_broker(world):
    from io import StringIO

    from django.core.management import call_command

    ServiceEntryFactory(structure=world.structure_a, reviewed_at=timezone.now() - OLD)
    out = StringIO()
    call_command("run_periodic", "--once", stdout=out)
    assert "servicemap-review-reminders" in out.getvalue()
    assert Notification.objects.filter(user=world.referent_a).count() == 1
