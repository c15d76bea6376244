"""The to-do area of "Mon espace": what waits for the current user.

Each app registers a provider, a function that returns the user's items; the
dashboard shows them all. Capability apps (conventions, enrolments…) add their
own providers, so the dashboard never learns about them one by one; the objects
waiting in a workflow come from one generic provider, ``workflow_items``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class TodoItem:
    title: str
    url: str
    detail: str = ""
    category: str = ""
    # What the last person to act said (a send-back's reason), shown in full.
    note: str = ""


TodoProvider = Callable[[Any], Iterable[TodoItem]]
_providers: list[TodoProvider] = []


def register(provider: TodoProvider) -> TodoProvider:
    """Register a provider (usable as a decorator)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def items_for(user: Any) -> list[TodoItem]:
    items: list[TodoItem] = []
    for provider in _providers:
        items.extend(provider(user))
    return items


@register
def workflow_items(user: Any) -> list[TodoItem]:
    """Every object, of every bound workflow, waiting on a transition the user may
    fire (the engine's worklist): one provider for all bindings."""
    from workflows import engine

    items = []
    waiting = engine.worklist(user)
    entries: dict[type, dict[int, Any]] = {}
    for model in {type(obj) for obj, _transitions in waiting}:
        entries[model] = engine.entry_logs(
            obj for obj, _transitions in waiting if type(obj) is model
        )
    for obj, transitions in waiting:
        binding = engine.binding_for(obj)
        definition = binding.definition_for(obj)
        entry = entries[type(obj)].get(obj.pk)
        note = ""
        if entry is not None and entry.comment:
            note = engine.comment_said(
                entry.user,
                engine.action_label(definition, entry.transition),
                entry.comment,
            )
        items.append(
            TodoItem(
                title=binding.title(obj),
                url=binding.url(obj),
                detail=_("%(state)s — à faire : %(actions)s")
                % {
                    "state": definition.state_label(obj.state),
                    "actions": ", ".join(str(t.label) for t in transitions),
                },
                category=binding.todo_category or definition.label,
                note=note,
            )
        )
    return items
