"""Writes of the governance bodies: the bodies themselves, members, meetings
(agenda, attendance, minutes, documents), the minutes' approval and
publication, decisions and their link to what they decide, the PSAD.

Each service checks the policy itself, validates the models and records the
acting user and the reason in the history. A refusal raises
``PermissionDenied`` or a French ``ValidationError`` and saves nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from collaboration.uploads import checked_document
from extranet.models import Organisation, OrganisationKind, Structure, Territory
from workflows.engine import TransitionError

from ..models import (
    Attendance,
    AttendanceStatus,
    Body,
    BodyKind,
    BodyMember,
    Decision,
    Meeting,
    MeetingDocument,
    MinutesStatus,
    Platform,
)
from . import links
from .policy import (
    is_chair,
    may_create_body,
    may_edit_body,
    may_manage,
    may_manage_platforms,
    may_set_co_secretariat,
)
from .selectors import co_secretariat_choices, region_structures, region_territories


def _check_manage(actor: Any, body: Body) -> None:
    if not may_manage(actor, body):
        raise PermissionDenied(
            _("Seul le secrétariat de l'instance (la coordination régionale) agit ici.")
        )


def _save(obj: models.Model, actor: Any, reason: str, **kwargs: Any) -> Any:
    obj.full_clean()
    obj._history_user = actor
    obj._change_reason = reason
    obj.save(**kwargs)
    return obj


BODY_FIELDS = ("name", "short_name", "description")


def _check_co_secretariat(organisation: Organisation | None) -> None:
    if organisation is None:
        return
    if not co_secretariat_choices().filter(pk=organisation.pk).exists():
        raise ValidationError(
            {
                "co_secretariat": _(
                    "Seul le GREF peut tenir le co-secrétariat d'une instance."
                )
            }
        )


def _save_body(body: Body, actor: Any, reason: str) -> Body:
    """Save a body; a kind taken meanwhile (unique) is a French refusal."""
    body.full_clean(validate_unique=False)
    body._history_user = actor
    body._change_reason = reason
    try:
        with transaction.atomic():
            body.save()
    except IntegrityError:
        raise ValidationError(
            {"kind": _("Une instance de cette nature existe déjà.")}
        ) from None
    return body


@transaction.atomic
def body_create(
    *,
    actor: Any,
    kind: str,
    data: dict[str, Any],
    co_secretariat: Organisation | None = None,
) -> Body:
    """Create the body of ``kind`` (one per kind): its name, short name, role
    and, if any, its co-secretariat (GREF). The Région's coordination only."""
    if not may_create_body(actor):
        raise PermissionDenied(
            _("Seule la coordination régionale crée une instance de gouvernance.")
        )
    if kind not in BodyKind.values:
        raise ValidationError({"kind": _("Choisissez une nature d'instance.")})
    if Body.objects.filter(kind=kind).exists():
        raise ValidationError({"kind": _("Une instance de cette nature existe déjà.")})
    _check_co_secretariat(co_secretariat)
    body = Body(kind=kind, co_secretariat=co_secretariat)
    for field in BODY_FIELDS:
        if field in data:
            setattr(body, field, data[field])
    return _save_body(body, actor, "create")


_UNCHANGED: Any = object()


@transaction.atomic
def body_update(
    *,
    body: Body,
    actor: Any,
    data: dict[str, Any],
    co_secretariat: Organisation | None = _UNCHANGED,
) -> Body:
    """Change a body's name, short name and role (its secretariat, GREF
    included for the body it co-runs) and its co-secretariat (the Région's
    coordination only). Its kind never changes: decisions depend on it."""
    if not may_edit_body(actor, body):
        raise PermissionDenied(
            _("Seul le secrétariat de l'instance (la coordination régionale) agit ici.")
        )
    locked = Body.objects.select_for_update().get(pk=body.pk)
    if co_secretariat is not _UNCHANGED and (
        getattr(co_secretariat, "pk", None) != locked.co_secretariat_id
    ):
        if not may_set_co_secretariat(actor):
            raise PermissionDenied(
                _("Seule la coordination régionale choisit le co-secrétariat.")
            )
        _check_co_secretariat(co_secretariat)
        locked.co_secretariat = co_secretariat
    for field in BODY_FIELDS:
        if field in data:
            setattr(locked, field, data[field])
    return _save_body(locked, actor, "update")


@transaction.atomic
def body_member_add(
    *,
    body: Body,
    actor: Any,
    user: Any,
    organisation: Organisation | None = None,
    quality: str = "membre",
    is_chair: bool = False,
    since: datetime.date | None = None,
) -> BodyMember:
    """Seat ``user`` in ``body``, for ``organisation``; once at a time."""
    _check_manage(actor, body)
    if BodyMember.objects.current().filter(body=body, user=user).exists():
        raise ValidationError({"user": _("Cette personne siège déjà dans l'instance.")})
    member = BodyMember(
        body=body,
        user=user,
        organisation=organisation,
        quality=quality,
        is_chair=is_chair,
        since=since or timezone.localdate(),
    )
    return _save(member, actor, "add member")


@transaction.atomic
def body_member_end(
    *, member: BodyMember, actor: Any, until: datetime.date | None = None
) -> BodyMember:
    """End a seat (kept in the history and in past attendance)."""
    _check_manage(actor, member.body)
    locked = BodyMember.objects.select_for_update().get(pk=member.pk)
    locked.until = until or timezone.localdate()
    if locked.until < locked.since:
        raise ValidationError({"until": _("La fin du mandat précède son début.")})
    return _save(locked, actor, "end member")


def _set_attendance(
    meeting: Meeting, actor: Any, attendance: dict[int, str] | None
) -> None:
    if attendance is None:
        return
    members = {m.pk: m for m in meeting.body.members.filter(pk__in=list(attendance))}
    unknown = set(attendance) - set(members)
    if unknown:
        raise ValidationError(
            _("Une présence concerne une personne qui ne siège pas dans l'instance.")
        )
    for member_id, status in attendance.items():
        if status not in AttendanceStatus.values:
            raise ValidationError(_("Une présence n'est pas valable."))
        row = Attendance.objects.filter(meeting=meeting, member_id=member_id).first()
        row = row or Attendance(meeting=meeting, member=members[member_id])
        if row.status != status:
            row.status = status
            _save(row, actor, "attendance")


MEETING_FIELDS = ("held_on", "place", "agenda")


@transaction.atomic
def meeting_create(
    *,
    body: Body,
    actor: Any,
    data: dict[str, Any],
    attendance: dict[int, str] | None = None,
) -> Meeting:
    """Convene a meeting: date, place, agenda (attendance may follow)."""
    _check_manage(actor, body)
    meeting = Meeting(body=body)
    for field in MEETING_FIELDS:
        if field in data:
            setattr(meeting, field, data[field])
    _save(meeting, actor, "create")
    _set_attendance(meeting, actor, attendance)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    actor: Any,
    data: dict[str, Any],
    attendance: dict[int, str] | None = None,
) -> Meeting:
    """Change the date, place, agenda, attendance, and the minutes while they
    are a draft: writing minutes makes them a draft; approved or published
    minutes no longer change."""
    _check_manage(actor, meeting.body)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    for field in MEETING_FIELDS:
        if field in data:
            setattr(locked, field, data[field])
    minutes = data.get("minutes")
    if minutes is not None and minutes != locked.minutes:
        if locked.minutes_status in (MinutesStatus.APPROVED, MinutesStatus.PUBLISHED):
            raise ValidationError(
                {
                    "minutes": _(
                        "Ce compte rendu est approuvé : il ne peut plus être modifié."
                    )
                }
            )
        locked.minutes = minutes
        locked.minutes_status = (
            MinutesStatus.DRAFT if minutes.strip() else MinutesStatus.NONE
        )
    _save(locked, actor, "update")
    _set_attendance(locked, actor, attendance)
    return locked


@transaction.atomic
def minutes_approve(*, meeting: Meeting, actor: Any) -> Meeting:
    """The chair (or the secretariat) approves the draft minutes; who and
    when are kept on the meeting and in its history."""
    locked = (
        Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    )
    if not (may_manage(actor, locked.body) or is_chair(actor, locked.body)):
        raise PermissionDenied(
            _("Seuls la présidence et le secrétariat approuvent un compte rendu.")
        )
    if locked.minutes_status != MinutesStatus.DRAFT:
        raise ValidationError(_("Seul un projet de compte rendu peut être approuvé."))
    locked.minutes_status = MinutesStatus.APPROVED
    locked.minutes_approved_by = actor
    locked.minutes_approved_at = timezone.now()
    return _save(locked, actor, "approve minutes")


@transaction.atomic
def minutes_publish(*, meeting: Meeting, actor: Any) -> Meeting:
    """The secretariat publishes approved minutes to the members."""
    _check_manage(actor, meeting.body)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.minutes_status != MinutesStatus.APPROVED:
        raise ValidationError(
            _("Seul un compte rendu approuvé peut être publié aux membres.")
        )
    locked.minutes_status = MinutesStatus.PUBLISHED
    locked.minutes_published_at = timezone.now()
    return _save(locked, actor, "publish minutes")


@transaction.atomic
def meeting_document_add(
    *, meeting: Meeting, actor: Any, title: str, upload: Any
) -> MeetingDocument:
    """Attach a document to a meeting, checked on its content first."""
    _check_manage(actor, meeting.body)
    checked = checked_document(upload)
    document = MeetingDocument(
        meeting=meeting,
        title=title,
        original_name=checked.original_name,
        kind=checked.kind,
        sha256=checked.sha256,
        size=checked.size,
        uploaded_by=actor,
    )
    document.full_clean(exclude=["file"])
    upload.seek(0)
    document.file.save(checked.stored_name, ContentFile(upload.read()), save=False)
    document._history_user = actor
    document._change_reason = "upload"
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    return document


@transaction.atomic
def decision_record(
    *,
    body: Body,
    actor: Any,
    meeting: Meeting,
    number: str,
    decided_on: datetime.date,
    text: str,
    subject_key: str = "",
    subject_id: Any = None,
) -> Decision:
    """Record a decision of ``body`` taken at ``meeting``; if it names a
    subject (``links``), link it to that object and apply it (the GPR's
    validation of the professionalisation plan fires the plan's validation).
    Anything refused, by this service or by the subject, saves nothing."""
    _check_manage(actor, body)
    if meeting.body_id != body.pk:
        raise ValidationError(
            {"meeting": _("Cette réunion n'est pas une réunion de l'instance.")}
        )
    if Decision.objects.filter(body=body, number=number).exists():
        raise ValidationError(
            {"number": _("Une décision de l'instance porte déjà ce numéro.")}
        )
    decision = Decision(
        body=body,
        meeting=meeting,
        number=number,
        decided_on=decided_on,
        text=text,
        recorded_by=actor,
    )
    target = None
    if subject_key:
        found = links.subject(subject_key)
        if found is None or body.kind not in found.bodies:
            raise ValidationError(
                {
                    "subject_key": _(
                        "Cette instance ne peut pas prendre ce type de décision."
                    )
                }
            )
        try:
            target = found.choices(actor).filter(pk=int(subject_id)).first()
        except (TypeError, ValueError):
            target = None
        if target is None:
            raise ValidationError(
                {
                    "subject_id": _(
                        "L'élément choisi n'existe pas ou ne peut pas faire l'objet "
                        "de cette décision (vérifiez son état)."
                    )
                }
            )
        decision.subject_key = found.key
        decision.subject_type = ContentType.objects.get_for_model(target)
        decision.subject_id = target.pk
        decision.subject_label = str(target)[:255]
    _save(decision, actor, "record")
    if target is not None:
        try:
            found.apply(decision, target, actor)
        except TransitionError as error:
            raise ValidationError(
                {"subject_id": getattr(error, "message", str(error))}
            ) from None
    return decision


def _check_platform_choices(
    pilot: Structure | None,
    territories: list[Territory],
    partners: list[Structure],
) -> None:
    """Pilot and partners are active structures of SPRO in Bretagne, the
    territories are Bretagne's; the pilot is not its own partner."""
    errors: dict[str, str] = {}
    ids = {s.pk for s in partners if s is not None and s.pk}
    allowed = set(
        region_structures()
        .filter(pk__in=ids | {getattr(pilot, "pk", None)})
        .values_list("pk", flat=True)
    )
    if pilot is None or pilot.pk not in allowed:
        errors["pilot"] = _(
            "La structure pilote est une structure active du SPRO en Bretagne."
        )
    if len(ids) != len(partners) or not ids <= allowed:
        errors["partners"] = _(
            "Les partenaires d'une PSAD sont des structures du SPRO en Bretagne."
        )
    elif pilot is not None and pilot.pk in ids:
        errors["partners"] = _("La structure pilote n'est pas sa propre partenaire.")
    territory_ids = {t.pk for t in territories if t is not None and t.pk}
    if not territories:
        errors["territories"] = _("Une PSAD couvre au moins un territoire.")
    elif len(territory_ids) != len(territories) or region_territories().filter(
        pk__in=territory_ids
    ).count() != len(territory_ids):
        errors["territories"] = _(
            "Les territoires d'une PSAD sont des territoires de Bretagne."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def platform_save(
    *,
    actor: Any,
    name: str,
    pilot: Structure,
    territories: list[Territory],
    partners: list[Structure],
    platform: Platform | None = None,
    contact: dict[str, str] | None = None,
) -> Platform:
    """Create or change a PSAD: its organisation (of kind PSAD), pilot,
    territories and partners (their history is kept with the platform's).
    Partners and pilot must be active structures of SPRO in Bretagne."""
    if not may_manage_platforms(actor):
        raise PermissionDenied(_("Seule la coordination régionale gère les PSAD."))
    _check_platform_choices(pilot, territories, partners)
    if platform is None:
        organisation = Organisation(name=name, kind=OrganisationKind.PSAD)
        organisation.full_clean(exclude=["slug"])
        organisation._history_user = actor
        organisation._change_reason = "create PSAD"
        organisation.save()  # its slug is made on save
        platform = Platform(organisation=organisation)
    else:
        platform = (
            Platform.objects.select_for_update()
            .select_related("organisation")
            .get(pk=platform.pk)
        )
        organisation = platform.organisation
        if organisation.name != name:
            organisation.name = name
            organisation.full_clean(exclude=["slug"])
            organisation._history_user = actor
            organisation._change_reason = "rename PSAD"
            organisation.save()
    platform.pilot = pilot
    for field, value in (contact or {}).items():
        setattr(platform, field, value)
    _save(platform, actor, "save")
    # The history rows of the territories and partners take the same user.
    platform._change_reason = "territories and partners"
    platform.territories.set(territories)
    platform.partners.set(partners)
    return platform
