"""Template pieces shared by every workflow: state badge, actions, timeline.

They know no domain model: everything comes from the engine and the object's
workflow definition, so a new workflow gets its pages' building blocks for free.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from workflows import engine

register = template.Library()


def _definition(obj: Any) -> engine.WorkflowDefinition:
    return engine.binding_for(obj).definition_for(obj)


def _state(definition: engine.WorkflowDefinition, name: str) -> engine.State:
    try:
        return definition.state(name)
    except KeyError:
        return engine.State(name=name, label=name)


@register.inclusion_tag("workflows/includes/state.html")
def workflow_state(obj: Any, compact: bool = False) -> dict[str, Any]:
    """The state as a badge; unless ``compact``, since when and the deadline."""
    definition = _definition(obj)
    state = _state(definition, obj.state)
    deadline = None if state.final else obj.state_deadline
    # A state with a term (in force until…) waits for nobody: its deadline is an
    # end date, never "overdue".
    term = deadline if state.on_deadline else None
    if term is not None:
        deadline = None
    return {
        "state": state,
        "entered_at": obj.state_entered_at,
        "deadline": deadline,
        # The last moment before the term: "until 31 December", not "1 January".
        "term": term - timedelta(seconds=1) if term else None,
        "overdue": deadline is not None and deadline < timezone.now(),
        # Whose action the deadline is for, so that a reader who has nothing to
        # do is not left wondering (the roles' labels: no query).
        "waiting_for": ", ".join(
            str(definition.roles.get(role, role))
            for role in sorted(engine.waiting_roles(obj))
        ),
        "compact": compact,
    }


@register.inclusion_tag("workflows/includes/actions.html", takes_context=True)
def workflow_actions(
    context: template.Context,
    obj: Any,
    user: Any,
    action_url: str,
    exclude: str = "",
) -> dict[str, Any]:
    """One small POST form per transition ``user`` may fire on ``obj`` now.

    ``exclude``: transitions (comma-separated) the page offers through a form
    of its own (a refusal that needs a reason from a list)."""
    prefix = f"wf-{obj._meta.model_name}-{obj.pk}"
    left_out = {name.strip() for name in exclude.split(",") if name.strip()}
    actions = [
        {"transition": t, "field_id": f"{prefix}-{t.name}-comment"}
        for t in engine.available_transitions(user, obj)
        if t.name not in left_out
    ]
    return {
        "actions": actions,
        "blocked": [
            {"transition": t, "reason": reason}
            for t, reason in engine.blocked_transitions(user, obj)
            if t.name not in left_out
        ],
        "obj": obj,
        "action_url": action_url,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("workflows/includes/timeline.html")
def workflow_timeline(obj: Any) -> dict[str, Any]:
    """The transition log, oldest first, with readable labels."""
    own = _definition(obj)
    by_name = {d.name: d for d in engine.definitions()}
    entries = []
    for log in engine.history(obj):
        definition = by_name.get(log.workflow, own)
        try:
            transition_label = definition.transition(log.transition).label
        except KeyError:
            transition_label = log.transition
        entries.append(
            {
                "at": log.at,
                "actor": log.actor_name or _("Traitement automatique"),
                "automatic": not log.actor_name,
                "from_label": definition.state_label(log.from_state),
                "to_label": definition.state_label(log.to_state),
                "transition_label": transition_label,
                "comment": log.comment,
            }
        )
    return {"entries": entries}
