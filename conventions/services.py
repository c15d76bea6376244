"""Writes on conventions: start, edit the draft, move through the workflow, renew,
attach a PDF. Each is atomic and keeps its trace (history, transition log)."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    ValidationError,
)
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import UniqueConstraint
from django.utils import timezone
from django.utils.translation import gettext as _

from conventions.content import default_content, default_engagements
from conventions.definitions import ATTACH, IN_FORCE, RENEW
from conventions.models import (
    Convention,
    ConventionAttachment,
    ConventionDocument,
    ConventionKind,
    ConventionParty,
    PartyKind,
    SignatureCampaign,
)
from conventions.parties import ROLE_PARTY, parties_of
from conventions.policy import convention_policy
from extranet.models import Network, Organisation, OrganisationKind, Structure
from extranet.uploads import UploadRefused, checked_pdf
from notifications.formats import long_date
from workflows import engine

EDITABLE_FIELDS = (
    "objectives",
    "region_engagements",
    "network_engagements",
    "structure_engagements",
    "government_engagements",
    "specific_terms",
)


class ConventionError(ValidationError):
    """A convention that cannot be started or changed; the message is French."""


def _region() -> Organisation:
    region = Organisation.objects.filter(
        kind=OrganisationKind.REGION, is_active=True
    ).first()
    if region is None:
        raise ConventionError(_("La Région n'est pas enregistrée dans l'extranet."))
    return region


def _government() -> Organisation:
    state = (
        Organisation.objects.filter(kind=OrganisationKind.GOVERNMENT, is_active=True)
        .order_by("pk")
        .first()
    )
    if state is None:
        raise ConventionError(_("Aucun service de l'État n'est enregistré."))
    return state


def convention_start(
    *,
    user: Any,
    kind: str,
    year: int,
    structure: Structure | None = None,
    network: Network | None = None,
    government_cosigns: bool = False,
    previous: Convention | None = None,
) -> Convention:
    """Start a convention in draft, with its parties and the framework's default
    engagements (or the content of ``previous`` when renewing)."""
    if not convention_policy.may_start(
        user, kind=kind, structure=structure, network=network
    ):
        raise PermissionDenied(_("Votre rôle ne vous permet pas cette convention."))
    if kind == ConventionKind.STRUCTURE:
        network = structure.network
        if network is None or not network.is_partner:
            raise ConventionError(
                _(
                    "Seules les structures membres d'un réseau régional partenaire "
                    "peuvent conventionner pour l'accueil personnalisé et "
                    "individualisé (2.2)."
                )
            )
        parties = [
            (PartyKind.REGION, _region()),
            (PartyKind.NETWORK, network.head),
            (PartyKind.STRUCTURE, structure.organisation),
        ]
    elif kind == ConventionKind.REGION_NETWORK:
        structure = None
        parties = [(PartyKind.REGION, _region()), (PartyKind.NETWORK, network.head)]
        if government_cosigns:
            parties.append((PartyKind.GOVERNMENT, _government()))
    else:
        structure = network = None
        parties = [(PartyKind.GOVERNMENT, _government()), (PartyKind.REGION, _region())]

    content = (
        {name: getattr(previous, name) for name in EDITABLE_FIELDS}
        if previous is not None
        else default_content(kind)
    )
    if (
        kind == ConventionKind.REGION_NETWORK
        and government_cosigns
        and previous is None
    ):
        content["government_engagements"] = default_engagements()[
            "government_engagements"
        ]
    convention = Convention(
        kind=kind,
        year=year,
        structure=structure,
        network=network,
        previous=previous,
        created_by=user,
        **content,
    )
    engine.start(convention, user=user)
    convention._history_user = user
    same_subject = Convention.objects.current().filter(
        kind=kind, year=year, structure=structure, network=network
    )
    if kind == ConventionKind.GOVERNMENT_REGION:
        same_subject = Convention.objects.current().filter(kind=kind, year=year)
    if same_subject.exists():
        raise ConventionError(
            _("Une convention %(year)s existe déjà pour cette partie.") % {"year": year}
        )
    try:
        with transaction.atomic():
            convention.full_clean()
            convention.save()
            for order, (party_kind, organisation) in enumerate(parties):
                ConventionParty.objects.create(
                    convention=convention,
                    kind=party_kind,
                    organisation=organisation,
                    order=order,
                )
    except (IntegrityError, ValidationError) as exc:
        if isinstance(exc, ValidationError) and not _is_duplicate(exc):
            raise ConventionError(exc.messages) from exc
        raise ConventionError(
            _("Une convention %(year)s existe déjà pour cette partie.") % {"year": year}
        ) from exc
    return convention


# A conditional unique constraint reports itself by name, not as "already exists".
_ONE_PER_YEAR = tuple(
    c.name for c in Convention._meta.constraints if isinstance(c, UniqueConstraint)
)


def _is_duplicate(exc: ValidationError) -> bool:
    return any(
        "existe déjà" in m
        or "already exists" in m
        or any(name in m for name in _ONE_PER_YEAR)
        for m in exc.messages
    )


def convention_update(
    *, user: Any, convention: Convention, data: dict[str, str], seen_updated_at: str
) -> Convention:
    """Change the content while the workflow lets this user edit it.

    ``seen_updated_at`` is the version the user's form was built from: if the
    convention changed since, nothing is saved and the user is told.
    """
    with transaction.atomic():
        locked = Convention.objects.select_for_update().get(pk=convention.pk)
        if not engine.may_edit(user, locked):
            raise PermissionDenied(
                _("Cette convention n'est plus modifiable à son état actuel.")
            )
        if seen_updated_at and seen_updated_at != locked.updated_at.isoformat():
            raise ConventionError(
                _(
                    "La convention a été modifiée par quelqu'un d'autre depuis "
                    "l'ouverture du formulaire. Rechargez la page : vos changements "
                    "n'ont pas été enregistrés."
                )
            )
        changed = [
            f for f in EDITABLE_FIELDS if f in data and data[f] != getattr(locked, f)
        ]
        for field in changed:
            setattr(locked, field, data[field])
        if changed:
            locked.full_clean()
            locked._history_user = user
            locked.save()
        return locked


def convention_transition(
    *,
    user: Any,
    convention: Convention,
    transition: str,
    comment: str = "",
    expected_state: str | None = None,
) -> Convention:
    """Fire a transition for ``user``, who must at least see the convention."""
    if not convention_policy.can(user, "view", convention):
        raise PermissionDenied
    return engine.fire(
        convention,
        transition,
        user=user,
        comment=comment,
        expected_state=expected_state,
    )


def convention_renew(*, user: Any, convention: Convention) -> Convention:
    """Next year's draft, starting from this convention's content and parties."""
    if not convention_policy.state_allows(convention, RENEW):
        raise ConventionError(
            _("Seule une convention en signature, en vigueur ou échue se renouvelle.")
        )
    government_cosigns = any(
        p.kind == PartyKind.GOVERNMENT for p in parties_of(convention)
    )
    return convention_start(
        user=user,
        kind=convention.kind,
        year=convention.year + 1,
        structure=convention.structure,
        network=convention.network,
        government_cosigns=government_cosigns,
        previous=convention,
    )


@dataclass(frozen=True)
class PreparedDocument:
    """A document rendered before the row lock, with what it was rendered from."""

    version: int
    inputs: tuple
    content: bytes


def convention_document_prepare(
    *, convention: Convention, user: Any = None
) -> PreparedDocument:
    """Render the next version of the document, outside any lock: rendering is
    the slow part of opening the signature, and nobody must wait on it."""
    from conventions.document import convention_document_inputs, render_convention_pdf

    version = ConventionDocument.objects.filter(convention=convention).count() + 1
    return PreparedDocument(
        version=version,
        inputs=convention_document_inputs(convention, version=version),
        content=render_convention_pdf(convention, version=version),
    )


def convention_document_produce(
    *, convention: Convention, user: Any, prepared: PreparedDocument | None = None
) -> ConventionDocument:
    """Freeze a new version of the document (called by the workflow on entering
    signature): the PDF is stored once, with the SHA-256 of its exact bytes.

    Under the workflow's row lock, ``prepared`` is the document rendered before
    the lock: it is stored only if it says exactly what the locked convention
    says, otherwise nothing changes and the user is asked to try again.
    """
    from conventions.document import convention_document_inputs

    if prepared is None:
        prepared = convention_document_prepare(convention=convention, user=user)
    version = ConventionDocument.objects.filter(convention=convention).count() + 1
    if (
        prepared.version != version
        or convention_document_inputs(convention, version=version) != prepared.inputs
    ):
        raise engine.StaleState(
            _(
                "La convention a changé pendant la préparation de son document. "
                "Rien n'a été enregistré : rechargez la page et recommencez."
            )
        )
    content = prepared.content
    digest = hashlib.sha256(content).hexdigest()
    document = ConventionDocument(
        convention=convention,
        version=version,
        sha256=digest,
        size=len(content),
        created_by=user,
    )
    name = f"convention-{convention.pk}-{convention.year}-v{version}-{digest[:12]}.pdf"
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def structure_status_follow(*, convention: Convention, user: Any) -> None:
    """A structure convention in force makes the structure a member delivering the
    accueil personnalisé et individualisé until the end of its year (2.2)."""
    if convention.kind != ConventionKind.STRUCTURE:
        return
    structure = Structure.objects.select_for_update().get(pk=convention.structure_id)
    if (
        structure.convention_valid_until is None
        or structure.convention_valid_until < convention.end_date
    ):
        structure.convention_valid_until = convention.end_date
        structure._history_user = user
        structure._change_reason = _("Convention %(year)s en vigueur") % {
            "year": convention.year
        }
        structure.save(update_fields=["convention_valid_until", "updated_at"])


def convention_lapse_notify(*, convention: Convention) -> None:
    """An expired convention with no successor in force is flagged to every party."""
    successor_in_force = Convention.objects.filter(
        kind=convention.kind,
        structure=convention.structure,
        network=convention.network,
        year__gt=convention.year,
        state=IN_FORCE,
    ).exists()
    if successor_in_force:
        return
    binding = engine.binding_for(convention)
    engine.notify(
        convention,
        engine.holders(convention, ROLE_PARTY),
        subject=_("Convention échue : %(title)s")
        % {"title": binding.title(convention)},
        intro=_(
            "Cette convention est arrivée à échéance le %(date)s et aucune "
            "convention ne lui succède : la structure n'apparaît plus comme "
            "délivrant l'accueil personnalisé et individualisé."
        )
        % {"date": long_date(convention.end_date)}
        if convention.kind == ConventionKind.STRUCTURE
        else _("Cette convention est arrivée à échéance le %(date)s.")
        % {"date": long_date(convention.end_date)},
    )


def attachment_add(
    *, user: Any, convention: Convention, upload: Any, description: str
) -> ConventionAttachment:
    """Add a PDF to the convention (a signed paper copy, an annex).

    Only PDF files (checked on their content, not their name) up to the
    configured size; the same file twice is refused; nothing is ever replaced.
    """
    if not convention_policy.can(user, "attach", convention):
        raise PermissionDenied
    if not convention_policy.state_allows(convention, ATTACH):
        raise ConventionError(_("Cette convention a été abandonnée."))
    try:
        checked = checked_pdf(upload)
    except UploadRefused as exc:
        raise ConventionError(exc.messages) from exc
    sha, safe = checked.sha256, checked.safe_stem
    attachment = ConventionAttachment(
        convention=convention,
        original_name=checked.original_name,
        description=description.strip()[:200],
        sha256=sha,
        size=checked.size,
        uploaded_by=user,
    )
    attachment._history_user = user
    try:
        with transaction.atomic():
            if ConventionAttachment.objects.filter(
                convention=convention, sha256=sha
            ).exists():
                raise ConventionError(_("Ce fichier est déjà joint à la convention."))
            # Checked before the file is written: a refused upload leaves no file.
            attachment.full_clean(exclude=["file"])
            attachment.file.save(
                f"{convention.pk}-{sha[:16]}-{safe}.pdf", upload, save=False
            )
            attachment.save()
    except IntegrityError as exc:
        attachment.file.delete(save=False)
        raise ConventionError(_("Ce fichier est déjà joint à la convention.")) from exc
    return attachment


def conventions_expire(*, today: datetime.date | None = None) -> int:
    """Expire every convention in force whose year is over, as of ``today``.

    The engine's deadline task does this for every binding every hour (the term
    of "in force" is the end of the year); this is the same call for conventions
    only, for a given day. Returns how many expired.
    """
    day = today or timezone.localdate()
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return engine.deadlines_pass(at=at, binding=engine.binding_for(Convention))


def renewal_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the drafters of conventions in force that end soon and are not
    renewed yet; at most once per convention."""
    today = today or timezone.localdate()
    notice = datetime.timedelta(days=settings.SPRO_CONVENTION_RENEWAL_NOTICE_DAYS)
    sent = 0
    due = Convention.objects.in_force().filter(
        renewal_reminded_at__isnull=True, year__lte=(today + notice).year
    )
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            convention = (
                Convention.objects.select_for_update()
                .filter(pk=pk, renewal_reminded_at__isnull=True)
                .first()
            )
            if convention is None or convention.end_date > today + notice:
                continue
            if convention.renewals.current().exists():
                continue
            binding = engine.binding_for(convention)
            definition = binding.definition_for(convention)
            drafters = definition.state(definition.initial).editors
            engine.notify(
                convention,
                engine.holders(convention, drafters),
                subject=_("À renouveler : %(title)s")
                % {"title": binding.title(convention)},
                intro=_(
                    "Cette convention prend fin le %(date)s. Préparez dès maintenant "
                    "celle de %(next)s depuis sa page (« Préparer le renouvellement »)."
                )
                % {
                    "date": long_date(convention.end_date),
                    "next": convention.year + 1,
                },
            )
            convention.renewal_reminded_at = timezone.now()
            convention._history_user = None
            convention.save(update_fields=["renewal_reminded_at"])
            sent += 1
    return sent


def campaign_set(*, user: Any, year: int, due_date: datetime.date) -> SignatureCampaign:
    """Set (or move) the date by which the year's structures should have signed;
    the change is kept in the campaign's history."""
    if not convention_policy.grants_anywhere(user, "campaign"):
        raise PermissionDenied(
            _("Seule la coordination régionale fixe la date de la campagne.")
        )
    with transaction.atomic():
        campaign = SignatureCampaign.objects.select_for_update().filter(
            year=year
        ).first() or SignatureCampaign(year=year)
        campaign.due_date = due_date
        campaign.updated_by = user
        campaign._history_user = user
        campaign.full_clean()
        campaign.save()
    return campaign
