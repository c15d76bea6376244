"""Training dates in one's own calendar: a session's .ics, and a personal feed
at a secret, revocable address holding the sessions one has a seat in."""

from __future__ import annotations

from django.urls import reverse
from icalendar import Calendar

from training import services
from training.models import CalendarFeed
from workflows import engine

from ..conftest import login
from ..factories import enrolment_for, staff, training_session


def entries(response) -> list:
    assert response["Content-Type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_a_session_file_has_one_entry_per_half_day_and_no_visio_link_for_a_visitor(
    client, world
):
    session = training_session(world)
    login(client, world.referent_b)
    found = entries(client.get(reverse("training:session_ics", args=[session.pk])))
    assert [str(e["summary"]) for e in found] == [session.title] * 2
    assert found[0]["dtstart"].dt < found[1]["dtstart"].dt
    assert len({str(e["uid"]) for e in found}) == 2
    assert "salle-secrete" not in str(found[0]["description"])


def test_a_confirmed_participant_gets_the_visio_link_in_the_file(client, world):
    session = training_session(world)
    enrolment_for(world, session, world.professional_a)
    login(client, world.professional_a)
    found = entries(client.get(reverse("training:session_ics", args=[session.pk])))
    assert "https://visio.example.org/salle-secrete" in str(found[0]["description"])


def test_a_draft_session_has_no_file_for_outsiders(client, world):
    session = training_session(world)
    session.status = "draft"
    session.save(update_fields=["status"])
    login(client, world.professional_a)
    response = client.get(reverse("training:session_ics", args=[session.pk]))
    assert response.status_code == 404


def test_the_personal_feed_holds_only_ones_confirmed_sessions(client, world):
    mine, other, waiting = (training_session(world, capacity=1) for _ in range(3))
    enrolment_for(world, mine, world.professional_a)
    enrolment_for(world, other, staff(world))
    enrolment_for(world, waiting, staff(world))
    enrolment_for(world, waiting, world.professional_a)  # on the waiting list
    feed = services.calendar_feed_renew(user=world.professional_a)

    client.logout()
    response = client.get(reverse("training:calendar_feed", args=[feed.key]))
    found = entries(response)
    assert {str(e["uid"]).split("@")[0] for e in found} == {
        f"training-slot-{slot.pk}" for slot in mine.slots.all()
    }
    assert "salle-secrete" in str(found[0]["description"])


def test_a_seat_given_up_leaves_the_feed(client, world):
    session = training_session(world)
    enrolment = enrolment_for(world, session, world.professional_a)
    feed = services.calendar_feed_renew(user=world.professional_a)
    url = reverse("training:calendar_feed", args=[feed.key])
    assert len(entries(client.get(url))) == 2
    engine.fire(enrolment, "cancel", user=world.professional_a)
    assert entries(client.get(url)) == []


def test_a_renewed_address_voids_the_old_one_and_a_stopped_one_answers_404(
    client, world
):
    old = services.calendar_feed_renew(user=world.professional_a).key
    new = services.calendar_feed_renew(user=world.professional_a).key
    assert old != new
    assert client.get(reverse("training:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("training:calendar_feed", args=[new])).status_code == 200
    assert services.calendar_feed_stop(user=world.professional_a)
    assert client.get(reverse("training:calendar_feed", args=[new])).status_code == 404
    forged = reverse("training:calendar_feed", args=["forge"])
    assert client.get(forged).status_code == 404


def test_the_calendar_page_creates_renews_and_stops_ones_own_address(client, world):
    login(client, world.professional_a)
    url = reverse("training:calendar")
    page = client.get(url)
    assert page.status_code == 200
    assert "Créer mon adresse d'agenda" in page.content.decode()

    client.post(url, {"action": "renew"})
    key = CalendarFeed.objects.get(user=world.professional_a).key
    assert key in client.get(url).content.decode()

    client.post(url, {"action": "renew"})
    assert CalendarFeed.objects.get(user=world.professional_a).key != key

    response = client.post(url, {"action": "n'importe quoi"}, follow=True)
    assert "rien n&#x27;a changé" in response.content.decode()
    client.post(url, {"action": "stop"})
    assert not CalendarFeed.objects.filter(user=world.professional_a).exists()


def test_nobody_sees_another_persons_address(client, world):
    feed = services.calendar_feed_renew(user=world.professional_a)
    login(client, world.referent_a)
    assert feed.key not in client.get(reverse("training:calendar")).content.decode()


def test_the_feed_costs_the_same_queries_whatever_the_number_of_sessions(
    client, world, django_assert_max_num_queries
):
    for _ in range(4):
        enrolment_for(world, training_session(world), world.professional_a)
    feed = services.calendar_feed_renew(user=world.professional_a)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("training:calendar_feed", args=[feed.key]))
    assert len(entries(response)) == 8
