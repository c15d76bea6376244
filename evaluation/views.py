"""The evaluation dashboard of the Région and the State, its CSV file and the
annual report for the CREFOP commission: one check (``access.check_reader``),
one selector (``selectors.dashboard``), three renderings."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from extranet.exports import CSV_CONTENT_TYPE, attachment, csv_bytes
from extranet.filters import MAX_YEAR, MIN_YEAR
from extranet.models import Network, Territory

from . import selectors
from .access import check_reader
from .forms import EvaluationFilterForm


def _filtered(request: HttpRequest) -> tuple[EvaluationFilterForm, dict[str, Any]]:
    """Check first (a refusal costs nothing), then read the filters: an
    invalid value is left out (the form says so in French)."""
    check_reader(request.user)
    form = EvaluationFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    territory: Territory | None = filters.get("territoire")
    network: Network | None = filters.get("reseau")
    return form, {
        "year": filters.get("annee") or timezone.localdate().year,
        "territory": territory,
        "network": network,
    }


def _dashboard(chosen: dict[str, Any]) -> selectors.Dashboard:
    return selectors.dashboard(
        chosen["year"],
        chosen["territory"].pk if chosen["territory"] else None,
        chosen["network"].pk if chosen["network"] else None,
    )


def _query_string(chosen: dict[str, Any]) -> str:
    parts = [f"annee={chosen['year']}"]
    if chosen["territory"]:
        parts.append(f"territoire={chosen['territory'].pk}")
    if chosen["network"]:
        parts.append(f"reseau={chosen['network'].pk}")
    return "&".join(parts)


def scope_label(chosen: dict[str, Any]) -> str:
    """Where the figures are counted, in words."""
    parts = []
    if chosen["territory"]:
        parts.append(_("territoire %(name)s") % {"name": chosen["territory"].name})
    if chosen["network"]:
        parts.append(_("réseau %(name)s") % {"name": chosen["network"].name})
    return ", ".join(parts) or _("toute la région")


@login_required
@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    form, chosen = _filtered(request)
    return render(
        request,
        "evaluation/dashboard.html",
        {
            "form": form,
            "filter_label": _("Choisir l'année, le territoire et le réseau"),
            "board": _dashboard(chosen),
            "year": chosen["year"],
            "previous_year": chosen["year"] - 1,
            "scope": scope_label(chosen),
            "query_string": _query_string(chosen),
        },
    )


def export_headers(year: int) -> list[str]:
    return [
        _("Dimension"),
        _("Indicateur"),
        str(year),
        str(year - 1),
        _("Tendance"),
        _("Définition"),
        _("Source"),
    ]


def export_rows(board: selectors.Dashboard) -> list[list[Any]]:
    """The dashboard's tables as one table, the values as the page shows them."""
    return [
        [
            str(d.dimension.label),
            str(row.indicator.label),
            row.shown_value,
            row.shown_previous,
            row.shown_trend,
            str(row.indicator.full_definition),
            str(row.indicator.source),
        ]
        for d in board.dimensions
        for row in d.rows
    ]


@login_required
@require_GET
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    _form, chosen = _filtered(request)
    board = _dashboard(chosen)
    return attachment(
        csv_bytes(export_headers(board.year), export_rows(board)),
        CSV_CONTENT_TYPE,
        f"evaluation-spro-{board.year}.csv",
    )


@login_required
@require_GET
def report_pdf(request: HttpRequest, year: int) -> HttpResponse:
    from .documents import report_pdf_bytes

    check_reader(request.user)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    content = report_pdf_bytes(selectors.dashboard(year, None, None))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="rapport-evaluation-spro-{year}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
