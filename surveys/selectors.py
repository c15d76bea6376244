"""Reads of the surveys: campaigns one may read, and their results under the
small-cell rule.

Results are computed in four queries whatever the number of questions and
structures, then every cut (each structure, network, territory, and the
whole) of each question goes through ``suppression.suppress`` once: a cell
with fewer answers than the campaign's threshold is hidden, and so is any
other cell that would let it be recomputed. The same suppressed table feeds
the pages, the CSV and XLSX exports and the open data; a reader then sees
the rows of it in their reach (a subset of a safe release is safe).

Results are released when the campaign closes, or before if it asked for a
number of answers; before the close, only the weeks already over count, so
that nobody can watch one answer arrive.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from extranet.models import Structure

from .models import (
    TEXT_TYPES,
    Answer,
    Campaign,
    CampaignState,
    Moderation,
    PendingResponse,
    Question,
    QuestionType,
    Response,
)
from .policy import Reach, structure_ids_in_reach
from .suppression import suppress

TOTAL = ("total", 0)


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def counted_responses(
    campaign: Campaign, today: datetime.date | None = None
) -> QuerySet:
    """The responses the results may count: all once closed, the weeks over
    before."""
    qs = Response.objects.filter(campaign=campaign)
    if campaign.state != CampaignState.CLOSED:
        qs = qs.filter(week__lt=week_start(today or timezone.localdate()))
    return qs


@dataclass
class Release:
    released: bool
    count: int
    reason: str


def release_of(campaign: Campaign, today: datetime.date | None = None) -> Release:
    """Are the results of ``campaign`` released, and why (not)? One query."""
    if campaign.state == CampaignState.DRAFT:
        return Release(False, 0, _("La campagne n'est pas encore ouverte."))
    count = counted_responses(campaign, today).count()
    if campaign.state == CampaignState.CLOSED:
        return Release(True, count, "")
    if campaign.release_after is not None and count >= campaign.release_after:
        return Release(True, count, "")
    if campaign.release_after is not None:
        return Release(
            False,
            count,
            _(
                "Les résultats seront visibles à partir de %(n)d réponses (comptées "
                "par semaine écoulée), ou à la clôture."
            )
            % {"n": campaign.release_after},
        )
    return Release(False, count, _("Les résultats seront visibles à la clôture."))


@dataclass
class Cell:
    """One row of a question's table: a group of respondents."""

    key: tuple[str, int]
    label: str
    n: int
    shown: bool
    counts: list[tuple[str, int, float]] = field(default_factory=list)


@dataclass
class QuestionResult:
    question: Question
    row_value: str
    row_label: str
    choices: list[tuple[str, str]]
    total: Cell
    cells: dict[str, list[Cell]]
    texts: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        if self.row_label:
            return f"{self.question.label} — {self.row_label}"
        return self.question.label


@dataclass
class Results:
    campaign: Campaign
    release: Release
    questions: list[QuestionResult]
    participation: dict[str, list[Cell]]
    participation_total: Cell
    attributed: bool


def _structures(campaign: Campaign, ids: set[int]) -> dict[int, Structure]:
    return {
        s.pk: s
        for s in Structure.objects.filter(pk__in=ids).select_related(
            "organisation", "network", "territory"
        )
    }


def _groups(
    structures: dict[int, Structure],
) -> tuple[dict[tuple[str, int], list[int]], dict[tuple[str, int], str]]:
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    labels: dict[tuple[str, int], str] = {TOTAL: _("Ensemble de la campagne")}
    groups[TOTAL] = list(structures)
    for pk, s in structures.items():
        if s.network_id:
            groups[("network", s.network_id)].append(pk)
            labels[("network", s.network_id)] = str(s.network)
        if s.territory_id:
            groups[("territory", s.territory_id)].append(pk)
            labels[("territory", s.territory_id)] = str(s.territory)
    return groups, labels


def _cells(
    leaves: dict[int, int],
    groups: dict[tuple[str, int], list[int]],
    labels: dict[tuple[str, int], str],
    structures: dict[int, Structure],
    threshold: int,
    distribution: dict[Any, dict[str, int]],
    choices: list[tuple[str, str]],
    reach_ids: set[int],
    reach: Reach,
) -> tuple[Cell, dict[str, list[Cell]]]:
    """The suppressed cells of one table: the whole, and by cut."""
    hidden = suppress(leaves, groups, threshold)

    def cell(key: tuple[str, int], n: int, shown: bool, members: list[int]) -> Cell:
        counts: list[tuple[str, int, float]] = []
        if shown and n:
            summed: dict[str, int] = defaultdict(int)
            for pk in members:
                for value, count in distribution.get(pk, {}).items():
                    summed[value] += count
            counts = [
                (label, summed.get(value, 0), 100.0 * summed.get(value, 0) / n)
                for value, label in choices
            ]
        return Cell(key=key, label=labels.get(key, ""), n=n, shown=shown, counts=counts)

    total_n = sum(leaves.values())
    total = cell(TOTAL, total_n, hidden.group_shown(TOTAL), list(leaves))
    cuts: dict[str, list[Cell]] = {"structure": [], "network": [], "territory": []}
    if structures:
        for pk in sorted(reach_ids, key=lambda k: str(structures[k])):
            n = leaves.get(pk, 0)
            labels[("structure", pk)] = str(structures[pk])
            cuts["structure"].append(
                cell(("structure", pk), n, hidden.leaf_shown(pk), [pk])
            )
        for key, members in sorted(groups.items(), key=lambda kv: labels[kv[0]]):
            if key == TOTAL:
                continue
            if not reach.everything and key[1] not in (
                reach.network_ids if key[0] == "network" else reach.territory_ids
            ):
                continue
            n = sum(leaves.get(pk, 0) for pk in members)
            cuts[key[0]].append(cell(key, n, hidden.group_shown(key), members))
    return total, cuts


def campaign_results(
    campaign: Campaign,
    reach: Reach,
    *,
    with_texts: bool = False,
    today: datetime.date | None = None,
) -> Results:
    """The released results of ``campaign`` that ``reach`` may read, every
    cell under the small-cell rule (four queries, five with free texts)."""
    release = release_of(campaign, today)
    questions = list(
        Question.objects.filter(section__survey=campaign.survey_id).select_related(
            "section"
        )
    )
    responses = counted_responses(campaign, today)
    per_structure = dict(
        responses.values_list("structure_id").annotate(n=Count("id")).order_by()
    )
    attributed = any(pk is not None for pk in per_structure)
    structures = _structures(campaign, {pk for pk in per_structure if pk})
    groups, labels = _groups(structures)
    if not attributed:
        # Nothing but the whole: one leaf.
        groups = {TOTAL: [0]}
    keyed = {
        pk: (s.organisation_id, s.network_id, s.territory_id)
        for pk, s in structures.items()
    }
    reach_ids = structure_ids_in_reach(reach, keyed) if attributed else set()

    def leaf(pk: int | None) -> int:
        return pk if pk is not None else 0

    participation_leaves = {leaf(pk): n for pk, n in per_structure.items()}
    if not attributed:
        participation_leaves.setdefault(0, 0)
    elif 0 in participation_leaves:
        # Responses whose structure is unknown count in the whole only.
        groups[TOTAL] = [*groups[TOTAL], 0]
    p_total, p_cuts = _cells(
        participation_leaves,
        groups,
        dict(labels),
        structures,
        campaign.threshold,
        {},
        [],
        reach_ids,
        reach,
    )
    results: list[QuestionResult] = []
    if release.released:
        answers = Answer.objects.filter(response__in=responses).exclude(
            question__type__in=TEXT_TYPES
        )
        respondents: dict[tuple[int, str], dict[int, int]] = defaultdict(dict)
        for question_id, row, structure_id, n in (
            answers.values_list("question_id", "row", "response__structure_id")
            .annotate(n=Count("response_id", distinct=True))
            .order_by()
        ):
            respondents[(question_id, row)][leaf(structure_id)] = n
        distribution: dict[tuple[int, str], dict[int, dict[str, int]]] = defaultdict(
            lambda: defaultdict(dict)
        )
        for question_id, row, structure_id, value, n in (
            answers.values_list("question_id", "row", "response__structure_id", "value")
            .annotate(n=Count("id"))
            .order_by()
        ):
            distribution[(question_id, row)][leaf(structure_id)][value] = n
        texts: dict[int, list[str]] = defaultdict(list)
        if with_texts:
            for question_id, text in (
                Answer.objects.filter(
                    response__in=responses,
                    question__type__in=TEXT_TYPES,
                    moderation=Moderation.APPROVED,
                )
                .values_list("question_id", "text")
                .order_by("text")
            ):
                texts[question_id].append(text)
        text_counts = dict(
            Answer.objects.filter(response__in=responses, question__type__in=TEXT_TYPES)
            .exclude(text="")
            .values_list("question_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        for question in questions:
            if question.type in TEXT_TYPES:
                enough = text_counts.get(question.pk, 0) >= campaign.threshold
                total = Cell(
                    key=TOTAL,
                    label=labels[TOTAL],
                    n=text_counts.get(question.pk, 0),
                    shown=enough,
                )
                results.append(
                    QuestionResult(
                        question=question,
                        row_value="",
                        row_label="",
                        choices=[],
                        total=total,
                        cells={},
                        texts=texts.get(question.pk, []) if enough else [],
                    )
                )
                continue
            rows = (
                question.row_labels()
                if question.type == QuestionType.MATRIX
                else [("", "")]
            )
            for row_value, row_label in rows:
                leaves = {
                    pk: respondents[(question.pk, row_value)].get(pk, 0)
                    for pk in participation_leaves
                }
                total, cuts = _cells(
                    leaves,
                    groups,
                    dict(labels),
                    structures,
                    campaign.threshold,
                    distribution[(question.pk, row_value)],
                    question.choice_labels(),
                    reach_ids,
                    reach,
                )
                results.append(
                    QuestionResult(
                        question=question,
                        row_value=row_value,
                        row_label=row_label,
                        choices=question.choice_labels(),
                        total=total,
                        cells=cuts,
                    )
                )
    return Results(
        campaign=campaign,
        release=release,
        questions=results,
        participation=p_cuts,
        participation_total=p_total,
        attributed=attributed,
    )


def export_rows(results: Results, cut: str) -> list[list[Any]]:
    """The rows of a CSV/XLSX export or the open data: hidden cells say so and
    carry no figure."""
    hidden = _("pas assez de réponses")
    rows: list[list[Any]] = [
        [
            _("code"),
            _("question"),
            _("ligne"),
            _("découpage"),
            _("groupe"),
            _("répondants"),
            _("réponse"),
            _("nombre"),
            _("pourcentage"),
        ]
    ]
    cut_label = {
        "total": _("ensemble"),
        "structure": _("structure"),
        "network": _("réseau"),
        "territory": _("territoire"),
    }[cut]
    for result in results.questions:
        if not result.choices:
            continue
        cells = [result.total] if cut == "total" else result.cells.get(cut, [])
        for cell in cells:
            head = [
                result.question.code,
                result.question.label,
                result.row_label,
                cut_label,
                cell.label,
            ]
            if not cell.shown:
                rows.append(head + ["", hidden, "", ""])
                continue
            for label, count, percent in cell.counts:
                rows.append(head + [cell.n, label, count, round(percent, 1)])
    return rows


def pending_count(campaign: Campaign) -> int:
    return PendingResponse.objects.filter(campaign=campaign).count()
