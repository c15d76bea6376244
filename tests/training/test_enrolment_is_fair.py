"""The enrolment workflow is fair by construction: the referent approves before
a request takes a place; seats go first come, first served; a freed seat is
offered to the first in line for a limited time, then to the next."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from notifications.models import Notification, OutgoingMail
from training import services
from training.models import Enrolment, QueueMove
from training.services import TrainingError
from workflows import engine

from ..factories import enrolment_for, staff, training_session


def state(enrolment) -> str:
    return Enrolment.objects.get(pk=enrolment.pk).state


def test_a_request_waits_for_the_referent_before_it_takes_a_place(world):
    session = training_session(world, capacity=1)
    early = enrolment_for(world, session, approve=False)
    late = enrolment_for(world, session)

    assert state(early) == "requested"
    assert state(late) == "confirmed"
    assert Notification.objects.filter(
        user=world.referent_a, title__contains="à valider"
    ).exists()

    engine.fire(early, "approve", user=world.referent_a)
    assert state(early) == "waitlisted"


def test_the_waiting_list_is_first_come_first_served_and_each_sees_their_place(world):
    session = training_session(world, capacity=1)
    enrolment_for(world, session)
    queue = [enrolment_for(world, session) for _ in range(3)]

    assert [services.queue_position(Enrolment.objects.get(pk=e.pk)) for e in queue] == [
        1,
        2,
        3,
    ]
    assert (
        "position 2"
        in Notification.objects.filter(
            user=queue[1].person, title__startswith="Liste d'attente"
        )
        .get()
        .body
    )


def test_a_freed_seat_is_offered_to_the_first_in_line_and_held_for_them(world):
    session = training_session(world, capacity=1)
    seated = enrolment_for(world, session)
    first, second = enrolment_for(world, session), enrolment_for(world, session)

    engine.fire(seated, "cancel", user=seated.person)

    offered = Enrolment.objects.get(pk=first.pk)
    assert offered.state == "offered"
    expected = timezone.now() + datetime.timedelta(hours=48)
    assert abs((offered.offer_expires_at - expected).total_seconds()) < 60
    assert state(second) == "waitlisted"
    mail = OutgoingMail.objects.get(to=offered.person.email, sensitive=True)
    assert offered.offer_key in mail.body and mail.sensitive
    # The open offer holds its seat: a new approved request waits.
    newcomer = enrolment_for(world, session)
    assert state(newcomer) == "waitlisted"


def test_a_declined_offer_passes_to_the_next_in_line(world):
    session = training_session(world, capacity=1)
    seated = enrolment_for(world, session)
    first, second = enrolment_for(world, session), enrolment_for(world, session)
    engine.fire(seated, "cancel", user=seated.person)

    engine.fire(Enrolment.objects.get(pk=first.pk), "decline", user=first.person)

    assert state(first) == "declined"
    assert state(second) == "offered"


def test_an_expired_offer_passes_to_the_next_at_the_next_periodic_run(world):
    session = training_session(world, capacity=1)
    seated = enrolment_for(world, session)
    first, second = enrolment_for(world, session), enrolment_for(world, session)
    engine.fire(seated, "cancel", user=seated.person)
    expiry = Enrolment.objects.get(pk=first.pk).offer_expires_at

    assert services.offers_expire(at=expiry - datetime.timedelta(minutes=1)) == 0
    assert services.offers_expire(at=expiry + datetime.timedelta(minutes=1)) == 1
    assert services.offers_expire(at=expiry + datetime.timedelta(minutes=2)) == 0

    assert state(first) == "offer_expired"
    assert state(second) == "offered"


def test_offers_are_shorter_close_to_the_session_and_none_once_too_close(world):
    session = training_session(world, starts_in_days=3, capacity=1)
    seated = enrolment_for(world, session)
    first = enrolment_for(world, session)

    twenty_hours_before = session.starts_at - datetime.timedelta(hours=20)
    with engine.clock(twenty_hours_before):
        engine.fire(seated, "cancel_late", user=seated.person)
    offered = Enrolment.objects.get(pk=first.pk)
    assert offered.state == "offered"
    assert offered.offer_expires_at - twenty_hours_before == datetime.timedelta(
        hours=10
    )

    other = training_session(world, starts_in_days=3, capacity=1)
    seated = enrolment_for(world, other)
    waiting = enrolment_for(world, other)
    with engine.clock(other.starts_at - datetime.timedelta(hours=5)):
        engine.fire(seated, "cancel_late", user=seated.person)
    assert state(waiting) == "waitlisted"


def test_cancelling_after_the_cut_off_is_counted_as_late(world):
    session = training_session(world, starts_in_days=10)
    on_time, late = enrolment_for(world, session), enrolment_for(world, session)

    names = {t.name for t in engine.available_transitions(on_time.person, on_time)}
    assert "cancel" in names and "cancel_late" not in names
    engine.fire(on_time, "cancel", user=on_time.person)
    with engine.clock(session.starts_at - datetime.timedelta(hours=24)):
        names = {t.name for t in engine.available_transitions(late.person, late)}
        assert names == {"cancel_late"}
        engine.fire(late, "cancel_late", user=late.person)

    assert (state(on_time), state(late)) == ("cancelled", "cancelled_late")


def test_more_seats_go_to_the_waiting_list_at_once(world):
    session = training_session(world, capacity=1)
    enrolment_for(world, session)
    first, second = enrolment_for(world, session), enrolment_for(world, session)

    services.capacity_change(user=world.gref, session=session, capacity=2)

    assert (state(first), state(second)) == ("offered", "waitlisted")
    with pytest.raises(TrainingError):
        services.capacity_change(user=world.gref, session=session, capacity=1)


def test_gref_moves_someone_in_line_only_with_a_written_reason(world):
    session = training_session(world, capacity=1)
    enrolment_for(world, session)
    first, second = enrolment_for(world, session), enrolment_for(world, session)

    with pytest.raises(TrainingError, match="motif"):
        services.queue_move(
            user=world.gref, enrolment=second, direction="up", reason=" "
        )
    services.queue_move(
        user=world.gref,
        enrolment=second,
        direction="up",
        reason="Prioritaire : prise de poste en accueil le mois prochain.",
    )

    assert services.queue_position(Enrolment.objects.get(pk=second.pk)) == 1
    assert services.queue_position(Enrolment.objects.get(pk=first.pk)) == 2
    move = QueueMove.objects.get()
    assert (move.enrolment_id, move.by, move.direction) == (second.pk, world.gref, "up")
    with pytest.raises(TrainingError):
        services.queue_move(
            user=world.gref, enrolment=second, direction="up", reason="x"
        )


def test_a_cancelled_session_cancels_every_enrolment_and_tells_why(world):
    session = training_session(world, capacity=1)
    seated, waiting = enrolment_for(world, session), enrolment_for(world, session)
    pending = enrolment_for(world, session, approve=False)

    services.session_cancel(
        user=world.gref, session=session, reason="Intervenante malade."
    )

    for enrolment in (seated, waiting, pending):
        assert state(enrolment) == "cancelled_by_organiser"
        told = Notification.objects.get(
            user=enrolment.person, title__startswith="Inscription annulée"
        )
        assert "Intervenante malade." in told.body


def test_a_structure_cap_keeps_a_regional_session_open_to_every_structure(world):
    session = training_session(world, capacity=10, seats_per_structure=2)
    enrolment_for(world, session)
    enrolment_for(world, session, approve=False)

    with pytest.raises(TrainingError, match="maximum"):
        enrolment_for(world, session)
    other = enrolment_for(world, session, staff(world, "structure_b"))

    assert state(other) == "confirmed"
    assert (
        Enrolment.objects.filter(session=session, structure=world.structure_a).count()
        == 2
    )


def test_a_referent_enrolling_a_colleague_approves_it_at_once(world):
    session = training_session(world)
    colleague = staff(world)

    enrolment = services.enrolment_request(
        user=world.referent_a, session=session, person=colleague
    )

    assert (enrolment.state, enrolment.person, enrolment.requested_by) == (
        "confirmed",
        colleague,
        world.referent_a,
    )
