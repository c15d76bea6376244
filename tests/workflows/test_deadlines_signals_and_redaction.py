"""What the engine does for every binding: the deadline transitions of the
periodic task, the ``transition_fired`` signal sent once a transition commits,
and the blanking of transition comments for retention."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from conventions.models import Convention, ConventionKind
from workflows import engine
from workflows.models import TransitionLog
from workflows.signals import transition_fired
from workflows.tasks import workflow_deadlines

from ..factories import convention_in_state

MARKER = "MARQUEUR-PERSONNEL-7f3a"


def test_the_deadline_task_expires_last_years_conventions_in_force_once(world):
    last_year = timezone.localdate().year - 1
    old = convention_in_state(
        world, ConventionKind.STRUCTURE, "in_force", year=last_year
    )
    current = convention_in_state(world, ConventionKind.GOVERNMENT_REGION, "in_force")

    assert old.state_deadline == timezone.make_aware(
        datetime.datetime(last_year + 1, 1, 1)
    )
    assert workflow_deadlines() == 1
    assert workflow_deadlines() == 0

    old.refresh_from_db()
    current.refresh_from_db()
    assert (old.state, current.state) == ("expired", "in_force")
    entry = engine.history(old)[-1]
    assert (entry.transition, entry.user) == ("expire", None)


def test_a_state_with_a_term_is_never_reminded(world):
    last_year = timezone.localdate().year - 1
    convention_in_state(world, ConventionKind.STRUCTURE, "in_force", year=last_year)
    binding = engine.binding_for(Convention)

    assert not engine.overdue(binding).filter(state="in_force").exists()


def test_transition_fired_is_sent_once_the_transition_commits(
    world, django_capture_on_commit_callbacks
):
    received = []

    def listen(sender, **kwargs):
        received.append((sender, kwargs["transition"], kwargs["to_state"]))

    transition_fired.connect(listen)
    try:
        convention = convention_in_state(world, ConventionKind.STRUCTURE, "draft")
        with django_capture_on_commit_callbacks(execute=False) as pending:
            engine.fire(convention, "submit", user=world.referent_a)
        assert received == []
        for callback in pending:
            callback()
        assert (Convention, "submit", "submitted") in received
    finally:
        transition_fired.disconnect(listen)


def test_a_rolled_back_transition_sends_nothing(
    world, django_capture_on_commit_callbacks
):
    received = []
    transition_fired.connect(lambda sender, **kwargs: received.append(kwargs))
    convention = convention_in_state(world, ConventionKind.STRUCTURE, "draft")
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                engine.fire(convention, "submit", user=world.referent_a)
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    convention.refresh_from_db()
    assert convention.state == "draft"
    assert received == []


def _rows_holding(marker: str) -> int:
    return TransitionLog.objects.filter(comment__contains=marker).count()


def test_retention_blanks_comments_keeps_the_facts_and_says_so(world, monkeypatch):
    convention = convention_in_state(world, ConventionKind.STRUCTURE, "submitted")
    engine.fire(
        convention,
        "send_back",
        user=world.network_head_a,
        comment=f"Situation de Mme X ({MARKER})",
    )
    before = [
        (e.transition, e.from_state, e.to_state, e.user_id, e.at)
        for e in engine.history(convention)
    ]
    assert _rows_holding(MARKER) == 1
    binding = engine.binding_for(Convention)
    monkeypatch.setattr(binding, "comments_hold_personal_data", True)

    assert engine.redact_comments(convention, reason="Durée de conservation") >= 1

    assert _rows_holding(MARKER) == 0
    after = engine.history(convention)
    assert [
        (e.transition, e.from_state, e.to_state, e.user_id, e.at) for e in after
    ] == before
    redacted = [e for e in after if e.comment_redacted_at]
    assert redacted and all(
        e.comment == "" and e.comment_redaction_reason == "Durée de conservation"
        for e in redacted
    )


def test_a_binding_without_personal_comments_refuses_redaction(world):
    convention = convention_in_state(world, ConventionKind.STRUCTURE, "draft")
    with pytest.raises(ImproperlyConfigured):
        engine.redact_comments(convention, reason="test")


def test_log_rows_stay_append_only_apart_from_redaction(world):
    convention = convention_in_state(world, ConventionKind.STRUCTURE, "submitted")
    entry = engine.history(convention)[-1]
    with pytest.raises(ValueError):
        TransitionLog.objects.filter(pk=entry.pk).update(comment="changé")
    with pytest.raises(ValueError):
        entry.save()
