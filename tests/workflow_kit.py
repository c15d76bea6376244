"""The generic workflow test kit: what every binding's tests reuse.

* ``drive(obj, state)`` brings an object to a state the shortest way, each step
  fired by a user who legitimately holds its role (found through the binding's
  ``holders``), automatic steps left to the engine, self-loops (signatures…)
  fired until the automatic step that needs them happens.
* ``transition_cases`` and ``check_transition`` make the transition × user
  matrix of a binding: every transition a person may fire, from each of its
  source states, by every user of a test world; the answer comes from an oracle
  the test writes by hand (which workflow roles each user holds), never from the
  code under test.
* ``role_reads_disagree`` checks that a binding's three forms of its role rule
  (``roles_of``, ``objects_for_role``, ``holders``) say the same thing.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pytest
from django.db import models

from workflows import engine
from workflows.models import TransitionLog

COMMENT = "Commentaire de test."


def _definition(obj: models.Model) -> engine.WorkflowDefinition:
    return engine.binding_for(obj).definition_for(obj)


def path_to(
    definition: engine.WorkflowDefinition, source: str, target: str
) -> list[engine.Transition]:
    """The shortest list of transitions from ``source`` to ``target``, by state
    (self-loops excluded: they are fired on the way when a step needs them)."""
    if source == target:
        return []
    seen = {source}
    queue: deque[tuple[str, list[engine.Transition]]] = deque([(source, [])])
    while queue:
        state, path = queue.popleft()
        for transition in definition.transitions_from(state):
            nxt = transition.target
            if nxt in seen:
                continue
            if nxt == target:
                return [*path, transition]
            seen.add(nxt)
            queue.append((nxt, [*path, transition]))
    raise AssertionError(f"{definition.name}: no way from {source} to {target}")


def actor(
    obj: models.Model,
    transition: engine.Transition,
    actors: Mapping[str, Any] | None = None,
) -> Any:
    """A user who may fire ``transition`` on ``obj`` now: the one ``actors`` names
    for one of its roles, else a holder of one of its roles."""
    binding = engine.binding_for(obj)
    for role in sorted(transition.roles):
        if actors and role in actors:
            if engine.may_fire(actors[role], obj, transition):
                return actors[role]
            continue
        for user in binding.holders(obj, role):
            if engine.may_fire(user, obj, transition):
                return user
    raise AssertionError(f"nobody may fire {transition.name} on {obj!r}")


def fire_by_actor(
    obj: models.Model,
    name: str,
    *,
    actors: Mapping[str, Any] | None = None,
    comment: str = COMMENT,
) -> models.Model:
    """Fire ``name`` on ``obj`` as a legitimate actor (or the scheduler)."""
    transition = _definition(obj).transition(name)
    if transition.system:
        return engine.fire(obj, name, user=None, system=True)
    user = actor(obj, transition, actors)
    return engine.fire(
        obj, name, user=user, comment=comment if transition.comment_required else ""
    )


def _loops(obj: models.Model) -> list[engine.Transition]:
    definition = _definition(obj)
    return [
        t
        for t in definition.transitions_from(obj.state)
        if t.target == obj.state and not (t.automatic or t.system)
    ]


def drive(
    obj: models.Model,
    state: str,
    *,
    actors: Mapping[str, Any] | None = None,
    loops: Iterable[str] | None = None,
    comment: str = COMMENT,
) -> models.Model:
    """Bring ``obj`` to ``state`` the shortest way; returns the moved object.

    On the way, a step that the engine fires by itself (entry into force once
    every party has signed) is reached by firing the state's self-loops, each
    by a legitimate actor, until it happens. ``loops``: fire exactly these
    self-loops once ``obj`` is in ``state`` (some parties sign, not all).
    """
    definition = _definition(obj)
    for _step in range(4 * len(definition.transitions) + 4):
        if obj.state == state:
            break
        step = path_to(definition, obj.state, state)[0]
        if step.automatic:
            pending = [t for t in _loops(obj) if _someone_may_fire(obj, t, actors)]
            assert pending, f"{step.name} never fires from {obj.state}"
            obj = fire_by_actor(obj, pending[0].name, actors=actors, comment=comment)
        else:
            obj = fire_by_actor(obj, step.name, actors=actors, comment=comment)
    assert obj.state == state, (obj.state, state)
    for name in loops or ():
        obj = fire_by_actor(obj, name, actors=actors, comment=comment)
    return obj


def _someone_may_fire(obj, transition, actors) -> bool:
    try:
        actor(obj, transition, actors)
    except AssertionError:
        return False
    return True


# The transition × user matrix -----------------------------------------------------


def transition_cases(
    definitions: Iterable[engine.WorkflowDefinition], users: Iterable[str]
) -> list[Any]:
    """One case per transition a person may fire, per source state, per user."""
    users = tuple(users)
    cases = []
    for definition in definitions:
        for transition in definition.transitions:
            if transition.automatic or transition.system:
                continue
            for source in transition.sources:
                step = transition.name
                if len(transition.sources) > 1:
                    step = f"{transition.name}-from_{source}"
                cases.extend(
                    pytest.param(
                        definition.name,
                        transition.name,
                        source,
                        user,
                        id=f"{definition.name}-{step}-{user}",
                    )
                    for user in users
                )
    return cases


def machine_cases(definitions: Iterable[engine.WorkflowDefinition]) -> list[Any]:
    """One case per automatic or scheduled transition."""
    return [
        pytest.param(d.name, t.name, id=f"{d.name}-{t.name}")
        for d in definitions
        for t in d.transitions
        if t.automatic or t.system
    ]


def log_count(obj: models.Model) -> int:
    return TransitionLog.objects.for_object(obj).count()


def check_transition(
    obj: models.Model,
    name: str,
    user: Any,
    *,
    allowed: bool,
    trace: Callable[[models.Model], tuple],
    fire: Callable[..., models.Model] | None = None,
) -> models.Model | None:
    """Fire ``name`` on ``obj`` as ``user`` and check the outcome the oracle gave.

    Allowed: the transition is offered, the state moves to its target, one log
    line names who did what. Refused: it is not offered, the engine (and
    ``fire``, the app's service, if given) refuses it with a French message, and
    ``trace(obj)`` (everything a transition may write) is unchanged.
    """
    definition = _definition(obj)
    transition = definition.transition(name)
    source = obj.state
    before = trace(obj)
    logs = log_count(obj)

    assert (transition in engine.available_transitions(user, obj)) is allowed

    fire = fire or (lambda o, n, **kw: engine.fire(o, n, **kw))
    if allowed:
        moved = fire(obj, name, user=user, comment=COMMENT, expected_state=source)
        moved.refresh_from_db()
        # The fired step is logged first; automatic steps it triggers (an
        # approval confirmed at once when a seat is free) follow, each logged.
        new = engine.history(moved)[logs:]
        assert new, f"{name} left no log line"
        assert [e for e in new[1:] if not _automatic(moved, e.transition)] == []
        assert moved.state == (new[-1].to_state if len(new) > 1 else transition.target)
        entry = new[0]
        assert (entry.transition, entry.from_state, entry.to_state, entry.user) == (
            name,
            source,
            transition.target,
            user,
        )
        return moved
    with pytest.raises(engine.TransitionNotAllowed) as refused:
        engine.fire(obj, name, user=user, comment=COMMENT)
    assert refused.value.message
    obj.refresh_from_db()
    assert trace(obj) == before
    return None


def _automatic(obj: models.Model, name: str) -> bool:
    """Is ``name`` a step the engine fires by itself (or a scheduled one fired
    by an effect, such as an offer made when a seat is freed elsewhere)?"""
    try:
        transition = _definition(obj).transition(name)
    except KeyError:
        return False
    return transition.automatic or transition.system


# Role reads --------------------------------------------------------------------


def role_reads_disagree(
    binding: engine.Binding, users: Iterable[Any], objects: Iterable[models.Model]
) -> list[str]:
    """Every (user, object, role) on which ``roles_of``, ``objects_for_role`` and
    ``holders`` do not say the same thing; empty when they agree."""
    users, objects = list(users), list(objects)
    roles = sorted({r for d in binding.definitions for r in d.roles})
    problems = []
    for role in roles:
        holders = {
            obj.pk: {u.pk for u in binding.holders(obj, role)} for obj in objects
        }
        for user in users:
            reached = set(
                binding.objects_for_role(user, role).values_list("pk", flat=True)
            )
            for obj in objects:
                by_roles = role in binding.roles_of(user, obj)
                by_objects = obj.pk in reached
                by_holders = user.pk in holders[obj.pk]
                if not (by_roles == by_objects == by_holders):
                    problems.append(
                        f"{role} {user} on {obj.pk}: roles_of={by_roles} "
                        f"objects_for_role={by_objects} holders={by_holders}"
                    )
    return problems
