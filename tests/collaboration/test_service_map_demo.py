"""The demo map: several entries per member structure matching its network,
local actors in several territories, all valid; loading again changes
nothing; fast enough for ``make run``."""

from __future__ import annotations

import time

import pytest

from collaboration.models import ServiceEntry
from collaboration.servicemap.demo import load_service_map
from collaboration.servicemap.policy import MAPPED_STATUSES
from extranet.demo.loader import load_demo
from extranet.models import Structure, StructureType

pytestmark = pytest.mark.django_db


def test_the_demo_map_is_realistic_valid_and_loads_once():
    load_demo()
    started = time.monotonic()
    made = load_service_map()
    assert time.monotonic() - started < 10
    assert made == ServiceEntry.objects.count() > 50
    mapped = Structure.objects.filter(membership_status__in=MAPPED_STATUSES)
    assert not mapped.exclude(service_entries__isnull=False).exists()
    assert (
        ServiceEntry.objects.filter(structure__isnull=True)
        .values("territory")
        .distinct()
        .count()
        >= 3
    )
    cap_emploi = ServiceEntry.objects.filter(
        structure__structure_type=StructureType.CAP_EMPLOI
    )
    assert not cap_emploi.exists() or all("disabled" in e.audiences for e in cap_emploi)
    for entry in ServiceEntry.objects.select_related("structure__territory"):
        entry.full_clean(exclude=["search_vector"])
    assert ServiceEntry.objects.filter(is_public=True).exists()
    assert ServiceEntry.objects.filter(
        is_public=False, structure__isnull=False
    ).exists()
    assert ServiceEntry.objects.review_due().exists()
    before = list(ServiceEntry.objects.values_list("pk", "title", "reviewed_at"))
    assert load_service_map() == 0
    assert (
        list(ServiceEntry.objects.values_list("pk", "title", "reviewed_at")) == before
    )
