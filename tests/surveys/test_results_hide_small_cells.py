"""Results are released at the close, never live; a cut with fewer answers
than the threshold is hidden, and so is what would let it be recomputed, in
the pages, the exports and the open data; a reader sees only the rows in
their reach, and another structure's results stay out of reach whatever the
URL says."""

from __future__ import annotations

import csv
import html
import io

import pytest
from django.urls import reverse

from surveys import services

from ..conftest import login
from ..factories import answer_many, campaign_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(world):
    campaign = campaign_for(world, mode="public")
    answer_many(campaign, world.structure_a, 14)
    answer_many(campaign, world.structure_a2, 12)
    answer_many(campaign, world.structure_b, 3)
    return services.campaign_close(user=world.coordinator, campaign=campaign)


def page(client, campaign, cut="structure"):
    response = client.get(reverse("surveys:results", args=[campaign.pk]), {"par": cut})
    return response, html.unescape(response.content.decode())


def test_results_are_not_shown_before_the_close(client, world):
    campaign = campaign_for(world, mode="public")
    answer_many(campaign, world.structure_a, 20)
    login(client, world.coordinator)
    response, text = page(client, campaign, "total")
    assert response.status_code == 200
    assert "visibles à la clôture" in text
    assert "20 réponses au total" not in text


def test_a_structure_under_the_threshold_is_hidden_and_so_is_its_complement(
    client, world, closed
):
    login(client, world.coordinator)
    _response, text = page(client, closed, "structure")
    assert "pas assez de réponses" in text.lower()
    # Structure B (3 answers) is hidden; in territory B (A2 + B) and in the
    # whole, A2 would give B by difference: A2 is hidden too.
    results = services  # noqa: F841
    from surveys.policy import Reach
    from surveys.selectors import campaign_results

    found = campaign_results(closed, Reach(everything=True))
    satisfaction = found.questions[0]
    shown = {c.label: c.shown for c in satisfaction.cells["structure"]}
    assert shown[str(world.structure_b)] is False
    assert shown[str(world.structure_a)] is True
    hidden_in_b = [c for c in satisfaction.cells["structure"] if not c.shown]
    assert (
        sum(c.n for c in hidden_in_b) >= closed.threshold
        or not satisfaction.total.shown
    )


def test_the_csv_and_xlsx_exports_hide_the_same_cells(client, world, closed):
    login(client, world.coordinator)
    response = client.get(
        reverse("surveys:results_csv", args=[closed.pk]), {"par": "structure"}
    )
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    hidden = [r for r in rows if r[4] == str(world.structure_b)]
    assert hidden and all(
        r[5] == "" and r[6] == "pas assez de réponses" for r in hidden
    )
    xlsx = client.get(reverse("surveys:results_xlsx", args=[closed.pk]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_published_open_data_hide_the_same_cells(client, world, closed):
    services.campaign_publish(user=world.coordinator, campaign=closed, published=True)
    response = client.get(
        reverse("surveys_public:published_csv", args=[closed.pk]), {"par": "structure"}
    )
    text = response.content.decode("utf-8-sig")
    line = [r for r in text.splitlines() if str(world.structure_b) in r]
    assert line and all("pas assez de réponses" in r for r in line)
    public = client.get(reverse("surveys_public:published_results", args=[closed.pk]))
    assert public.status_code == 200


def test_an_unpublished_campaign_has_no_public_results(client, closed):
    response = client.get(reverse("surveys_public:published_results", args=[closed.pk]))
    assert response.status_code == 404


def test_a_referent_reads_their_structure_only(client, world, closed):
    login(client, world.referent_a)
    response, text = page(client, closed, "structure")
    assert response.status_code == 200
    assert str(world.structure_a) in text
    assert str(world.structure_a2) not in text and str(world.structure_b) not in text


def test_a_referent_cannot_read_a_campaign_of_other_structures(client, world):
    campaign = campaign_for(world, mode="public", structures=[world.structure_b])
    answer_many(campaign, world.structure_b, 12)
    services.campaign_close(user=world.coordinator, campaign=campaign)
    login(client, world.referent_a)
    assert client.get(reverse("surveys:results", args=[campaign.pk])).status_code == 404
    assert (
        client.get(reverse("surveys:results_csv", args=[campaign.pk])).status_code
        == 404
    )
    login(client, world.referent_b)
    assert client.get(reverse("surveys:results", args=[campaign.pk])).status_code == 200


def test_a_network_head_reads_their_network(client, world, closed):
    login(client, world.network_head_b)
    response, text = page(client, closed, "network")
    assert response.status_code == 200
    assert str(world.network_b) in text and str(world.network_a) not in text


def test_the_results_page_does_not_grow_with_structures(
    client, world, closed, django_assert_max_num_queries
):
    login(client, world.coordinator)
    with django_assert_max_num_queries(16):
        page(client, closed, "structure")


def test_free_texts_are_listed_only_once_moderated(client, world):
    from surveys.models import Answer

    campaign = campaign_for(world, mode="peer")
    for _ in range(12):
        services.response_submit(
            campaign=campaign,
            structure=world.structure_a,
            answers=__import__("tests.factories", fromlist=["x"]).answers_for(
                campaign.survey, accueil="bien", remarques=("text", "Très bon accueil")
            ),
        )
    services.responses_flush(campaign=campaign, force=True)
    services.campaign_close(user=world.coordinator, campaign=campaign)
    login(client, world.coordinator)
    _r, text = page(client, campaign, "total")
    assert "Très bon accueil" not in text
    answer = Answer.objects.filter(text="Très bon accueil").first()
    client.post(
        reverse("surveys:moderation", args=[campaign.pk]),
        {"answer": answer.pk, "decision": "approved"},
    )
    Answer.objects.filter(text="Très bon accueil").update(moderation="approved")
    _r, text = page(client, campaign, "total")
    assert "Très bon accueil" in text


def test_free_texts_waiting_are_on_the_organisers_to_do(client, world):
    from ..factories import answers_for

    campaign = campaign_for(world, mode="peer")
    services.response_submit(
        campaign=campaign,
        structure=world.structure_a,
        answers=answers_for(campaign.survey, accueil="bien", remarques=("text", "Oui")),
    )
    services.responses_flush(campaign=campaign, force=True)
    login(client, world.coordinator)
    page = html.unescape(client.get(reverse("extranet:dashboard")).content.decode())
    assert f"1 réponse libre à modérer : {campaign.title}" in page
    login(client, world.referent_a)
    page = html.unescape(client.get(reverse("extranet:dashboard")).content.decode())
    assert "à modérer" not in page
