"""Writes of the extranet that cross models or have side effects.

Each function is atomic, checks the actor's right through the permission policy
(views check too, but a service must never trust its caller), and records who
acted in the history.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import mail_enqueue

from .models import (
    Invitation,
    Membership,
    MembershipStatus,
    OpeningException,
    Organisation,
    OrganisationKind,
    Role,
    Structure,
)
from .models.memberships import ROLE_ORGANISATION_KIND
from .permissions import (
    forget_memberships,
    may_manage_members,
    roles_user_may_grant,
    structure_policy,
)

User = get_user_model()

# Fields of the public card a referent may change; anything else posted is ignored.
STRUCTURE_CARD_FIELDS = (
    "description",
    "address_line",
    "address_complement",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "weekly_hours",
    "closed_on_public_holidays",
    "hours_note",
    "appointment_info",
    "phone",
    "email",
    "website",
    "chat_url",
    "visio_url",
    "channel_face_to_face",
    "channel_phone",
    "channel_chat",
    "channel_visio",
    "channel_mail",
    "service_api",
    "service_cep",
    "service_vae",
    "service_orientation",
    "service_entrepreneurship",
    "wheelchair_accessible",
    "accessibility_notes",
    "acceslibre_url",
    "is_published",
)


def _set_history_user(obj: Any, user: Any) -> None:
    obj._history_user = user


@transaction.atomic
def structure_update(
    *, structure: Structure, actor: Any, data: dict[str, Any], confirm_card: bool = True
) -> Structure:
    """Update a structure's public card with already-cleaned form data.

    Only the card fields are written. Saving the card also confirms it (the
    referent has just read it all), which resets the six-month reminder.
    """
    if not structure_policy.can(actor, "change", structure):
        raise PermissionDenied
    locked = Structure.objects.select_for_update().get(pk=structure.pk)
    for field in STRUCTURE_CARD_FIELDS:
        if field in data:
            setattr(locked, field, data[field])
    if confirm_card:
        locked.card_checked_at = timezone.now()
    locked.full_clean()
    _set_history_user(locked, actor)
    locked.save()
    return locked


@transaction.atomic
def structure_card_confirm(*, structure: Structure, actor: Any) -> Structure:
    """Record that the referent checked the public card and found it true."""
    if not structure_policy.can(actor, "change", structure):
        raise PermissionDenied
    locked = Structure.objects.select_for_update().get(pk=structure.pk)
    locked.card_checked_at = timezone.now()
    _set_history_user(locked, actor)
    locked.save(update_fields=["card_checked_at", "updated_at"])
    return locked


# Exceptions still to come, per structure: every directory page reads them.
OPENING_EXCEPTIONS_MAX = 30


@transaction.atomic
def opening_exception_add(
    *, structure: Structure, actor: Any, data: dict[str, Any]
) -> OpeningException:
    """Record a closure or other hours for some days (the week stays as it is)."""
    if not structure_policy.can(actor, "change", structure):
        raise PermissionDenied
    # One announcement at a time per structure, so the bound holds.
    Structure.objects.select_for_update().filter(pk=structure.pk).first()
    coming = structure.opening_exceptions.filter(ends__gte=timezone.localdate())
    if coming.count() >= OPENING_EXCEPTIONS_MAX:
        raise ValidationError(
            _(
                "Trop de fermetures ou d'horaires exceptionnels sont déjà annoncés "
                "(%(max)s au plus) : retirez-en un avant d'en ajouter un autre."
            )
            % {"max": OPENING_EXCEPTIONS_MAX}
        )
    exception = OpeningException(
        structure=structure,
        starts=data["starts"],
        ends=data["ends"],
        opens=data.get("opens"),
        closes=data.get("closes"),
        label=data.get("label", ""),
    )
    exception.full_clean()
    _set_history_user(exception, actor)
    exception.save()
    return exception


@transaction.atomic
def opening_exception_remove(*, exception: OpeningException, actor: Any) -> None:
    """Withdraw an exception; its history (who added it, who withdrew it) stays."""
    if not structure_policy.can(actor, "change", exception.structure):
        raise PermissionDenied
    _set_history_user(exception, actor)
    exception.delete()


def _check_grantable(actor: Any, organisation: Organisation, role: str) -> None:
    if not may_manage_members(actor, organisation):
        raise PermissionDenied
    if role not in dict(roles_user_may_grant(actor, organisation)):
        raise ValidationError({"role": _("Vous ne pouvez pas attribuer ce rôle ici.")})
    if ROLE_ORGANISATION_KIND.get(role) != organisation.kind:
        raise ValidationError(
            {"role": _("Ce rôle ne correspond pas à la nature de l'organisation.")}
        )


@transaction.atomic
def invitation_create(
    *,
    organisation: Organisation,
    actor: Any,
    email: str,
    role: str,
    territory: Any = None,
    base_url: str = "",
) -> Invitation:
    """Invite a colleague by e-mail; they choose their own password on arrival.

    An earlier pending invitation for the same address and organisation is
    revoked, so only the newest link works.
    """
    _check_grantable(actor, organisation, role)
    email = User.objects.normalize_email(email).lower()
    if Membership.objects.filter(
        user__email__iexact=email, organisation=organisation, role=role
    ).exists():
        raise ValidationError(
            {"email": _("Cette personne a déjà ce rôle dans l'organisation.")}
        )
    now = timezone.now()
    for previous in Invitation.objects.pending().filter(
        email__iexact=email, organisation=organisation
    ):
        previous.revoked_at = now
        _set_history_user(previous, actor)
        previous.save(update_fields=["revoked_at"])
    token, token_hash = Invitation.new_token()
    invitation = Invitation(
        email=email,
        organisation=organisation,
        role=role,
        territory=territory,
        token_hash=token_hash,
        invited_by=actor,
        expires_at=now + timedelta(days=settings.SPRO_INVITATION_DAYS),
    )
    _set_history_user(invitation, actor)
    invitation.save()
    link = base_url + reverse("extranet:invitation_accept", args=[token])
    body = render_to_string(
        "extranet/mails/invitation.txt",
        {
            "invitation": invitation,
            "link": link,
            "inviter": actor,
            "days": settings.SPRO_INVITATION_DAYS,
            "role_label": Role(role).label,
        },
    )
    mail_enqueue(
        to=email,
        subject=_("Invitation à rejoindre l'extranet du SPRO Bretagne"),
        body=body,
        sensitive=True,
    )
    return invitation


class InvitationError(Exception):
    """An invitation link that cannot be used, with a French message."""


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    user: Any = None,
) -> Any:
    """Turn an invitation into a membership, creating the account if needed.

    ``user`` is the logged-in user when they accept with an existing account
    (the invitation must be addressed to them). Returns the user.
    """
    invitation = Invitation.objects.find_by_token(token)
    if invitation is None:
        raise InvitationError(_("Ce lien d'invitation n'est pas valide."))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise InvitationError(_("Cette invitation a déjà été utilisée."))
    if invitation.revoked_at:
        raise InvitationError(
            _("Cette invitation a été remplacée ou annulée. Demandez-en une nouvelle.")
        )
    if invitation.is_expired:
        raise InvitationError(
            _(
                "Cette invitation a expiré. Demandez à votre référent·e de vous en "
                "envoyer une nouvelle."
            )
        )
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if user is not None and user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            raise InvitationError(
                _("Cette invitation est adressée à une autre adresse électronique.")
            )
        member = user
    elif existing is not None:
        raise InvitationError(
            _(
                "Un compte existe déjà pour cette adresse : connectez-vous, puis "
                "ouvrez de nouveau le lien."
            )
        )
    else:
        member = User(
            email=invitation.email, first_name=first_name, last_name=last_name
        )
        member.set_password(password)
        _set_history_user(member, invitation.invited_by)
        member.save()
    membership = Membership(
        user=member,
        organisation=invitation.organisation,
        role=invitation.role,
        territory=invitation.territory,
        created_by=invitation.invited_by,
    )
    membership.full_clean()
    _set_history_user(membership, invitation.invited_by)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        pass  # already holds this role: accepting again changes nothing
    invitation.accepted_at = timezone.now()
    _set_history_user(invitation, member)
    invitation.save(update_fields=["accepted_at"])
    forget_memberships(member)
    return member


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: Any) -> Invitation:
    if not may_manage_members(actor, invitation.organisation):
        raise PermissionDenied
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is None and locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        _set_history_user(locked, actor)
        locked.save(update_fields=["revoked_at"])
    return locked


@transaction.atomic
def membership_remove(*, membership: Membership, actor: Any) -> None:
    """Remove a role. Its rights end at once: policies read memberships live.

    The deletion is kept in the membership's history with who removed it. A
    structure keeps at least one referent unless the Région removes the last.
    """
    if not may_manage_members(actor, membership.organisation):
        raise PermissionDenied
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.role == Role.REFERENT:
        others = (
            Membership.objects.filter(
                organisation=locked.organisation, role=Role.REFERENT
            )
            .exclude(pk=locked.pk)
            .count()
        )
        from .permissions import has_role

        if others == 0 and not has_role(actor, Role.REGIONAL_COORDINATOR):
            raise ValidationError(
                _(
                    "La structure doit garder au moins un·e référent·e. Désignez-en "
                    "un·e autre avant de retirer ce rôle."
                )
            )
    _set_history_user(locked, actor)
    locked.delete()
    forget_memberships(locked.user)


@transaction.atomic
def organisation_create(
    *, actor: Any, name: str, kind: str, structure_data: dict[str, Any]
) -> Organisation:
    """Create an organisation (the Région only); a structure gets its card too,
    published only once its referent has completed and confirmed it."""
    from .permissions import organisation_policy

    if not organisation_policy.grants_anywhere(actor, "administer"):
        raise PermissionDenied
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("Une organisation porte déjà ce nom.")})
    organisation = Organisation(name=name, kind=kind)
    _set_history_user(organisation, actor)
    organisation.save()
    if kind == OrganisationKind.STRUCTURE:
        structure = Structure(
            organisation=organisation,
            structure_type=structure_data["structure_type"],
            network=structure_data.get("network"),
            territory=structure_data["territory"],
            membership_status=structure_data.get("membership_status")
            or MembershipStatus.MEMBER,
            address_line=structure_data["address_line"],
            postcode=structure_data["postcode"],
            city=structure_data["city"],
            channel_phone=False,
            is_published=False,
        )
        structure.full_clean()
        _set_history_user(structure, actor)
        structure.save()
    return organisation


@transaction.atomic
def structure_affiliation_update(
    *, structure: Structure, actor: Any, data: dict[str, Any]
) -> Structure:
    """Change a structure's type, network, territory, SPRO status, name or activity."""
    if not structure_policy.can(actor, "administer", structure):
        raise PermissionDenied
    locked = Structure.objects.select_for_update().get(pk=structure.pk)
    for field in ("structure_type", "network", "territory", "membership_status"):
        setattr(locked, field, data[field])
    locked.full_clean()
    _set_history_user(locked, actor)
    locked.save()
    organisation = Organisation.objects.select_for_update().get(
        pk=locked.organisation_id
    )
    if (organisation.name, organisation.is_active) != (data["name"], data["is_active"]):
        if (
            Organisation.objects.filter(name__iexact=data["name"])
            .exclude(pk=organisation.pk)
            .exists()
        ):
            raise ValidationError({"name": _("Une organisation porte déjà ce nom.")})
        organisation.name = data["name"]
        organisation.is_active = data["is_active"]
        _set_history_user(organisation, actor)
        organisation.save()
    return locked


@transaction.atomic
def user_profile_update(*, user: Any, data: dict[str, Any]) -> Any:
    """A user updates their own name and job title (their e-mail is their login)."""
    for field in ("first_name", "last_name", "job_title"):
        setattr(user, field, data[field])
    _set_history_user(user, user)
    user.save(update_fields=["first_name", "last_name", "job_title"])
    return user


# Days during which a structure already reminded is not reminded again.
CARD_REMINDER_INTERVAL_DAYS = 30


def structure_card_reminders_send(*, now: Any = None) -> int:
    """Remind the referents of every card due for review; returns the mails queued.

    Idempotent: a structure reminded within ``CARD_REMINDER_INTERVAL_DAYS`` is
    skipped, and each structure is locked, checked again and marked in its own
    transaction, so a task run twice (or two workers) sends one reminder.
    """
    now = now or timezone.now()
    quiet_since = now - timedelta(days=CARD_REMINDER_INTERVAL_DAYS)
    due_ids = list(
        Structure.objects.filter(organisation__is_active=True)
        .card_review_due(settings.SPRO_CARD_REVIEW_DAYS)
        .exclude(card_reminder_sent_at__gte=quiet_since)
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in due_ids:
        sent += _structure_card_reminder_send(pk=pk, now=now, quiet_since=quiet_since)
    return sent


@transaction.atomic
def _structure_card_reminder_send(*, pk: int, now: Any, quiet_since: Any) -> int:
    structure = (
        Structure.objects.select_for_update()
        .select_related("organisation")
        .filter(pk=pk)
        .first()
    )
    if structure is None or not structure.card_review_due(
        settings.SPRO_CARD_REVIEW_DAYS
    ):
        return 0
    if structure.card_reminder_sent_at and structure.card_reminder_sent_at >= (
        quiet_since
    ):
        return 0
    referents = (
        Membership.objects.active()
        .filter(organisation_id=structure.organisation_id, role=Role.REFERENT)
        .select_related("user")
        .order_by("user__email")
    )
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "extranet:structure_detail", args=[structure.pk]
    )
    sent = 0
    for membership in referents:
        body = render_to_string(
            "extranet/mails/card_review_reminder.txt",
            {"structure": structure, "link": link, "user": membership.user},
        )
        mail_enqueue(
            to=membership.user.email,
            subject=_("Votre fiche publique est-elle toujours à jour ?"),
            body=body,
        )
        sent += 1
    structure.card_reminder_sent_at = now
    # No user: the system acts; say so in the history.
    structure._change_reason = "Rappel de vérification de la fiche envoyé"
    structure.save(update_fields=["card_reminder_sent_at"])
    return sent
