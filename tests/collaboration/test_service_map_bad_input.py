"""Fuzzed input on the entry form and the search never causes a server error;
a refused post changes nothing; what is saved holds no markup."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from collaboration.models import ServiceEntry

from ..conftest import login
from ..factories import ServiceEntryFactory, entry_form_data

pytestmark = pytest.mark.django_db

HTML_TAG = re.compile(r"<[^>]*>")
any_text = st.text(max_size=300) | st.sampled_from(
    ["<b>gras</b>", "<script>alert(1)</script>", "=1+2", "\x00", "é" * 2001, ""]
)
TEXT_FIELDS = ["title", "description", "conditions", "how_to_refer", "contact_name"]
changes = st.fixed_dictionaries(
    {},
    optional={
        **dict.fromkeys(TEXT_FIELDS, any_text),
        "kind": any_text | st.sampled_from(["advice", "scheme"]),
        "coverage": st.sampled_from(["region", "communes", "territory", "x"]),
        "coverage_communes": any_text | st.sampled_from(["Brest", "Paris", "Vannes"]),
        "coverage_departements": st.lists(st.sampled_from(["22", "29", "75", "x"])),
        "audiences": st.lists(st.sampled_from(["young", "adults", "martians"])),
        "channels": st.lists(st.sampled_from(["phone", "pigeon"])),
        "contact_phone": any_text | st.just("02 99 00 00 00"),
        "contact_email": any_text | st.just("a@exemple.fr"),
        "is_public": st.sampled_from(["on", ""]),
    },
)
HYPOTHESIS = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def entry(world):
    return ServiceEntryFactory(structure=world.structure_a)


@HYPOTHESIS
@given(changes=changes)
def test_fuzzed_edits_never_fail_and_refusals_change_nothing(
    client, world, entry, changes
):
    login(client, world.referent_a)
    before = ServiceEntry.objects.filter(pk=entry.pk).values().get()
    response = client.post(
        reverse("servicemap:entry_edit", args=[entry.pk]),
        {**entry_form_data(), **changes},
    )
    event(f"HTTP {response.status_code}")
    assert response.status_code in (302, 400)
    after = ServiceEntry.objects.filter(pk=entry.pk).values().get()
    if response.status_code == 400:
        assert after == before
    else:
        for name in TEXT_FIELDS:
            assert not HTML_TAG.search(after[name])
            assert "\x00" not in after[name]


@HYPOTHESIS
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "q",
                "kind",
                "audience",
                "territory",
                "commune",
                "channel",
                "domain",
                "page",
            ]
        ),
        any_text,
    )
)
def test_fuzzed_searches_never_fail(client, world, entry, params):
    login(client, world.professional_a)
    params = {k: v.replace("\x00", "") for k, v in params.items()}
    assert client.get(reverse("servicemap:search"), params).status_code == 200
    response = client.get(reverse("servicemap:export_csv"), params)
    assert response.status_code == 200


def test_markup_is_shown_escaped(client, world):
    entry = ServiceEntryFactory(
        structure=world.structure_a, description='1 < 2 & 3 > 2 "ok"'
    )
    login(client, world.professional_a)
    content = client.get(reverse("servicemap:entry", args=[entry.pk])).content.decode()
    assert "1 &lt; 2 &amp; 3 &gt; 2" in content
