"""Minutes of a meeting: drafted by the secretariat, approved by the chair
(or the secretariat), published to the members, who read them only then; who
approved and when is kept, and the chair finds the drafts in their to-do."""

from __future__ import annotations

import html

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from coordination.governance import services
from coordination.models import MinutesStatus
from extranet import todo

from ..conftest import login
from ..factories import body_for, meeting_for

pytestmark = pytest.mark.django_db

SECRET = "Le plan des territoires est arrêté en séance."


@pytest.fixture
def body(world):
    return body_for(
        world, "gtr", members=[world.network_head_a], chair=world.referent_a
    )


def read(client, meeting) -> str:
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_a_member_reads_minutes_only_once_published(client, world, body):
    meeting = meeting_for(world, body, minutes=SECRET, status="draft")
    login(client, world.network_head_a)
    assert SECRET not in read(client, meeting)
    services.minutes_approve(meeting=meeting, actor=world.referent_a)
    assert SECRET not in read(client, meeting)
    services.minutes_publish(meeting=meeting, actor=world.coordinator)
    assert SECRET in read(client, meeting)


def test_the_chair_approves_the_draft_and_it_is_logged(client, world, body):
    meeting = meeting_for(world, body, minutes=SECRET, status="draft")
    login(client, world.referent_a)
    assert SECRET in read(client, meeting)
    url = reverse("governance:minutes_approve", args=[meeting.pk])
    assert client.post(url).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_status == MinutesStatus.APPROVED
    assert meeting.minutes_approved_by == world.referent_a
    assert meeting.minutes_approved_at is not None
    last = meeting.history.order_by("-history_date").first()
    assert last.history_user == world.referent_a
    assert last.history_change_reason == "approve minutes"


def test_a_member_who_does_not_chair_cannot_approve(world, body):
    meeting = meeting_for(world, body, minutes=SECRET, status="draft")
    with pytest.raises(PermissionDenied):
        services.minutes_approve(meeting=meeting, actor=world.network_head_a)
    meeting.refresh_from_db()
    assert meeting.minutes_status == MinutesStatus.DRAFT


def test_approved_minutes_no_longer_change_and_only_approved_ones_are_published(
    client, world, body
):
    meeting = meeting_for(world, body, minutes=SECRET, status="draft")
    with pytest.raises(ValidationError):
        services.minutes_publish(meeting=meeting, actor=world.coordinator)
    services.minutes_approve(meeting=meeting, actor=world.coordinator)
    with pytest.raises(ValidationError):
        services.meeting_update(
            meeting=meeting, actor=world.coordinator, data={"minutes": "Réécrit"}
        )
    login(client, world.coordinator)
    url = reverse("governance:minutes_approve", args=[meeting.pk])
    response = client.post(url)
    assert response.status_code == 400
    assert "Seul un projet" in html.unescape(response.content.decode())
    meeting.refresh_from_db()
    assert meeting.minutes == SECRET


def test_the_chair_finds_the_draft_minutes_in_their_to_do(world, body):
    meeting = meeting_for(world, body, minutes=SECRET, status="draft")
    items = [
        i
        for i in todo.items_for(world.referent_a)
        if i.url == meeting.get_absolute_url()
    ]
    assert len(items) == 1
    assert "Compte rendu à approuver" in items[0].title
    assert not [
        i for i in todo.items_for(world.network_head_a) if i.category == "Instances"
    ]
    services.minutes_approve(meeting=meeting, actor=world.referent_a)
    assert not [
        i for i in todo.items_for(world.referent_a) if i.category == "Instances"
    ]


def test_the_secretariat_records_attendance_and_a_document(client, world, body):
    from ..factories import resource_upload

    meeting = meeting_for(world, body)
    seat = body.members.get(user=world.network_head_a)
    login(client, world.coordinator)
    response = client.post(
        reverse("governance:meeting_edit", args=[meeting.pk]),
        {
            "held_on": "2026-03-12T14:00",
            "place": "Rennes",
            "agenda": "Ordre du jour",
            "minutes": "Projet",
            f"presence_{seat.pk}": "excused",
        },
    )
    assert response.status_code == 302
    assert meeting.attendance.get().status == "excused"
    meeting.refresh_from_db()
    assert meeting.minutes_status == MinutesStatus.DRAFT
    response = client.post(
        reverse("governance:document_new", args=[meeting.pk]),
        {"title": "Diaporama", "file": resource_upload(name="d.pdf", text="Diapo")},
    )
    assert response.status_code == 302
    document = meeting.documents.get()
    login(client, world.network_head_a)
    download = client.get(reverse("governance:document", args=[document.pk]))
    assert download.status_code == 200
    assert (
        download["Cache-Control"].startswith("private")
        or "no-store" in download["Cache-Control"]
    )


def test_a_document_that_is_not_a_document_is_refused_in_french(client, world, body):
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting = meeting_for(world, body)
    login(client, world.coordinator)
    response = client.post(
        reverse("governance:document_new", args=[meeting.pk]),
        {"title": "Script", "file": SimpleUploadedFile("x.pdf", b"#!/bin/sh\n")},
    )
    assert response.status_code == 400
    assert meeting.documents.count() == 0
