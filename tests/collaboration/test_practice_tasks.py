"""The periodic tasks of good practices: the yearly freshness reminder and the
monthly digest, both idempotent; the digest's login-free unsubscribe link."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from collaboration.models import Practice, PracticeDigestPreference
from collaboration.practices import services, tasks
from notifications.models import Notification, OutgoingMail

from ..factories import practice_in_state


def _age(practice, days: int) -> None:
    then = timezone.now() - datetime.timedelta(days=days)
    Practice.objects.filter(pk=practice.pk).update(published_at=then, checked_at=then)


def test_the_referent_is_reminded_once_a_year_after_publication(world):
    practice = practice_in_state(world, "published")
    fresh = practice_in_state(world, "published", title="Récente")
    _age(practice, 400)
    _age(fresh, 200)

    assert tasks.practice_freshness_reminders() == 1
    assert tasks.practice_freshness_reminders() == 0  # marker set under lock

    told = Notification.objects.filter(title__contains="toujours d'actualité")
    assert [n.user for n in told] == [world.referent_a]
    practice.refresh_from_db()
    assert practice.freshness_reminded_at is not None
    assert practice.history.first().history_change_reason == "freshness reminder"


def test_confirming_a_practice_starts_a_new_year(world):
    practice = practice_in_state(world, "published")
    _age(practice, 400)
    tasks.practice_freshness_reminders()

    services.practice_confirm_fresh(user=world.referent_a, practice=practice)

    practice.refresh_from_db()
    assert practice.freshness_reminded_at is None
    assert timezone.now() - practice.checked_at < datetime.timedelta(minutes=1)
    assert tasks.practice_freshness_reminders() == 0


def test_the_beat_schedule_runs_both_tasks(settings):
    tasks_scheduled = {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert {
        "collaboration.practices.tasks.practice_freshness_reminders",
        "collaboration.practices.tasks.practice_digest",
    } <= tasks_scheduled


def _digests():
    return OutgoingMail.objects.filter(subject__startswith="Les bonnes pratiques")


def test_the_digest_goes_once_a_month_to_each_member(world):
    practice = practice_in_state(world, "published", title="Café métiers")
    services.practice_feature(user=world.coordinator, practice=practice, featured=True)
    members = 9  # the world's users, each with one membership

    assert tasks.practice_digest() == members
    assert tasks.practice_digest() == 0
    mails = list(_digests())
    assert len(mails) == members
    assert len({m.to for m in mails}) == members
    assert all("Café métiers" in m.body for m in mails)
    assert all("/extranet/pratiques/lettre/desabonnement/" in m.body for m in mails)

    next_month = timezone.now() + datetime.timedelta(days=32)
    assert services.practice_digest_send(at=next_month) == members


def test_no_digest_when_there_is_nothing_to_tell(world):
    practice_in_state(world, "regional_review")
    assert tasks.practice_digest() == 0


def _link_of(user) -> str:
    return reverse("practices:unsubscribe", args=[services.unsubscribe_token(user)])


def test_the_unsubscribe_link_works_without_login_and_is_kept(client, world):
    url = _link_of(world.referent_b)

    page = client.get(url)
    assert page.status_code == 200
    assert world.referent_b.email in page.content.decode()
    assert not PracticeDigestPreference.objects.exists()  # a GET changes nothing

    done = client.post(url)
    assert done.status_code == 200
    assert "ne recevra plus" in done.content.decode()
    assert not PracticeDigestPreference.objects.get(user=world.referent_b).subscribed

    practice = practice_in_state(world, "published")
    services.practice_feature(user=world.coordinator, practice=practice, featured=True)
    tasks.practice_digest()
    assert not _digests().filter(to=world.referent_b.email).exists()


@pytest.mark.parametrize(
    "token",
    ["abc", "eyJ1Ijo1fQ:1:forged", "x" * 300],
)
def test_a_forged_unsubscribe_link_changes_nothing(client, world, token):
    url = reverse("practices:unsubscribe", args=[token])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not PracticeDigestPreference.objects.exists()


def test_a_token_for_another_purpose_is_refused(client, world):
    from django.core import signing

    token = signing.dumps({"u": world.referent_b.pk}, salt="another.salt")
    url = reverse("practices:unsubscribe", args=[token])
    assert client.post(url).status_code == 404


def test_a_mail_clients_one_click_post_unsubscribes_without_a_csrf_token(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(_link_of(world.gref), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not PracticeDigestPreference.objects.get(user=world.gref).subscribed
