"""Fuzzed and hostile input on the convention pages: never a server error, a French
message, and nothing changed by a rejected post.

Hypothesis generates the draft's texts, the transition posts (any name, any
expected state, any comment) and the start form; a set of XSS payloads checks that
what is saved is shown escaped.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conventions import services
from conventions.models import Convention, ConventionKind
from workflows.models import TransitionLog

from ..conftest import login

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

any_text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            "   ",
            "\x00",
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "<A",  # an unclosed tag (found by Hypothesis)
            "<img src=x onerror=alert(1)//",
            "x" * 20000,
            "Engagement 🚀 ≠ ∞ 中文",
        ]
    ),
)
HTML_TAG = re.compile(r"<[a-zA-Z/!]")
XSS = [
    "<script>alert('spro')</script>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }} {% now 'Y' %}",
]


@pytest.fixture
def draft(world):
    return services.convention_start(
        user=world.referent_a,
        kind=ConventionKind.STRUCTURE,
        year=2026,
        structure=world.structure_a,
    )


@pytest.fixture
def referent_client(client, world):
    return login(client, world.referent_a)


def snapshot(convention: Convention) -> tuple:
    convention = Convention.objects.get(pk=convention.pk)
    return (
        convention.state,
        convention.objectives,
        convention.structure_engagements,
        convention.specific_terms,
        convention.history.count(),
        TransitionLog.objects.count(),
    )


@FUZZ
@given(objectives=any_text, engagements=any_text, terms=any_text)
def test_fuzzed_draft_texts_never_cause_a_server_error(
    draft, referent_client, objectives, engagements, terms
):
    current = Convention.objects.get(pk=draft.pk)
    before = snapshot(current)
    response = referent_client.post(
        reverse("conventions:edit", args=[draft.pk]),
        {
            "objectives": objectives,
            "region_engagements": current.region_engagements,
            "network_engagements": current.network_engagements,
            "structure_engagements": engagements,
            "specific_terms": terms,
            "seen_updated_at": current.updated_at.isoformat(),
        },
    )
    event(f"HTTP {response.status_code}")
    assert response.status_code in (200, 302, 400, 409)
    if response.status_code != 302:
        assert snapshot(draft) == before
    else:
        saved = Convention.objects.get(pk=draft.pk)
        for text in (saved.objectives, saved.structure_engagements):
            assert not HTML_TAG.search(text)
            assert "\x00" not in text


@FUZZ
@given(
    transition=st.one_of(
        st.text(max_size=40),
        st.sampled_from(
            ["submit", "approve", "validate", "sign_region", "expire", "abandon"]
        ),
    ),
    expected=st.one_of(st.none(), st.text(max_size=20), st.just("draft")),
    comment=any_text,
)
def test_fuzzed_transition_posts_never_cause_a_server_error(
    world, draft, referent_client, transition, expected, comment
):
    before = snapshot(draft)
    data = {"transition": transition, "comment": comment}
    if expected is not None:
        data["expected_state"] = expected
    response = referent_client.post(
        reverse("conventions:transition", args=[draft.pk]), data
    )
    event(f"HTTP {response.status_code}")
    assert response.status_code in (302, 400, 403)
    after = snapshot(draft)
    if after != before:
        # The only move the referent may make from a draft: submit it.
        assert transition == "submit" and after[0] == "submitted"
        # Back to draft for the next example, by the one who may send it back.
        services.convention_transition(
            user=world.network_head_a,
            convention=Convention.objects.get(pk=draft.pk),
            transition="send_back",
            comment="Retour pour la suite du test.",
        )


@FUZZ
@given(
    subject=st.one_of(st.text(max_size=30), st.just("structure:0")),
    year=st.one_of(st.text(max_size=8), st.integers(-10, 10000).map(str)),
    cosigns=st.sampled_from(["", "on", "yes", "\x00"]),
)
def test_fuzzed_start_form_never_causes_a_server_error(
    world, referent_client, subject, year, cosigns
):
    count = Convention.objects.count()
    response = referent_client.post(
        reverse("conventions:new"),
        {"subject": subject, "year": year, "government_cosigns": cosigns},
    )
    event(f"HTTP {response.status_code}")
    assert response.status_code in (200, 302, 400)
    if response.status_code != 302:
        assert Convention.objects.count() == count


@pytest.mark.parametrize("payload", XSS)
def test_what_a_drafter_writes_is_shown_escaped(draft, referent_client, payload):
    current = Convention.objects.get(pk=draft.pk)
    response = referent_client.post(
        reverse("conventions:edit", args=[draft.pk]),
        {
            "objectives": current.objectives,
            "region_engagements": current.region_engagements,
            "network_engagements": current.network_engagements,
            "structure_engagements": current.structure_engagements,
            "specific_terms": f"Modalités {payload}",
            "seen_updated_at": current.updated_at.isoformat(),
        },
    )
    assert response.status_code in (302, 400)
    page = referent_client.get(
        reverse("conventions:detail", args=[draft.pk])
    ).content.decode()
    assert payload not in page or "<" not in payload
    assert "<script>alert('spro')</script>" not in page
    assert "<svg onload" not in page
