"""Generic plumbing shared by every workflow: the mail outbox.

A mail is a row written in the same transaction as the change that causes it;
a task queued on commit sends it, and a periodic sweeper retries what is left,
so nothing is lost when the broker is down and nothing is sent twice.
"""

from __future__ import annotations

from django.conf import settings
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


class WorkflowObject(models.Model):
    """Fields the engine keeps on every object that follows a workflow.

    Only ``workflows.engine`` writes them: the state, when it was entered, the
    deadline for the next action and when a reminder was last sent.
    """

    state = models.CharField(_("état"), max_length=40, editable=False, db_index=True)
    state_entered_at = models.DateTimeField(
        _("dans cet état depuis"), null=True, editable=False
    )
    state_deadline = models.DateTimeField(
        _("action attendue avant le"), null=True, blank=True, editable=False
    )
    reminder_sent_at = models.DateTimeField(
        _("dernière relance"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True


class AppendOnlyQuerySet(models.QuerySet):
    """Rows of proof: written once, never changed nor deleted, in bulk either."""

    def update(self, **kwargs):
        raise ValueError("These rows are proof: they are never changed.")

    def delete(self):
        raise ValueError("These rows are proof: they are never deleted.")


class AppendOnlyModel(models.Model):
    """A row of proof: saved once, never changed nor deleted, one by one or in bulk.

    Subclasses say what they raise (``refusal``) and with which messages.
    """

    refusal: type[Exception] = ValueError
    never_changed = "This row is proof: it is never changed."
    never_deleted = "This row is proof: it is never deleted."

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise self.refusal(str(self.never_changed))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise self.refusal(str(self.never_deleted))


class TransitionLogQuerySet(AppendOnlyQuerySet):
    def for_object(self, obj: models.Model) -> TransitionLogQuerySet:
        from django.contrib.contenttypes.models import ContentType

        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )


class TransitionLog(AppendOnlyModel):
    """One transition fired on one object: the proof of who did what, when.

    Append-only: a row is never changed nor deleted.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    workflow = models.CharField(_("circuit"), max_length=60)
    transition = models.CharField(_("transition"), max_length=60)
    from_state = models.CharField(_("état de départ"), max_length=40)
    to_state = models.CharField(_("état d'arrivée"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("par"),
    )
    actor_name = models.CharField(_("nom de l'auteur"), max_length=200, blank=True)
    at = models.DateTimeField(_("le"), db_index=True)
    comment = models.TextField(_("commentaire"), blank=True)

    objects = TransitionLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("journal des transitions")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.workflow}:{self.transition} {self.from_state}→{self.to_state}"

    never_changed = "A transition log entry is never changed."
    never_deleted = "A transition log entry is never deleted."


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
