"""The rules of conventions, as their users meet them through the services: who may
start, draft, review and sign, that nothing is done twice, and that what was
signed stays exactly what was signed."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from conventions import services
from conventions.models import Convention, ConventionDocument, ConventionKind, Signature
from conventions.services import EDITABLE_FIELDS, ConventionError
from extranet.models import Role
from workflows import engine
from workflows.engine import (
    CommentRequired,
    ConditionFailed,
    StaleState,
    TransitionNotAllowed,
)
from workflows.models import TransitionLog

from ..factories import (
    COMMENT,
    convention_drive,
    convention_in_state,
    convention_start_for,
    member,
)

pytestmark = pytest.mark.django_db

STRUCTURE = ConventionKind.STRUCTURE


def transition(user, convention, name, **kwargs):
    return services.convention_transition(
        user=user, convention=convention, transition=name, **kwargs
    )


def logged(convention, name: str | None = None) -> list[TransitionLog]:
    rows = TransitionLog.objects.for_object(convention)
    return list(rows.filter(transition=name) if name else rows)


def signatures(convention):
    return Signature.objects.filter(party__convention=convention)


def this_year() -> int:
    return timezone.localdate().year


# Starting, drafting, submitting ------------------------------------------------


def test_a_referent_starts_a_convention_for_their_own_structure_only(world):
    with pytest.raises(PermissionDenied):
        services.convention_start(
            user=world.referent_a,
            kind=STRUCTURE,
            year=this_year(),
            structure=world.structure_b,
        )
    assert not Convention.objects.exists()

    own = services.convention_start(
        user=world.referent_a,
        kind=STRUCTURE,
        year=this_year(),
        structure=world.structure_a,
    )
    assert (own.state, own.structure, own.network) == (
        "draft",
        world.structure_a,
        world.network_a,
    )


def test_a_referent_drafts_and_submits_their_own_structure_convention_only(world):
    other = convention_start_for(world, STRUCTURE, structure=world.structure_b)

    with pytest.raises(PermissionDenied):
        services.convention_update(
            user=world.referent_a,
            convention=other,
            data={"specific_terms": "Écrit par quelqu'un d'autre."},
            seen_updated_at="",
        )
    with pytest.raises(PermissionDenied):
        transition(world.referent_a, other, "submit")
    with pytest.raises(TransitionNotAllowed):
        engine.fire(other, "submit", user=world.referent_a)

    other.refresh_from_db()
    assert (other.state, other.specific_terms) == ("draft", "")
    assert logged(other) == []
    moved = transition(world.referent_b, other, "submit")
    assert moved.state == "submitted"


def test_a_professional_may_read_but_neither_edit_nor_submit(world):
    convention = convention_start_for(world, STRUCTURE)

    with pytest.raises(PermissionDenied):
        services.convention_update(
            user=world.professional_a,
            convention=convention,
            data={"specific_terms": "Ajout."},
            seen_updated_at="",
        )
    with pytest.raises(TransitionNotAllowed) as refused:
        transition(world.professional_a, convention, "submit")

    assert "Votre rôle ne vous permet pas" in refused.value.message
    convention.refresh_from_db()
    assert convention.state == "draft"
    assert logged(convention) == []


def test_a_network_head_reviews_the_conventions_of_their_network_only(world):
    of_b = convention_in_state(
        world,
        STRUCTURE,
        "submitted",
        structure=world.structure_b,
        actors={"structure_referent": world.referent_b},
    )
    referent_a2 = member(Role.REFERENT, world.structure_a2.organisation)
    of_a2 = convention_in_state(
        world,
        STRUCTURE,
        "submitted",
        structure=world.structure_a2,
        actors={"structure_referent": referent_a2},
    )

    for name in ("approve", "send_back"):
        with pytest.raises(PermissionDenied):
            transition(world.network_head_a, of_b, name, comment=COMMENT)
        with pytest.raises(TransitionNotAllowed):
            engine.fire(of_b, name, user=world.network_head_a, comment=COMMENT)
    of_b.refresh_from_db()
    assert of_b.state == "submitted"

    # Structure A2 is in network A, in another territory: still network A's.
    assert transition(world.network_head_a, of_a2, "approve").state == "reviewed"
    assert transition(world.network_head_b, of_b, "approve").state == "reviewed"


def test_a_network_convention_the_government_cosigns_needs_the_states_engagements(
    world,
):
    convention = services.convention_start(
        user=world.network_head_a,
        kind=ConventionKind.REGION_NETWORK,
        year=this_year(),
        network=world.network_a,
        government_cosigns=True,
    )
    # They start from the framework's text, so the draft can be submitted as is…
    assert "CPRDOFP" in convention.government_engagements
    # …but not once someone has emptied them.
    services.convention_update(
        user=world.network_head_a,
        convention=convention,
        data={"government_engagements": "   "},
        seen_updated_at="",
    )
    with pytest.raises(ConditionFailed) as refused:
        transition(world.network_head_a, convention, "submit")
    assert "engagements de chaque partie" in refused.value.message

    services.convention_update(
        user=world.network_head_a,
        convention=convention,
        data={"government_engagements": "Mobiliser les services de l'État."},
        seen_updated_at="",
    )
    assert transition(world.network_head_a, convention, "submit").state == "submitted"


# Nothing twice -------------------------------------------------------------------


def test_nobody_approves_twice(world):
    convention = convention_in_state(world, STRUCTURE, "submitted")
    colleague = member(Role.NETWORK_HEAD, world.network_a.head)

    transition(world.network_head_a, convention, "approve", expected_state="submitted")
    for user in (world.network_head_a, colleague):
        with pytest.raises(StaleState) as replayed:
            transition(user, convention, "approve", expected_state="submitted")
        assert "Approuvée par la tête de réseau" in replayed.value.message
    with pytest.raises(StaleState):
        transition(colleague, convention, "approve")

    assert len(logged(convention, "approve")) == 1
    convention.refresh_from_db()
    assert convention.state == "reviewed"


def test_nobody_signs_twice(world):
    convention = convention_in_state(world, STRUCTURE, "signing")
    colleague = member(Role.NETWORK_HEAD, world.network_a.head)

    transition(world.network_head_a, convention, "sign_network")
    for user in (world.network_head_a, colleague):
        with pytest.raises(ConditionFailed) as again:
            transition(user, convention, "sign_network")
        assert "le réseau a déjà signé ce document" in again.value.message

    assert signatures(convention).count() == 1
    assert len(logged(convention, "sign_network")) == 1
    assert "sign_network" not in {
        t.name for t in engine.available_transitions(colleague, convention)
    }


def test_nobody_signs_for_another_party(world):
    convention = convention_in_state(world, STRUCTURE, "signing")
    attempts = [
        (world.referent_a, "sign_network"),
        (world.referent_a, "sign_region"),
        (world.network_head_a, "sign_structure"),
        (world.coordinator, "sign_structure"),
        (world.coordinator, "sign_network"),
    ]

    for user, name in attempts:
        with pytest.raises(TransitionNotAllowed):
            transition(user, convention, name)

    assert not signatures(convention).exists()
    assert logged(convention, "sign_network") == []


# What is signed ------------------------------------------------------------------


def test_a_signature_records_who_when_and_the_exact_bytes_signed(world):
    convention = convention_in_state(world, STRUCTURE, "signing")
    before = timezone.now()

    transition(world.referent_a, convention, "sign_structure")

    signature = signatures(convention).get()
    document = ConventionDocument.objects.get(convention=convention)
    with document.file.open("rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    assert signature.party.kind == "structure"
    assert signature.user == world.referent_a
    assert signature.signer_name == world.referent_a.get_full_name()
    assert before <= signature.signed_at <= timezone.now()
    assert signature.document == document
    assert signature.sha256 == document.sha256 == digest
    assert document.size == document.file.size


def test_a_produced_document_and_its_signatures_never_change(world):
    convention = convention_in_state(
        world, STRUCTURE, "signing", signed_by=["structure"]
    )
    document = ConventionDocument.objects.get(convention=convention)
    signature = signatures(convention).get()
    sha256 = document.sha256

    document.sha256 = "0" * 64
    with pytest.raises(ValidationError):
        document.save()
    with pytest.raises(ValidationError):
        document.delete()
    signature.signer_name = "Quelqu'un d'autre"
    with pytest.raises(ValidationError):
        signature.save()
    with pytest.raises(ValidationError):
        signature.delete()

    document.refresh_from_db()
    signature.refresh_from_db()
    assert document.sha256 == sha256
    assert signature.signer_name == world.referent_a.get_full_name()
    assert ConventionDocument.objects.filter(convention=convention).count() == 1


def test_reopening_leaves_old_signatures_on_the_old_version_only(world):
    convention = convention_in_state(
        world, STRUCTURE, "signing", signed_by=["structure", "network"]
    )
    first = ConventionDocument.objects.get(convention=convention)

    with pytest.raises(CommentRequired):
        transition(world.coordinator, convention, "reopen")
    convention = transition(world.coordinator, convention, "reopen", comment=COMMENT)
    assert convention.state == "draft"
    services.convention_update(
        user=world.referent_a,
        convention=convention,
        data={"specific_terms": "Une permanence par mois à Vitré."},
        seen_updated_at="",
    )
    convention = convention_drive(world, convention, "signing")

    second = ConventionDocument.objects.get(convention=convention, version=2)
    assert second.sha256 != first.sha256
    assert set(signatures(convention).values_list("document", "party__kind")) == {
        (first.pk, "structure"),
        (first.pk, "network"),
    }
    available = engine.available_transitions(world.referent_a, convention)
    assert "sign_structure" in {t.name for t in available}

    transition(world.coordinator, convention, "sign_region")
    convention.refresh_from_db()
    assert convention.state == "signing"  # v1's signatures do not count for v2
    transition(world.referent_a, convention, "sign_structure")
    moved = transition(world.network_head_a, convention, "sign_network")

    assert moved.state == "in_force"
    assert second.signatures.count() == 3
    assert first.signatures.count() == 2


# Comments and stale pages -----------------------------------------------------------


def test_sending_back_needs_a_comment(world):
    convention = convention_in_state(world, STRUCTURE, "submitted")

    for comment in ("", "   "):
        with pytest.raises(CommentRequired) as refused:
            transition(world.network_head_a, convention, "send_back", comment=comment)
        assert "Indiquez un commentaire" in refused.value.message
    convention.refresh_from_db()
    assert convention.state == "submitted"
    assert logged(convention, "send_back") == []

    transition(world.network_head_a, convention, "send_back", comment=COMMENT)
    convention.refresh_from_db()
    assert convention.state == "draft"
    assert logged(convention, "send_back")[0].comment == COMMENT


def test_an_action_from_a_stale_page_changes_nothing(world):
    convention = convention_in_state(world, STRUCTURE, "reviewed")
    logs = len(logged(convention))

    # The coordinator's page was loaded when the convention was still submitted.
    with pytest.raises(StaleState) as stale:
        transition(
            world.coordinator, convention, "validate", expected_state="submitted"
        )

    assert "Votre action n'a pas été enregistrée" in stale.value.message
    assert "Approuvée par la tête de réseau" in stale.value.message
    convention.refresh_from_db()
    assert convention.state == "reviewed"
    assert len(logged(convention)) == logs
    assert not ConventionDocument.objects.filter(convention=convention).exists()


# Who may have a convention ----------------------------------------------------------


def test_only_a_structure_of_a_partner_network_may_start_a_convention(world):
    world.network_a.is_partner = False
    world.network_a.save()

    with pytest.raises(ConventionError) as refused:
        convention_start_for(world, STRUCTURE)

    assert "réseau régional partenaire" in refused.value.messages[0]
    assert not Convention.objects.exists()


def test_a_network_no_longer_partner_stops_its_structures_conventions(world):
    convention = convention_in_state(world, STRUCTURE, "reviewed")
    world.network_a.is_partner = False
    world.network_a.save()

    with pytest.raises(ConditionFailed) as refused:
        transition(world.coordinator, convention, "validate")

    assert "réseau partenaire" in refused.value.message
    convention.refresh_from_db()
    assert convention.state == "reviewed"


def test_one_convention_per_structure_and_year(world):
    first = convention_start_for(world, STRUCTURE)

    with pytest.raises(ConventionError) as refused:
        convention_start_for(world, STRUCTURE)

    assert f"Une convention {this_year()} existe déjà" in refused.value.messages[0]
    assert Convention.objects.count() == 1
    transition(world.coordinator, first, "abandon", comment=COMMENT)
    assert convention_start_for(world, STRUCTURE).pk != first.pk


# The whole cycle ---------------------------------------------------------------------

SIGNERS = {
    ConventionKind.STRUCTURE: [
        ("structure", "referent_a"),
        ("network", "network_head_a"),
        ("region", "coordinator"),
    ],
    ConventionKind.REGION_NETWORK: [
        ("network", "network_head_a"),
        ("region", "coordinator"),
        ("government", "government"),
    ],
    ConventionKind.GOVERNMENT_REGION: [
        ("government", "government"),
        ("region", "coordinator"),
    ],
}


@pytest.mark.parametrize("order", ["listed", "reversed"])
@pytest.mark.parametrize("kind", list(ConventionKind))
def test_every_kind_comes_into_force_once_every_party_signed_in_any_order(
    world, kind, order
):
    convention = convention_in_state(world, kind, "signing")
    signers = SIGNERS[kind] if order == "listed" else SIGNERS[kind][::-1]

    for done, (party, user_name) in enumerate(signers, start=1):
        convention = transition(getattr(world, user_name), convention, f"sign_{party}")
        expected = "in_force" if done == len(signers) else "signing"
        assert convention.state == expected

    assert sorted(signatures(convention).values_list("party__kind", flat=True)) == (
        sorted(party for party, _user in signers)
    )
    assert len(logged(convention, "enter_into_force")) == 1


# Renewal -----------------------------------------------------------------------------


def test_renewal_starts_next_years_draft_from_this_years_content(world):
    convention = convention_start_for(world, STRUCTURE)
    services.convention_update(
        user=world.referent_a,
        convention=convention,
        data={"specific_terms": "Permanences mensuelles au lycée de Fougères."},
        seen_updated_at="",
    )
    convention = convention_drive(world, convention, "in_force")

    renewal = services.convention_renew(user=world.referent_a, convention=convention)

    assert (renewal.year, renewal.state, renewal.previous) == (
        convention.year + 1,
        "draft",
        convention,
    )
    for field in EDITABLE_FIELDS:
        assert getattr(renewal, field) == getattr(convention, field)
    assert renewal.specific_terms == "Permanences mensuelles au lycée de Fougères."
    assert set(renewal.parties.values_list("kind", "organisation")) == set(
        convention.parties.values_list("kind", "organisation")
    )
    with pytest.raises(ConventionError) as twice:
        services.convention_renew(user=world.referent_a, convention=convention)
    assert "existe déjà" in twice.value.messages[0]
    assert convention.renewals.count() == 1


def test_a_draft_is_not_renewed(world):
    convention = convention_start_for(world, STRUCTURE)

    with pytest.raises(ConventionError):
        services.convention_renew(user=world.referent_a, convention=convention)

    assert Convention.objects.count() == 1
