"""Public directory views: thin, they parse the query string and call a selector."""

from __future__ import annotations

import datetime
import io
import json

from django.conf import settings
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    JsonResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from extranet import registry
from extranet.models import Service

from ..cache import cached_export, true_until
from . import opendata
from .cards import card_entries, cards, first_change
from .forms import DirectoryFilterForm
from .selectors import (
    directory_search,
    directory_structure,
    directory_town,
    nearest_offering,
)

PAGE_SIZE = 20


def _filter_querystring(request: HttpRequest, filters: dict, *drop: str) -> str:
    """The valid filters only, as typed, for links that keep them (pages, map)."""
    params = QueryDict(mutable=True)
    for name in filters:
        if name not in drop:
            params[name] = request.GET.get(name, "")
    return params.urlencode()


@require_GET
def structure_list(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET)
    filters = form.filters()
    town = directory_town(filters.get("q", ""))
    paginator = Paginator(card_entries(directory_search(filters, town=town)), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = cards(page.object_list)
    lat = filters.get("lat", town.latitude if town else None)
    lon = filters.get("lon", town.longitude if town else None)
    # Never a dead end: nothing here, so the nearest that offer the service.
    alternatives = (
        cards(
            (s.pk, s.name, getattr(s, "distance_km", None))
            for s in nearest_offering(filters["service"], lat=lat, lon=lon)
        )
        if not paginator.count and filters.get("service")
        else []
    )
    true_until(request, first_change(page.object_list))
    true_until(request, first_change(alternatives))
    querystring = _filter_querystring(request, filters)
    geojson_url = reverse("directory:geojson")
    return render(
        request,
        "cms/directory/structure_list.html",
        {
            "form": form,
            "filters": filters,
            "problems": form.problems(),
            "page_obj": page,
            "paginator": paginator,
            "querystring": querystring,
            "sorted_by_distance": "lat" in filters,
            "town": town,
            "alternatives": alternatives,
            "service_label": Service(filters["service"]).label
            if filters.get("service")
            else "",
            # The folded criteria stay open when one of them is in use.
            "more_filters": bool(
                {"territory", "departement", "network", "channel", "accessible"}
                & set(filters)
            ),
            "querystring_without_position": _filter_querystring(
                request, filters, "lat", "lon"
            ),
            "geojson_url": f"{geojson_url}?{querystring}"
            if querystring
            else geojson_url,
            "map_tiles_url": settings.SPRO_MAP_TILES_URL,
            "map_attribution": settings.SPRO_MAP_ATTRIBUTION,
        },
    )


@require_GET
def structure_detail(request: HttpRequest, slug: str) -> HttpResponse:
    structure = directory_structure(slug)
    if structure is None:
        raise Http404
    services = structure.delivered_services()
    status = structure.opening_status()
    true_until(request, status.true_until if status else None)
    # Other apps' actions (booking online): what they rest on changes without
    # the card changing, so the page showing them is kept only briefly.
    actions = registry.public_actions_of(structure)
    for action in actions:
        true_until(
            request,
            timezone.now() + datetime.timedelta(seconds=action["fresh_seconds"]),
        )
    return render(
        request,
        "cms/directory/structure_detail.html",
        {
            "structure": structure,
            "services": services,
            "status": status,
            "public_actions": actions,
            "public_sections": registry.public_structure_sections(structure),
        },
    )


@require_GET
def structure_geojson(request: HttpRequest) -> JsonResponse:
    """The structures of the list (same filters, every page) as GeoJSON points."""
    form = DirectoryFilterForm(request.GET)
    structures = directory_search(form.filters())
    return JsonResponse(
        opendata.geojson(structures), json_dumps_params={"ensure_ascii": False}
    )


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "cms/directory/open_data.html",
        {
            "fields": opendata.FIELDS,
            "licence_name": opendata.LICENCE_NAME,
            "licence_url": opendata.LICENCE_URL,
            "source": opendata.SOURCE,
        },
    )


EXPORT_CHUNK = 64 * 1024


def _export(
    request: HttpRequest,
    name: str,
    build,
    content_type: str,
    filename: str = "",
) -> HttpResponse:
    """An open-data export: built once per change of the public content (see
    ``cached_export``), then streamed; a client holding it gets 304."""
    data, etag = cached_export(request, name, build)
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = StreamingHttpResponse(
            (data[i : i + EXPORT_CHUNK] for i in range(0, len(data), EXPORT_CHUNK)),
            content_type=content_type,
        )
        response["Content-Length"] = str(len(data))
        if filename:
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=600"
    return response


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder).encode()


JSON = "application/json"


@require_GET
def open_data_csv(request: HttpRequest) -> HttpResponse:
    def build() -> bytes:
        out = io.StringIO()
        opendata.write_csv(out, opendata.records(request))
        return out.getvalue().encode()

    return _export(
        request, "csv", build, "text/csv; charset=utf-8", "structures-spro.csv"
    )


@require_GET
def open_data_json(request: HttpRequest) -> HttpResponse:
    return _export(
        request, "json", lambda: _json(opendata.json_document(request)), JSON
    )


@require_GET
def data_inclusion_structures(request: HttpRequest) -> HttpResponse:
    return _export(
        request,
        "data-inclusion-structures",
        lambda: _json(opendata.data_inclusion_structures(request)),
        JSON,
    )


@require_GET
def data_inclusion_services(request: HttpRequest) -> HttpResponse:
    return _export(
        request,
        "data-inclusion-services",
        lambda: _json(opendata.data_inclusion_services(request)),
        JSON,
    )
