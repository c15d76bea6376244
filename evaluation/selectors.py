"""The evaluation dashboard: the five dimensions with their indicators, for a
year and its previous one, in a territory and a network or the whole region.

The numbers are computed once an hour at most for the same filters (the django
cache, keyed on them; ``evaluation.tasks.evaluation_precompute`` warms the
region's two years): a fixed number of queries per indicator, whatever the
number of structures, and none on a cached read. Only the numbers are cached;
labels and definitions are read from the registry, in the reader's language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from surveys.figures import HIDDEN

from .indicators import (
    DIMENSIONS,
    NOT_APPLICABLE,
    Dimension,
    Indicator,
    Number,
    indicators_of,
)

CACHE_SECONDS = 60 * 60
CACHE_VERSION = 1


@dataclass(frozen=True)
class IndicatorValue:
    """One indicator's row: its value for the year, the previous year's, and
    the trend (the difference) when both are numbers."""

    indicator: Indicator
    value: Number | str
    previous: Number | str

    @property
    def available(self) -> bool:
        return self.indicator.available

    @property
    def applicable(self) -> bool:
        return self.value != NOT_APPLICABLE

    @property
    def shown_value(self) -> str:
        return shown(self.indicator, self.value)

    @property
    def shown_previous(self) -> str:
        return shown(self.indicator, self.previous)

    @property
    def shown_trend(self) -> str:
        trend = self.trend
        if trend is None:
            return "—"
        sign = "+" if trend > 0 else ""
        return f"{sign}{number_format(trend)}"

    @property
    def trend(self) -> Number:
        if isinstance(self.value, int | float) and isinstance(
            self.previous, int | float
        ):
            return round(self.value - self.previous, 1)
        return None


@dataclass(frozen=True)
class DimensionValues:
    dimension: Dimension
    rows: list[IndicatorValue] = field(default_factory=list)


@dataclass(frozen=True)
class Dashboard:
    year: int
    territory_id: int | None
    network_id: int | None
    computed_at: datetime.datetime
    dimensions: list[DimensionValues]

    def rows(self) -> list[IndicatorValue]:
        return [row for d in self.dimensions for row in d.rows]


def shown(indicator: Indicator, value: Number | str) -> str:
    """A value as pages and files print it, in French."""
    if not indicator.available:
        return str(_("source non disponible"))
    if value == NOT_APPLICABLE:
        return str(_("sans objet"))
    if value == HIDDEN:
        return str(_("pas assez de réponses"))
    if value is None:
        return str(_("non calculé"))
    text = number_format(value)
    return f"{text} {indicator.unit}" if indicator.unit else text


def cache_key(year: int, territory_id: int | None, network_id: int | None) -> str:
    return f"evaluation:dashboard:{year}:{territory_id or '-'}:{network_id or '-'}"


def compute_values(
    year: int, territory_id: int | None, network_id: int | None
) -> dict[str, Number | str]:
    """Every available indicator's value for ``year`` (no cache)."""
    return {
        indicator.key: indicator.compute(year, territory_id, network_id)
        for dimension in DIMENSIONS
        for indicator in indicators_of(dimension.key)
        if indicator.compute is not None
    }


def _cached_values(
    year: int, territory_id: int | None, network_id: int | None, *, refresh: bool
) -> dict[str, Any]:
    key = cache_key(year, territory_id, network_id)
    found = None if refresh else cache.get(key, version=CACHE_VERSION)
    if found is None:
        found = {
            "computed_at": timezone.now(),
            "current": compute_values(year, territory_id, network_id),
            "previous": compute_values(year - 1, territory_id, network_id),
        }
        cache.set(key, found, CACHE_SECONDS, version=CACHE_VERSION)
    return found


def dashboard(
    year: int,
    territory_id: int | None = None,
    network_id: int | None = None,
    *,
    refresh: bool = False,
) -> Dashboard:
    """The five dimensions with their indicators' values for ``year`` and
    ``year - 1``, read from the cache when computed within the hour
    (``refresh`` computes again and stores)."""
    found = _cached_values(year, territory_id, network_id, refresh=refresh)
    current, previous = found["current"], found["previous"]
    return Dashboard(
        year=year,
        territory_id=territory_id,
        network_id=network_id,
        computed_at=found["computed_at"],
        dimensions=[
            DimensionValues(
                dimension=dimension,
                rows=[
                    IndicatorValue(
                        indicator=indicator,
                        value=current.get(indicator.key),
                        previous=previous.get(indicator.key),
                    )
                    for indicator in indicators_of(dimension.key)
                ],
            )
            for dimension in DIMENSIONS
        ],
    )


def public_dashboard(territory_id: int, year: int | None = None) -> Dashboard:
    """A territory's dashboard restricted to the published indicators."""
    year = year or timezone.localdate().year
    found = dashboard(year, territory_id, None)
    return Dashboard(
        year=found.year,
        territory_id=territory_id,
        network_id=None,
        computed_at=found.computed_at,
        dimensions=[
            DimensionValues(
                dimension=d.dimension,
                rows=[row for row in d.rows if row.indicator.public],
            )
            for d in found.dimensions
        ],
    )
