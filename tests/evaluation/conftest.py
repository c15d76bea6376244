"""A small world of records for the evaluation: every dimension has
something to count, in both territories and both networks."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from extranet.models import Role

from ..factories import (
    convention_start_for,
    enrolment_for,
    local_plan_in_state,
    member,
    practice_in_state,
    reception_for,
    reception_world,
    referral_in_state,
    training_session,
)


@dataclass
class Records:
    year: int
    plan: object
    practice: object
    session: object


@pytest.fixture
def records(world) -> Records:
    """This year's records:

    * conventions: structure A's in force, structure B's expired (was in
      force), structure A2's still a draft; the network A convention in force;
    * accueil: two receptions by structure A (three people), one by B; one
      referral of A accepted two days after it was sent;
    * training: one session closed, three people of A (two present, one
      absent) and one of B (partly present); a 6-hour certificate;
    * a reviewed local plan of territory A, its two actions done, its
      partnership action joined by structures A2 (network A) and B (network B);
    * a practice of A published, reused by B (another network) and by A2
      (the same network).
    """
    from collaboration.models import PracticeReuse
    from conventions.models import Convention, ConventionKind
    from coordination.models import ActionKind, ActionPartner
    from reception.models import Referral
    from reception.services import tally_record
    from training.models import Certificate, Enrolment

    year = timezone.localdate().year
    reception_world(world)

    for structure, state in (
        (world.structure_a, "in_force"),
        (world.structure_b, "expired"),
        (world.structure_a2, "draft"),
    ):
        convention = convention_start_for(
            world, ConventionKind.STRUCTURE, structure=structure
        )
        Convention.objects.filter(pk=convention.pk).update(state=state)
    network = convention_start_for(world, ConventionKind.REGION_NETWORK)
    Convention.objects.filter(pk=network.pk).update(state="in_force")

    tally_record(
        user=world.professional_a,
        channel="phone",
        urgency="normal",
        questions=["orientation"],
        people=2,
    )
    referral = referral_in_state(world, "accepted")
    Referral.objects.filter(pk=referral.pk).update(
        decided_at=referral.sent_at + datetime.timedelta(days=2)
    )
    reception_for(world, user=member(Role.PROFESSIONAL, world.structure_b.organisation))

    session = training_session(world, starts_in_days=3)
    of_a = [enrolment_for(world, session) for _ in range(3)]
    of_b = enrolment_for(
        world, session, member(Role.PROFESSIONAL, world.structure_b.organisation)
    )
    Enrolment.objects.filter(pk__in=[of_a[0].pk, of_a[1].pk]).update(state="attended")
    Enrolment.objects.filter(pk=of_a[2].pk).update(state="absent")
    Enrolment.objects.filter(pk=of_b.pk).update(state="partially_attended")
    # Held and closed this year, whatever the day the tests run.
    type(session).objects.filter(pk=session.pk).update(
        starts_at=timezone.now(), completed_at=timezone.now()
    )
    Certificate.objects.create(
        enrolment=of_a[0],
        hours=Decimal("6.0"),
        issuer=world.gref.memberships.get().organisation,
    )

    plan = local_plan_in_state(world, "reviewed")
    partnership = plan.actions.get(kind=ActionKind.PARTNERSHIP)
    for structure in (world.structure_a2, world.structure_b):
        ActionPartner.objects.create(
            action=partnership, organisation=structure.organisation
        )

    practice = practice_in_state(world, "published")
    PracticeReuse.objects.create(practice=practice, structure=world.structure_b)
    PracticeReuse.objects.create(practice=practice, structure=world.structure_a2)
    return Records(year=year, plan=plan, practice=practice, session=session)
