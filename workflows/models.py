"""What the engine keeps: the workflow fields of an object, and the transition log."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# The most a transition comment holds (a few paragraphs): the form, the model and
# the engine all refuse more, so that nothing typed is silently cut.
COMMENT_MAX_LENGTH = 2000


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

    def redact_comments(self, *, reason: str) -> int:
        """Blank the comments of these rows (retention of personal data).

        The one change a log row may undergo: its facts (who, when, from, to)
        stay, the free text goes, and the row says when and why.
        """
        from django.utils import timezone

        return models.QuerySet.update(
            self.exclude(comment=""),
            comment="",
            comment_redacted_at=timezone.now(),
            comment_redaction_reason=reason[:200],
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
    comment = models.TextField(
        _("commentaire"),
        max_length=COMMENT_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)],
    )
    comment_redacted_at = models.DateTimeField(
        _("commentaire effacé le"), null=True, blank=True
    )
    comment_redaction_reason = models.CharField(
        _("motif de l'effacement"), max_length=200, blank=True
    )

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
