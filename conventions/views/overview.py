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
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from conventions import overview, services
from conventions.exports import overview_csv, overview_xlsx
from conventions.models import campaign_due_date
from conventions.overview import (
    OVERVIEW_ACTION,
    OverviewRow,
    overview_networks,
    overview_summary,
    overview_territories,
)
from conventions.policy import convention_policy
from extranet.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, attachment
from extranet.filters import MAX_YEAR, MIN_YEAR, FilterForm, year_field
from extranet.generic import cached_rows
from extranet.models import Network, Territory


@dataclass(frozen=True)
class OverviewFilters:
    """The filters read from the query string; wrong values fall back to none."""

    year: int
    network: Network | None
    territory: Territory | None
    state: str = ""
    alert: str = ""
    sort: str = ""

    def query_string(self) -> str:
        parts = [f"annee={self.year}"]
        if self.network is not None:
            parts.append(f"reseau={self.network.pk}")
        if self.territory is not None:
            parts.append(f"territoire={self.territory.pk}")
        for name, value in (
            ("etat", self.state),
            ("alerte", self.alert),
            ("tri", self.sort),
        ):
            if value:
                parts.append(f"{name}={value}")
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
    etat = forms.ChoiceField(
        label=_("État"),
        choices=[
            ("", _("Tous")),
            ("en_vigueur", _("En vigueur")),
            ("en_cours", _("En cours")),
            ("non_engagee", _("Non engagée")),
        ],
    )
    alerte = forms.ChoiceField(
        label=_("Alerte"),
        choices=[
            ("", _("Toutes")),
            ("retard", _("En retard")),
            ("echue", _("Échue sans suite")),
            ("aucune", _("Sans alerte")),
        ],
    )
    tri = forms.ChoiceField(
        label=_("Trier par"),
        choices=[
            ("", _("Nom de la structure")),
            ("retard", _("Jours de retard")),
            ("etat", _("État")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year_field(self)
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
        state=values.get("etat") or "",
        alert=values.get("alerte") or "",
        sort=values.get("tri") or "",
    )


ROW_TEMPLATE = "conventions/includes/overview_row.html"


def _row_key(row: overview.OverviewRow) -> tuple:
    """Everything a row of the follow-up shows."""
    convention = row.convention
    return (
        row.structure.pk,
        row.structure.organisation.name,
        str(row.network) if row.network else "",
        row.territory.name,
        convention.pk if convention else None,
        str(row.state_label),
        row.waiting_since,
        row.deadline,
        row.days_overdue,
        row.late,
        row.lapsed,
    )


def _check(request: HttpRequest) -> None:
    if not convention_policy.grants_anywhere(request.user, OVERVIEW_ACTION):
        raise PermissionDenied


def _all_rows(
    request: HttpRequest, filters: OverviewFilters, due: Any = None
) -> list[OverviewRow]:
    return overview.convention_overview(
        request.user,
        year=filters.year,
        network=filters.network,
        territory=filters.territory,
        due=due,
    )


def _rows(request: HttpRequest, filters: OverviewFilters) -> list[OverviewRow]:
    """The rows the table and the exports show: the state and alert filters
    applied, in the asked order."""
    return overview.filter_and_sort(
        _all_rows(request, filters),
        state=filters.state,
        alert=filters.alert,
        sort=filters.sort,
    )


class CampaignForm(forms.Form):
    """The date by which the year's structures should have signed."""

    annee = forms.IntegerField(
        min_value=MIN_YEAR, max_value=MAX_YEAR, widget=forms.HiddenInput
    )
    due_date = forms.DateField(
        label=_("Date limite de signature"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Le retard de chaque structure se compte à partir de cette date."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def convention_overview(request: HttpRequest) -> HttpResponse:
    _check(request)
    may_set_campaign = convention_policy.grants_anywhere(request.user, "campaign")
    form, filters = _filters(request)
    due, due_is_set = campaign_due_date(filters.year)
    campaign_form = CampaignForm(initial={"annee": filters.year, "due_date": due})
    status = 200
    if request.method == "POST":
        if not may_set_campaign:
            raise PermissionDenied
        campaign_form = CampaignForm(request.POST)
        if campaign_form.is_valid():
            year = campaign_form.cleaned_data["annee"]
            try:
                services.campaign_set(
                    user=request.user,
                    year=year,
                    due_date=campaign_form.cleaned_data["due_date"],
                )
            except ValidationError as error:
                for message in error.messages:
                    campaign_form.add_error("due_date", message)
            else:
                messages.success(
                    request,
                    _("La date limite de la campagne %(year)s est enregistrée.")
                    % {"year": year},
                )
                return redirect(f"{reverse('conventions:overview')}?annee={year}")
        status = 400
    all_rows = _all_rows(request, filters, due)
    rows = overview.filter_and_sort(
        all_rows, state=filters.state, alert=filters.alert, sort=filters.sort
    )
    return render(
        request,
        "conventions/overview.html",
        {
            "rows": rows,
            "rows_html": cached_rows(ROW_TEMPLATE, rows, _row_key),
            "summary": overview_summary(all_rows),
            "filters": filters,
            "form": form,
            "filter_label": _("Filtrer le suivi des conventions"),
            "query_string": filters.query_string(),
            "due_date": due,
            "due_is_set": due_is_set,
            "may_set_campaign": may_set_campaign,
            "campaign_form": campaign_form,
        },
        status=status,
    )


@login_required
@require_GET
def convention_overview_csv(request: HttpRequest) -> HttpResponse:
    _check(request)
    _form, filters = _filters(request)
    return attachment(
        overview_csv(_rows(request, filters)),
        CSV_CONTENT_TYPE,
        f"conventions-{filters.year}.csv",
    )


@login_required
@require_GET
def convention_overview_xlsx(request: HttpRequest) -> HttpResponse:
    _check(request)
    _form, filters = _filters(request)
    return attachment(
        overview_xlsx(_rows(request, filters), year=filters.year),
        XLSX_CONTENT_TYPE,
        f"conventions-{filters.year}.xlsx",
    )
