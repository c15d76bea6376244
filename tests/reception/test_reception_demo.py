"""The demo accueil: a year of receptions (anonymous ones without identity),
referrals in every state, slots and appointments with outcomes, the oldest
already erased, figures computable; loading the demo again changes nothing."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from extranet.models import User
from reception.definitions import CLOSED_STATES, OPEN_STATES
from reception.figures import Period, reception_figures
from reception.models import (
    Appointment,
    AppointmentStatus,
    Consent,
    Reception,
    Referral,
    Slot,
)
from workflows.models import TransitionLog


def fingerprint() -> tuple:
    return (
        Reception.objects.count(),
        Referral.objects.count(),
        Consent.objects.count(),
        Slot.objects.count(),
        Appointment.objects.count(),
        TransitionLog.objects.filter(workflow="referral").count(),
        Reception.objects.exclude(erased_at=None).count(),
    )


@pytest.mark.django_db
def test_the_demo_accueil_covers_every_case_and_loads_once():
    call_command("load_demo", "--only", "conventions", "reception", stdout=StringIO())

    assert Reception.objects.count() >= 2000
    assert Reception.objects.filter(kind="tally", people__gt=1).exists()
    anonymous = Reception.objects.filter(anonymous=True)
    assert anonymous.exists()
    assert not anonymous.exclude(person_label="", contact="").exists()
    # Every name is an obvious pseudonym.
    named = Reception.objects.exclude(person_label="")
    assert named.exists()
    assert not named.exclude(person_label__startswith="Personne fictive").exists()

    states = set(Referral.objects.values_list("state", flat=True))
    assert states == OPEN_STATES | CLOSED_STATES
    assert not Referral.objects.filter(state="declined", decline_reason="").exists()
    assert Consent.objects.count() == Referral.objects.count()

    # The oldest are erased (retention ran at the end of the load).
    today = timezone.localdate()
    assert Reception.objects.exclude(erased_at=None).exists()
    assert not Reception.objects.filter(
        personal_until__lt=today, erased_at=None
    ).exists()
    assert not Reception.objects.filter(
        ~Q(erased_at=None), ~Q(summary="") | Q(reference__isnull=False)
    ).exists()

    future = Slot.objects.filter(starts_at__gt=timezone.now())
    assert future.exists() and future.filter(bookable_by="public").exists()
    outcomes = set(
        Appointment.objects.filter(slot__starts_at__lt=timezone.now()).values_list(
            "status", flat=True
        )
    )
    assert {
        AppointmentStatus.SEEN,
        AppointmentStatus.NO_SHOW,
        AppointmentStatus.EXCUSED,
        AppointmentStatus.CANCELLED_BY_STRUCTURE,
    } <= outcomes

    coordinator = User.objects.get(email="coordination@spro-demo.bzh")
    year = Period(today - datetime.timedelta(days=365), today)
    found = reception_figures(coordinator, year)
    assert found["receptions"]["people"] > 0
    assert found["referrals"]["accepted"]["rate"] is not None
    assert found["referrals"]["days_to_acceptance"]["days"] is not None
    assert found["appointments"]["no_show"]["rate"] is not None

    before = fingerprint()
    call_command("load_demo", "--only", "conventions", "reception", stdout=StringIO())
    assert fingerprint() == before
