"""Two people acting on the same convention at the same moment: the row lock makes
one of them go first, the other sees the result, and nothing is lost or doubled.

Real concurrency needs real connections and row locks: PostgreSQL only (CI runs
on it; SQLite locks the whole database and is skipped locally).
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from conventions import services
from conventions.models import Convention, ConventionKind, Signature
from conventions.workflow import ConventionBinding
from extranet.models import Role
from workflows.engine import ConditionFailed, StaleState, TransitionError
from workflows.models import TransitionLog

from ..conftest import is_postgresql
from ..factories import convention_in_state, member

pytestmark = pytest.mark.django_db(transaction=True)

STRUCTURE = ConventionKind.STRUCTURE


@pytest.fixture(autouse=True)
def postgresql_only():
    if not is_postgresql():
        pytest.skip("needs PostgreSQL's row locks (CI runs on PostgreSQL)")


@pytest.fixture(autouse=True)
def slow_effects(monkeypatch):
    """Hold each transition's transaction a moment after its effects (the
    signature written, not yet committed), so that the second caller really
    arrives while the first one is still at work."""
    effects = ConventionBinding.after_transition

    def after_transition(self, *args, **kwargs):
        result = effects(self, *args, **kwargs)
        time.sleep(0.3)
        return result

    monkeypatch.setattr(ConventionBinding, "after_transition", after_transition)


def at_the_same_moment(*calls):
    """Run each call in its own thread and connection, released together; return
    what each returned or raised, in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome under test
            results[index] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def fire_as(user, pk: int, name: str, seen_state: str):
    convention = Convention.objects.get(pk=pk)
    return lambda: services.convention_transition(
        user=user, convention=convention, transition=name, expected_state=seen_state
    )


def logged(pk: int, name: str) -> int:
    convention = Convention.objects.get(pk=pk)
    return TransitionLog.objects.for_object(convention).filter(transition=name).count()


def test_two_reviewers_approving_at_once_approve_once(world):
    convention = convention_in_state(world, STRUCTURE, "submitted")
    colleague = member(Role.NETWORK_HEAD, world.network_a.head)

    results = at_the_same_moment(
        fire_as(world.network_head_a, convention.pk, "approve", "submitted"),
        fire_as(colleague, convention.pk, "approve", "submitted"),
    )

    moved = [r for r in results if isinstance(r, Convention)]
    refused = [r for r in results if isinstance(r, TransitionError)]
    assert len(moved) == 1 and len(refused) == 1, results
    assert isinstance(refused[0], StaleState)
    assert "Approuvée par la tête de réseau" in refused[0].message
    assert "Votre action n'a pas été enregistrée" in refused[0].message
    assert Convention.objects.get(pk=convention.pk).state == "reviewed"
    assert logged(convention.pk, "approve") == 1


def test_two_parties_signing_at_once_both_sign(world):
    convention = convention_in_state(
        world, STRUCTURE, "signing", signed_by=["structure"]
    )

    results = at_the_same_moment(
        fire_as(world.network_head_a, convention.pk, "sign_network", "signing"),
        fire_as(world.coordinator, convention.pk, "sign_region", "signing"),
    )

    assert all(isinstance(r, Convention) for r in results), results
    assert sorted(
        Signature.objects.filter(party__convention=convention).values_list(
            "party__kind", flat=True
        )
    ) == ["network", "region", "structure"]
    # The second to sign saw the first one's signature: the convention is in force.
    assert Convention.objects.get(pk=convention.pk).state == "in_force"
    assert logged(convention.pk, "enter_into_force") == 1


def test_one_party_signing_twice_at_once_signs_once(world):
    convention = convention_in_state(world, STRUCTURE, "signing")
    colleague = member(Role.NETWORK_HEAD, world.network_a.head)

    results = at_the_same_moment(
        fire_as(world.network_head_a, convention.pk, "sign_network", "signing"),
        fire_as(colleague, convention.pk, "sign_network", "signing"),
    )

    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1, results
    assert isinstance(refused[0], ConditionFailed)
    assert "le réseau a déjà signé ce document" in refused[0].message
    assert Signature.objects.filter(party__convention=convention).count() == 1
    assert logged(convention.pk, "sign_network") == 1
