"""A binding whose transition comments may hold personal data
(``comments_hold_personal_data``) has its comments announced, never quoted, in
the notices and mails of a transition: they stay in the log alone, where the
retention's redaction reaches them. Other bindings still quote them."""

from __future__ import annotations

from conventions.models import Convention, ConventionKind
from notifications.models import Notification, OutgoingMail
from workflows import engine

from ..factories import convention_in_state

MARKER = "MARQUEUR-COMMENTAIRE-51c2"


def _send_back(world) -> Convention:
    convention = convention_in_state(world, ConventionKind.STRUCTURE, "submitted")
    return engine.fire(
        convention,
        "send_back",
        user=world.network_head_a,
        comment=f"Situation de Mme X ({MARKER})",
    )


def test_a_binding_without_personal_comments_still_quotes_them(world):
    _send_back(world)
    notice = Notification.objects.filter(body__contains=MARKER).first()
    assert notice is not None
    assert "Commentaire de" in notice.body


def test_a_binding_with_personal_comments_announces_them_only(world, monkeypatch):
    binding = engine.binding_for(Convention)
    monkeypatch.setattr(binding, "comments_hold_personal_data", True)
    convention = _send_back(world)

    assert not Notification.objects.filter(body__contains=MARKER).exists()
    assert not OutgoingMail.objects.filter(body__contains=MARKER).exists()
    told = Notification.objects.filter(
        body__contains="a joint un commentaire à l'action"
    )
    assert told.exists()
    assert all("lisez-le sur la page" in n.body for n in told)
    # The comment itself is kept where it belongs: the log.
    assert MARKER in engine.history(convention)[-1].comment
