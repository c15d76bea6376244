"""Mon espace: what the user's roles give them, and what waits for them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import todo
from ..selectors import role_summaries


def _by_category(items: list[todo.TodoItem]) -> list[tuple[str, list[todo.TodoItem]]]:
    """The to-do items grouped by category, categories in the order first met."""
    groups: dict[str, list[todo.TodoItem]] = {}
    for item in items:
        groups.setdefault(str(item.category), []).append(item)
    return list(groups.items())


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    items = todo.items_for(request.user)
    return render(
        request,
        "extranet/dashboard.html",
        {
            "roles": role_summaries(request.user),
            "todo_items": items,
            "todo_groups": _by_category(items),
        },
    )
