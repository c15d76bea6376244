"""A convention keeps its proof: every transition in the append-only log, every
change of its content and state in its history, each with who did it."""

from __future__ import annotations

import pytest

from conventions import services
from conventions.models import ConventionKind
from conventions.services import ConventionError
from workflows import engine
from workflows.models import TransitionLog

from ..factories import COMMENT, convention_start_for

pytestmark = pytest.mark.django_db

STRUCTURE = ConventionKind.STRUCTURE


def fire(user, convention, name, comment=""):
    return services.convention_transition(
        user=user, convention=convention, transition=name, comment=comment
    )


def update(user, convention, **data):
    return services.convention_update(
        user=user,
        convention=convention,
        data=data,
        seen_updated_at=convention.updated_at.isoformat(),
    )


def test_every_transition_is_logged_with_its_states_author_and_comment(world):
    c = convention_start_for(world, STRUCTURE)
    referent, head, coordinator = (
        world.referent_a,
        world.network_head_a,
        world.coordinator,
    )

    c = fire(referent, c, "submit")
    c = fire(head, c, "send_back", comment=COMMENT)
    c = fire(referent, c, "submit")
    c = fire(head, c, "approve", comment="Relu, rien à redire.")
    c = fire(coordinator, c, "validate")
    c = fire(referent, c, "sign_structure")
    c = fire(head, c, "sign_network")
    c = fire(coordinator, c, "sign_region")

    assert [
        (e.transition, e.from_state, e.to_state, e.user, e.comment)
        for e in engine.history(c)
    ] == [
        ("submit", "draft", "submitted", referent, ""),
        ("send_back", "submitted", "draft", head, COMMENT),
        ("submit", "draft", "submitted", referent, ""),
        ("approve", "submitted", "reviewed", head, "Relu, rien à redire."),
        ("validate", "reviewed", "signing", coordinator, ""),
        ("sign_structure", "signing", "signing", referent, ""),
        ("sign_network", "signing", "signing", head, ""),
        ("sign_region", "signing", "signing", coordinator, ""),
        ("enter_into_force", "signing", "in_force", coordinator, ""),
    ]
    entries = engine.history(c)
    assert {e.workflow for e in entries} == {"structure_convention"}
    assert entries[1].actor_name == head.get_full_name()
    assert all(a.at <= b.at for a, b in zip(entries, entries[1:], strict=False))


def test_a_log_entry_can_neither_be_changed_nor_deleted(world):
    c = convention_start_for(world, STRUCTURE)
    fire(world.referent_a, c, "submit")
    entry = TransitionLog.objects.for_object(c).get()

    entry.comment = "Réécrit après coup."
    entry.to_state = "in_force"
    with pytest.raises(ValueError, match="never changed"):
        entry.save()
    with pytest.raises(ValueError, match="never deleted"):
        entry.delete()

    entry.refresh_from_db()
    assert (entry.comment, entry.to_state) == ("", "submitted")


def test_every_change_of_the_content_is_in_the_history_with_its_author(world):
    c = convention_start_for(world, STRUCTURE)
    c = update(world.referent_a, c, objectives="Accueillir toute personne.")
    c = update(
        world.coordinator,
        c,
        specific_terms="Une permanence par mois à Vitré.",
        region_engagements="Animer le réseau local.",
    )
    c = update(world.coordinator, c, specific_terms="Une permanence par mois à Vitré.")

    newest, middle, created = c.history.all()
    assert (created.history_type, created.history_user) == ("+", world.referent_a)
    assert middle.history_user == world.referent_a
    assert middle.diff_against(
        created, excluded_fields=["updated_at"]
    ).changed_fields == ["objectives"]
    assert newest.history_user == world.coordinator
    changes = newest.diff_against(middle, excluded_fields=["updated_at"]).changes
    assert {(ch.field, ch.new) for ch in changes} == {
        ("specific_terms", "Une permanence par mois à Vitré."),
        ("region_engagements", "Animer le réseau local."),
    }


def test_a_change_from_a_stale_form_is_refused_and_leaves_no_trace(world):
    c = convention_start_for(world, STRUCTURE)
    seen = c.updated_at.isoformat()
    update(world.coordinator, c, specific_terms="Écrit en premier.")

    with pytest.raises(ConventionError) as stale:
        services.convention_update(
            user=world.referent_a,
            convention=c,
            data={"specific_terms": "Écrit sur une page périmée."},
            seen_updated_at=seen,
        )

    assert "modifiée par quelqu'un d'autre" in stale.value.messages[0]
    c.refresh_from_db()
    assert c.specific_terms == "Écrit en premier."
    assert c.history.count() == 2


def test_state_changes_are_in_the_history_too(world):
    c = convention_start_for(world, STRUCTURE)
    c = fire(world.referent_a, c, "submit")
    c = fire(world.network_head_a, c, "approve")

    newest, submitted, _created = c.history.all()
    assert (submitted.state, submitted.history_user) == ("submitted", world.referent_a)
    assert submitted.history_change_reason == "structure_convention:submit"
    assert (newest.state, newest.history_user) == ("reviewed", world.network_head_a)
    assert newest.history_change_reason == "structure_convention:approve"


def test_proof_rows_cannot_be_changed_or_deleted_in_bulk_either(world):
    from conventions.models import ConventionDocument, Signature

    from ..factories import convention_in_state

    convention_in_state(world, ConventionKind.STRUCTURE, "in_force")
    for model in (TransitionLog, Signature, ConventionDocument):
        assert model.objects.exists()
        with pytest.raises(ValueError):
            model.objects.all().delete()
        with pytest.raises(ValueError):
            model.objects.all().update(pk=0)
        assert model.objects.exists()
