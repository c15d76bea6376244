"""Who holds which role in which organisation.

A role is a membership of a user in an organisation, never a flag on the user:
the permission policies read these rows on each request, so removing one takes
its rights away at once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .organisations import OrganisationKind


class Role(models.TextChoices):
    PROFESSIONAL = "professional", _("Professionnel·le")
    REFERENT = "referent", _("Référent·e de structure")
    NETWORK_HEAD = "network_head", _("Tête de réseau")
    GREF = "gref", _("GREF")
    TERRITORIAL_OFFICER = "territorial_officer", _("Chargé·e de mission territorial·e")
    REGIONAL_COORDINATOR = "regional_coordinator", _("Coordination régionale")
    GOVERNMENT = "government", _("État")


# Which kind of organisation each role belongs to.
ROLE_ORGANISATION_KIND: dict[str, str] = {
    Role.PROFESSIONAL: OrganisationKind.STRUCTURE,
    Role.REFERENT: OrganisationKind.STRUCTURE,
    Role.NETWORK_HEAD: OrganisationKind.NETWORK_HEAD,
    Role.GREF: OrganisationKind.GREF,
    Role.TERRITORIAL_OFFICER: OrganisationKind.REGION,
    Role.REGIONAL_COORDINATOR: OrganisationKind.REGION,
    Role.GOVERNMENT: OrganisationKind.GOVERNMENT,
}

# Staff of the Région, GREF and network heads must use a second factor.
ROLES_REQUIRING_OTP = frozenset(
    {
        Role.NETWORK_HEAD,
        Role.GREF,
        Role.TERRITORIAL_OFFICER,
        Role.REGIONAL_COORDINATOR,
    }
)


class MembershipQuerySet(models.QuerySet):
    def active(self) -> MembershipQuerySet:
        return self.filter(organisation__is_active=True, user__is_active=True)

    def for_organisation(self, organisation) -> MembershipQuerySet:
        return self.filter(organisation=organisation)


class Membership(models.Model):
    """A user's role in one organisation (for territorial officers, one territory)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("utilisateur"),
    )
    organisation = models.ForeignKey(
        "extranet.Organisation",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("rôle"), max_length=32, choices=Role.choices)
    territory = models.ForeignKey(
        "extranet.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
        verbose_name=_("territoire"),
        help_text=_("Pour les chargé·es de mission territoriaux·ales seulement."),
    )
    created_at = models.DateTimeField(_("depuis le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ajouté par"),
    )

    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("rôle")
        verbose_name_plural = _("rôles")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"

    def clean(self) -> None:
        super().clean()
        expected = ROLE_ORGANISATION_KIND.get(self.role)
        if self.organisation_id and expected and self.organisation.kind != expected:
            raise ValidationError(
                {"role": _("Ce rôle ne correspond pas à la nature de l'organisation.")}
            )
        if self.role == Role.TERRITORIAL_OFFICER and not self.territory_id:
            raise ValidationError(
                {
                    "territory": _(
                        "Choisissez le territoire de ce·tte chargé·e de mission."
                    )
                }
            )
        if self.role != Role.TERRITORIAL_OFFICER and self.territory_id:
            raise ValidationError(
                {"territory": _("Seul·es les chargé·es de mission ont un territoire.")}
            )
