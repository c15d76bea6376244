"""The governance pages read the same whatever their length (no N+1), the
menu shows "Instances" to members and the secretariat only, and the PSAD are
listed for every member of SPRO with their territories and partners;
partners must be structures of SPRO."""

from __future__ import annotations

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coordination.governance import services
from coordination.models import Platform
from extranet.models import OrganisationKind

from ..conftest import login
from ..factories import (
    StructureFactory,
    UserFactory,
    body_for,
    meeting_for,
    member,
)

pytestmark = pytest.mark.django_db


def _fill(world, body, n: int):
    for i in range(n):
        user = member("referent", StructureFactory().organisation)
        services.body_member_add(
            body=body, actor=world.coordinator, user=user, quality=f"membre {i}"
        )
        meeting_for(world, body, minutes="CR", status="published")


@pytest.mark.parametrize("who", ["coordinator", "network_head_a"])
def test_the_body_list_and_page_read_the_same_for_1_or_10_members_and_meetings(
    client, world, django_assert_max_num_queries, who
):
    kinds = ["gpr", "gtr", "crefop"]
    bodies = [body_for(world, kind, members=[world.network_head_a]) for kind in kinds]
    _fill(world, bodies[0], 1)
    login(client, getattr(world, who))
    client.get(reverse("governance:list"))  # warm the session
    counts = []
    for extra in (0, 9):
        _fill(world, bodies[0], extra)
        with django_assert_max_num_queries(14) as list_queries:
            assert client.get(reverse("governance:list")).status_code == 200
        with django_assert_max_num_queries(18) as page_queries:
            assert client.get(bodies[0].get_absolute_url()).status_code == 200
        counts.append((len(list_queries), len(page_queries)))
    assert counts[0] == counts[1]


def test_every_member_finds_the_instances_and_sees_only_the_bodies_they_sit_in(
    client, world
):
    body = body_for(world, "gpr", members=[world.network_head_a])
    for who, sits in (
        ("coordinator", True),
        ("network_head_a", True),
        ("professional_a", False),
    ):
        login(client, getattr(world, who))
        page = html.unescape(client.get(reverse("extranet:dashboard")).content.decode())
        assert reverse("governance:list") in page, who
        listed = html.unescape(client.get(reverse("governance:list")).content.decode())
        assert (body.name in listed) is sits, who
        assert reverse("governance:platforms") in listed


def _platform(world, **kwargs):
    values = {
        "actor": world.coordinator,
        "name": "PSAD Pays de Rennes",
        "pilot": world.structure_a,
        "territories": [world.territory_a],
        "partners": [world.structure_a2],
        **kwargs,
    }
    return services.platform_save(**values)


def test_a_psad_is_an_organisation_of_its_own_kind_listed_for_every_member(
    client, world
):
    platform = _platform(world)
    assert platform.organisation.kind == OrganisationKind.PSAD
    for who in ("professional_a", "referent_b", "government", "coordinator"):
        login(client, getattr(world, who))
        response = client.get(reverse("governance:platforms"))
        assert response.status_code == 200
        text = html.unescape(response.content.decode())
        assert "PSAD Pays de Rennes" in text
        assert world.territory_a.name in text
        assert world.structure_a2.organisation.name in text


def test_the_psad_list_reads_the_same_for_1_or_5_platforms(
    client, world, django_assert_max_num_queries
):
    _platform(world)
    login(client, world.professional_a)
    client.get(reverse("governance:platforms"))
    for n in range(2, 6):
        _platform(world, name=f"PSAD {n}")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("governance:platforms")).status_code == 200


def test_a_partner_that_is_not_an_active_structure_of_spro_is_refused(world):
    gone = StructureFactory()
    gone.organisation.is_active = False
    gone.organisation.save()
    with pytest.raises(ValidationError) as error:
        _platform(world, partners=[world.structure_b, gone])
    assert "structures du SPRO" in str(error.value)
    assert Platform.objects.count() == 0


def test_only_the_regional_coordination_manages_a_psad(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _platform(world, actor=world.referent_a)
    with pytest.raises(PermissionDenied):
        _platform(world, actor=UserFactory())


def test_the_demo_loads_the_bodies_and_is_idempotent(world):
    from coordination.governance.demo import load_governance
    from coordination.models import Body, Decision, Meeting

    made = load_governance()
    assert made > 0
    assert Body.objects.count() == 5
    assert Meeting.objects.filter(minutes_status="draft").count() == 1
    assert Meeting.objects.filter(minutes_status="published").exists()
    assert Decision.objects.exists()
    assert load_governance() == 0
