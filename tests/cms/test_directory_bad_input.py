"""Bad input on the directory: a normal page, never a 500, never reflected raw."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from ..factories import StructureFactory

pytestmark = pytest.mark.django_db

XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
SQL = "' OR 1=1; DROP TABLE extranet_structure; --"

BAD_QUERIES = [
    {"service": "nope"},
    {"service": XSS},
    {"territory": XSS},
    {"network": SQL},
    {"departement": "99"},
    {"channel": "pigeon"},
    {"accessible": XSS},
    {"lat": "999", "lon": "abc"},
    {"lat": "nan", "lon": "inf"},
    {"lat": "48.39"},
    {"q": "x" * 2000},
    {"q": XSS},
    {"q": SQL},
    {"page": "-1"},
    {"page": XSS},
    {"page": "99999"},
    {"q": "\x00"},
]


@pytest.mark.parametrize("params", BAD_QUERIES)
@pytest.mark.parametrize(
    "route", ["directory:list", "directory:geojson"], ids=["list", "geojson"]
)
def test_bad_query_strings_give_a_normal_answer(client, world, route, params):
    response = client.get(reverse(route), params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    assert "onerror=alert" not in body or "&lt;img" in body


def test_unknown_filters_are_explained_in_french(client, world):
    response = client.get(reverse("directory:list"), {"service": "nope", "q": XSS})
    body = response.content.decode()
    assert "Le critère « Service » n&#x27;a pas été reconnu" in body
    assert "&lt;script&gt;" in body  # the search is shown back, escaped


def test_a_too_long_search_is_ignored_with_a_message(client, world):
    response = client.get(reverse("directory:list"), {"q": "x" * 2000})
    main = response.content.decode().split('id="contenu"')[1]
    assert "Votre recherche est trop longue" in main
    assert "x" * 101 not in main
    assert len(response.context["page_obj"].object_list) == 3


def test_absurd_coordinates_are_ignored_with_a_message(client, world):
    response = client.get(reverse("directory:list"), {"lat": "999", "lon": "abc"})
    assert "Votre position n&#x27;a pas été comprise" in response.content.decode()
    assert response.context["sorted_by_distance"] is False


def test_a_slug_that_does_not_exist_is_a_404(client, db):
    assert client.get("/structures/n-existe-pas/").status_code == 404


class TestAnyQueryStringIsHandled(HypothesisTestCase):
    """Hypothesis over the query string: every answer is a 200, nothing raw."""

    @classmethod
    def setUpTestData(cls):
        StructureFactory()

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(
        st.dictionaries(
            st.sampled_from(
                [
                    "q",
                    "service",
                    "territory",
                    "departement",
                    "network",
                    "channel",
                    "accessible",
                    "lat",
                    "lon",
                    "page",
                    "autre",
                ]
            ),
            st.text(max_size=300),
            max_size=6,
        )
    )
    def test_any_query_string(self, params):
        params = {k: v.replace("\x00", "") for k, v in params.items()}
        for route in ("directory:list", "directory:geojson"):
            response = self.client.get(reverse(route), params)
            assert response.status_code == 200
            assert "<script>" not in response.content.decode().split("</head>")[-1]
