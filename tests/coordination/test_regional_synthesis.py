"""The regional synthesis of the local plans: its counts come from the
records of the year's reviewed plans, in a bounded number of queries whatever
the number of territories; once presented to the CREFOP commission a version
is frozen (figures and text) and a change makes the next version; the
commission's decision records its receipt; it is read as a page and as a PDF."""

from __future__ import annotations

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coordination.models import (
    ActionKind,
    ActionPartner,
    LocalAction,
    LocalPlan,
    RegionalSynthesis,
)
from coordination.plans import services
from coordination.plans.selectors import synthesis_figures

from ..conftest import login
from ..factories import (
    TerritoryFactory,
    body_for,
    enrolment_for,
    local_plan_in_state,
    meeting_for,
    practice_for,
    training_session,
)

pytestmark = pytest.mark.django_db

YEAR = datetime.date.today().year - 1


def page(response) -> str:
    return html.unescape(response.content.decode())


def _synthesis(world, **data) -> RegionalSynthesis:
    return services.synthesis_create(
        user=world.coordinator,
        year=YEAR,
        data={
            "title": "Synthèse régionale",
            "narrative": "Les territoires ont travaillé ensemble.",
            "recommendations": "",
            **data,
        },
    )


def _many_reviewed_plans(world, count: int, *, year: int = YEAR) -> None:
    """``count`` reviewed plans of as many territories, in bulk: a
    partnership action piloted by structure A with structure B as partner,
    and a professionalisation action whose session A's staff attended."""
    territories = TerritoryFactory.create_batch(count)
    plans = LocalPlan.objects.bulk_create(
        LocalPlan(
            territory=t,
            year=year,
            title=f"Plan {t.name}",
            state="reviewed",
            review_summary="Bilan remis.",
        )
        for t in territories
    )
    themes = ["coverage", "vulnerable", "peaks"]
    actions = LocalAction.objects.bulk_create(
        [
            LocalAction(
                plan=p,
                kind=ActionKind.PARTNERSHIP,
                title="Action partenariale",
                theme=themes[i % 3],
                pilot=world.structure_a,
                outcome="done" if i % 2 else "partly",
            )
            for i, p in enumerate(plans)
        ]
    )
    ActionPartner.objects.bulk_create(
        ActionPartner(action=a, organisation=world.structure_b.organisation)
        for a in actions
    )


def test_the_figures_count_what_the_reviewed_plans_record(world):
    plan = local_plan_in_state(world, "under_review", year=YEAR)
    session = training_session(world)
    attended = [enrolment_for(world, session) for _ in range(3)]
    from training.models import Enrolment

    Enrolment.objects.filter(pk__in=[e.pk for e in attended[:2]]).update(
        state="attended"
    )
    professionalisation = LocalAction.objects.create(
        plan=plan,
        kind=ActionKind.PROFESSIONALISATION,
        title="Décliner l'API",
        plan_action=session.action,
    )
    professionalisation.sessions.add(session)
    partnership = plan.actions.get(kind=ActionKind.PARTNERSHIP)
    ActionPartner.objects.create(
        action=partnership, organisation=world.structure_b.organisation
    )
    partnership.practices.add(practice_for(world))
    services.review_save(
        user=world.territorial_officer_a,
        plan=plan,
        data={"review_summary": "Une année utile."},
        actions={
            a.pk: {"outcome": "done" if a.kind != "local_need" else "postponed"}
            for a in plan.actions.all()
        },
    )
    from workflows import engine

    engine.fire(plan, "hand_in_review", user=world.territorial_officer_a)
    # A plan still in progress elsewhere counts as a plan, not in the review.
    local_plan_in_state(world, "in_progress", year=YEAR, territory=world.territory_b)

    figures = synthesis_figures(YEAR)

    assert (figures.plans, figures.plans_reviewed) == (2, 1)
    assert figures.actions == {
        "Action de professionnalisation déclinée du plan régional": 1,
        "Besoin local remonté au niveau régional": 1,
        "Action partenariale": 1,
    }
    assert sorted(figures.outcomes.values()) == [0, 0, 1, 2]
    assert figures.structures_involved == 2  # the pilot A and the partner B
    assert figures.people_trained == 2  # present at the session, counted once
    assert figures.practices == 1
    assert [t["count"] for t in figures.themes] == [1]
    assert [row["territory"] for row in figures.territories] == ["Brest", "Rennes"]


@pytest.mark.parametrize("count", [2, 100])
def test_the_figures_of_100_territories_take_as_many_queries_as_of_2(
    world, django_assert_max_num_queries, count
):
    _many_reviewed_plans(world, count)
    with django_assert_max_num_queries(8):
        figures = synthesis_figures(YEAR)
    assert figures.plans_reviewed == count
    assert figures.structures_involved == 2
    assert len(figures.territories) == count


def test_the_synthesis_page_and_pdf_do_not_grow_with_the_territories(
    client, world, django_assert_max_num_queries
):
    synthesis = _synthesis(world)
    login(client, world.coordinator)
    client.get(reverse("localplans:syntheses"))  # warm the session
    counts = []
    for count in (2, 98):
        _many_reviewed_plans(world, count)
        with django_assert_max_num_queries(20) as on_page:
            response = client.get(synthesis.get_absolute_url())
        assert response.status_code == 200
        with django_assert_max_num_queries(20) as in_pdf:
            pdf = client.get(reverse("localplans:synthesis_pdf", args=[synthesis.pk]))
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        counts.append((len(on_page), len(in_pdf)))
    assert counts[0] == counts[1]
    assert page(response).count("Bilan remis.") == 100


def test_a_presented_version_is_frozen_and_a_change_makes_the_next_version(
    client, world
):
    _many_reviewed_plans(world, 3)
    synthesis = _synthesis(world)
    login(client, world.coordinator)
    response = client.post(
        reverse("localplans:synthesis_present", args=[synthesis.pk]),
        {"presented_at": datetime.date.today().isoformat()},
    )
    assert response.status_code == 302
    synthesis.refresh_from_db()
    assert synthesis.is_presented and synthesis.figures["plans_reviewed"] == 3

    # Later records do not change the presented figures.
    _many_reviewed_plans(world, 2)
    presented = page(client.get(synthesis.get_absolute_url()))
    assert presented.count("Bilan remis.") == 3  # the reviews it compiled
    assert "Plans dont le bilan est remis : 3 (sur 3 cette année)" in page(
        client.get(synthesis.get_absolute_url())
    )

    response = client.post(
        reverse("localplans:synthesis_edit", args=[synthesis.pk]),
        {
            "title": "Synthèse régionale",
            "narrative": "Texte revu.",
            "recommendations": "",
        },
    )
    second = RegionalSynthesis.objects.get(version=2)
    assert response.status_code == 302 and response.url == second.get_absolute_url()
    assert second.previous == synthesis and second.narrative == "Texte revu."
    assert page(client.get(second.get_absolute_url())).count("Bilan remis.") == 5
    assert "Plans dont le bilan est remis : 5 (sur 5 cette année)" in page(
        client.get(second.get_absolute_url())
    )
    synthesis.refresh_from_db()
    assert synthesis.narrative == "Les territoires ont travaillé ensemble."
    assert synthesis.figures["plans_reviewed"] == 3

    # The presented version cannot fork twice, nor be presented again.
    response = client.post(
        reverse("localplans:synthesis_edit", args=[synthesis.pk]),
        {"title": "Encore", "narrative": "Encore.", "recommendations": ""},
    )
    assert response.status_code == 400
    assert "Une nouvelle version de cette synthèse existe déjà" in page(response)
    response = client.post(
        reverse("localplans:synthesis_present", args=[synthesis.pk]),
        {"presented_at": datetime.date.today().isoformat()},
    )
    assert response.status_code == 400
    assert "Cette version a déjà été présentée." in page(response)
    assert RegionalSynthesis.objects.count() == 2
    assert synthesis.history.count() == 2  # created, presented


def test_a_presentation_in_the_future_or_without_text_is_refused(client, world):
    synthesis = _synthesis(world, narrative="")
    login(client, world.coordinator)
    url = reverse("localplans:synthesis_present", args=[synthesis.pk])
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    for day, message in (
        (tomorrow.isoformat(), "La date de présentation ne peut être à venir."),
        (datetime.date.today().isoformat(), "Écrivez l'analyse de la synthèse"),
        ("hier", "Saisissez une date valide."),
    ):
        response = client.post(url, {"presented_at": day})
        assert response.status_code == 400
        assert message in page(response), day
    synthesis.refresh_from_db()
    assert not synthesis.is_presented


def test_a_second_synthesis_for_the_year_is_refused(client, world):
    _synthesis(world)
    login(client, world.coordinator)
    response = client.post(
        reverse("localplans:synthesis_new"),
        {"year": YEAR, "title": "Doublon", "narrative": "Gardé", "recommendations": ""},
    )
    assert response.status_code == 400
    assert f"La synthèse {YEAR} existe déjà." in page(response)
    assert "Gardé" in page(response)
    with pytest.raises(ValidationError):
        _synthesis(world)


def test_the_crefop_commissions_decision_records_the_receipt(client, world):
    synthesis = _synthesis(world)
    draft_only = services.synthesis_create(
        user=world.coordinator, year=YEAR - 1, data={"title": "Brouillon"}
    )
    crefop = body_for(world, "crefop", members=[world.network_head_a])
    meeting = meeting_for(world, crefop)
    login(client, world.coordinator)
    form = page(client.get(reverse("governance:decision_new", args=[crefop.pk])))
    assert "Réception de la synthèse régionale" in form
    assert str(draft_only) not in form  # only presented versions are offered

    values = {
        "number": "CREFOP-OTLV-7",
        "decided_on": datetime.date.today().isoformat(),
        "meeting": meeting.pk,
        "text": "La commission prend acte de la synthèse régionale.",
        "subject_key": "crefop_synthesis_receipt",
    }
    response = client.post(
        reverse("governance:decision_new", args=[crefop.pk]),
        {**values, "subject_id": str(synthesis.pk)},
    )
    assert response.status_code == 400  # not presented yet: refused, nothing saved
    synthesis.refresh_from_db()
    assert synthesis.received_on is None

    services.synthesis_present(
        user=world.coordinator, synthesis=synthesis, on=datetime.date.today()
    )
    response = client.post(
        reverse("governance:decision_new", args=[crefop.pk]),
        {**values, "subject_id": str(synthesis.pk)},
    )
    assert response.status_code == 302
    synthesis.refresh_from_db()
    assert synthesis.received_on == datetime.date.today()
    assert "CREFOP-OTLV-7" in synthesis.received_reference
    assert "Reçue par la commission" in page(client.get(synthesis.get_absolute_url()))
