"""The demo local plans: last year's plan of every territory reviewed, this
year's in every state of the workflow (each with a consistent log), the
regional synthesis of last year presented and received by the CREFOP
commission, this year's a working version; loading again changes nothing."""

from __future__ import annotations

import pytest

from coordination.demo import load_coordination
from coordination.models import LocalPlan, RegionalSynthesis
from coordination.plans.definitions import LOCAL_PLAN
from extranet.demo.loader import load_demo
from extranet.models import Membership, Role
from workflows import engine


@pytest.mark.django_db
def test_the_demo_plans_cover_every_territory_and_state_and_load_once():
    load_demo()
    assert load_coordination() > 0
    this_year = engine.today().year

    officers = Membership.objects.filter(role=Role.TERRITORIAL_OFFICER)
    assert officers.values("territory").distinct().count() == 22
    last_year = LocalPlan.objects.filter(year=this_year - 1)
    assert last_year.count() == 22
    assert set(last_year.values_list("state", flat=True)) == {"reviewed"}
    current = LocalPlan.objects.filter(year=this_year)
    assert current.count() == 22
    assert {p.state for p in current} == {s.name for s in LOCAL_PLAN.states}
    for plan in LocalPlan.objects.all():
        log = engine.history(plan)
        assert (log[-1].to_state if log else LOCAL_PLAN.initial) == plan.state
        assert plan.actions.filter(kind="partnership").exists()

    presented = RegionalSynthesis.objects.get(year=this_year - 1)
    assert presented.is_presented and presented.received_on is not None
    assert presented.figures["plans_reviewed"] == 22
    working = RegionalSynthesis.objects.get(year=this_year)
    assert not working.is_presented

    before = (LocalPlan.objects.count(), RegionalSynthesis.objects.count())
    assert load_coordination() == 0
    assert (LocalPlan.objects.count(), RegionalSynthesis.objects.count()) == before
