"""What a decision decides: a small registry of decision subjects.

A ``DecisionSubject`` says what kind of object a body's decision may be linked
to, which bodies may use it, which objects the secretariat may choose, and
what recording the decision does to the object. Any app registers its own at
import time (from its ``registrations``)::

    from coordination.governance.links import DecisionSubject, register_subject

    register_subject(
        DecisionSubject(
            key="crefop_synthesis_receipt",        # unique, stored on the decision
            label=gettext_lazy("Réception de la synthèse régionale"),
            bodies=frozenset({BodyKind.CREFOP}),   # body kinds that may use it
            choices=lambda user: Synthesis.objects.filter(...),  # user -> QuerySet
            apply=receive_synthesis,               # (decision, obj, actor) -> None
        )
    )

``decision_record`` (``coordination.governance.services``) checks the subject
is allowed for the body, fetches the object among ``choices(actor)`` (an
unknown id, or one out of scope, is refused), saves the decision with the link
(content type + id + label) and calls ``apply`` in the same transaction: a
``ValidationError`` (or a workflow ``TransitionError``) raised there is shown
to the user in French and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class DecisionSubject:
    key: str
    label: Any
    bodies: frozenset[str]
    choices: Callable[[Any], QuerySet]
    apply: Callable[[Any, Model, Any], None]


_subjects: dict[str, DecisionSubject] = {}


def register_subject(subject: DecisionSubject) -> DecisionSubject:
    """Register ``subject``; a second subject with the same key is an error."""
    known = _subjects.get(subject.key)
    if known is not None and known != subject:
        raise ValueError(f"Two decision subjects named {subject.key!r}.")
    _subjects[subject.key] = subject
    return subject


def subject(key: str) -> DecisionSubject | None:
    return _subjects.get(key)


def subjects_for(body_kind: str) -> list[DecisionSubject]:
    """The subjects a body of this kind may link its decisions to."""
    return [s for s in _subjects.values() if body_kind in s.bodies]
