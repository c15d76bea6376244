"""Survey figures for the evaluation (section VI): the public's satisfaction
on the national questions and the participation in peer surveys, by year,
territory and network, under the same small-cell rule as the results.

Only closed campaigns count (results are never live). The figures of every
territory × network cell of the year are computed in one query (over the
tallies that ``responses_flush`` keeps, not the answers), and
``suppression.suppress`` runs over that grid with its margins (each
territory, each network, the region): the figure asked (a cell, a margin or
the region) is given only if it is shown there, so that no figure can be
recomputed by difference from the others a reader may ask for.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count, Sum

from .models import DEFAULT_THRESHOLD, CampaignMode, CampaignState, Response, Tally
from .suppression import suppress

HIDDEN = "hidden"
UNATTRIBUTED = (0, -1)


def _year(year: int) -> tuple[datetime.date, datetime.date]:
    # A week belongs to the year of its Monday.
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _pick(
    cells: dict[tuple[int, int], tuple[int, int]],
    territory_id: int | None,
    network_id: int | None,
    threshold: int,
) -> tuple[int, int] | str:
    """(positive, total) of the asked cell or margin, or HIDDEN."""
    leaves = {key: total for key, (_positive, total) in cells.items()}
    groups: dict[object, list] = {("all",): list(leaves)}
    by_territory: dict[int, list] = defaultdict(list)
    by_network: dict[int, list] = defaultdict(list)
    for key in leaves:
        if key == UNATTRIBUTED:
            # Responses of no structure: in the region's figure only.
            continue
        by_territory[key[0]].append(key)
        by_network[key[1]].append(key)
    for t, members in by_territory.items():
        groups[("t", t)] = members
    for n, members in by_network.items():
        groups[("n", n)] = members
    found = suppress(leaves, groups, threshold)
    if territory_id is not None and network_id is not None:
        key = (territory_id, network_id)
        if key not in leaves:
            return (0, 0)
        return cells[key] if found.leaf_shown(key) else HIDDEN
    if territory_id is not None:
        group, members = ("t", territory_id), by_territory.get(territory_id, [])
    elif network_id is not None:
        group, members = ("n", network_id), by_network.get(network_id, [])
    else:
        group, members = ("all",), list(leaves)
    if not members:
        return (0, 0)
    if not found.group_shown(group):
        return HIDDEN
    return (
        sum(cells[k][0] for k in members),
        sum(cells[k][1] for k in members),
    )


def _national_cells(year: int, code: str) -> dict[tuple[int, int], dict[str, int]]:
    """The answers to the national question ``code`` in the closed public
    campaigns of ``year``, counted by territory × network and value: one
    query over the tallies (``models.Tally``), not over the answers."""
    rows = (
        Tally.objects.filter(
            year=year,
            question__code=code,
            question__section__survey__national=True,
            campaign__mode=CampaignMode.PUBLIC,
            campaign__state=CampaignState.CLOSED,
            structure__isnull=False,
        )
        .values_list("structure__territory_id", "structure__network_id", "value")
        .annotate(n=Sum("count"))
        .order_by()
    )
    found: dict[tuple[int, int], dict[str, int]] = {}
    for territory_id, network_id, value, n in rows:
        found.setdefault((territory_id, network_id or 0), {})[value] = n
    return found


def national_share(
    year: int,
    code: str,
    positive: str,
    territory_id: int | None,
    network_id: int | None,
) -> float | str | None:
    """The share (in %) of respondents who gave ``positive`` to the national
    question ``code`` in the closed public campaigns of ``year``; HIDDEN
    under the threshold; None when nobody answered."""
    cells = {
        key: (values.get(positive, 0), sum(values.values()))
        for key, values in _national_cells(year, code).items()
    }
    picked = _pick(cells, territory_id, network_id, DEFAULT_THRESHOLD)
    if picked == HIDDEN:
        return HIDDEN
    positive_count, total = picked
    if not total:
        return None
    return round(100.0 * positive_count / total, 1)


def peer_responses(
    year: int, territory_id: int | None, network_id: int | None
) -> int | str:
    """Responses to the closed peer surveys of ``year``; by territory or
    network, those attributed to a structure; HIDDEN under the threshold."""
    start, end = _year(year)
    rows = (
        Response.objects.filter(
            campaign__mode=CampaignMode.PEER,
            campaign__state=CampaignState.CLOSED,
            week__range=(start, end),
        )
        .values_list("structure__territory_id", "structure__network_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    cells = {
        (t, n or 0) if t is not None else UNATTRIBUTED: (count, count)
        for t, n, count in rows
    }
    picked = _pick(cells, territory_id, network_id, DEFAULT_THRESHOLD)
    if picked == HIDDEN:
        return HIDDEN
    return picked[1]
