"""An unanswered referral is recalled to the receiving structure at day 10 and
20, told to the territorial officer of its territory at day 20, and expires at
day 30, the sender being told. Time travels by the ``now`` each run is told."""

from __future__ import annotations

import datetime

from extranet.models import Role
from notifications.models import Notification
from reception.models import Referral
from reception.reminders import referral_reminders_send
from reception.tasks import referral_reminders
from workflows import engine

from ..factories import member, reception_world, referral_for


def _day(referral: Referral, days: int) -> datetime.datetime:
    return referral.sent_at + datetime.timedelta(days=days, minutes=1)


def _reminders(user) -> int:
    return Notification.objects.filter(user=user, title__startswith="Relance :").count()


def test_reminders_at_day_10_and_20_then_escalation_then_expiry(world):
    reception_world(world)
    officer_b = member(
        Role.TERRITORIAL_OFFICER, world.region, territory=world.territory_b
    )
    referral = referral_for(world)  # to structure B, territory B

    assert referral_reminders_send(now=_day(referral, 9)) == 0
    assert _reminders(world.referent_b) == 0

    assert referral_reminders_send(now=_day(referral, 10)) == 1
    assert _reminders(world.referent_b) == 1
    notice = Notification.objects.get(
        user=world.referent_b, title__startswith="Relance"
    )
    assert "il reste 20 jours" in notice.title
    assert "Accepter" in notice.body  # what they may do about it
    # Run again (or by a second worker): nothing more.
    assert referral_reminders_send(now=_day(referral, 10)) == 0
    assert referral_reminders_send(now=_day(referral, 15)) == 0
    assert _reminders(world.referent_b) == 1
    assert not Notification.objects.filter(user=officer_b).exists()

    assert referral_reminders_send(now=_day(referral, 20)) == 1
    assert _reminders(world.referent_b) == 2
    told = Notification.objects.filter(user=officer_b)
    assert told.count() == 1 and world.structure_b.name in told.get().title
    # The officer of another territory is not told.
    assert not Notification.objects.filter(user=world.territorial_officer_a).exists()
    referral.refresh_from_db()
    assert referral.reminders_sent == 2 and referral.escalated_at is not None
    assert referral_reminders_send(now=_day(referral, 25)) == 0

    assert engine.deadlines_pass(at=_day(referral, 29)) == 0
    assert engine.deadlines_pass(at=_day(referral, 30)) == 1
    referral.refresh_from_db()
    assert referral.state == "expired"
    assert Notification.objects.filter(
        user=world.professional_a, title__contains="sans réponse"
    ).exists()
    assert referral_reminders_send(now=_day(referral, 31)) == 0


def test_a_late_run_sends_one_reminder_not_a_burst(world):
    reception_world(world)
    referral = referral_for(world)
    assert referral_reminders_send(now=_day(referral, 21)) == 1
    assert _reminders(world.referent_b) == 1
    referral.refresh_from_db()
    assert referral.reminders_sent == 2 and referral.escalated_at is not None


def test_an_answered_referral_is_not_reminded(world):
    reception_world(world)
    referral = referral_for(world)
    engine.fire(referral, "accept", user=world.referent_b)
    Referral.objects.filter(pk=referral.pk).update(
        sent_at=referral.sent_at - datetime.timedelta(days=12)
    )
    assert referral_reminders() == 0
    assert _reminders(world.referent_b) == 0


def test_the_task_reminds_as_of_now(world):
    reception_world(world)
    referral = referral_for(world)
    Referral.objects.filter(pk=referral.pk).update(
        sent_at=referral.sent_at - datetime.timedelta(days=11)
    )
    assert referral_reminders() == 1
    assert referral_reminders() == 0
