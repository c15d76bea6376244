"""The demo conventions: every workflow state is there, made by the real services,
and a second ``load_demo`` creates nothing new."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from conventions import definitions as d
from conventions.models import (
    Convention,
    ConventionKind,
    ConventionParty,
    PartyKind,
    Signature,
)
from extranet.models import Structure, User
from workflows import engine
from workflows.models import TransitionLog

ALL_STATES = {
    state.name for definition in d.CONVENTION_WORKFLOWS for state in definition.states
}


def fingerprint() -> tuple:
    return (
        Convention.objects.count(),
        Convention.history.count(),
        ConventionParty.objects.count(),
        Signature.objects.count(),
        TransitionLog.objects.count(),
        Structure.history.count(),
    )


@pytest.mark.django_db
def test_demo_conventions_cover_every_state_and_load_once():
    call_command("load_demo", "--only", "conventions", stdout=StringIO())
    year = timezone.localdate().year
    conventions = Convention.objects.select_related("structure__organisation")

    assert set(conventions.values_list("state", flat=True)) == ALL_STATES
    this_year = conventions.filter(year=year)
    structure_states = set(
        this_year.filter(kind=ConventionKind.STRUCTURE).values_list("state", flat=True)
    )
    assert {d.DRAFT, d.SUBMITTED, d.REVIEWED, d.SIGNING, d.IN_FORCE} <= (
        structure_states
    )
    networks = set(
        this_year.filter(kind=ConventionKind.STRUCTURE).values_list(
            "network__slug", flat=True
        )
    )
    assert len(networks) >= 3

    # The demo accounts each have something to do.
    rennes = this_year.get(structure__organisation__slug="ml-pays-de-rennes")
    assert rennes.state == d.SUBMITTED
    assert this_year.filter(kind=ConventionKind.STRUCTURE, state=d.REVIEWED).exists()

    # One in signature with exactly one signature already.
    signed_once = [
        c
        for c in this_year.filter(state=d.SIGNING, kind=ConventionKind.STRUCTURE)
        if Signature.objects.filter(document__convention=c).count() == 1
    ]
    assert signed_once

    # Last year's convention expired, this year's renewal in draft.
    expired = conventions.get(state=d.EXPIRED)
    assert expired.year == year - 1
    renewal = expired.renewals.get()
    assert (renewal.year, renewal.state) == (year, d.DRAFT)

    # The ARML's network convention, co-signed by the State, in force; and the
    # State–Région convention of the year in force.
    arml = this_year.get(
        kind=ConventionKind.REGION_NETWORK, network__slug="missions-locales"
    )
    assert arml.state == d.IN_FORCE
    assert arml.parties.filter(kind=PartyKind.GOVERNMENT).exists()
    assert this_year.get(kind=ConventionKind.GOVERNMENT_REGION).state == d.IN_FORCE

    # The demo network head, coordinator and State each find work waiting.
    for email, expected in (
        ("tete-de-reseau@spro-demo.bzh", d.APPROVE),
        ("coordination@spro-demo.bzh", d.VALIDATE),
        ("etat@spro-demo.bzh", d.sign("government")),
    ):
        user = User.objects.get(email=email)
        assert any(
            t.name == expected for _obj, ts in engine.worklist(user) for t in ts
        ), email

    # Every move went through the engine, which logs each transition.
    for convention in conventions.exclude(state=d.DRAFT):
        assert TransitionLog.objects.filter(object_id=convention.pk).exists()

    before = fingerprint()
    out = StringIO()
    call_command("load_demo", "--only", "conventions", stdout=out)
    assert fingerprint() == before
    assert "rien n'a été créé" in out.getvalue()
