"""The needs census: each network head and territorial officer says and sees
the needs of their own scope only, until the deadline; GREF and the Région's
coordination see them all, counted by theme, network and territory."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from extranet.models import Role
from training import services
from training.models import Need
from training.policy import need_policy
from workflows import engine

from ..conftest import login
from ..factories import member, need_for, needs_campaign, plan_draft


@pytest.fixture
def census(world):
    campaign = needs_campaign(world)
    return {
        "campaign": campaign,
        "a": need_for(world, campaign, world.network_head_a, people=10),
        "b": need_for(world, campaign, world.network_head_b, theme="VAE", people=5),
        "territory": need_for(
            world,
            campaign,
            world.territorial_officer_a,
            theme="VAE",
            people=7,
            reach="local",
            territory=world.territory_a,
        ),
    }


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("network_head_a", {"a"}),
        ("network_head_b", {"b"}),
        ("territorial_officer_a", {"territory"}),
        ("gref", {"a", "b", "territory"}),
        ("coordinator", {"a", "b", "territory"}),
        ("referent_a", set()),
        ("professional_a", set()),
        ("government", set()),
    ],
)
def test_each_role_sees_exactly_the_needs_of_its_scope(world, census, who, sees):
    user = getattr(world, who)
    visible = set(need_policy.visible(user, "view").values_list("pk", flat=True))

    assert visible == {census[name].pk for name in sees}


@pytest.mark.parametrize(
    ("who", "may_change"),
    [
        ("network_head_a", {"a"}),
        ("network_head_b", {"b"}),
        ("territorial_officer_a", {"territory"}),
        ("gref", set()),
        ("coordinator", set()),
    ],
)
def test_each_role_changes_exactly_the_needs_of_its_scope(
    world, census, who, may_change
):
    user = getattr(world, who)
    for name in ("a", "b", "territory"):
        need = census[name]
        data = {"theme": "Changé", "audience": "x", "people": 1}
        data.update(priority="low", reach=need.reach, territory=need.territory)
        data["comment"] = ""
        if name in may_change:
            services.need_save(user=user, need=need, data=data)
            assert Need.objects.get(pk=need.pk).theme == "Changé"
        else:
            with pytest.raises(PermissionDenied):
                services.need_save(user=user, need=need, data=data)
            assert Need.objects.get(pk=need.pk).theme != "Changé"


def test_a_need_is_said_for_ones_own_scope_whatever_is_posted(client, world):
    campaign = needs_campaign(world)
    login(client, world.network_head_a)

    response = client.post(
        reverse("training:need_new", args=[campaign.pk]),
        {
            "theme": "Accueil",
            "audience": "Conseiller·es",
            "people": "8",
            "priority": "high",
            "reach": "regional",
            "organisation": world.network_head_b.memberships.get().organisation_id,
        },
    )

    assert response.status_code == 302
    need = Need.objects.get()
    assert need.organisation == world.network_head_a.memberships.get().organisation
    assert need.submitted_by == world.network_head_a


@pytest.mark.parametrize("who", ["referent_a", "professional_a", "gref", "government"])
def test_those_without_a_scope_of_needs_cannot_say_one(client, world, who):
    campaign = needs_campaign(world)
    login(client, getattr(world, who))

    response = client.post(
        reverse("training:need_new", args=[campaign.pk]),
        {"theme": "x", "audience": "y", "people": "1", "priority": "high"},
    )

    assert response.status_code in (403, 404)
    assert not Need.objects.exists()


def test_after_the_deadline_nothing_is_said_nor_changed(client, world, census):
    need = census["a"]
    late = census["campaign"].deadline + datetime.timedelta(minutes=1)
    data = {
        "theme": "Trop tard",
        "audience": "x",
        "people": 3,
        "priority": "low",
        "reach": "regional",
        "territory": None,
        "comment": "",
    }
    with engine.clock(late):
        with pytest.raises(services.TrainingError) as refused:
            services.need_save(user=world.network_head_a, need=need, data=data)
        with pytest.raises(services.TrainingError):
            services.need_save(
                user=world.network_head_a, campaign=census["campaign"], data=data
            )
    assert "clos" in refused.value.messages[0]
    assert Need.objects.count() == 3
    assert Need.objects.get(pk=need.pk).theme == need.theme


def test_the_form_refuses_a_need_after_the_deadline_in_french(client, world, census):
    campaign = census["campaign"]
    campaign.deadline = campaign.deadline - datetime.timedelta(days=60)
    campaign.save()
    login(client, world.network_head_a)

    response = client.post(
        reverse("training:need_edit", args=[census["a"].pk]),
        {
            "theme": "Trop tard",
            "audience": "x",
            "people": "3",
            "priority": "low",
            "reach": "regional",
        },
    )

    assert response.status_code == 400
    assert "est clos depuis le" in response.content.decode()
    assert Need.objects.get(pk=census["a"].pk).theme != "Trop tard"


def test_a_local_need_names_its_territory(world):
    campaign = needs_campaign(world)

    with pytest.raises(ValidationError):
        need_for(world, campaign, reach="local", territory=None)
    assert not Need.objects.exists()


def test_the_consolidation_counts_by_theme_network_and_territory(client, world, census):
    from training.selectors import needs_consolidated

    found = needs_consolidated(census["campaign"])

    themes = {r["theme"]: (r["needs"], r["people"]) for r in found.by_theme}
    assert themes == {
        "Accueil des publics en situation de handicap": (1, 10),
        "VAE": (2, 12),
    }
    networks = {r["name"]: r["needs"] for r in found.by_network}
    assert sorted(networks.values()) == [1, 1]
    territories = {r["place"]: (r["needs"], r["people"]) for r in found.by_territory}
    assert territories == {world.territory_a.name: (1, 7)}
    assert (found.total_needs, found.total_people) == (3, 22)


def test_a_need_shows_the_plan_actions_that_answer_it(client, world, census):
    plan = plan_draft(world)
    action = plan.actions.get()
    action.needs.add(census["a"])
    url = reverse("training:need", args=[census["a"].pk])

    login(client, world.gref)
    assert action.theme in client.get(url).content.decode()
    # A draft plan is not shown to the network head; once validated it is.
    login(client, world.network_head_a)
    assert action.theme not in client.get(url).content.decode()
    from ..workflow_kit import drive

    drive(plan, "validated")
    assert action.theme in client.get(url).content.decode()


def test_a_second_network_head_of_the_same_network_shares_its_needs(world, census):
    colleague = member(
        Role.NETWORK_HEAD, world.network_head_a.memberships.get().organisation
    )

    assert census["a"] in need_policy.visible(colleague, "view")
