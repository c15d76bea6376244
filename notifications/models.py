"""Every mail and in-app notice of the product.

A mail is a row of the outbox written in the same transaction as the change that
causes it; a task queued on commit sends it, and a periodic sweeper retries what
is left, so nothing is lost when the broker is down and nothing is sent twice. A
notification is a notice in the extranet for one user. This app knows no domain
model: capability apps and the workflow engine send through ``services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMailQuerySet(models.QuerySet):
    def unsent(self) -> OutgoingMailQuerySet:
        return self.filter(sent_at__isnull=True)


REDACTED_BODY = "[contenu effacé après envoi]"
REDACTED_RECIPIENT = "efface@invalid"


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

    personal = models.BooleanField(
        _("destinataire du public"),
        default=False,
        help_text=_(
            "Un courriel à une personne du public (point de situation, rendez-vous) : "
            "son adresse et son texte sont effacés dès l'envoi, et au plus tard au "
            "terme de la durée de conservation s'il n'a pas pu partir."
        ),
    )

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("courriel sortant")
        verbose_name_plural = _("courriels sortants")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app notice to one user: something waits for them, or has happened."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("destinataire"),
    )
    title = models.CharField(_("titre"), max_length=255)
    body = models.TextField(_("texte"), blank=True)
    url = models.CharField(_("lien"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    read_at = models.DateTimeField(_("lue le"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title
