"""A referent types the week day by day and announces closures; the public card
follows; what was typed wrong is refused in French and nothing is lost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from extranet.models import OpeningException, Structure

from ..conftest import login
from .test_structure_profile_bad_input import card_data


@pytest.fixture
def referent(client, world):
    return login(client, world.referent_a)


def edit(client, structure, **changes):
    data = {**card_data(Structure.objects.get(pk=structure.pk)), **changes}
    return client.post(reverse("extranet:structure_edit", args=[structure.pk]), data)


def exceptions_url(structure) -> str:
    return reverse("extranet:structure_exceptions", args=[structure.pk])


def test_the_edit_form_shows_the_week_and_saves_it_day_by_day(referent, world):
    structure = world.structure_a
    page = referent.get(reverse("extranet:structure_edit", args=[structure.pk]))
    content = page.content.decode()
    assert "<legend>Lundi</legend>" in content
    assert 'name="d0_1_opens" value="09:00"' in content
    assert '<span class="visually-hidden">Lundi, </span>Ouvre à' in content

    response = edit(
        referent,
        structure,
        d0_1_opens="08:30",
        d0_1_closes="12:00",
        d0_2_opens="13:30",
        d0_2_closes="17:00",
        d2_1_opens="",
        d2_1_closes="",
        d5_1_opens="09:00",
        d5_1_closes="12:00",
    )

    assert response.status_code == 302
    structure.refresh_from_db()
    assert structure.weekly_hours == [
        [0, "08:30", "12:00"],
        [0, "13:30", "17:00"],
        [1, "09:00", "17:00"],
        [3, "09:00", "17:00"],
        [4, "09:00", "17:00"],
        [5, "09:00", "12:00"],
    ]
    record = structure.history.first()
    assert record.history_user == world.referent_a
    history = referent.get(
        reverse("extranet:structure_detail", args=[structure.pk])
    ).context["history"]
    assert "horaires de la semaine" in history[0].fields


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"d0_1_opens": "25:00"}, "Saisissez une heure, par exemple 09:30."),
        ({"d0_1_closes": ""}, "Indiquez l&#x27;heure d&#x27;ouverture et l&#x27;heure"),
        ({"d0_1_closes": "08:00"}, "L&#x27;heure de fermeture doit suivre"),
        (
            {"d0_2_opens": "16:00", "d0_2_closes": "18:00"},
            "La réouverture doit suivre la fermeture",
        ),
    ],
)
def test_a_wrong_week_is_refused_in_french_and_the_rest_is_kept(
    referent, world, changes, message
):
    structure = world.structure_a
    before = Structure.objects.get(pk=structure.pk).weekly_hours
    response = edit(referent, structure, description="Nouvelle présentation", **changes)

    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert "Lundi, " in content  # the error summary names the day
    assert "Nouvelle présentation" in content
    assert Structure.objects.get(pk=structure.pk).weekly_hours == before


def test_a_closure_is_announced_shown_and_withdrawn_with_its_history(referent, world):
    structure = world.structure_a
    start = timezone.localdate() + dt.timedelta(days=7)
    response = referent.post(
        exceptions_url(structure),
        {
            "starts": start.isoformat(),
            "ends": (start + dt.timedelta(days=2)).isoformat(),
            "kind": "closed",
            "label": "Inventaire annuel",
        },
    )
    assert response.status_code == 302
    exception = OpeningException.objects.get(structure=structure)
    assert exception.is_closure
    page = referent.get(exceptions_url(structure)).content.decode()
    assert "Inventaire annuel" in page
    assert "fermé" in page

    public = referent.get(
        reverse("directory:detail", args=[structure.organisation.slug])
    ).content.decode()
    assert "Fermetures et horaires exceptionnels" in public
    assert "Inventaire annuel" in public

    response = referent.post(
        reverse(
            "extranet:structure_exception_remove", args=[structure.pk, exception.pk]
        )
    )
    assert response.status_code == 302
    assert not OpeningException.objects.exists()
    removal = OpeningException.history.filter(id=exception.pk).first()
    assert removal.history_type == "-"
    assert removal.history_user == world.referent_a
    history = referent.get(exceptions_url(structure)).context["history"]
    assert [entry.kind for entry in history] == ["Retrait", "Ajout"]
    assert "Inventaire annuel" in history[0].fields[0]
    assert history[0].user == world.referent_a


def test_other_hours_need_both_times_and_a_past_period_is_refused(referent, world):
    structure = world.structure_a
    start = timezone.localdate() + dt.timedelta(days=2)
    response = referent.post(
        exceptions_url(structure),
        {"starts": start.isoformat(), "ends": start.isoformat(), "kind": "hours"},
    )
    assert response.status_code == 400
    assert "Indiquez l&#x27;heure d&#x27;ouverture et de fermeture." in (
        response.content.decode()
    )
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = referent.post(
        exceptions_url(structure),
        {
            "starts": yesterday.isoformat(),
            "ends": yesterday.isoformat(),
            "kind": "closed",
        },
    )
    assert response.status_code == 400
    assert "Cette période est déjà passée." in response.content.decode()
    assert not OpeningException.objects.exists()


def test_an_exception_of_another_structure_cannot_be_withdrawn_through_ones_own(
    referent, world
):
    """Referent A puts structure B's exception id behind their own structure's URL."""
    theirs = OpeningException.objects.create(
        structure=world.structure_b,
        starts=timezone.localdate() + dt.timedelta(days=1),
        ends=timezone.localdate() + dt.timedelta(days=1),
    )
    response = referent.post(
        reverse(
            "extranet:structure_exception_remove",
            args=[world.structure_a.pk, theirs.pk],
        )
    )
    assert response.status_code == 404
    assert OpeningException.objects.filter(pk=theirs.pk).exists()
    page = referent.get(exceptions_url(world.structure_a)).content.decode()
    assert "Aucune fermeture" in page


def test_a_structure_cannot_pile_up_exceptions_without_end(referent, world):
    from extranet.services import OPENING_EXCEPTIONS_MAX

    day = timezone.localdate() + dt.timedelta(days=1)
    OpeningException.objects.bulk_create(
        OpeningException(structure=world.structure_a, starts=day, ends=day)
        for _ in range(OPENING_EXCEPTIONS_MAX)
    )
    response = referent.post(
        exceptions_url(world.structure_a),
        {"starts": day.isoformat(), "ends": day.isoformat(), "kind": "closed"},
    )
    assert response.status_code == 400
    assert "retirez-en un avant d" in response.content.decode()
    assert OpeningException.objects.count() == OPENING_EXCEPTIONS_MAX


def test_mistakes_on_several_days_are_all_said_at_once(referent, world):
    response = edit(
        referent,
        world.structure_a,
        d0_1_closes="08:00",
        d3_1_closes="",
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "d0_1_opens" in errors
    assert "d3_1_closes" in errors


def test_the_exceptions_page_title_is_plain_text_once_history_exists(referent, world):
    day = timezone.localdate() + dt.timedelta(days=3)
    referent.post(
        exceptions_url(world.structure_a),
        {"starts": day.isoformat(), "ends": day.isoformat(), "kind": "closed"},
    )
    content = referent.get(exceptions_url(world.structure_a)).content.decode()
    title = content.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title
    assert content.count('id="historique"') == 1
