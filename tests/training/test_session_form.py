"""Sessions are prepared, published and changed by GREF and the Région only,
through a form that refuses bad input in French and keeps what was typed."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from training.models import SessionStatus, TrainingSession

from ..conftest import login
from ..extranet.test_access_matrix import database_fingerprint
from ..factories import enrolment_for, plan_action, training_session


def _post(world, **changes):
    action = plan_action(world)
    day = timezone.localdate() + datetime.timedelta(days=40)
    data = {
        "title": "Accueillir à distance",
        "action": str(action.pk),
        "description": "",
        "territory": str(world.territory_a.pk),
        "place": "Espace Région, Rennes",
        "visio_url": "",
        "capacity": "12",
        "seats_per_structure": "",
        "trainer_name": "Équipe du GREF",
        "enrolment_opens_at": f"{timezone.localdate():%Y-%m-%d}T09:00",
        "enrolment_closes_at": f"{day - datetime.timedelta(days=2):%Y-%m-%d}T12:00",
        "cancellation_cutoff_hours": "72",
        "prerequisites": "",
        "demi-TOTAL_FORMS": "3",
        "demi-INITIAL_FORMS": "0",
        "demi-MIN_NUM_FORMS": "0",
        "demi-MAX_NUM_FORMS": "1000",
        "demi-0-date": f"{day:%Y-%m-%d}",
        "demi-0-period": "am",
        "demi-0-start": "09:00",
        "demi-0-end": "12:00",
        "demi-1-date": f"{day:%Y-%m-%d}",
        "demi-1-period": "pm",
        "demi-1-start": "13:30",
        "demi-1-end": "16:30",
        "demi-2-date": "",
        "demi-2-period": "",
        "demi-2-start": "",
        "demi-2-end": "",
        "publish": "1",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("who", ["gref", "coordinator"])
def test_gref_and_the_region_publish_a_session_of_two_half_days(client, world, who):
    login(client, getattr(world, who))

    response = client.post(reverse("training:session_new"), _post(world))

    assert response.status_code == 302
    session = TrainingSession.objects.get()
    assert session.status == SessionStatus.PUBLISHED
    assert session.slots.count() == 2
    assert session.created_by == getattr(world, who)


@pytest.mark.parametrize(
    "who",
    [
        "referent_a",
        "professional_a",
        "network_head_a",
        "territorial_officer_a",
        "government",
    ],
)
def test_nobody_else_prepares_or_changes_a_session(client, world, who):
    session = training_session(world)
    data = _post(world, capacity="99")
    login(client, getattr(world, who))
    before = database_fingerprint()

    urls = [
        ("get", reverse("training:session_new")),
        ("post", reverse("training:session_new")),
        ("get", reverse("training:session_edit", args=[session.pk])),
        ("post", reverse("training:session_edit", args=[session.pk])),
        ("post", reverse("training:session_publish", args=[session.pk])),
    ]
    for method, url in urls:
        response = getattr(client, method)(url, data)
        assert response.status_code in (403, 404), (url, response.status_code)
    assert database_fingerprint() == before


BAD = [
    ({"demi-0-end": "08:00"}, "L'heure de fin doit suivre l'heure de début."),
    (
        {"enrolment_closes_at": f"{timezone.localdate():%Y-%m-%d}T08:00"},
        "La clôture des inscriptions doit suivre leur ouverture.",
    ),
    (
        {"enrolment_closes_at": "2099-01-01T12:00"},
        "Les inscriptions doivent être closes avant le début",
    ),
    (
        {
            "demi-0-date": "",
            "demi-0-period": "",
            "demi-0-start": "",
            "demi-0-end": "",
            "demi-1-date": "",
            "demi-1-period": "",
            "demi-1-start": "",
            "demi-1-end": "",
        },
        "Indiquez au moins une demi-journée.",
    ),
    ({"demi-1-period": "am"}, "Deux demi-journées sont identiques"),
    ({"capacity": "0"}, "supérieure ou égale à 1"),
]


@pytest.mark.parametrize(("changes", "message"), BAD, ids=[m for _c, m in BAD])
def test_bad_input_is_refused_in_french_and_nothing_typed_is_lost(
    client, world, changes, message
):
    login(client, world.gref)

    response = client.post(reverse("training:session_new"), _post(world, **changes))

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page.replace("&#x27;", "'")
    assert "Accueillir à distance" in page and "Équipe du GREF" in page
    assert not TrainingSession.objects.exists()


def _edit(world, session, capacity: str) -> dict:
    slot = session.slots.order_by("date", "start")
    data = _post(world, capacity=capacity, action=str(session.action_id))
    opens = timezone.localtime(session.enrolment_opens_at)
    closes = timezone.localtime(session.enrolment_closes_at)
    data.update(
        {
            "demi-0-date": f"{slot[0].date:%Y-%m-%d}",
            "demi-1-date": f"{slot[1].date:%Y-%m-%d}",
            "enrolment_opens_at": f"{opens:%Y-%m-%dT%H:%M}",
            "enrolment_closes_at": f"{closes:%Y-%m-%dT%H:%M}",
        }
    )
    return data


def test_a_new_capacity_offers_the_new_seats_to_the_waiting_list(client, world):
    session = training_session(world, capacity=1)
    enrolment_for(world, session)
    waiting = enrolment_for(world, session)
    assert waiting.state == "waitlisted"
    login(client, world.gref)
    data = _edit(world, session, "2")

    response = client.post(reverse("training:session_edit", args=[session.pk]), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    session.refresh_from_db()
    waiting.refresh_from_db()
    assert (session.capacity, waiting.state) == (2, "offered")


def test_a_capacity_below_the_seats_taken_is_refused(client, world):
    session = training_session(world, capacity=2)
    enrolment_for(world, session)
    enrolment_for(world, session)
    login(client, world.gref)
    data = _edit(world, session, "1")

    response = client.post(reverse("training:session_edit", args=[session.pk]), data)

    assert response.status_code == 400
    assert "la capacité ne peut pas descendre" in response.content.decode()
    session.refresh_from_db()
    assert session.capacity == 2


@pytest.mark.parametrize(("changes", "message"), BAD, ids=[m for _c, m in BAD])
def test_every_error_is_in_the_focused_summary(client, world, changes, message):
    """Half-days' errors too are listed in the summary, which takes the focus
    (not the message above it)."""
    login(client, world.gref)

    response = client.post(reverse("training:session_new"), _post(world, **changes))

    page = response.content.decode().replace("&#x27;", "'")
    summary = page.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "autofocus" in summary
    assert message in summary
    messages = page.split('class="messages"', 1)[1].split(">", 1)[0]
    assert "autofocus" not in messages


def test_a_visio_address_without_scheme_gets_https(client, world):
    login(client, world.gref)

    response = client.post(
        reverse("training:session_new"), _post(world, visio_url="visio.example.org/a")
    )

    assert response.status_code == 302
    assert TrainingSession.objects.get().visio_url == "https://visio.example.org/a"
