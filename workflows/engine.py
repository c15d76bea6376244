"""The workflow engine: every workflow declared as data, one code path to move them.

In the spirit of Plone's DCWorkflow, a ``WorkflowDefinition`` lists states
(adjectives, with a French label, who may edit the object there, and what happens
on entry), and transitions (verbs: from which states, to which state, the
workflow roles that may fire them, an optional named condition). Definitions know
no domain model: a domain app *binds* a model to them with a ``Binding`` that
says which workflow roles a user holds on an object (resolved against the
object's scope: its structure, network, territory), who the holders of a role
are, and what each named condition means.

A definition names its conditions and effects; the binding maps each name to a
function (``Binding.conditions``, ``Binding.effects``), and a system check fails
when a definition names one its binding lacks. A state may say what it allows
besides moving on (``allows``: "attach", "renew"…), read by the app's policy, and
what happens when its deadline passes (``on_deadline``: a system transition that
``deadlines_pass()`` fires for every binding, e.g. a convention's yearly expiry).

``fire()`` is the only code that writes a workflow state. In one transaction it
locks the row, checks that the page was not stale, the guard (role, source state,
condition, comment), changes the state, writes the transition log, runs the
transition's named effect, fires automatic transitions, and queues the
notifications (an in-app notice and a mail through the outbox, sent after commit).
Once the transaction commits, ``workflows.signals.transition_fired`` tells any
app that listens (evaluation, surveys) without the binding calling them.
"""

from __future__ import annotations

import datetime
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.formats import long_date

logger = logging.getLogger(__name__)


# Definitions -----------------------------------------------------------------


@dataclass(frozen=True)
class State:
    """A state an object can be in.

    ``editors``: workflow roles that may change the object's content here.
    ``deadline_days``: on entry, the next action is expected within this delay;
    past it, whoever must act is reminded (``None``: the settings' default delay).
    ``notify``: on entry, tell whoever may fire a transition from here.
    ``allows``: what the state permits besides moving on ("attach", "renew"…),
    for the app's policy to read, as DCWorkflow's per-state permission map.
    ``on_deadline``: the system transition fired when the deadline passes (the
    binding's ``deadline()`` says when); such a state is a term, not a wait, so
    nobody is reminded of it.
    """

    name: str
    label: str
    description: str = ""
    editors: frozenset[str] = frozenset()
    deadline_days: int | None = None
    notify: bool = True
    final: bool = False
    allows: frozenset[str] = frozenset()
    on_deadline: str | None = None


@dataclass(frozen=True)
class Transition:
    """A move from one of ``sources`` to ``target``.

    ``roles``: the workflow roles that may fire it. ``condition``: the name of a
    check the binding provides (e.g. "this party has not signed yet").
    ``automatic``: fired by the engine as soon as the object enters a source state
    and the condition holds. ``system``: fired by scheduled tasks only (expiry).
    ``awaited``: the workflow waits for it (its holders are notified, reminded and
    see the object in their to-do); a side exit such as "abandon" is not awaited.
    ``effect``: the name of what the binding does when it fires (produce a
    document, record a signature), inside the transition's transaction.
    """

    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[str] = frozenset()
    condition: str | None = None
    comment_required: bool = False
    automatic: bool = False
    system: bool = False
    style: str = "primary"
    help_text: str = ""
    awaited: bool = True
    effect: str | None = None


@dataclass(frozen=True)
class WorkflowDefinition:
    """A whole workflow: states, transitions, the roles and conditions it names."""

    name: str
    label: str
    initial: str
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]
    roles: dict[str, str] = field(default_factory=dict)
    conditions: dict[str, str] = field(default_factory=dict)
    description: str = ""

    def state(self, name: str) -> State:
        for state in self.states:
            if state.name == name:
                return state
        raise KeyError(name)

    def transition(self, name: str) -> Transition:
        for transition in self.transitions:
            if transition.name == name:
                return transition
        raise KeyError(name)

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    def state_label(self, name: str) -> str:
        try:
            return self.state(name).label
        except KeyError:
            return name

    @property
    def state_choices(self) -> list[tuple[str, str]]:
        return [(s.name, s.label) for s in self.states]

    def states_allowing(self, what: str) -> frozenset[str]:
        """The names of the states that allow ``what`` ("attach", "renew"…)."""
        return frozenset(s.name for s in self.states if what in s.allows)

    def effects(self) -> set[str]:
        return {t.effect for t in self.transitions if t.effect}

    def validate(self) -> list[str]:
        """Problems with the definition itself, in English for the developer."""
        problems: list[str] = []
        names = [s.name for s in self.states]
        if len(set(names)) != len(names):
            problems.append("state names are not unique")
        tnames = [t.name for t in self.transitions]
        if len(set(tnames)) != len(tnames):
            problems.append("transition names are not unique")
        if self.initial not in names:
            problems.append(f"initial state {self.initial!r} is not a state")
        for t in self.transitions:
            for source in t.sources:
                if source not in names:
                    problems.append(f"{t.name}: unknown source state {source!r}")
            if t.target not in names:
                problems.append(f"{t.name}: unknown target state {t.target!r}")
            for role in t.roles:
                if role not in self.roles:
                    problems.append(f"{t.name}: unknown role {role!r}")
            if t.condition and t.condition not in self.conditions:
                problems.append(f"{t.name}: unknown condition {t.condition!r}")
            if not t.roles and not (t.automatic or t.system):
                problems.append(f"{t.name}: nobody may fire it")
            if t.automatic and t.system:
                problems.append(f"{t.name}: automatic and system at once")
        for s in self.states:
            for role in s.editors:
                if role not in self.roles:
                    problems.append(f"state {s.name}: unknown editor role {role!r}")
            if not s.final and not self.transitions_from(s.name):
                problems.append(f"state {s.name}: no way out and not final")
            if s.on_deadline:
                try:
                    timeout = self.transition(s.on_deadline)
                except KeyError:
                    problems.append(
                        f"state {s.name}: unknown deadline transition {s.on_deadline!r}"
                    )
                else:
                    if not timeout.system or s.name not in timeout.sources:
                        problems.append(
                            f"state {s.name}: deadline transition {s.on_deadline!r} "
                            "must be a system transition leaving it"
                        )
        reached, todo = {self.initial}, [self.initial]
        while todo:
            current = todo.pop()
            for t in self.transitions_from(current):
                if t.target not in reached:
                    reached.add(t.target)
                    todo.append(t.target)
        for name in names:
            if name not in reached:
                problems.append(f"state {name}: unreachable from {self.initial}")
        return problems


# Bindings --------------------------------------------------------------------


Condition = Callable[[models.Model, Any], bool]
Effect = Callable[..., None]


class Binding(ABC):
    """What a domain app tells the engine about one model and its workflows.

    A binding *declares*; the engine, its generic view, to-do provider, periodic
    task and test kit do the rest. It provides:

    * its role reads, three forms of one rule that a generic test proves agree:
      ``roles_of`` (one user, one object), ``objects_for_role`` (one user, all
      objects: worklists) and ``holders`` (one object, all users: notices);
    * ``conditions``: name → ``predicate(obj, user) -> bool``;
    * ``effects``: name → ``effect(obj, *, transition, user, comment, prepared)``;
    * ``preparations``: effect name → ``prepare(obj, *, user) -> Any``, the slow
      part of an effect (rendering a document), run before the row lock is
      taken; its result reaches the effect as ``prepared``, and the effect
      refuses it (``StaleState``) if the locked object no longer matches it;
    * ``policy``: the app's policy, whose ``visible(user, "view")`` gives the
      objects a user may open (the generic transition view's 404);
    * with several definitions, ``definition_for`` and ``definition_filter``.
    """

    model: type[models.Model]
    definitions: tuple[WorkflowDefinition, ...] = ()
    conditions: ClassVar[dict[str, Condition]] = {}
    effects: ClassVar[dict[str, Effect]] = {}
    preparations: ClassVar[dict[str, Callable[..., Any]]] = {}
    policy: Any = None
    view_action: str = "view"
    todo_category: Any = ""
    # The transition comments may hold personal data: the retention service
    # blanks them once the object's retention period is over, and notices and
    # mails only say that a comment is to be read on the page (``comment_told``).
    comments_hold_personal_data: bool = False

    def definition_for(self, obj: models.Model) -> WorkflowDefinition:
        """The workflow ``obj`` follows (the only one, by default)."""
        return self.definitions[0]

    def definition_filter(self, definition: WorkflowDefinition) -> models.Q:
        """The objects of the model that follow ``definition`` (all, by default)."""
        return models.Q()

    @abstractmethod
    def roles_of(self, user: Any, obj: models.Model) -> set[str]:
        """The workflow roles ``user`` holds on ``obj``."""

    @abstractmethod
    def objects_for_role(self, user: Any, role: str) -> models.QuerySet:
        """The objects on which ``user`` holds ``role`` (for worklists). The
        worklist joins the querysets of every role with ``|`` into one query, so
        they must combine (no slice, the same ``distinct``)."""

    @abstractmethod
    def holders(self, obj: models.Model, role: str) -> Iterable[Any]:
        """The active users who hold ``role`` on ``obj`` (to notify them)."""

    def prefetch(self, objs: list[models.Model]) -> None:
        """Load at once what the conditions read of many objects (a worklist
        checks every candidate), so that checking them costs no query each.
        Nothing by default."""
        return None

    def lock_first(self, obj: models.Model) -> None:
        """Lock, before the object's own row, the rows its conditions count
        under (an enrolment locks its session, whose seats it counts), so that
        every writer takes the locks in one order. Nothing by default."""
        return None

    def check(self, condition: str, obj: models.Model, user: Any) -> bool:
        """Does the named condition hold for ``user`` on ``obj``?"""
        return bool(self.conditions[condition](obj, user))

    def after_transition(
        self,
        obj: models.Model,
        transition: Transition,
        user: Any,
        comment: str,
        prepared: Any = None,
    ) -> None:
        """Run the transition's named effect, inside its transaction; ``prepared``
        is what its preparation made before the lock (None if it has none)."""
        if transition.effect:
            self.effects[transition.effect](
                obj,
                transition=transition,
                user=user,
                comment=comment,
                prepared=prepared,
            )

    def prepare(self, obj: models.Model, transition: Transition, user: Any) -> Any:
        """The preparation of ``transition``'s effect, run outside any lock;
        None when its effect has none."""
        prepare = self.preparations.get(transition.effect or "")
        return prepare(obj, user=user) if prepare else None

    def deadline(self, obj: models.Model, state: State) -> datetime.datetime | None:
        """When the next action is due on entering ``state`` (or its term, for a
        state with ``on_deadline``); None in a final state."""
        if state.final:
            return None
        days = state.deadline_days
        if days is None:
            days = getattr(settings, "SPRO_WORKFLOW_REMINDER_DAYS", 10)
        return now() + timedelta(days=days)

    def viewable(self, user: Any) -> models.QuerySet:
        """The objects ``user`` may open, by the app's policy."""
        return self.policy.visible(user, self.view_action)

    def may_wait_on(self, user: Any) -> bool:
        """A cheap test that nothing can wait on ``user`` (spares the worklist's
        queries on every dashboard); True when in doubt."""
        return True

    def title(self, obj: models.Model) -> str:
        return str(obj)

    def url(self, obj: models.Model) -> str:
        return obj.get_absolute_url()

    def problems(self) -> list[str]:
        """What the binding lacks for its definitions, for the system check."""
        found: list[str] = []
        if len(self.definitions) > 1 and (
            type(self).definition_for is Binding.definition_for
            or type(self).definition_filter is Binding.definition_filter
        ):
            found.append(
                "several definitions: definition_for and definition_filter "
                "must say which objects follow which"
            )
        if self.policy is None:
            found.append("no policy: the generic views cannot tell who sees what")
        for definition in self.definitions:
            for name in sorted(set(definition.conditions) - set(self.conditions)):
                found.append(f"{definition.name}: no function for condition {name!r}")
            for name in sorted(definition.effects() - set(self.effects)):
                found.append(f"{definition.name}: no function for effect {name!r}")
            for t in definition.transitions:
                if t.automatic and t.effect in self.preparations:
                    found.append(
                        f"{definition.name}: {t.name} is automatic, so the "
                        f"preparation of {t.effect!r} would run inside the lock"
                    )
        for name in sorted(set(self.preparations) - set(self.effects)):
            found.append(f"preparation {name!r} prepares no effect")
        return found


_bindings: list[Binding] = []


def register(binding: Binding) -> Binding:
    """Bind a model to its workflows (called from the domain app's ``ready()``)."""
    if not binding.definitions:
        raise ImproperlyConfigured(f"{type(binding).__name__} binds no definition")
    if not any(type(b) is type(binding) for b in _bindings):
        _bindings.append(binding)
    return binding


def bindings() -> list[Binding]:
    return list(_bindings)


def binding_for(obj_or_model: Any) -> Binding:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for binding in _bindings:
        if issubclass(model, binding.model):
            return binding
    raise LookupError(f"No workflow bound to {model.__name__}")


def definitions() -> list[WorkflowDefinition]:
    return [d for b in _bindings for d in b.definitions]


# Clock -----------------------------------------------------------------------

_clock: ContextVar[datetime.datetime | None] = ContextVar(
    "workflow_clock", default=None
)


def now() -> datetime.datetime:
    """The engine's time: the server's, or the one a scheduled run is told."""
    return _clock.get() or timezone.now()


def today() -> datetime.date:
    return timezone.localdate(now())


@contextmanager
def clock(at: datetime.datetime | None) -> Iterator[None]:
    """Judge deadlines and date conditions as of ``at`` (a scheduled run is told
    which moment it runs for, so a late run decides as the punctual one would)."""
    token = _clock.set(at)
    try:
        yield
    finally:
        _clock.reset(token)


# Errors ----------------------------------------------------------------------


class TransitionError(Exception):
    """A transition that cannot happen; ``message`` is French, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TransitionNotAllowed(TransitionError):
    """The user holds no role allowed to fire this transition on this object."""


class StaleState(TransitionError):
    """The object moved on since the user's page was loaded."""


class ConditionFailed(TransitionError):
    """The transition's condition does not hold (already signed…)."""


class CommentRequired(TransitionError):
    """This transition needs a comment (sending back says why)."""


class CommentTooLong(TransitionError):
    """The comment is longer than the log keeps (``COMMENT_MAX_LENGTH``)."""


# Reads -----------------------------------------------------------------------


def may_fire(user: Any, obj: models.Model, transition: Transition) -> bool:
    binding = binding_for(obj)
    if transition.automatic or transition.system:
        return False
    if obj.state not in transition.sources:
        return False
    if not (transition.roles & binding.roles_of(user, obj)):
        return False
    return transition.condition is None or binding.check(
        transition.condition, obj, user
    )


def available_transitions(user: Any, obj: models.Model) -> list[Transition]:
    """The transitions ``user`` may fire on ``obj`` now, in definition order."""
    definition = binding_for(obj).definition_for(obj)
    return [t for t in definition.transitions_from(obj.state) if may_fire(user, obj, t)]


def blocked_transitions(user: Any, obj: models.Model) -> list[tuple[Transition, str]]:
    """Transitions awaited from ``user`` whose condition does not hold yet, with
    the reason in French, so that a missing button is explained."""
    binding = binding_for(obj)
    definition = binding.definition_for(obj)
    roles = binding.roles_of(user, obj)
    return [
        (t, str(definition.conditions[t.condition]))
        for t in definition.transitions_from(obj.state)
        if t.awaited
        and not (t.automatic or t.system)
        and t.roles & roles
        and t.condition
        and not binding.check(t.condition, obj, user)
    ]


def may_edit(user: Any, obj: models.Model) -> bool:
    """May ``user`` change the object's content in its current state?"""
    binding = binding_for(obj)
    state = binding.definition_for(obj).state(obj.state)
    return bool(state.editors & binding.roles_of(user, obj))


def edit_refusal(user: Any, obj: models.Model) -> str | None:
    """Why ``user`` may not change the object's content now, in French, as the
    state and the workflow say it; None when they may."""
    if may_edit(user, obj):
        return None
    binding = binding_for(obj)
    definition = binding.definition_for(obj)
    state = definition.state(obj.state)
    if not state.editors:
        return _(
            "« %(title)s » est « %(state)s » : son contenu ne peut pas être "
            "modifié à cette étape."
        ) % {"title": binding.title(obj), "state": state.label}
    return _(
        "À l'état « %(state)s », seul·e %(editors)s peut modifier « %(title)s »."
    ) % {
        "state": state.label,
        "editors": _(" ou ").join(
            str(definition.roles.get(role, role)) for role in sorted(state.editors)
        ),
        "title": binding.title(obj),
    }


def history(obj: models.Model) -> list[Any]:
    """The transition log of ``obj``, oldest first."""
    from .models import TransitionLog

    return list(TransitionLog.objects.for_object(obj).select_related("user"))


def worklist(user: Any) -> list[tuple[models.Model, list[Transition]]]:
    """Every object, across all workflows, waiting on a transition ``user`` may
    fire, with those transitions (the "my to-do" of DCWorkflow's worklists)."""
    found: list[tuple[models.Model, list[Transition]]] = []
    if not getattr(user, "is_authenticated", False):
        return found
    for binding in _bindings:
        if not binding.may_wait_on(user):
            continue
        # One query per workflow role: the objects where the user holds it, in a
        # state one of that role's transitions leaves.
        wanted: dict[str, models.Q] = {}
        for definition in binding.definitions:
            for transition in definition.transitions:
                if transition.automatic or transition.system or not transition.awaited:
                    continue
                for role in transition.roles:
                    q = binding.definition_filter(definition) & models.Q(
                        state__in=transition.sources
                    )
                    wanted[role] = wanted[role] | q if role in wanted else q
        # Every role's objects in one query (the roles' querysets OR-ed), not
        # one query (and its prefetches) per role.
        waiting: models.QuerySet | None = None
        for role, q in wanted.items():
            part = binding.objects_for_role(user, role).filter(q)
            waiting = part if waiting is None else waiting | part
        candidates: dict[int, models.Model] = {}
        for obj in waiting if waiting is not None else ():
            candidates.setdefault(obj.pk, obj)
        ordered = sorted(
            candidates.values(),
            key=lambda o: (o.state_entered_at or timezone.now(), o.pk),
        )
        binding.prefetch(ordered)
        for obj in ordered:
            transitions = [t for t in available_transitions(user, obj) if t.awaited]
            if transitions:
                found.append((obj, transitions))
    return found


# Writes ----------------------------------------------------------------------


def start(obj: models.Model, *, user: Any) -> None:
    """Put a new object in its workflow's initial state (before its first save)."""
    binding = binding_for(obj)
    definition = binding.definition_for(obj)
    obj.state = definition.initial
    obj.state_entered_at = timezone.now()
    obj.state_deadline = binding.deadline(obj, definition.state(definition.initial))


def fire(
    obj: models.Model,
    transition_name: str,
    *,
    user: Any,
    comment: str = "",
    expected_state: str | None = None,
    system: bool = False,
) -> models.Model:
    """Fire one transition on ``obj`` as ``user``; returns the refreshed object.

    ``expected_state`` is the state the user saw on their page: if the object
    moved on since, nothing happens and ``StaleState`` says so. ``system`` lets
    scheduled tasks fire the transitions reserved to them (``user`` may be None).
    Raises a ``TransitionError`` subclass, with a French message, and changes
    nothing when the transition cannot happen.
    """
    from .models import COMMENT_MAX_LENGTH

    binding = binding_for(obj)
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise CommentTooLong(
            _(
                "Votre commentaire fait %(length)s caractères : %(max)s au plus. "
                "Raccourcissez-le ; rien n'a été modifié."
            )
            % {"length": len(comment), "max": COMMENT_MAX_LENGTH}
        )
    prepared = _prepare(binding, obj, transition_name, user, comment, system)
    with transaction.atomic():
        binding.lock_first(obj)
        locked = (
            binding.model._default_manager.select_for_update().filter(pk=obj.pk).first()
        )
        if locked is None:
            raise TransitionError(_("Cet élément n'existe plus."))
        definition = binding.definition_for(locked)
        try:
            transition = definition.transition(transition_name)
        except KeyError:
            raise TransitionNotAllowed(_("Cette action n'existe pas.")) from None
        if expected_state is not None and locked.state != expected_state:
            raise StaleState(
                _(
                    "Cet élément a changé depuis l'affichage de votre page : il est "
                    "maintenant « %(state)s ». Votre action n'a pas été enregistrée ; "
                    "vérifiez son nouvel état avant d'agir."
                )
                % {"state": definition.state_label(locked.state)}
            )
        _guard(binding, definition, transition, locked, user, comment, system)
        source = locked.state
        _move(binding, definition, transition, locked, user, comment, prepared)
        for _i in range(len(definition.transitions)):
            automatic = next(
                (
                    t
                    for t in definition.transitions_from(locked.state)
                    if t.automatic
                    and (
                        t.condition is None or binding.check(t.condition, locked, user)
                    )
                ),
                None,
            )
            if automatic is None:
                break
            _move(binding, definition, automatic, locked, user, "")
        if locked.state != source:
            _notify_entry(
                binding,
                definition,
                locked,
                said=comment_told(binding, user, transition.label, comment),
            )
    return locked


def _prepare(
    binding: Binding,
    obj: models.Model,
    transition_name: str,
    user: Any,
    comment: str,
    system: bool,
) -> Any:
    """The slow part of the transition's effect, done before the row lock so
    that nobody waits on it; only for whoever may fire the transition now (the
    same guard runs again under the lock, which has the last word)."""
    try:
        transition = binding.definition_for(obj).transition(transition_name)
    except KeyError:
        return None
    if transition.effect not in binding.preparations:
        return None  # the common case: no read beyond the locked one
    fresh = binding.model._default_manager.filter(pk=obj.pk).first()
    if fresh is None:
        return None
    definition = binding.definition_for(fresh)
    try:
        _guard(binding, definition, transition, fresh, user, comment, system)
    except TransitionError:
        return None  # refused again, with its message, under the lock
    return binding.prepare(fresh, transition, user)


def _guard(
    binding: Binding,
    definition: WorkflowDefinition,
    transition: Transition,
    obj: models.Model,
    user: Any,
    comment: str,
    system: bool,
) -> None:
    if obj.state not in transition.sources:
        raise StaleState(
            _(
                "Cette action n'est pas possible : l'élément est « %(state)s ». "
                "Rien n'a été modifié."
            )
            % {"state": definition.state_label(obj.state)}
        )
    if transition.automatic:
        raise TransitionNotAllowed(_("Cette étape se déclenche automatiquement."))
    if transition.system != system:
        raise TransitionNotAllowed(
            _("Cette étape est réservée aux traitements automatiques.")
            if transition.system
            else _("Cette action doit être faite par une personne habilitée.")
        )
    if not system and not (transition.roles & binding.roles_of(user, obj)):
        raise TransitionNotAllowed(
            _("Votre rôle ne vous permet pas l'action « %(action)s » sur cet élément.")
            % {"action": transition.label}
        )
    if transition.condition and not binding.check(transition.condition, obj, user):
        raise ConditionFailed(
            _("Cette action n'est pas possible : %(reason)s.")
            % {"reason": definition.conditions[transition.condition]}
        )
    if transition.comment_required and not comment:
        raise CommentRequired(
            _("Indiquez un commentaire pour l'action « %(action)s ».")
            % {"action": transition.label}
        )


def _move(
    binding: Binding,
    definition: WorkflowDefinition,
    transition: Transition,
    obj: models.Model,
    user: Any,
    comment: str,
    prepared: Any = None,
) -> None:
    from .models import TransitionLog

    source = obj.state
    target_state = definition.state(transition.target)
    now = timezone.now()
    obj.state = target_state.name
    if transition.target != source:
        obj.state_entered_at = now
        obj.state_deadline = binding.deadline(obj, target_state)
        obj.reminder_sent_at = None
    actor = user if getattr(user, "is_authenticated", False) else None
    obj._history_user = actor
    obj._change_reason = f"{definition.name}:{transition.name}"
    obj.save()
    log = TransitionLog.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        workflow=definition.name,
        transition=transition.name,
        from_state=source,
        to_state=target_state.name,
        user=actor,
        actor_name=(actor.get_full_name() or actor.email) if actor else "",
        at=now,
        comment=comment,
    )
    binding.after_transition(obj, transition, actor, comment, prepared)
    transaction.on_commit(lambda: _announce(binding, definition, obj, log))


def _announce(binding: Binding, definition: WorkflowDefinition, obj, log) -> None:
    """Tell the listening apps, once the transition is committed."""
    from .signals import transition_fired

    transition_fired.send(
        sender=binding.model,
        instance=obj,
        workflow=definition.name,
        transition=log.transition,
        from_state=log.from_state,
        to_state=log.to_state,
        user=log.user,
        log=log,
    )


def waiting_roles(obj: models.Model) -> set[str]:
    """The workflow roles whose holders may move ``obj`` on from its state."""
    definition = binding_for(obj).definition_for(obj)
    roles: set[str] = set()
    for t in definition.transitions_from(obj.state):
        if t.awaited and not (t.automatic or t.system):
            roles |= t.roles
    return roles


def holders(obj: models.Model, roles: Iterable[str]) -> list[Any]:
    """The active users holding any of ``roles`` on ``obj``, each once."""
    binding = binding_for(obj)
    found: dict[int, Any] = {}
    for role in sorted(roles):
        for user in binding.holders(obj, role):
            found.setdefault(user.pk, user)
    return list(found.values())


def next_actors(obj: models.Model) -> list[Any]:
    """The users who may fire a transition on ``obj`` now (conditions included)."""
    return [
        user
        for user in holders(obj, waiting_roles(obj))
        if any(t.awaited for t in available_transitions(user, obj))
    ]


def comment_said(user: Any, action: Any, comment: str) -> str:
    """The comment a transition carried, as its readers are told it (who, which
    action, what they wrote); empty when there was none."""
    if not comment:
        return ""
    who = (
        (user.get_full_name() or user.email)
        if getattr(user, "is_authenticated", False)
        else _("le traitement automatique")
    )
    return _("Commentaire de %(who)s (« %(action)s ») : « %(comment)s »") % {
        "who": who,
        "action": action,
        "comment": comment,
    }


def comment_told(binding: Binding, user: Any, action: Any, comment: str) -> str:
    """The comment of a transition as a notice and its mail carry it: quoted
    (``comment_said``), unless the binding's comments may hold personal data
    (``comments_hold_personal_data``). Those are then only announced, to be
    read on the object's page: a notice or a mail is a copy that the
    retention's redaction of the log would not reach."""
    if not comment:
        return ""
    if not binding.comments_hold_personal_data:
        return comment_said(user, action, comment)
    who = (
        (user.get_full_name() or user.email)
        if getattr(user, "is_authenticated", False)
        else _("le traitement automatique")
    )
    return _(
        "%(who)s a joint un commentaire à l'action « %(action)s » : lisez-le sur "
        "la page de l'élément (il n'est pas recopié ici, car il peut contenir des "
        "données personnelles)."
    ) % {"who": who, "action": action}


def action_label(definition: WorkflowDefinition, name: str) -> str:
    """The label of transition ``name`` (its name if the definition dropped it)."""
    try:
        return str(definition.transition(name).label)
    except KeyError:
        return name


def entry_logs(objs: Iterable[models.Model]) -> dict[int, Any]:
    """For objects of one model, the log row of the transition that brought each
    into its current state, by primary key: one query however many objects."""
    from .models import TransitionLog

    objs = list(objs)
    if not objs:
        return {}
    content_type = ContentType.objects.get_for_model(objs[0])
    latest = (
        TransitionLog.objects.filter(
            content_type=content_type, object_id=models.OuterRef("object_id")
        )
        .order_by("-at", "-pk")
        .values("pk")[:1]
    )
    rows = TransitionLog.objects.filter(
        content_type=content_type,
        object_id__in=[obj.pk for obj in objs],
        pk=models.Subquery(latest),
    ).select_related("user")
    return {row.object_id: row for row in rows}


def _notify_entry(
    binding: Binding,
    definition: WorkflowDefinition,
    obj: models.Model,
    *,
    said: str = "",
) -> None:
    state = definition.state(obj.state)
    if not state.notify:
        return
    notify(
        obj,
        next_actors(obj),
        subject=_("%(title)s : %(state)s, votre action est attendue")
        % {"title": binding.title(obj), "state": state.label},
        said=said,
    )


def notify(
    obj: models.Model,
    users: Iterable[Any],
    *,
    subject: str,
    intro: str = "",
    said: str = "",
) -> int:
    """An in-app notification and a mail (through the outbox) to each user,
    saying where ``obj`` stands, what each of them may do there, and ``said``:
    the comment of the transition that brought it there (a send-back's reason)."""
    from notifications.services import users_notify

    binding = binding_for(obj)
    definition = binding.definition_for(obj)
    url = binding.url(obj)
    site = getattr(settings, "SPRO_SITE_URL", "").rstrip("/")
    state = definition.state(obj.state)
    count = 0
    for user in users:
        actions = [str(t.label) for t in available_transitions(user, obj) if t.awaited]
        lines = [intro] if intro else []
        lines.append(
            _("« %(title)s » est à l'état « %(state)s ».")
            % {
                "title": binding.title(obj),
                "state": definition.state_label(obj.state),
            }
        )
        if said:
            lines.append(said)
        if actions:
            lines.append(
                _("Actions possibles pour vous : %(actions)s.")
                % {"actions": ", ".join(actions)}
            )
        if obj.state_deadline and state.on_deadline:
            # A term (in force until…), not something anyone has to do.
            last_day = timezone.localtime(obj.state_deadline) - timedelta(seconds=1)
            lines.append(_("Jusqu'au %(date)s.") % {"date": long_date(last_day)})
        elif obj.state_deadline and actions:
            lines.append(
                _("Action attendue avant le %(date)s.")
                % {"date": long_date(obj.state_deadline)}
            )
        count += users_notify(
            users=[user],
            subject=subject,
            body="\n\n".join(lines),
            url=url,
            site_url=site,
        )
    return count


def overdue(binding: Binding) -> models.QuerySet:
    """Objects whose next action is past its deadline and not reminded since."""
    now = timezone.now()
    repeat = timedelta(days=getattr(settings, "SPRO_WORKFLOW_REMINDER_DAYS", 10))
    terms = models.Q()
    for definition in binding.definitions:
        names = [s.name for s in definition.states if s.on_deadline or s.final]
        if names:
            terms |= binding.definition_filter(definition) & models.Q(state__in=names)
    return (
        binding.model._default_manager.filter(state_deadline__lt=now)
        .exclude(terms)
        .filter(
            models.Q(reminder_sent_at__isnull=True)
            | models.Q(reminder_sent_at__lt=now - repeat)
        )
    )


def remind(obj: models.Model) -> int:
    """Remind whoever must act on an overdue object; idempotent under a row lock."""
    binding = binding_for(obj)
    with transaction.atomic():
        locked = overdue(binding).select_for_update().filter(pk=obj.pk).first()
        if locked is None:
            return 0
        sent = notify(
            locked,
            next_actors(locked),
            subject=_("Relance : %(title)s attend votre action")
            % {"title": binding.title(locked)},
            intro=_("Une action vous attend depuis le %(date)s.")
            % {"date": long_date(locked.state_entered_at)},
        )
        locked.reminder_sent_at = timezone.now()
        locked._history_user = None
        locked._change_reason = "reminder"
        locked.save(update_fields=["reminder_sent_at"])
        return sent


def deadlines_pass(
    *, at: datetime.datetime | None = None, binding: Binding | None = None
) -> int:
    """Fire the deadline transition of every object whose term has passed.

    For each state that declares ``on_deadline``, the objects in it whose deadline
    is at or before ``at`` (default: now) get that system transition, judged as of
    ``at``. Each fire locks its row and checks the state again, so a run repeated,
    or two workers at once, move each object once. Returns how many moved.
    """
    at = at or timezone.now()
    moved = 0
    for each in [binding] if binding else _bindings:
        for definition in each.definitions:
            for state in definition.states:
                if not state.on_deadline:
                    continue
                due = each.model._default_manager.filter(
                    each.definition_filter(definition),
                    state=state.name,
                    state_deadline__lte=at,
                )
                for pk in due.values_list("pk", flat=True):
                    obj = each.model._default_manager.filter(pk=pk).first()
                    if obj is None:
                        continue
                    try:
                        with clock(at):
                            fire(
                                obj,
                                state.on_deadline,
                                user=None,
                                system=True,
                                expected_state=state.name,
                            )
                    except TransitionError as refused:
                        logger.info("Deadline of %s not applied: %s", obj, refused)
                        continue
                    moved += 1
    return moved


def redact_comments(obj: models.Model, *, reason: str) -> int:
    """Blank the comments of ``obj``'s transition log, for retention.

    The facts stay (who, when, from, to): only the free text, which may hold
    personal data, goes; each row keeps when and why it was blanked. Allowed only
    for bindings that declare ``comments_hold_personal_data``. Returns the count.
    """
    from .models import TransitionLog

    binding = binding_for(obj)
    if not binding.comments_hold_personal_data:
        raise ImproperlyConfigured(
            f"{type(binding).__name__} does not declare personal data in comments"
        )
    return TransitionLog.objects.for_object(obj).redact_comments(reason=reason)
