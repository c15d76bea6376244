"""Retention by design: once the retention period is over, the accueil's
personal data is nowhere in the database (the record, its history rows, the
transition-log comments, the outbox, the appointments, the consent's text) nor
in the private files, while the statistics stay. Proved by planting a marker
in every personal field and searching every text column of every model."""

from __future__ import annotations

import datetime
import os

import pytest
from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Cast
from django.utils import timezone

from notifications.models import Notification, OutgoingMail
from notifications.tasks import outbox_send
from reception import services
from reception.models import Consent, Reception, ReceptionKind
from reception.retention import retention_run
from reception.tasks import reception_retention
from workflows import engine
from workflows.models import TransitionLog

from ..factories import reception_for, reception_world, referral_for, slot_for

MARKER = "ZQXMARQUEUR4417"


def places_holding(marker: str) -> set[str]:
    """Every text column of every model where some row holds ``marker``."""
    found: set[str] = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        for field in meta.concrete_fields:
            rows = model._base_manager.all()
            if isinstance(field, models.CharField | models.TextField):
                rows = rows.filter(**{f"{field.attname}__icontains": marker})
            elif isinstance(field, models.JSONField):
                rows = rows.annotate(
                    _as_text=Cast(field.attname, models.TextField())
                ).filter(_as_text__icontains=marker)
            else:
                continue
            if rows.exists():
                found.add(f"{meta.label}.{field.name}")
    return found


def files_holding(marker: str) -> list[str]:
    found = []
    needle = marker.encode()
    for root in (settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_ROOT):
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = os.path.join(folder, name)
                with open(path, "rb") as handle:
                    if needle.lower() in handle.read().lower():
                        found.append(path)
    return found


def statistics() -> tuple:
    """What the figures read: people by channel and by question, and the
    referrals' and appointments' facts."""
    from reception.models import Appointment, Question, Referral

    by_channel = dict(
        Reception.objects.values_list("channel").annotate(n=models.Sum("people"))
    )
    by_question = Reception.objects.aggregate(
        **{
            q.value: models.Sum("people", filter=models.Q(**{f"q_{q.value}": True}))
            for q in Question
        }
    )
    return (
        Reception.objects.count(),
        by_channel,
        by_question,
        sorted(Referral.objects.values_list("state", "decline_reason", "service")),
        sorted(Appointment.objects.values_list("status", "slot_id")),
        Consent.objects.filter(withdrawn_at__isnull=True).count(),
        TransitionLog.objects.count(),
    )


@pytest.fixture
def planted(world):
    """The marker in every personal field of the accueil, in its log and in
    its mails, and a tally of three people (the statistics)."""
    reception_world(world)
    mark = MARKER
    reception = reception_for(
        world,
        person_label=f"Camille {mark}",
        contact=f"camille.{mark}@exemple.fr",
        summary=f"Situation {mark}",
        information_given=f"Informations {mark}",
        resources=f"https://exemple.fr/{mark}",
        next_steps=f"Appeler {mark}",
    )
    services.tally_record(
        user=world.professional_a,
        channel="phone",
        urgency="normal",
        questions=["employment", "housing"],
        people=3,
    )
    referral = referral_for(
        world,
        reception,
        person_label=f"Camille {mark}",
        contact=f"06 {mark}",
        request=f"Demande {mark}",
        purpose=f"un conseil pour {mark}",
        contact_channel="appointment",
        slot=slot_for(world),
    )
    engine.fire(referral, "review", user=world.referent_b, comment=f"Vu {mark}")
    services.referral_decline(
        user=world.referent_b, referral=referral, reason="other", note=f"Refus {mark}"
    )
    accepted = referral_for(world, reception, request=f"Autre {mark}")
    engine.fire(accepted, "accept", user=world.referent_b, comment=f"Oui {mark}")
    services.appointment_book(
        slot=slot_for(world, in_days=6),
        via="staff",
        user=world.referent_b,
        person_label=f"Dominique {mark}",
        contact=f"dominique.{mark}@exemple.fr",
        note=f"Note {mark}",
    )
    address = f"camille.{mark.lower()}@exemple.fr"
    services.point_mail(user=world.professional_a, reception=reception, to=address)
    sent = OutgoingMail.objects.filter(personal=True).latest("pk")
    services.point_mail(user=world.professional_a, reception=reception, to=address)
    assert outbox_send(sent.pk)
    return reception


def test_the_marker_is_found_before_and_nowhere_after_retention(planted):
    before = places_holding(MARKER)
    # The search does find what was planted, everywhere it was planted.
    assert {
        "reception.Reception.summary",
        "reception.HistoricalReception.person_label",
        "reception.Referral.request",
        "reception.HistoricalReferral.decline_note",
        "reception.Consent.purpose",
        "reception.Consent.text_shown",
        "reception.Appointment.note",
        "reception.HistoricalAppointment.contact",
        "workflows.TransitionLog.comment",
        "notifications.OutgoingMail.body",
        "notifications.OutgoingMail.to",
    } <= before
    stats = statistics()

    # Before the term nothing goes; past it, the task erases everything.
    assert not any(retention_run().values())
    counts = retention_run(today=timezone.localdate() + datetime.timedelta(days=200))

    assert counts == {
        "receptions": 1,
        "referrals": 2,
        "comments": 2,
        "consents": 2,
        "appointments": 2,
        "mails": 1,
    }
    assert places_holding(MARKER) == set()
    assert files_holding(MARKER) == []
    assert statistics() == stats
    redacted = TransitionLog.objects.exclude(comment_redacted_at=None)
    assert redacted.count() == 2
    assert {r.comment_redaction_reason for r in redacted} == {
        "durée de conservation écoulée"
    }
    consent = Consent.objects.filter(referral__reception=planted).first()
    assert consent.method == "oral" and consent.given_at and consent.erased_at
    planted.refresh_from_db()
    assert planted.is_erased and planted.reference is None


def test_the_task_runs_again_without_erasing_anything_more(planted, monkeypatch):
    later = timezone.localdate() + datetime.timedelta(days=200)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: later)
    first = reception_retention()
    assert first["receptions"] == 1
    assert not any(reception_retention().values())


def test_notices_never_quote_a_referral_comment(world):
    reception_world(world)
    referral = referral_for(world)
    # A comment sent with a transition the receivers hear of.
    binding = engine.binding_for(referral)
    assert binding.comments_hold_personal_data
    told = engine.comment_told(binding, world.referent_b, "Accepter", MARKER)
    assert MARKER not in told and "lisez-le sur la page" in told
    engine.fire(referral, "review", user=world.referent_b, comment=MARKER)
    engine.fire(referral, "accept", user=world.referent_b, comment=MARKER)
    assert not Notification.objects.filter(body__contains=MARKER).exists()
    assert not OutgoingMail.objects.filter(body__contains=MARKER).exists()


# The anonymous reception -----------------------------------------------------


def test_the_database_refuses_an_anonymous_row_with_a_name(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Reception.objects.create(
            structure=world.structure_a,
            kind=ReceptionKind.FULL,
            received_on=timezone.localdate(),
            channel="phone",
            anonymous=True,
            person_label="Camille",
        )


def test_an_anonymous_reception_keeps_no_identity_even_if_typed(world):
    reception_world(world)
    reception = reception_for(
        world,
        anonymous=True,
        person_label="Camille",
        contact="camille@exemple.fr",
    )
    reception.refresh_from_db()
    assert (reception.person_label, reception.contact) == ("", "")
    assert not Reception.history.filter(
        id=reception.pk, person_label="Camille"
    ).exists()
    assert not places_holding("camille@exemple.fr")
