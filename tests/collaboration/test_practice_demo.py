"""The demo practices: forty, in every state of their workflow, each state
with its consistent transition log, with marks and "à la une"; loading them
again changes nothing; the freshness task finds the oldest."""

from __future__ import annotations

import pytest

from collaboration.demo import load_collaboration
from collaboration.models import Practice, PracticeReuse, PracticeUseful
from collaboration.practices import services
from collaboration.practices.definitions import PRACTICE
from collaboration.practices.demo import load_practices
from extranet.demo.loader import load_demo
from workflows import engine
from workflows.models import TransitionLog


def fingerprint() -> tuple:
    return (
        Practice.objects.count(),
        PracticeUseful.objects.count(),
        PracticeReuse.objects.count(),
        TransitionLog.objects.filter(workflow="practice").count(),
        Practice.objects.filter(featured=True).count(),
    )


@pytest.mark.django_db
def test_the_demo_practices_cover_every_state_and_load_once():
    load_demo()
    assert load_practices() > 40

    assert Practice.objects.count() == 40
    assert {p.state for p in Practice.objects.all()} == {
        s.name for s in PRACTICE.states
    }
    for practice in Practice.objects.all():
        log = engine.history(practice)
        assert (log[-1].to_state if log else PRACTICE.initial) == practice.state
        for before, after in zip(log, log[1:], strict=False):
            assert before.to_state == after.from_state
    assert PracticeUseful.objects.exists() and PracticeReuse.objects.exists()
    assert Practice.objects.filter(featured=True, state="published").count() == 5
    assert all(p.published_at for p in Practice.objects.published())
    assert services.practices_freshness_due().exists()

    before = fingerprint()
    load_collaboration()  # the app's loader calls this one: nothing new here
    assert fingerprint() == before
