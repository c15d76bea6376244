"""Reads of the public directory: only published structures of active organisations."""

from __future__ import annotations

from typing import Any

from django.db.models import F, FloatField, Q, Value
from django.db.models.functions import Cast, Cos, Power, Radians, Sqrt

from extranet import registry
from extranet.models import Channel, Service, Structure
from extranet.places import Town, find_town, town_of_postcode

EARTH_RADIUS_KM = 6371.0


def directory_structures() -> Any:
    """Every structure the public may see, with what a card shows: one query,
    and one more for the exceptions to their hours still to come."""
    return (
        Structure.objects.published()
        .select_related("organisation", "network", "territory")
        .with_upcoming_exceptions()
    )


_LOOK_UP = object()


def directory_search(filters: dict[str, Any], *, town: Any = _LOOK_UP) -> Any:
    """The published structures matching ``filters`` (already validated).

    Keys: ``q`` (town, postcode or name), ``service``, ``territory``,
    ``departement``, ``network``, ``channel``, ``accessible``, and ``lat``/``lon``
    to sort by distance (nearest first; structures without coordinates last).
    ``town``: the town ``q`` names, when the caller already looked it up.
    """
    qs = directory_structures()
    q = (filters.get("q") or "").strip()
    if town is _LOOK_UP:
        town = directory_town(q) if q else None
    lat, lon = filters.get("lat"), filters.get("lon")
    if town is not None:
        # A town typed is a place to start from: every structure, nearest first
        # (a visitor's own position, if given, still wins).
        if lat is None or lon is None:
            lat, lon = town.latitude, town.longitude
    elif q:
        if q.isdigit():
            qs = qs.filter(postcode__startswith=q)
        else:
            qs = qs.filter(
                Q(city__icontains=q)
                | Q(organisation__name__icontains=q)
                | Q(postcode__startswith=q)
            )
    service = filters.get("service")
    if service == Service.API:
        qs = qs.delivering_api()
    elif service in Service.values:
        qs = qs.filter(**{f"service_{service}": True})
    channel = filters.get("channel")
    if channel in Channel.values:
        qs = qs.filter(**{f"channel_{channel}": True})
    if filters.get("territory"):
        qs = qs.filter(territory=filters["territory"])
    if filters.get("departement"):
        qs = qs.filter(territory__departement=filters["departement"])
    if filters.get("network"):
        qs = qs.filter(network=filters["network"])
    if filters.get("accessible"):
        qs = qs.filter(wheelchair_accessible=True)
    if lat is not None and lon is not None:
        qs = with_distance(qs, lat=lat, lon=lon).order_by(
            F("distance_km").asc(nulls_last=True), "organisation__name"
        )
    return qs


def directory_town(q: str) -> Town | None:
    """The town the search text names ("Lorient, Morbihan", "lorient", "56100"),
    or None: then the text searches names, towns and postcodes."""
    q = (q or "").strip()
    if q.isdigit():
        if len(q) != 5:
            return None
        seen = (
            directory_structures()
            .filter(postcode=q)
            .values_list("city", flat=True)
            .order_by("city")
            .first()
        )
        return town_of_postcode(q, {q: seen}) if seen else None
    return find_town(q)


def nearest_offering(
    service: str, *, lat: float | None, lon: float | None, limit: int = 3
) -> list[Structure]:
    """When a search finds nothing: the structures that do offer ``service``,
    nearest first when a position is known."""
    qs = directory_search({"service": service})
    if lat is not None and lon is not None:
        qs = with_distance(qs, lat=lat, lon=lon).order_by(
            F("distance_km").asc(nulls_last=True), "organisation__name"
        )
    return list(qs[:limit])


def with_distance(qs: Any, *, lat: float, lon: float) -> Any:
    """Annotate ``distance_km`` from (lat, lon), computed in SQL.

    The equirectangular approximation: within a region the error is far below
    what matters to someone looking for the nearest office.
    """
    lat_f = Cast("latitude", FloatField())
    lon_f = Cast("longitude", FloatField())
    mean_lat = Radians((lat_f + Value(float(lat))) / Value(2.0))
    x = Radians(lon_f - Value(float(lon))) * Cos(mean_lat)
    y = Radians(lat_f - Value(float(lat)))
    return qs.annotate(
        distance_km=Sqrt(Power(x, 2) + Power(y, 2)) * Value(EARTH_RADIUS_KM)
    )


def directory_structure(slug: str) -> Structure | None:
    """One published structure by its organisation's slug, or None, with the
    conditions of the actions other apps offer on its card (same query)."""
    return (
        registry.with_public_actions(directory_structures())
        .filter(organisation__slug=slug)
        .first()
    )
