"""The public page of a territory's evaluation: the published indicators,
their method and when they were computed. Aggregates only: nothing here is
about one person, and the small-cell rule of the accueil holds."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from extranet.models import Territory

from . import selectors


@require_GET
def territory_page(request: HttpRequest, pk: int) -> HttpResponse:
    territory = get_object_or_404(Territory, pk=pk)
    board = selectors.public_dashboard(territory.pk)
    return render(
        request,
        "evaluation/public_territory.html",
        {
            "territory": territory,
            "board": board,
            "year": board.year,
            "previous_year": board.year - 1,
        },
    )
