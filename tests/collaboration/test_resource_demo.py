"""The demo library: documents with several versions, links, a resource
still in preparation and one withdrawn, made by the curators; its files are
real documents; loading it again changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from collaboration.models import Resource, ResourceStatus, ResourceVersion
from collaboration.resources.demo import LIBRARY, load_resources
from extranet.demo.loader import load_demo
from extranet.models import Membership, Role

from ..conftest import login


@pytest.mark.django_db
def test_the_demo_library_covers_every_state_and_loads_once(client):
    load_demo()
    assert load_resources() > len(LIBRARY)
    assert Resource.objects.count() == len(LIBRARY)
    assert set(Resource.objects.values_list("status", flat=True)) == set(
        ResourceStatus.values
    )
    assert Resource.objects.exclude(url="").exists()
    assert ResourceVersion.objects.filter(number=3).exists()
    assert {v.kind for v in ResourceVersion.objects.all()} == {"pdf", "xlsx"}
    assert load_resources() == 0
    assert Resource.objects.count() == len(LIBRARY)

    professional = (
        Membership.objects.filter(role=Role.PROFESSIONAL).select_related("user").first()
    ).user
    login(client, professional)
    page = client.get(reverse("resources:list")).text
    assert "Les métiers de l&#x27;aide à domicile" in page
    assert "pêche" not in page  # in preparation
    version = ResourceVersion.objects.filter(
        resource__status=ResourceStatus.PUBLISHED, kind="pdf"
    ).first()
    response = client.get(version.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
