"""Every text a user can type has a maximum, enforced by the form and the model,
and the convention document (the slow thing long texts make) is rendered before
the workflow takes its row lock, never under it."""

from __future__ import annotations

from html import unescape

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import connection, models
from django.urls import reverse

from conventions import services
from conventions.definitions import REVIEWED, SIGNING, VALIDATE
from conventions.models import (
    CONTENT_MAX_LENGTH,
    Convention,
    ConventionDocument,
    ConventionKind,
)
from extranet.models import Structure
from workflows import engine
from workflows.models import COMMENT_MAX_LENGTH, TransitionLog

from ..conftest import login
from ..factories import convention_in_state, convention_start_for

pytestmark = pytest.mark.django_db

OUR_APPS = ("extranet", "conventions", "workflows", "notifications", "cms")
# Written by code from bounded parts (a title, a comment of at most
# COMMENT_MAX_LENGTH characters, a template), never typed as such.
WRITTEN_BY_CODE = {
    "notifications.OutgoingMail.body",
    "notifications.OutgoingMail.last_error",
    "notifications.Notification.body",
}
A_MILLION = "x" * 1_000_000


def text_fields():
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or model.__name__.startswith(
            "Historical"
        ):
            continue  # history rows copy what the model validated
        for field in model._meta.concrete_fields:
            if field.model._meta.app_label not in OUR_APPS:
                continue  # Wagtail's own page fields (url_path…)
            if isinstance(field, models.TextField) and type(field).__name__ != (
                "StreamField"
            ):
                yield f"{model._meta.label}.{field.name}", model, field


def test_every_text_field_has_a_maximum_that_the_model_enforces():
    unbounded = []
    for label, model, field in text_fields():
        if label in WRITTEN_BY_CODE:
            continue
        limits = [
            v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)
        ]
        if not field.max_length or limits != [field.max_length]:
            unbounded.append(label)
    assert unbounded == []


def test_the_forms_of_every_bounded_field_say_and_enforce_the_same_maximum():
    for label, _model, field in text_fields():
        if label in WRITTEN_BY_CODE or not field.max_length:
            continue
        form_field = field.formfield()
        assert form_field.max_length == field.max_length, label
        assert form_field.widget.attrs.get("maxlength") == str(field.max_length), label


def test_the_demo_holds_within_every_limit():
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    for label, model, field in text_fields():
        if label in WRITTEN_BY_CODE or not field.max_length:
            continue
        for value in model._default_manager.values_list(field.attname, flat=True):
            for validator in field.validators:
                validator(value or "")


# Conventions -----------------------------------------------------------------


@pytest.fixture
def draft(world):
    return convention_start_for(world, ConventionKind.STRUCTURE)


def edit_post(client, convention, **changes):
    current = Convention.objects.get(pk=convention.pk)
    data = {
        "objectives": current.objectives,
        "region_engagements": current.region_engagements,
        "network_engagements": current.network_engagements,
        "structure_engagements": current.structure_engagements,
        "specific_terms": current.specific_terms,
        "seen_updated_at": current.updated_at.isoformat(),
    }
    data.update(changes)
    return client.post(reverse("conventions:edit", args=[convention.pk]), data)


@pytest.mark.parametrize("length", [CONTENT_MAX_LENGTH + 1, len(A_MILLION)])
def test_a_convention_text_over_its_limit_is_refused_in_french_keeping_the_rest(
    client, world, draft, length
):
    login(client, world.referent_a)
    before = Convention.objects.get(pk=draft.pk).objectives

    response = edit_post(
        client,
        draft,
        objectives="x" * length,
        specific_terms="Rendez-vous trimestriel avec la tête de réseau.",
    )

    assert response.status_code == 400
    text = unescape(response.content.decode())
    assert f"au plus {CONTENT_MAX_LENGTH} caractères" in text
    assert "Rendez-vous trimestriel avec la tête de réseau." in text
    assert f'maxlength="{CONTENT_MAX_LENGTH}"' in text
    assert Convention.objects.get(pk=draft.pk).objectives == before


def test_a_convention_text_at_its_limit_is_saved(client, world, draft):
    login(client, world.referent_a)

    response = edit_post(client, draft, objectives="x" * CONTENT_MAX_LENGTH)

    assert response.status_code == 302
    assert len(Convention.objects.get(pk=draft.pk).objectives) == CONTENT_MAX_LENGTH


def test_the_service_refuses_a_text_over_its_limit_whatever_calls_it(world, draft):
    with pytest.raises(ValidationError) as refused:
        services.convention_update(
            user=world.referent_a,
            convention=draft,
            data={"objectives": A_MILLION},
            seen_updated_at="",
        )

    assert "objectives" in refused.value.message_dict
    assert Convention.objects.get(pk=draft.pk).objectives != A_MILLION


def test_a_structure_text_over_its_limit_fails_the_models_own_validation(world):
    structure = Structure.objects.get(pk=world.structure_a.pk)
    structure.accessibility_notes = "x" * 1001

    with pytest.raises(ValidationError) as refused:
        structure.full_clean()

    assert "accessibility_notes" in refused.value.message_dict


def test_a_comment_over_its_limit_is_refused_in_french_and_nothing_moves(world):
    submitted = convention_in_state(world, ConventionKind.STRUCTURE, "submitted")
    logs = TransitionLog.objects.count()

    with pytest.raises(engine.CommentTooLong) as refused:
        services.convention_transition(
            user=world.network_head_a,
            convention=submitted,
            transition="send_back",
            comment="x" * (COMMENT_MAX_LENGTH + 1),
        )

    assert f"{COMMENT_MAX_LENGTH} au plus" in refused.value.message
    assert Convention.objects.get(pk=submitted.pk).state == "submitted"
    assert TransitionLog.objects.count() == logs


# The document is rendered before the lock ------------------------------------


@pytest.fixture
def reviewed(world):
    convention = convention_in_state(world, ConventionKind.STRUCTURE, REVIEWED)
    Convention.objects.filter(pk=convention.pk).update(
        objectives="\n".join(["Objectif partagé."] * 200)
    )
    return Convention.objects.get(pk=convention.pk)


def test_opening_the_signature_renders_the_document_before_the_row_lock(
    monkeypatch, world, reviewed
):
    from conventions import document

    depth_outside = len(connection.atomic_blocks)
    seen: list[int] = []
    render = document.render_convention_pdf

    def watched(convention, *, version):
        seen.append(len(connection.atomic_blocks))
        return render(convention, version=version)

    monkeypatch.setattr(document, "render_convention_pdf", watched)

    moved = engine.fire(reviewed, VALIDATE, user=world.coordinator)

    assert moved.state == SIGNING
    assert seen == [depth_outside]  # once, and outside fire()'s transaction
    assert ConventionDocument.objects.filter(convention=reviewed).count() == 1


def test_a_convention_changed_while_its_document_renders_is_not_signed_on_it(
    monkeypatch, world, reviewed
):
    prepare = services.convention_document_prepare

    def prepare_then_someone_edits(**kwargs):
        prepared = prepare(**kwargs)
        Convention.objects.filter(pk=reviewed.pk).update(objectives="Autre texte.")
        return prepared

    monkeypatch.setattr(
        services, "convention_document_prepare", prepare_then_someone_edits
    )

    with pytest.raises(engine.StaleState) as refused:
        engine.fire(reviewed, VALIDATE, user=world.coordinator)

    assert "changé pendant la préparation de son document" in refused.value.message
    assert Convention.objects.get(pk=reviewed.pk).state == REVIEWED
    assert not ConventionDocument.objects.filter(convention=reviewed).exists()


def test_whoever_may_not_open_the_signature_makes_nothing_render(
    monkeypatch, world, reviewed
):
    rendered = []
    monkeypatch.setattr(
        services, "convention_document_prepare", lambda **kw: rendered.append(kw)
    )

    with pytest.raises(engine.TransitionNotAllowed):
        engine.fire(reviewed, VALIDATE, user=world.referent_a)

    assert rendered == []
