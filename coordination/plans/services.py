"""Writes on local action plans and the regional synthesis: keyword-only,
typed, atomic; each checks the policy and the workflow itself, so that no view
can forget to. A refusal is ``PermissionDenied``; bad input is a
``ValidationError`` in French, and nothing is saved.

Moving a plan through its workflow is ``workflows.engine.fire`` (the generic
transition view); everything else is here.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from extranet.models import Organisation, OrganisationKind, Structure, Territory
from workflows import engine

from ..models import (
    ActionKind,
    ActionPartner,
    LocalAction,
    LocalPlan,
    Milestone,
    PlanComment,
    RegionalSynthesis,
)
from .definitions import MAX_PARTNERSHIPS, UNDER_REVIEW
from .policy import (
    contributors_on,
    is_coordinator,
    joinable_organisations,
    local_plan_policy,
    may_contribute,
    may_update_milestones,
    officer_territory_ids,
    staff_organisation_ids,
)

PLAN_FIELDS = ("title", "diagnosis")
ACTION_FIELDS = {
    ActionKind.PROFESSIONALISATION: ("title", "description", "plan_action"),
    ActionKind.LOCAL_NEED: ("title", "description", "audience", "people"),
    ActionKind.PARTNERSHIP: (
        "title",
        "description",
        "theme",
        "problem",
        "objectives",
        "indicators",
        "pilot",
    ),
}
NULLABLE_FIELDS = frozenset({"plan_action", "pilot", "people"})
REVIEW_FIELDS = ("review_summary", "review_difficulties", "review_participation")
ACTION_REVIEW_FIELDS = (
    "outcome",
    "review_done",
    "review_participants",
    "review_results",
)
# Kinds of organisation that may be partners of a local action: the region's
# member structures, and the PSAD.
PARTNER_KINDS = (OrganisationKind.STRUCTURE, OrganisationKind.PSAD)


def _saved(obj: Any, user: Any) -> None:
    obj.full_clean()
    obj._history_user = user
    obj.save()


# The plan ---------------------------------------------------------------------------


def plan_create(
    *, user: Any, territory: Territory, year: int, data: dict[str, Any]
) -> LocalPlan:
    """The plan of ``territory`` for ``year``, in draft: its territorial officer only,
    once per territory and year."""
    if territory.pk not in officer_territory_ids(user):
        raise ValidationError(
            _(
                "Vous n'êtes pas chargé·e de mission du territoire « %(territory)s » : "
                "vous ne pouvez pas y créer de plan."
            )
            % {"territory": territory.name}
        )
    this_year = engine.today().year
    if not this_year - 1 <= year <= this_year + 1:
        raise ValidationError(
            _("Un plan se prépare pour l'année en cours, la précédente ou la suivante.")
        )
    plan = LocalPlan(territory=territory, year=year, created_by=user)
    for name in PLAN_FIELDS:
        setattr(plan, name, (data.get(name) or "").strip())
    try:
        with transaction.atomic():
            engine.start(plan, user=user)
            _saved(plan, user)
            _invite_contributors(plan)
    except (IntegrityError, ValidationError) as error:
        if LocalPlan.objects.filter(territory=territory, year=year).exists():
            raise ValidationError(
                _("Le plan %(year)s de ce territoire existe déjà.") % {"year": year}
            ) from error
        raise
    return plan


def _invite_contributors(plan: LocalPlan) -> int:
    """Tell the referents of the territory's structures and PSAD that its
    plan is being written, and that they may contribute and join its
    partnership actions."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from extranet.models import Role
    from notifications.services import users_notify

    referents = (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__role=Role.REFERENT,
            memberships__organisation__is_active=True,
        )
        .filter(
            Q(memberships__organisation__structure__territory_id=plan.territory_id)
            | Q(memberships__organisation__platform__territories__id=plan.territory_id)
        )
        .distinct()
    )
    return users_notify(
        users=referents,
        subject=_("Plan d'action local %(year)s — %(territory)s : contribuez")
        % {"year": plan.year, "territory": plan.territory.name},
        body=_(
            "La ou le chargé·e de mission territorial·e prépare le plan d'action "
            "local de votre territoire. Vous pouvez y contribuer et engager votre "
            "structure dans ses actions partenariales."
        ),
        url=plan.get_absolute_url(),
    )


def _check_change(user: Any, plan: LocalPlan) -> None:
    if not local_plan_policy.can(user, "change", plan):
        raise PermissionDenied(
            _("Seul·e la ou le chargé·e de mission du territoire modifie ce plan.")
        )
    refusal = engine.edit_refusal(user, plan)
    if refusal:
        raise PermissionDenied(refusal)


def _locked(plan: LocalPlan) -> LocalPlan:
    return LocalPlan.objects.select_for_update().get(pk=plan.pk)


def plan_update(*, user: Any, plan: LocalPlan, data: dict[str, Any]) -> LocalPlan:
    with transaction.atomic():
        locked = _locked(plan)
        _check_change(user, locked)
        for name in PLAN_FIELDS:
            if name in data:
                setattr(locked, name, (data[name] or "").strip())
        _saved(locked, user)
    return locked


# Actions ----------------------------------------------------------------------------


def _check_action_data(plan: LocalPlan, kind: str, data: dict[str, Any]) -> None:
    if kind == ActionKind.PARTNERSHIP:
        pilot = data.get("pilot")
        if pilot is None or pilot.territory_id != plan.territory_id:
            raise ValidationError(
                {
                    "pilot": _(
                        "La structure pilote est une structure membre du territoire "
                        "du plan."
                    )
                }
            )
    if kind == ActionKind.PROFESSIONALISATION:
        plan_action = data.get("plan_action")
        if plan_action is None:
            raise ValidationError(
                {"plan_action": _("Choisissez l'action du plan régional déclinée ici.")}
            )
    if kind == ActionKind.LOCAL_NEED and not data.get("people"):
        raise ValidationError(
            {"people": _("Dites combien de professionnel·les sont concerné·es.")}
        )


def action_create(
    *, user: Any, plan: LocalPlan, kind: str, data: dict[str, Any]
) -> LocalAction:
    """A new action of a plan being written; at most two partnership actions."""
    if kind not in ActionKind.values:
        raise ValidationError(_("Ce type d'action n'existe pas."))
    with transaction.atomic():
        locked = _locked(plan)
        _check_change(user, locked)
        if (
            kind == ActionKind.PARTNERSHIP
            and locked.actions.filter(kind=kind).count() >= MAX_PARTNERSHIPS
        ):
            raise ValidationError(
                _("Un plan compte au plus %(n)d actions partenariales.")
                % {"n": MAX_PARTNERSHIPS}
            )
        _check_action_data(locked, kind, data)
        action = LocalAction(plan=locked, kind=kind)
        _write_action(action, {name: data.get(name) for name in ACTION_FIELDS[kind]})
        _saved(action, user)
        if kind == ActionKind.PROFESSIONALISATION and data.get("sessions") is not None:
            action.sessions.set(data["sessions"])
    return action


def _write_action(action: LocalAction, data: dict[str, Any]) -> None:
    """Set the fields of ``data`` that the action's kind uses (an empty text
    for a missing one, except where the field may be null)."""
    for name in ACTION_FIELDS[action.kind]:
        if name in data:
            value = data[name]
            if value is None and name not in NULLABLE_FIELDS:
                value = ""
            setattr(action, name, value)


def action_update(
    *, user: Any, action: LocalAction, data: dict[str, Any]
) -> LocalAction:
    with transaction.atomic():
        plan = _locked(action.plan)
        _check_change(user, plan)
        _check_action_data(plan, action.kind, {**_current(action), **data})
        _write_action(action, data)
        _saved(action, user)
        if action.kind == ActionKind.PROFESSIONALISATION and "sessions" in data:
            action.sessions.set(data["sessions"])
    return action


def _current(action: LocalAction) -> dict[str, Any]:
    return {name: getattr(action, name) for name in ACTION_FIELDS[action.kind]}


def action_remove(*, user: Any, action: LocalAction) -> None:
    """Take an action out of a plan being written (its history keeps it)."""
    with transaction.atomic():
        plan = _locked(action.plan)
        _check_change(user, plan)
        for milestone in action.milestones.all():
            milestone._history_user = user
            milestone.delete()
        for partner in action.partners.all():
            partner._history_user = user
            partner.delete()
        action._history_user = user
        action.delete()


# Milestones, partners, contributions ---------------------------------------------


def milestone_save(
    *,
    user: Any,
    action: LocalAction,
    data: dict[str, Any],
    milestone: Milestone | None = None,
) -> Milestone:
    """Set a milestone of a partnership action: the officer while the plan is
    written or runs, the pilot structure's staff while it runs. Its date falls
    in the plan's year."""
    with transaction.atomic():
        plan = _locked(action.plan)
        action.plan = plan
        if not may_update_milestones(user, action):
            raise PermissionDenied(
                _(
                    "Seule la structure pilote de cette action (ou la ou le chargé·e "
                    "de mission du territoire) met ses jalons à jour."
                )
            )
        due_on: datetime.date | None = data.get("due_on")
        if due_on is not None and due_on.year != plan.year:
            raise ValidationError(
                {
                    "due_on": _(
                        "L'échéance d'un jalon tombe dans l'année du plan (%(year)s)."
                    )
                    % {"year": plan.year}
                }
            )
        if milestone is None:
            milestone = Milestone(action=action)
        elif milestone.action_id != action.pk:
            raise PermissionDenied
        for name in ("title", "due_on", "status", "progress", "note"):
            if name in data:
                value = data[name]
                setattr(
                    milestone, name, "" if value is None and name == "note" else value
                )
        if milestone.status == "done":
            milestone.progress = 100
        milestone.updated_by = user
        _saved(milestone, user)
    return milestone


def _check_partner(organisation: Organisation) -> None:
    in_region = organisation.is_active and organisation.kind in PARTNER_KINDS
    if in_region and organisation.kind == OrganisationKind.STRUCTURE:
        in_region = Structure.objects.filter(organisation=organisation).exists()
    if not in_region:
        raise ValidationError(
            {
                "organisation": _(
                    "Un partenaire est une structure membre ou une plate-forme du "
                    "SPRO en Bretagne."
                )
            }
        )


def partner_add(
    *, user: Any, action: LocalAction, organisation: Organisation, role: str = ""
) -> ActionPartner:
    """The officer names a partner of a partnership action of a plan being written."""
    with transaction.atomic():
        plan = _locked(action.plan)
        _check_change(user, plan)
        if not action.is_partnership:
            raise ValidationError(_("Seule une action partenariale a des partenaires."))
        _check_partner(organisation)
        return _partner(user, action, organisation, role)


def _partner(user: Any, action: LocalAction, organisation, role: str) -> ActionPartner:
    if action.pilot and action.pilot.organisation_id == organisation.pk:
        raise ValidationError(_("La structure pilote n'est pas son propre partenaire."))
    if action.partners.filter(organisation=organisation).exists():
        raise ValidationError(_("Cette structure est déjà partenaire de l'action."))
    partner = ActionPartner(
        action=action, organisation=organisation, role=role.strip(), added_by=user
    )
    _saved(partner, user)
    return partner


def partner_join(
    *, user: Any, action: LocalAction, organisation: Organisation, role: str = ""
) -> ActionPartner:
    """A referent of a structure of the territory joins a partnership action."""
    with transaction.atomic():
        plan = _locked(action.plan)
        action.plan = plan
        if organisation.pk not in joinable_organisations(user, action):
            raise PermissionDenied(
                _(
                    "Seul·e la ou le référent·e d'une structure du territoire "
                    "engage sa structure dans cette action."
                )
            )
        return _partner(user, action, organisation, role)


def comment_add(
    *, user: Any, plan: LocalPlan, organisation: Organisation, text: str
) -> PlanComment:
    """A structure of the territory contributes to its plan."""
    own = contributors_on(plan.territory_id, staff_organisation_ids(user))
    if not may_contribute(user, plan) or organisation.pk not in own:
        raise PermissionDenied(
            _("Seules les structures du territoire contribuent à ce plan.")
        )
    comment = PlanComment(
        plan=plan, author=user, organisation=organisation, text=text.strip()
    )
    _saved(comment, user)
    return comment


# The needs census -----------------------------------------------------------------


def local_needs_report(*, plan: LocalPlan, user: Any) -> int:
    """Report the plan's local needs not yet reported to GREF's open census
    (the effect of the plan's submission). Without an open census they wait,
    and the plan's page says so. Returns how many were reported."""
    from training.models import NeedsCampaign, Reach
    from training.services import need_save

    now = engine.now()
    campaign = next(
        (
            c
            for c in NeedsCampaign.objects.filter(is_open=True).order_by("-year")
            if c.accepts_needs(now)
        ),
        None,
    )
    if campaign is None:
        return 0
    reported = 0
    for action in plan.actions.filter(kind=ActionKind.LOCAL_NEED, need__isnull=True):
        need = need_save(
            user=user,
            campaign=campaign,
            data={
                "theme": action.title,
                "audience": action.audience or _("Professionnel·les du territoire"),
                "people": action.people or 1,
                "priority": "medium",
                "reach": Reach.LOCAL,
                "territory": plan.territory,
                "comment": _("Remonté par le %(plan)s.") % {"plan": plan},
            },
        )
        action.need = need
        action._history_user = user
        action.save(update_fields=["need", "updated_at"])
        reported += 1
    return reported


# The annual review ------------------------------------------------------------------


def review_save(
    *,
    user: Any,
    plan: LocalPlan,
    data: dict[str, Any],
    actions: dict[int, dict[str, Any]],
) -> LocalPlan:
    """Write the plan's review (bilan) and each action's: the officer, while the
    review is open. ``actions`` maps an action's id to its review fields."""
    with transaction.atomic():
        locked = _locked(plan)
        if not local_plan_policy.can(user, "review", locked):
            raise PermissionDenied(
                _("Seul·e la ou le chargé·e de mission du territoire écrit ce bilan.")
            )
        if locked.state != UNDER_REVIEW:
            raise PermissionDenied(
                _("Le bilan s'écrit une fois ouvert, et jusqu'à sa remise.")
            )
        for name in REVIEW_FIELDS:
            if name in data:
                setattr(locked, name, (data[name] or "").strip())
        _saved(locked, user)
        own = {a.pk: a for a in locked.actions.all()}
        for pk, fields in actions.items():
            action = own.get(pk)
            if action is None:
                raise PermissionDenied
            for name in ACTION_REVIEW_FIELDS:
                if name in fields:
                    value = fields[name]
                    if value is None and name != "review_participants":
                        value = ""
                    setattr(action, name, value)
            _saved(action, user)
            if "practices" in fields:
                action.practices.set(fields["practices"])
    return locked


# The regional synthesis ---------------------------------------------------------


def _check_synthesis_writer(user: Any) -> None:
    if not (getattr(user, "is_superuser", False) or is_coordinator(user)):
        raise PermissionDenied(
            _("Seule la coordination régionale rédige la synthèse régionale.")
        )


def synthesis_create(
    *, user: Any, year: int, data: dict[str, Any]
) -> RegionalSynthesis:
    """The synthesis of ``year``'s reviewed plans (one per year; a presented one
    is changed through a new version)."""
    _check_synthesis_writer(user)
    if RegionalSynthesis.objects.filter(year=year).exists():
        raise ValidationError(
            {"year": _("La synthèse %(year)s existe déjà.") % {"year": year}}
        )
    synthesis = RegionalSynthesis(year=year, version=1, created_by=user)
    for name in ("title", "narrative", "recommendations"):
        setattr(synthesis, name, (data.get(name) or "").strip())
    _saved(synthesis, user)
    return synthesis


def synthesis_update(
    *, user: Any, synthesis: RegionalSynthesis, data: dict[str, Any]
) -> RegionalSynthesis:
    """Change the synthesis's text. A presented version is never changed: the
    change makes the next version (figures recomputed until it is presented)."""
    _check_synthesis_writer(user)
    with transaction.atomic():
        locked = RegionalSynthesis.objects.select_for_update().get(pk=synthesis.pk)
        if locked.is_presented:
            if RegionalSynthesis.objects.filter(previous=locked).exists():
                raise ValidationError(
                    _(
                        "Une nouvelle version de cette synthèse existe déjà : "
                        "modifiez-la."
                    )
                )
            latest = (
                RegionalSynthesis.objects.filter(year=locked.year)
                .order_by("-version")
                .first()
            )
            locked = RegionalSynthesis(
                year=locked.year,
                version=latest.version + 1,
                title=locked.title,
                narrative=locked.narrative,
                recommendations=locked.recommendations,
                previous=locked,
                created_by=user,
            )
        for name in ("title", "narrative", "recommendations"):
            if name in data:
                setattr(locked, name, (data[name] or "").strip())
        _saved(locked, user)
    return locked


def synthesis_present(
    *, user: Any, synthesis: RegionalSynthesis, on: datetime.date
) -> RegionalSynthesis:
    """Record that this version was presented: its figures are frozen as they
    are now, its text no longer changes."""
    from .selectors import synthesis_figures

    _check_synthesis_writer(user)
    with transaction.atomic():
        locked = RegionalSynthesis.objects.select_for_update().get(pk=synthesis.pk)
        if locked.is_presented:
            raise ValidationError(_("Cette version a déjà été présentée."))
        if on > engine.today():
            raise ValidationError(
                {"presented_at": _("La date de présentation ne peut être à venir.")}
            )
        if not locked.narrative.strip():
            raise ValidationError(
                _("Écrivez l'analyse de la synthèse avant de la présenter.")
            )
        locked.figures = synthesis_figures(locked.year).as_json()
        locked.presented_at = on
        locked.presented_by = user
        _saved(locked, user)
    return locked


def synthesis_receive(
    *, synthesis: RegionalSynthesis, on: datetime.date, reference: str, user: Any
) -> RegionalSynthesis:
    """Record the CREFOP commission's receipt of a presented synthesis (called by
    the governance decision that records it)."""
    with transaction.atomic():
        locked = RegionalSynthesis.objects.select_for_update().get(pk=synthesis.pk)
        if not locked.is_presented:
            raise ValidationError(
                _("Seule une synthèse présentée peut être reçue par la commission.")
            )
        locked.received_on = on
        locked.received_reference = reference[:300]
        _saved(locked, user)
    return locked
