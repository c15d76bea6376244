"""Mon espace: what the user's roles give them, and what waits for them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import todo
from ..selectors import role_summaries


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "extranet/dashboard.html",
        {
            "roles": role_summaries(request.user),
            "todo_items": todo.items_for(request.user),
        },
    )
