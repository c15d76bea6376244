"""The figures of the professionalisation plan for the evaluation: one page and
its CSV and XLSX files, the same rows, read by the same selector
(``training.figures``) after the same check (``figures_policy``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from extranet.exports import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Sheet,
    attachment,
    csv_bytes,
    xlsx_bytes,
)
from extranet.filters import FilterForm, year_field
from extranet.models import Network, Territory

from . import figures
from .figures import FigureRow, Figures


class FiguresFilterForm(FilterForm):
    """The year (the recent ones offered, any asked one from 2014 to 2100), and
    the networks and territories of the user's reach."""

    annee = forms.TypedChoiceField(label=gettext_lazy("Année"), coerce=int)
    territoire = forms.ModelChoiceField(
        label=gettext_lazy("Territoire"),
        queryset=Territory.objects.none(),
        empty_label=gettext_lazy("Tous"),
    )
    reseau = forms.ModelChoiceField(
        label=gettext_lazy("Réseau"),
        queryset=Network.objects.none(),
        empty_label=gettext_lazy("Tous"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year_field(self)
        self.fields["territoire"].queryset = figures.figures_territories(self.user)
        self.fields["reseau"].queryset = figures.figures_networks(self.user)


@dataclass(frozen=True)
class FiguresFilters:
    year: int
    territory: Territory | None
    network: Network | None

    def query_string(self) -> str:
        parts = [f"annee={self.year}"]
        if self.territory is not None:
            parts.append(f"territoire={self.territory.pk}")
        if self.network is not None:
            parts.append(f"reseau={self.network.pk}")
        return "&".join(parts)


def _figures(
    request: HttpRequest,
) -> tuple[FiguresFilterForm, FiguresFilters, Figures]:
    """Check first (a refusal costs nothing), then read the filters and count."""
    if not figures.may_see_figures(request.user):
        raise PermissionDenied
    form = FiguresFilterForm(request.GET or None, user=request.user)
    values = form.filters()
    filters = FiguresFilters(
        year=values.get("annee") or timezone.localdate().year,
        territory=values.get("territoire"),
        network=values.get("reseau"),
    )
    return (
        form,
        filters,
        figures.training_figures(
            request.user,
            year=filters.year,
            network=filters.network,
            territory=filters.territory,
        ),
    )


@login_required
@require_GET
def figures_page(request: HttpRequest) -> HttpResponse:
    form, filters, found = _figures(request)
    return render(
        request,
        "training/figures.html",
        {
            "form": form,
            "filter_label": _("Filtrer les chiffres de la formation"),
            "figures": found,
            "filters": filters,
            "query_string": filters.query_string(),
        },
    )


# The files ----------------------------------------------------------------------


def _level_label(level: str) -> str:
    return {
        "structure": _("Structure"),
        "network": _("Réseau"),
        "territory": _("Territoire"),
        "total": _("Ensemble"),
    }[level]


def figure_headers() -> list[str]:
    return [
        _("Niveau"),
        _("Nom"),
        _("Réseau"),
        _("Territoire"),
        _("Personnes inscrites"),
        _("Personnes formées"),
        _("Heures suivies"),
        _("Présences"),
        _("Absences"),
        _("Absences excusées"),
        _("Taux de présence (%)"),
        _("Taux d'absence non excusée (%)"),
        _("Inscriptions passées par la liste d'attente"),
        _("Dont ayant obtenu une place"),
        _("Taux de conversion de la liste d'attente (%)"),
    ]


def _name(level: str, row: FigureRow) -> str:
    if level == "total":
        return _("Toutes les structures du périmètre")
    if level == "network" and not row.name:
        return _("Sans réseau")
    return row.name


def figure_values(level: str, row: FigureRow) -> list[Any]:
    return [
        _level_label(level),
        _name(level, row),
        row.network if level == "structure" else "",
        row.territory if level == "structure" else "",
        row.enrolled,
        row.trained,
        row.hours,
        row.present,
        row.absent,
        row.excused,
        row.attendance_rate,
        row.no_show_rate,
        row.waitlisted,
        row.converted,
        row.conversion_rate,
    ]


def cross_network_headers() -> list[str]:
    return [_("Session"), _("Début"), _("Réseaux représentés"), _("Participant·es")]


def _cross_network_values(found: Figures) -> list[list[Any]]:
    return [
        [
            session.title,
            timezone.localdate(session.starts_at) if session.starts_at else None,
            session.networks,
            session.participants,
        ]
        for session in found.cross_network
    ]


def _filename(found: Figures, ext: str) -> str:
    return f"formation-chiffres-{found.year}.{ext}"


@login_required
@require_GET
def figures_csv(request: HttpRequest) -> HttpResponse:
    _form, _filters, found = _figures(request)
    rows = [figure_values(level, row) for level, row in figures.export_rows(found)]
    return attachment(
        csv_bytes(figure_headers(), rows), CSV_CONTENT_TYPE, _filename(found, "csv")
    )


@login_required
@require_GET
def figures_xlsx(request: HttpRequest) -> HttpResponse:
    _form, _filters, found = _figures(request)
    rows = [figure_values(level, row) for level, row in figures.export_rows(found)]
    content = xlsx_bytes(
        [
            Sheet(
                title=_("Chiffres %(year)s") % {"year": found.year},
                headers=figure_headers(),
                rows=rows,
            ),
            Sheet(
                title=_("Sessions inter-réseaux"),
                headers=cross_network_headers(),
                rows=_cross_network_values(found),
            ),
        ]
    )
    return attachment(content, XLSX_CONTENT_TYPE, _filename(found, "xlsx"))
