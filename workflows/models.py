"""Generic plumbing shared by every workflow: the mail outbox.

A mail is a row written in the same transaction as the change that causes it;
a task queued on commit sends it, and a periodic sweeper retries what is left,
so nothing is lost when the broker is down and nothing is sent twice.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMailQuerySet(models.QuerySet):
    def unsent(self) -> OutgoingMailQuerySet:
        return self.filter(sent_at__isnull=True)


REDACTED_BODY = "[contenu effacé après envoi]"


class OutgoingMail(models.Model):
    """One e-mail waiting to be sent, or sent (kept as proof of sending).

    A mail that carries a secret link keeps it only until it is sent.
    """

    to = models.EmailField(_("destinataire"))
    subject = models.CharField(_("objet"), max_length=255)
    body = models.TextField(_("texte"))
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    sensitive = models.BooleanField(
        _("contenu sensible"),
        default=False,
        help_text=_(
            "Le texte contient un lien secret (invitation, mot de passe) : il est "
            "effacé dès l'envoi, l'e-mail étant la seule copie du lien."
        ),
    )

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("courriel sortant")
        verbose_name_plural = _("courriels sortants")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
