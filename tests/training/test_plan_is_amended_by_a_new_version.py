"""A validated plan is never edited in place: its actions are refused, and a new
version, drafted from it, replaces it only once validated."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from training import services
from training.models import Plan, PlanAction
from workflows import engine

from ..conftest import login
from ..factories import COMMENT, plan_draft, plan_in_state


def _action_data(world, theme="Nouvelle action"):
    return {
        "theme": theme,
        "objectives": "Objectifs.",
        "audience": "Tous",
        "format": "onsite",
        "reach": "regional",
        "territory": None,
        "offered_by": world.gref.memberships.get().organisation,
        "planned_sessions": 1,
        "planned_hours": Decimal("6.0"),
    }


def test_a_validated_plans_actions_cannot_be_added_or_changed(world):
    plan = plan_in_state(world, "validated")
    action = plan.actions.get()

    with pytest.raises(PermissionDenied):
        services.plan_action_save(user=world.gref, plan=plan, data=_action_data(world))
    with pytest.raises(PermissionDenied):
        services.plan_action_save(
            user=world.gref, plan=plan, action=action, data=_action_data(world)
        )
    assert list(plan.actions.values_list("theme", flat=True)) == [action.theme]


def test_the_edit_pages_of_a_validated_plan_answer_403(client, world):
    plan = plan_in_state(world, "validated")
    action = plan.actions.get()
    login(client, world.gref)

    add = client.get(reverse("training:plan_action_new", args=[plan.pk]))
    edit = client.post(
        reverse("training:plan_action_edit", args=[action.pk]), {"theme": "x"}
    )

    assert (add.status_code, edit.status_code) == (403, 403)
    action.refresh_from_db()
    assert action.theme == "Accueil à distance"


def test_amending_makes_a_draft_copy_and_leaves_the_validated_one_unchanged(world):
    plan = plan_in_state(world, "validated")
    before = list(plan.actions.values("theme", "objectives", "audience"))

    engine.fire(plan, "amend", user=world.gref)

    new = Plan.objects.get(previous=plan)
    plan.refresh_from_db()
    assert (plan.state, new.state, new.version) == ("validated", "draft", 2)
    assert list(new.actions.values("theme", "objectives", "audience")) == before
    services.plan_action_save(user=world.gref, plan=new, data=_action_data(world))
    assert list(plan.actions.values("theme", "objectives", "audience")) == before
    assert new.actions.count() == 2


def test_a_second_amendment_is_refused_while_one_is_under_way(world):
    plan = plan_in_state(world, "validated")
    engine.fire(plan, "amend", user=world.gref)

    with pytest.raises(engine.ConditionFailed):
        engine.fire(plan, "amend", user=world.coordinator)
    assert Plan.objects.filter(year=plan.year).count() == 2


def test_validating_the_new_version_supersedes_the_old_one(world):
    plan = plan_in_state(world, "validated")
    engine.fire(plan, "amend", user=world.gref)
    new = Plan.objects.get(previous=plan)

    engine.fire(new, "submit", user=world.gref)
    engine.fire(new, "validate", user=world.coordinator)

    plan.refresh_from_db()
    new.refresh_from_db()
    assert (plan.state, new.state) == ("superseded", "validated")
    assert engine.history(plan)[-1].transition == "supersede"


def test_a_plan_sent_back_carries_the_comment_and_is_editable_again(world):
    plan = plan_in_state(world, "submitted")

    with pytest.raises(engine.CommentRequired):
        engine.fire(plan, "send_back", user=world.coordinator)
    engine.fire(plan, "send_back", user=world.coordinator, comment=COMMENT)

    plan.refresh_from_db()
    assert plan.state == "to_amend"
    assert engine.history(plan)[-1].comment == COMMENT
    services.plan_action_save(user=world.gref, plan=plan, data=_action_data(world))
    assert plan.actions.count() == 2


def test_an_empty_plan_cannot_be_submitted(world):
    plan = plan_draft(world, with_action=False)

    with pytest.raises(engine.ConditionFailed):
        engine.fire(plan, "submit", user=world.gref)


def test_a_second_plan_of_the_same_year_is_refused(world):
    plan_draft(world)

    with pytest.raises(services.TrainingError):
        services.plan_create(user=world.gref, year=2031, title="Encore")
    assert PlanAction.objects.count() == 1


def test_draft_plans_are_hidden_from_members_validated_ones_are_not(client, world):
    draft = plan_draft(world, year=2031)
    validated = plan_in_state(world, "validated", year=2032)
    login(client, world.network_head_a)

    assert client.get(reverse("training:plan", args=[draft.pk])).status_code == 404
    page = client.get(reverse("training:plans")).content.decode()
    assert str(validated) in page and str(draft) not in page
    assert client.get(validated.get_absolute_url()).status_code == 200
