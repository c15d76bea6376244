"""The to-do area of "Mon espace": what waits for the current user.

Each app registers a provider, a function that returns the user's items; the
dashboard shows them all. Later capabilities (conventions, enrolments…) add their
own providers, so the dashboard never learns about them one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TodoItem:
    title: str
    url: str
    detail: str = ""
    category: str = ""


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
