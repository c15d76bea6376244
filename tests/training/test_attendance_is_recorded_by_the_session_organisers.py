"""A half-day's attendance is recorded in one form by GREF, the Région or the
trainer granted that session, once the half-day has started, for the confirmed
participants only; anyone else gets 403 or 404 and nothing changes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from guardian.shortcuts import assign_perm

from training.models import Attendance
from workflows import engine

from ..conftest import login
from ..extranet.test_access_matrix import database_fingerprint
from ..extranet.test_query_counts import count_queries
from ..factories import during, enrolment_for, session_with_participants, staff


def _form(enrolments, present=True):
    return {f"presence-{e.pk}": "present" if present else "absent" for e in enrolments}


@pytest.fixture
def sheet(world):
    session, enrolments = session_with_participants(world, count=3)
    slot = session.slots.order_by("date", "start").first()
    return session, slot, enrolments


@pytest.mark.parametrize("who", ["gref", "coordinator", "trainer"])
def test_gref_the_region_and_the_sessions_trainer_record_a_half_day_at_once(
    client, world, sheet, who
):
    session, slot, enrolments = sheet
    user = getattr(world, who, None)
    if who == "trainer":
        user = staff(world, "structure_b")
        assign_perm("training.animate_trainingsession", user, session)
    login(client, user)
    data = _form(enrolments[:2]) | _form(enrolments[2:], present=False)

    with engine.clock(during(slot)):
        response = client.post(reverse("training:attendance", args=[slot.pk]), data)

    assert response.status_code == 302
    rows = Attendance.objects.filter(slot=slot).order_by("enrolment_id")
    assert [r.present for r in rows] == [True, True, False]
    assert {r.recorded_by for r in rows} == {user}
    assert rows[0].history.first().history_user == user


@pytest.mark.parametrize(
    "who",
    ["other_trainer", "referent_a", "professional_a", "referent_b", "network_head_a"],
)
def test_others_get_403_or_404_and_nothing_changes(client, world, sheet, who):
    session, slot, enrolments = sheet
    if who == "other_trainer":
        from ..factories import training_session

        user = staff(world, "structure_b")
        assign_perm("training.animate_trainingsession", user, training_session(world))
    else:
        user = getattr(world, who)
    login(client, user)
    before = database_fingerprint()

    with engine.clock(during(slot)):
        page = client.get(reverse("training:attendance", args=[slot.pk]))
        posted = client.post(
            reverse("training:attendance", args=[slot.pk]), _form(enrolments)
        )
        pdf = client.get(reverse("training:sign_in_sheet", args=[slot.pk]))

    assert page.status_code in (403, 404)
    assert posted.status_code in (403, 404)
    assert pdf.status_code in (403, 404)
    assert database_fingerprint() == before


def test_nothing_is_recorded_before_the_half_day_starts(client, world, sheet):
    session, slot, enrolments = sheet
    login(client, world.gref)

    response = client.post(
        reverse("training:attendance", args=[slot.pk]), _form(enrolments)
    )

    assert response.status_code == 400
    assert "n'a pas commencé" in response.content.decode()
    assert not Attendance.objects.exists()


def test_someone_not_confirmed_in_the_session_is_refused_and_nothing_is_recorded(
    client, world, sheet
):
    session, slot, enrolments = sheet
    pending = enrolment_for(world, session, approve=False)
    login(client, world.gref)
    before = database_fingerprint()

    with engine.clock(during(slot)):
        response = client.post(
            reverse("training:attendance", args=[slot.pk]),
            _form(enrolments) | _form([pending]),
        )

    assert response.status_code == 400
    assert "pas inscrite et confirmée" in response.content.decode()
    assert database_fingerprint() == before


def test_a_forged_form_value_is_refused_in_french(client, world, sheet):
    session, slot, enrolments = sheet
    login(client, world.gref)
    with engine.clock(during(slot)):
        response = client.post(
            reverse("training:attendance", args=[slot.pk]),
            {f"presence-{enrolments[0].pk}": "peut-être", "presence-x": "present"},
        )
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_the_sign_in_sheet_is_a_pdf_with_each_confirmed_participant(
    client, world, sheet
):
    from training.documents import sign_in_sheet_lines
    from training.selectors import sheet_rows

    session, slot, enrolments = sheet
    login(client, world.gref)

    response = client.get(reverse("training:sign_in_sheet", args=[slot.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    lines = sign_in_sheet_lines(slot, sheet_rows(slot))
    for enrolment in enrolments:
        assert any(enrolment.person.get_full_name() in line for line in lines)


def test_the_attendance_page_does_not_grow_with_participants(
    client, world, sheet, django_assert_max_num_queries
):
    session, slot, enrolments = sheet
    login(client, world.gref)
    url = reverse("training:attendance", args=[slot.pk])
    with engine.clock(during(slot)):
        client.get(url)
        small = count_queries(client, url)
    for _ in range(6):
        enrolment_for(world, session)
    with engine.clock(during(slot)), django_assert_max_num_queries(small):
        assert client.get(url).status_code == 200
    assert small <= 20
