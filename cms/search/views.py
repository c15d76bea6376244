"""The public search page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .selectors import MAX_QUERY_LENGTH, search_site


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("q", "")
    results = search_site(raw)
    return render(
        request,
        "cms/search/results.html",
        {
            "results": results,
            "truncated": len(raw) > MAX_QUERY_LENGTH,
            "max_length": MAX_QUERY_LENGTH,
        },
    )
