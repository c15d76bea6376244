"""The directory's cards, rendered once and then read from the cache.

A card says what its structure's record says (the version of the public
content, bumped by any change, is in its key), what day it is (a convention in
force) and the opening status of the moment: a cached card is kept only until
its status stops being true. The distance from the place searched, which every
visitor's position changes, is put in when the card is read: positions cannot
grow the cache. So a card read from the cache is the card that would
be rendered now, and a list of cards costs one query for the ids on the page
and one read of the cache; only the cards missing are built from full records.
The same card serves every list it appears in: the directory, its filters and
pages, the nearest alternatives.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import FloatField, QuerySet, Value
from django.template.defaultfilters import floatformat
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..cache import current_version
from .selectors import directory_structures

CARD_TEMPLATE = "cms/directory/includes/card.html"
CARD_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Card:
    pk: int
    name: str
    distance_km: float | None
    html: SafeString
    # The card holds until then (its opening status changes), or None.
    true_until: datetime.datetime | None


DISTANCE_MARK = "<!--distance-->"


def card_key(version: int, pk: int) -> str:
    parts = (str(pk), timezone.localdate().isoformat(), translation.get_language())
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:32]
    return f"public-cards:{version}:{digest}"


def _with_distance(html: str, distance: float | None) -> SafeString:
    line = ""
    if distance is not None:
        line = format_html(
            '<p class="directory-distance">{}</p>',
            _("À %(km)s km environ") % {"km": floatformat(distance, 1)},
        )
    return mark_safe(html.replace(DISTANCE_MARK, line, 1))  # noqa: S308


def _rendered(pks: set[int]) -> dict[int, tuple[str, datetime.datetime | None]]:
    """Build the cards of ``pks`` from their full records, in one query (and one
    for their exceptions)."""
    template = get_template(CARD_TEMPLATE)
    out = {}
    for structure in directory_structures().filter(pk__in=pks):
        structure.status = structure.opening_status()
        until = structure.status.true_until if structure.status else None
        html = template.render({"structure": structure})
        out[structure.pk] = (html, until)
    return out


def cards(entries: Iterable[tuple[int, str, float | None]]) -> list[Card]:
    """The cards of ``(pk, name, distance_km)`` entries, in their order."""
    entries = list(entries)
    version = current_version()
    now = timezone.now()
    keys = {pk: card_key(version, pk) for pk, _name, _distance in entries}
    found = cache.get_many(list(keys.values()))
    missing = set()
    for pk, _name, _distance in entries:
        hit = found.get(keys[pk])
        if hit is None or (hit[1] is not None and hit[1] <= now):
            missing.add(pk)
    built = _rendered(missing) if missing else {}
    # Each card is checked against its own moment when read (above).
    if built:
        cache.set_many({keys[pk]: card for pk, card in built.items()}, CARD_SECONDS)
    out = []
    for pk, name, distance in entries:
        card = built.get(pk) if pk in missing else found[keys[pk]]
        if card is None:  # gone between the two queries: nothing to show
            continue
        html, until = card
        out.append(Card(pk, name, distance, _with_distance(html, distance), until))
    return out


def first_change(listing: Iterable[Card]) -> datetime.datetime | None:
    """The first moment one of these cards stops being true."""
    return min((c.true_until for c in listing if c.true_until), default=None)


def card_entries(queryset: QuerySet) -> QuerySet:
    """What ``cards`` needs of each row of a directory query: its id, name and
    distance (when the query computes one), and nothing else."""
    distance = (
        "distance_km"
        if "distance_km" in queryset.query.annotations
        else Value(None, output_field=FloatField())
    )
    return queryset.prefetch_related(None).values_list(
        "pk", "organisation__name", distance
    )
