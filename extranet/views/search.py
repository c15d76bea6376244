"""The extranet's one search (``/extranet/recherche/``): service entries, good
practices and whatever else a capability registers (``registry.SearchProvider``),
each kind filtered by its concern's own policy.

Without a kind: the count of each kind and its first results. With one
(``?type=``): that kind alone, paginated. Without keywords: the form and a
short help, no search.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from .. import registry
from ..filters import SearchEverywhereForm
from ..selectors import search_everywhere

FIRST_ROWS = 5
PAGE_SIZE = 20


def _summary(total: int, query: str) -> str:
    return ngettext(
        "%(n)d résultat pour « %(q)s »", "%(n)d résultats pour « %(q)s »", total
    ) % {"n": total, "q": query}


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    providers = registry.search_providers(request.user)
    form = SearchEverywhereForm(
        request.GET or None, user=request.user, providers=providers
    )
    filters = form.filters()
    query = filters.get("q", "")
    context: dict[str, Any] = {
        "form": form,
        "problems": form.problems(),
        "query": query,
        "providers": providers,
    }
    kind = next((p for p in providers if p.key == filters.get("type")), None)
    if query and kind is not None:
        page = Paginator(kind.search(request.user, query, {}), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context.update(
            kind=kind,
            page=page,
            list_url=kind.list_url(query),
            summary=_summary(page.paginator.count, query),
        )
    elif query:
        sections = search_everywhere(request.user, query, limit=FIRST_ROWS)
        context.update(
            sections=sections,
            summary=_summary(sum(s.count for s in sections), query),
        )
    return render(request, "extranet/search.html", context)
