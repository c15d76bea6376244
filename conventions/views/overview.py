"""The regional overview of conventions (section V) and its CSV and XLSX exports.

One page for the Région (its territorial officers see their territory only):
which structures expected to sign have their convention of the year in force,
which are on their way, which are late. The exports carry the same rows, read by
the same selector with the same filters, so a file never says more than the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from conventions import overview
from conventions.exports import overview_csv, overview_xlsx
from conventions.overview import (
    OVERVIEW_ACTION,
    OverviewRow,
    overview_networks,
    overview_summary,
    overview_territories,
)
from conventions.policy import convention_policy
from extranet.filters import FilterForm
from extranet.models import Network, Territory

MIN_YEAR, MAX_YEAR = 2014, 2100
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class OverviewFilters:
    """The filters read from the query string; wrong values fall back to none."""

    year: int
    network: Network | None
    territory: Territory | None

    def query_string(self) -> str:
        parts = [f"annee={self.year}"]
        if self.network is not None:
            parts.append(f"reseau={self.network.pk}")
        if self.territory is not None:
            parts.append(f"territoire={self.territory.pk}")
        return "&".join(parts)


class OverviewFilterForm(FilterForm):
    """The year (any from 2014 to 2100, the recent ones offered), and the
    networks and territories of the user's overview scope."""

    annee = forms.TypedChoiceField(label=_("Année"), coerce=int)
    reseau = forms.ModelChoiceField(
        label=_("Réseau"), queryset=Network.objects.none(), empty_label=_("Tous")
    )
    territoire = forms.ModelChoiceField(
        label=_("Territoire"),
        queryset=Territory.objects.none(),
        empty_label=_("Tous"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = timezone.localdate().year
        years = set(range(current - 4, current + 2))
        try:
            asked = int((self.data or {}).get("annee", ""))
        except (TypeError, ValueError):
            asked = None
        if asked is not None and MIN_YEAR <= asked <= MAX_YEAR:
            years.add(asked)
        self.fields["annee"].choices = [(y, y) for y in sorted(years, reverse=True)]
        self.fields["annee"].initial = current
        self.fields["reseau"].queryset = overview_networks(self.user)
        self.fields["territoire"].queryset = overview_territories(self.user)


def _filters(request: HttpRequest) -> tuple[OverviewFilterForm, OverviewFilters]:
    """Read the filters, after the permission check (so a refusal costs nothing)."""
    form = OverviewFilterForm(request.GET or None, user=request.user)
    values = form.filters()
    return form, OverviewFilters(
        year=values.get("annee") or timezone.localdate().year,
        network=values.get("reseau"),
        territory=values.get("territoire"),
    )


def _check(request: HttpRequest) -> None:
    if not convention_policy.grants_anywhere(request.user, OVERVIEW_ACTION):
        raise PermissionDenied


def _rows(request: HttpRequest, filters: OverviewFilters) -> list[OverviewRow]:
    return overview.convention_overview(
        request.user,
        year=filters.year,
        network=filters.network,
        territory=filters.territory,
    )


@login_required
@require_GET
def convention_overview(request: HttpRequest) -> HttpResponse:
    _check(request)
    form, filters = _filters(request)
    rows = _rows(request, filters)
    return render(
        request,
        "conventions/overview.html",
        {
            "rows": rows,
            "summary": overview_summary(rows),
            "filters": filters,
            "form": form,
            "filter_label": _("Filtrer le suivi des conventions"),
            "query_string": filters.query_string(),
        },
    )


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def convention_overview_csv(request: HttpRequest) -> HttpResponse:
    _check(request)
    _form, filters = _filters(request)
    return _attachment(
        overview_csv(_rows(request, filters)),
        "text/csv; charset=utf-8",
        f"conventions-{filters.year}.csv",
    )


@login_required
@require_GET
def convention_overview_xlsx(request: HttpRequest) -> HttpResponse:
    _check(request)
    _form, filters = _filters(request)
    return _attachment(
        overview_xlsx(_rows(request, filters), year=filters.year),
        XLSX_CONTENT_TYPE,
        f"conventions-{filters.year}.xlsx",
    )
