"""Editors draft, moderators approve: groups, permissions and the workflow."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from cms.models import NewsPage

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

WORKFLOW = "Validation par un modérateur"


@pytest.fixture
def news_index(site_tree):
    return site_tree["news_index"]


@pytest.fixture
def editor(db):
    user = UserFactory(email="katell@example.org")
    user.groups.add(Group.objects.get(name="Rédacteurs"))
    return user


@pytest.fixture
def moderator(db):
    user = UserFactory(email="yann@example.org")
    user.groups.add(Group.objects.get(name="Modérateurs"))
    return user


def test_the_two_editorial_groups_may_enter_the_admin(editor, moderator):
    assert editor.has_perm("wagtailadmin.access_admin")
    assert moderator.has_perm("wagtailadmin.access_admin")


def test_editors_may_edit_but_not_publish_and_moderators_may_publish(
    site_tree, editor, moderator
):
    page = site_tree["news"]
    editor_perms = page.permissions_for_user(editor)
    moderator_perms = page.permissions_for_user(moderator)
    assert editor_perms.can_edit()
    assert site_tree["news_index"].permissions_for_user(editor).can_add_subpage()
    assert not editor_perms.can_publish()
    assert moderator_perms.can_edit()
    assert moderator_perms.can_publish()


def test_the_home_page_is_under_the_moderator_approval_workflow(site_tree):
    workflow = site_tree["home"].get_workflow()
    assert workflow is not None
    assert workflow.name == WORKFLOW
    task = workflow.tasks.get().specific
    assert [g.name for g in task.groups.all()] == ["Modérateurs"]
    assert site_tree["news"].get_workflow() == workflow


def test_a_page_submitted_by_an_editor_waits_for_a_moderator(
    client, news_index, editor, moderator
):
    page = NewsPage(title="Salon de Rennes : le bilan", slug="bilan", live=False)
    news_index.add_child(instance=page)
    page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)

    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task = state.current_task_state.task.specific
    assert task.get_actions(page, editor) == []
    assert [name for name, *_ in task.get_actions(page, moderator)][:1] == ["reject"]
    page.refresh_from_db()
    assert not page.live
    assert client.get("/actualites/bilan/").status_code == 404

    state.current_task_state.approve(user=moderator)
    page.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert page.live
    assert client.get("/actualites/bilan/").status_code == 200


def test_a_page_scheduled_for_later_goes_live_at_its_date(client, news_index):
    page = NewsPage(title="Annonce programmée", slug="programmee", live=False)
    news_index.add_child(instance=page)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    assert client.get("/actualites/programmee/").status_code == 404

    # An hour later: the date has come.
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert Page.objects.get(pk=page.pk).get_latest_revision() is not None
