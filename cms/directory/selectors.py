"""Reads of the public directory: only published structures of active organisations."""

from __future__ import annotations

from typing import Any

from django.db.models import F, FloatField, Q, Value
from django.db.models.functions import Cast, Cos, Power, Radians, Sqrt

from extranet.models import Channel, Service, Structure

EARTH_RADIUS_KM = 6371.0


def directory_structures() -> Any:
    """Every structure the public may see, with what a card shows in one query."""
    return Structure.objects.published().select_related(
        "organisation", "network", "territory"
    )


def directory_search(filters: dict[str, Any]) -> Any:
    """The published structures matching ``filters`` (already validated).

    Keys: ``q`` (town, postcode or name), ``service``, ``territory``,
    ``departement``, ``network``, ``channel``, ``accessible``, and ``lat``/``lon``
    to sort by distance (nearest first; structures without coordinates last).
    """
    qs = directory_structures()
    q = (filters.get("q") or "").strip()
    if q:
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
    lat, lon = filters.get("lat"), filters.get("lon")
    if lat is not None and lon is not None:
        qs = with_distance(qs, lat=lat, lon=lon).order_by(
            F("distance_km").asc(nulls_last=True), "organisation__name"
        )
    return qs


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
    """One published structure by its organisation's slug, or None."""
    return directory_structures().filter(organisation__slug=slug).first()
