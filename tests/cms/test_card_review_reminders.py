"""Referents are reminded once when their public card has not been confirmed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from extranet.models import Role
from extranet.tasks import card_review_reminders
from notifications.models import OutgoingMail

from ..factories import StructureFactory, member

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stale():
    old = timezone.now() - timedelta(days=settings.SPRO_CARD_REVIEW_DAYS + 1)
    structure = StructureFactory(card_checked_at=old)
    referents = [member(Role.REFERENT, structure.organisation) for _ in range(2)]
    member(Role.PROFESSIONAL, structure.organisation)
    return structure, referents


def test_each_referent_of_a_stale_card_gets_one_mail(stale):
    structure, referents = stale
    StructureFactory()  # checked today: no reminder
    assert card_review_reminders.delay().get() == 2
    assert sorted(m.to for m in OutgoingMail.objects.all()) == sorted(
        u.email for u in referents
    )
    assert len(mail.outbox) == 2
    assert structure.name in mail.outbox[0].body
    structure.refresh_from_db()
    assert structure.card_reminder_sent_at is not None


def test_running_the_task_twice_sends_nothing_more(stale):
    card_review_reminders()
    card_review_reminders()
    assert OutgoingMail.objects.count() == 2


def test_the_reminder_comes_back_after_thirty_days(stale):
    structure, _ = stale
    card_review_reminders()
    structure.card_reminder_sent_at = timezone.now() - timedelta(days=31)
    structure.save()
    card_review_reminders()
    assert OutgoingMail.objects.count() == 4


def test_a_confirmed_card_is_not_reminded(stale):
    structure, _ = stale
    structure.card_checked_at = timezone.now()
    structure.save()
    assert card_review_reminders() == 0


def test_a_never_checked_card_of_an_inactive_organisation_is_not_reminded(db):
    structure = StructureFactory(card_checked_at=None)
    member(Role.REFERENT, structure.organisation)
    structure.organisation.is_active = False
    structure.organisation.save()
    assert card_review_reminders() == 0


def test_the_task_is_scheduled_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["card-review-reminders"]
    assert entry["task"] == "extranet.tasks.card_review_reminders"
    assert entry["schedule"] == 24 * 60 * 60
