"""The figures of the accueil for the evaluation: one page and its CSV and
XLSX files, the same figures, read by the same selector
(``reception.figures``) after the same check (``figures_policies``)."""

from __future__ import annotations

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

from . import figures
from .figures import Period


class FiguresFilterForm(FilterForm):
    """The year (the recent ones offered, any asked one from 2014 to 2100)."""

    annee = forms.TypedChoiceField(label=gettext_lazy("Année"), coerce=int)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year_field(self)


def _figures(request: HttpRequest) -> tuple[FiguresFilterForm, dict[str, Any]]:
    """Check first (a refusal costs nothing), then read the year and count."""
    if not figures.may_see_figures(request.user):
        raise PermissionDenied
    form = FiguresFilterForm(request.GET or None, user=request.user)
    year = form.filters().get("annee") or timezone.localdate().year
    return form, figures.reception_figures(request.user, Period.of_year(year))


@login_required
@require_GET
def figures_page(request: HttpRequest) -> HttpResponse:
    form, found = _figures(request)
    return render(
        request,
        "reception/figures.html",
        {
            "form": form,
            "filter_label": _("Choisir l'année des chiffres de l'accueil"),
            "figures": found,
            "year": found["period"].year,
            "query_string": f"annee={found['period'].year}",
        },
    )


# The files ----------------------------------------------------------------------


def _cell(value: dict[str, Any], key: str = "rate") -> Any:
    """A share or a median as a file holds it: the number, "moins de 11", or
    nothing when there was nothing to count."""
    if value["hidden"]:
        return _("moins de %(n)s") % {"n": figures.SMALL_CELL}
    return value[key]


def export_headers() -> list[str]:
    return [_("Tableau"), _("Ligne"), _("Réseau"), _("Territoire"), _("Indicateur")]


def export_rows(found: dict[str, Any]) -> list[list[Any]]:
    """Every figure of the page as one long table: which table, which line,
    which indicator, its value (the last column, ``export_headers`` + value)."""
    rows: list[list[Any]] = []
    receptions, referrals = found["receptions"], found["referrals"]
    people = _("Personnes accueillies")
    everything = _("Ensemble du périmètre")
    rows.append([_("Accueils"), everything, "", "", people, receptions["people"]])
    rows.append(
        [
            _("Accueils"),
            everything,
            "",
            "",
            _("Dont personnes restées anonymes"),
            receptions["anonymous"],
        ]
    )
    for title, key in (
        (_("Accueils par canal"), "by_channel"),
        (_("Accueils par urgence"), "by_urgency"),
        (_("Accueils par question"), "by_question"),
        (_("Accueils par réseau"), "by_network"),
        (_("Accueils par territoire"), "by_territory"),
    ):
        for row in receptions[key]:
            label = row.get("label", row.get("name")) or _("Sans réseau")
            rows.append([title, label, "", "", people, row["people"]])
    rows += _outcome_rows(_("Mises en relation"), everything, "", "", referrals)
    for reason in referrals["decline_reasons"]:
        rows.append(
            [
                _("Motifs de refus"),
                reason["label"],
                "",
                "",
                _("Part des refus (%)"),
                _cell(reason["share"]),
            ]
        )
    rows.append(
        [
            _("Délais"),
            everything,
            "",
            "",
            _("Délai médian jusqu'à l'acceptation (jours)"),
            _cell(referrals["days_to_acceptance"], "days"),
        ]
    )
    rows.append(
        [
            _("Délais"),
            everything,
            "",
            "",
            _("Délai médian jusqu'au rendez-vous (jours)"),
            _cell(referrals["days_to_appointment"], "days"),
        ]
    )
    no_show = _("Taux d'absence sans prévenir aux rendez-vous (%)")
    rows.append(
        [
            _("Rendez-vous"),
            everything,
            "",
            "",
            no_show,
            _cell(found["appointments"]["no_show"]),
        ]
    )
    for row in found["structures"]:
        where = (_("Par structure"), row["name"], row["network"], row["territory"])
        rows.append([*where, people, row["people"]])
        rows += _outcome_rows(*where, row["referrals"])
        rows.append([*where, no_show, _cell(row["no_show"])])
    return rows


def _outcome_rows(
    title: str, line: str, network: str, territory: str, outcomes: dict[str, Any]
) -> list[list[Any]]:
    where = [title, line, network, territory]
    return [
        [*where, _("Mises en relation envoyées"), outcomes["sent"]],
        [*where, _("Dont en attente de réponse"), outcomes["open"]],
        [*where, _("Dont retirées par la personne"), outcomes["withdrawn"]],
        [*where, _("Dont acceptées, refusées ou expirées"), outcomes["decided"]],
        [*where, _("Part acceptées (%)"), _cell(outcomes["accepted"])],
        [*where, _("Part refusées (%)"), _cell(outcomes["declined"])],
        [*where, _("Part expirées sans réponse (%)"), _cell(outcomes["expired"])],
    ]


def _filename(found: dict[str, Any], ext: str) -> str:
    return f"accueil-chiffres-{found['period'].year}.{ext}"


@login_required
@require_GET
def figures_csv(request: HttpRequest) -> HttpResponse:
    _form, found = _figures(request)
    return attachment(
        csv_bytes([*export_headers(), _("Valeur")], export_rows(found)),
        CSV_CONTENT_TYPE,
        _filename(found, "csv"),
    )


@login_required
@require_GET
def figures_xlsx(request: HttpRequest) -> HttpResponse:
    _form, found = _figures(request)
    content = xlsx_bytes(
        [
            Sheet(
                title=_("Accueil %(year)s") % {"year": found["period"].year},
                headers=[*export_headers(), _("Valeur")],
                rows=export_rows(found),
            )
        ]
    )
    return attachment(content, XLSX_CONTENT_TYPE, _filename(found, "xlsx"))
