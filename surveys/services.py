"""Writes of the surveys app: keyword-only, typed, atomic; each checks the
policy itself. A refusal is ``PermissionDenied``; bad input a
``ValidationError`` in French, and nothing is saved.

Anonymity rests on three writes kept apart:
* ``response_submit`` stores a ``Response`` (random id, structure or nothing,
  the Monday of the week) and its ``Answer`` s, and nothing else;
* with an invitation, the same transaction marks the invitation answered
  (locked, so that it serves once) without writing anything of the response;
* ``campaign_save`` refuses any change that would weaken what was promised
  when the campaign opened.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from extranet.models import Membership, Role, Structure
from notifications.formats import long_date
from notifications.services import mail_enqueue

from .models import (
    ATTRIBUTION_STRICTNESS,
    MIN_THRESHOLD,
    TEXT_TYPES,
    Answer,
    Attribution,
    Campaign,
    CampaignMode,
    CampaignState,
    Invitation,
    Moderation,
    PeerTarget,
    PendingResponse,
    PublicLink,
    Question,
    Response,
    Section,
    Survey,
    SurveyKind,
    Tally,
)
from .policy import kinds_for, manageable_campaigns, manageable_surveys
from .signals import responses_waiting

REMIND_AFTER_DAYS = 7
MAX_REMINDERS = 3


def week_of(day: datetime.date) -> datetime.date:
    """The Monday of ``day``'s week: all a response keeps of its date."""
    return day - datetime.timedelta(days=day.weekday())


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _site_url() -> str:
    from django.conf import settings

    return getattr(settings, "SPRO_SITE_URL", "").rstrip("/")


# --- Definitions ---------------------------------------------------------


def _check_survey(user: Any, survey: Survey) -> None:
    if not manageable_surveys(user).filter(pk=survey.pk).exists():
        raise PermissionDenied


def _check_unanswered(survey: Survey) -> None:
    if survey.has_answers:
        raise ValidationError(
            _(
                "Ce questionnaire a déjà reçu des réponses : il ne change plus. "
                "Créez-en une nouvelle version."
            )
        )


@transaction.atomic
def survey_save(
    *, user: Any, survey: Survey | None = None, data: dict[str, Any]
) -> Survey:
    """Create or edit a survey's title, kind and introduction."""
    if survey is None:
        if data.get("kind") not in kinds_for(user):
            raise PermissionDenied
        survey = Survey(created_by=user)
    else:
        _check_survey(user, survey)
        if data.get("kind", survey.kind) != survey.kind and survey.has_answers:
            _check_unanswered(survey)
        if data.get("kind", survey.kind) not in kinds_for(user):
            raise PermissionDenied
    for name in ("kind", "title", "introduction"):
        if name in data:
            setattr(survey, name, data[name])
    survey.full_clean(exclude=["previous", "created_by"])
    survey.save()
    return survey


@transaction.atomic
def section_save(
    *,
    user: Any,
    survey: Survey,
    section: Section | None = None,
    data: dict[str, Any],
) -> Section:
    _check_survey(user, survey)
    _check_unanswered(survey)
    if section is None:
        last = survey.sections.order_by("-position").first()
        section = Section(survey=survey, position=(last.position + 1) if last else 1)
    elif section.survey_id != survey.pk:
        raise PermissionDenied
    section.title = data.get("title", section.title)
    section.description = data.get("description", section.description)
    section.full_clean(exclude=["survey"])
    section.save()
    return section


QUESTION_FIELDS = (
    "code",
    "type",
    "label",
    "help_text",
    "required",
    "choices",
    "rows",
    "scale_min",
    "scale_max",
    "scale_min_label",
    "scale_max_label",
    "condition_question",
    "condition_value",
)


def _check_question(question: Question) -> None:
    errors: dict[str, str] = {}
    if question.type in ("single", "multiple", "matrix"):
        values = [str(c.get("value", "")) for c in question.choices]
        if len(values) < 2:
            errors["choices"] = _("Proposez au moins deux choix.")
        elif len(set(values)) != len(values):
            errors["choices"] = _("Deux choix ont la même valeur.")
    if question.type == "matrix" and len(question.rows) < 1:
        errors["rows"] = _("Un tableau a au moins une ligne.")
    if question.type == "scale" and not (
        0 <= question.scale_min < question.scale_max <= 10
    ):
        errors["scale_max"] = _(
            "L'échelle va d'un minimum à un maximum plus grand, entre 0 et 10."
        )
    condition = question.condition_question
    if condition is not None:
        if condition.section.survey_id != question.section.survey_id or (
            question.pk and condition.pk == question.pk
        ):
            errors["condition_question"] = _(
                "La condition porte sur une autre question du même questionnaire."
            )
        elif question.condition_value not in condition.choice_values():
            errors["condition_value"] = _(
                "Cette réponse n'est pas proposée par la question choisie."
            )
        elif (condition.section.position, condition.position) >= (
            question.section.position,
            question.position,
        ) and question.pk:
            errors["condition_question"] = _(
                "La condition porte sur une question posée avant celle-ci."
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def question_save(
    *,
    user: Any,
    section: Section,
    question: Question | None = None,
    data: dict[str, Any],
) -> Question:
    """Add or change a question of a survey that has no answer yet. The
    national questions keep their wording."""
    survey = section.survey
    _check_survey(user, survey)
    _check_unanswered(survey)
    if survey.national:
        raise ValidationError(
            _(
                "Les questions nationales ne se modifient pas : leurs résultats "
                "doivent rester comparables aux baromètres de l'État."
            )
        )
    if question is None:
        last = section.questions.order_by("-position").first()
        question = Question(
            section=section, position=(last.position + 1) if last else 1
        )
    elif question.section.survey_id != survey.pk:
        raise PermissionDenied
    for name in QUESTION_FIELDS:
        if name in data:
            setattr(question, name, data[name])
    question.section = section
    question.full_clean(exclude=["section", "condition_question"])
    taken = Question.objects.filter(section__survey=survey, code=question.code)
    if taken.exclude(pk=question.pk).exists():
        raise ValidationError(
            {"code": _("Ce code est déjà celui d'une autre question du questionnaire.")}
        )
    _check_question(question)
    question.save()
    return question


@transaction.atomic
def question_remove(*, user: Any, question: Question) -> None:
    survey = question.section.survey
    _check_survey(user, survey)
    _check_unanswered(survey)
    if survey.national:
        raise ValidationError(_("Les questions nationales ne se retirent pas."))
    if question.dependants.exists():
        raise ValidationError(
            _("Une autre question dépend de celle-ci : retirez d'abord sa condition.")
        )
    question.delete()


@transaction.atomic
def survey_new_version(*, user: Any, survey: Survey) -> Survey:
    """Version n+1 of a survey, its sections and questions copied (their
    conditions pointing at the copies); the old version stays with its
    answers."""
    _check_survey(user, survey)
    if hasattr(survey, "next_version"):
        raise ValidationError(_("Une version plus récente existe déjà."))
    copy = Survey.objects.create(
        kind=survey.kind,
        title=survey.title,
        introduction=survey.introduction,
        version=survey.version + 1,
        previous=survey,
        national=survey.national,
        created_by=user,
    )
    mapping: dict[int, Question] = {}
    conditions: list[tuple[Question, int]] = []
    for section in survey.sections.prefetch_related("questions"):
        new_section = Section.objects.create(
            survey=copy,
            position=section.position,
            title=section.title,
            description=section.description,
        )
        for question in section.questions.all():
            old_pk = question.pk
            condition_id = question.condition_question_id
            question.pk = None
            question.id = None
            question.section = new_section
            question.condition_question = None
            question.save()
            mapping[old_pk] = question
            if condition_id:
                conditions.append((question, condition_id))
    for question, condition_id in conditions:
        question.condition_question = mapping[condition_id]
        question.save(update_fields=["condition_question"])
    survey.archived = True
    survey.save(update_fields=["archived"])
    return copy


# --- Campaigns -----------------------------------------------------------

SURVEY_KINDS_BY_MODE = {
    CampaignMode.PUBLIC: (SurveyKind.PUBLIC,),
    CampaignMode.PEER: (SurveyKind.PEER, SurveyKind.GRID),
    CampaignMode.SESSION: (SurveyKind.SESSION,),
}
CAMPAIGN_FIELDS = (
    "survey",
    "title",
    "mode",
    "opens_on",
    "closes_on",
    "attribution",
    "threshold",
    "release_after",
    "peer_target",
)


def weakened(before: Campaign, after: Campaign) -> list[str]:
    """What ``after`` would weaken of the anonymity promised by ``before``
    once open: empty when nothing."""
    found = []
    if (
        ATTRIBUTION_STRICTNESS[after.attribution]
        < ATTRIBUTION_STRICTNESS[before.attribution]
    ):
        found.append(_("les réponses ne peuvent pas être rattachées davantage"))
    if after.threshold < before.threshold:
        found.append(_("le seuil de diffusion ne peut pas baisser"))
    if before.release_after is None and after.release_after is not None:
        found.append(_("les résultats ne peuvent pas être montrés avant la clôture"))
    elif (
        before.release_after is not None
        and after.release_after is not None
        and after.release_after < before.release_after
    ):
        found.append(_("le nombre de réponses avant diffusion ne peut pas baisser"))
    if after.mode != before.mode or after.survey_id != before.survey_id:
        found.append(_("le questionnaire et le mode ne changent plus"))
    return found


@transaction.atomic
def campaign_save(
    *,
    user: Any,
    campaign: Campaign | None = None,
    data: dict[str, Any],
    structures: Iterable[Structure] | None = None,
) -> Campaign:
    """Create or change a campaign. Once it has opened, nothing that would
    weaken its anonymity can change (``weakened``)."""
    if campaign is None:
        campaign = Campaign(created_by=user)
        before = None
    else:
        campaign = (
            manageable_campaigns(user)
            .select_for_update()
            .filter(pk=campaign.pk)
            .first()
        )
        if campaign is None:
            raise PermissionDenied
        before = Campaign.objects.get(pk=campaign.pk)
        if campaign.state == CampaignState.CLOSED:
            raise ValidationError(_("Cette campagne est close : elle ne change plus."))
    for name in CAMPAIGN_FIELDS:
        if name in data:
            setattr(campaign, name, data[name])
    if campaign.mode == CampaignMode.PUBLIC:
        campaign.attribution = (
            before.attribution if before is not None else Attribution.STRUCTURE
        )
        if before is None:
            campaign.attribution = Attribution.STRUCTURE
    if campaign.mode not in manageable_modes(user):
        raise PermissionDenied
    survey = campaign.survey
    if survey.kind not in SURVEY_KINDS_BY_MODE[campaign.mode]:
        raise ValidationError(
            {"survey": _("Ce questionnaire ne convient pas à ce mode de campagne.")}
        )
    if not manageable_surveys(user).filter(pk=survey.pk).exists():
        raise PermissionDenied
    if before is not None and before.state != CampaignState.DRAFT:
        problems = weakened(before, campaign)
        if problems:
            raise ValidationError(
                _("L'anonymat promis à l'ouverture ne peut pas être affaibli : %s.")
                % " ; ".join(problems)
            )
    if campaign.threshold < MIN_THRESHOLD:
        raise ValidationError(
            {"threshold": _("Le seuil ne descend jamais sous %d.") % MIN_THRESHOLD}
        )
    campaign.full_clean(exclude=["created_by", "session", "survey"])
    campaign.save()
    if structures is not None:
        chosen = list(structures)
        if campaign.state != CampaignState.DRAFT:
            # Open: structures may be added (they get their links), not removed.
            kept = set(campaign.structures.values_list("pk", flat=True))
            if not kept <= {s.pk for s in chosen}:
                raise ValidationError(
                    _(
                        "Une campagne ouverte garde ses structures : "
                        "ajoutez-en seulement."
                    )
                )
            campaign.structures.set(chosen)
            _create_links(campaign)
        else:
            campaign.structures.set(chosen)
    return campaign


def manageable_modes(user: Any) -> list[str]:
    kinds = set(kinds_for(user))
    return [
        mode for mode, allowed in SURVEY_KINDS_BY_MODE.items() if kinds & set(allowed)
    ]


def _create_links(campaign: Campaign) -> int:
    if campaign.mode != CampaignMode.PUBLIC:
        return 0
    have = set(campaign.public_links.values_list("structure_id", flat=True))
    links = [
        PublicLink(campaign=campaign, structure=s, token=secrets.token_urlsafe(16))
        for s in campaign.structures.all()
        if s.pk not in have
    ]
    PublicLink.objects.bulk_create(links)
    return len(links)


def _peer_people(campaign: Campaign) -> list[Membership]:
    roles = (
        (Role.REFERENT,)
        if campaign.peer_target == PeerTarget.REFERENTS
        else (Role.REFERENT, Role.PROFESSIONAL)
    )
    seen: set[int] = set()
    found = []
    for membership in (
        Membership.objects.filter(
            organisation__structure__in=campaign.structures.all(),
            organisation__is_active=True,
            role__in=roles,
            user__is_active=True,
        )
        .select_related("user", "organisation__structure")
        .order_by("user_id", "role")
    ):
        if membership.user_id not in seen:
            seen.add(membership.user_id)
            found.append(membership)
    return found


def _invite(
    campaign: Campaign, user: Any, structure: Structure | None, subject: str
) -> Invitation | None:
    """One invitation and its mail (the link's token leaves in the mail and
    is not kept: only its hash is)."""
    if Invitation.objects.filter(campaign=campaign, user=user).exists():
        return None
    token = secrets.token_urlsafe(24)
    invitation = Invitation.objects.create(
        campaign=campaign, user=user, structure=structure, token_hash=token_hash(token)
    )
    url = _site_url() + reverse("surveys_public:invitation", args=[token])
    body = _(
        "Bonjour,\n\nVous êtes invité·e à répondre à l'enquête « %(title)s », "
        "ouverte jusqu'au %(date)s.\n\nCe lien est personnel et ne sert qu'une "
        "fois : %(url)s\n\nVotre réponse est anonyme. Nous savons seulement si ce "
        "lien a servi, pour ne relancer que les personnes qui n'ont pas répondu ; "
        "rien ne relie votre réponse à ce lien."
    ) % {"title": campaign.title, "date": long_date(campaign.closes_on), "url": url}
    mail_enqueue(to=user.email, subject=subject, body=body, sensitive=True)
    return invitation


@transaction.atomic
def campaign_open(
    *, user: Any, campaign: Campaign, today: datetime.date | None = None
) -> Campaign:
    """Open a campaign: its promise is now fixed. A public campaign gets one
    link per structure; a peer survey sends its single-use invitations."""
    campaign = (
        manageable_campaigns(user).select_for_update().filter(pk=campaign.pk).first()
    )
    if campaign is None:
        raise PermissionDenied
    if campaign.state != CampaignState.DRAFT:
        raise ValidationError(_("Cette campagne est déjà ouverte ou close."))
    today = today or timezone.localdate()
    if campaign.closes_on < today:
        raise ValidationError(_("La date de clôture est passée."))
    if campaign.mode != CampaignMode.SESSION and not campaign.structures.exists():
        raise ValidationError(_("Choisissez au moins une structure concernée."))
    if not Question.objects.filter(section__survey=campaign.survey).exists():
        raise ValidationError(_("Le questionnaire n'a aucune question."))
    campaign.state = CampaignState.OPEN
    if campaign.opens_on > today:
        campaign.opens_on = today
    campaign.save()
    if campaign.mode == CampaignMode.PUBLIC:
        _create_links(campaign)
    elif campaign.mode == CampaignMode.PEER:
        subject = _("Enquête : %(title)s") % {"title": campaign.title}
        for membership in _peer_people(campaign):
            _invite(
                campaign, membership.user, membership.organisation.structure, subject
            )
    return campaign


@transaction.atomic
def campaign_close(*, user: Any, campaign: Campaign) -> Campaign:
    campaign = (
        manageable_campaigns(user).select_for_update().filter(pk=campaign.pk).first()
    )
    if campaign is None:
        raise PermissionDenied
    if campaign.state != CampaignState.OPEN:
        raise ValidationError(_("Seule une campagne ouverte peut être close."))
    campaign.state = CampaignState.CLOSED
    campaign.save()
    transaction.on_commit(lambda: _flush_later(campaign.pk))
    return campaign


@transaction.atomic
def campaign_publish(*, user: Any, campaign: Campaign, published: bool) -> Campaign:
    """The Région publishes (or withdraws) a closed campaign's aggregated
    results on the public site and as open data."""
    from .policy import is_coordinator

    if not is_coordinator(user):
        raise PermissionDenied
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if published and campaign.state != CampaignState.CLOSED:
        raise ValidationError(
            _("Seuls les résultats d'une campagne close se publient.")
        )
    campaign.published = published
    campaign.save()
    return campaign


@transaction.atomic
def campaign_remind(
    *, user: Any | None, campaign: Campaign, today: datetime.date | None = None
) -> int:
    """Remind the invited people who have not answered (at most once a week
    each). ``user`` None: the periodic task."""
    if (
        user is not None
        and not manageable_campaigns(user).filter(pk=campaign.pk).exists()
    ):
        raise PermissionDenied
    if campaign.state != CampaignState.OPEN:
        raise ValidationError(_("Seule une campagne ouverte peut être relancée."))
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=REMIND_AFTER_DAYS)
    waiting = (
        Invitation.objects.select_for_update()
        .filter(campaign=campaign, answered=False, user__is_active=True)
        .exclude(last_reminded_on__gt=since)
        .select_related("user")
    )
    if user is None:
        waiting = waiting.filter(reminders__lt=MAX_REMINDERS)
    count = 0
    for invitation in waiting:
        # A new token: the first one left in a mail that was erased once sent.
        token = secrets.token_urlsafe(24)
        invitation.token_hash = token_hash(token)
        invitation.reminders += 1
        invitation.last_reminded_on = today
        invitation.save(update_fields=["token_hash", "reminders", "last_reminded_on"])
        url = _site_url() + reverse("surveys_public:invitation", args=[token])
        mail_enqueue(
            to=invitation.user.email,
            subject=_("Rappel – enquête : %(title)s") % {"title": campaign.title},
            body=_(
                "Bonjour,\n\nVous n'avez pas encore répondu à l'enquête « %(title)s », "
                "ouverte jusqu'au %(date)s. Votre lien personnel (il remplace le "
                "précédent et ne sert qu'une fois) : %(url)s\n\nVotre réponse reste "
                "anonyme."
            )
            % {
                "title": campaign.title,
                "date": long_date(campaign.closes_on),
                "url": url,
            },
            sensitive=True,
        )
        count += 1
    return count


def invitation_for(token: str) -> Invitation | None:
    """The invitation of this token, if it exists (whatever its state)."""
    if not token or len(token) > 64:
        return None
    return (
        Invitation.objects.select_related("campaign__survey", "structure")
        .filter(token_hash=token_hash(token))
        .first()
    )


# --- Answers -------------------------------------------------------------


@dataclass(frozen=True)
class Given:
    """One cleaned answer, as the form hands it in."""

    question: Question
    value: str = ""
    row: str = ""
    text: str = ""


class AlreadyAnswered(Exception):
    pass


@transaction.atomic
def response_submit(
    *,
    campaign: Campaign,
    answers: list[Given],
    structure: Structure | None = None,
    invitation_token: str | None = None,
    on_behalf: bool = False,
    today: datetime.date | None = None,
) -> None:
    """Store one anonymous response. Returns nothing: there is nothing a
    caller may keep that would point at it."""
    today = today or timezone.localdate()
    # No lock on the campaign (300 people answer at once); one closing
    # meanwhile leaves this response waiting for the periodic flush.
    campaign = Campaign.objects.get(pk=campaign.pk)
    if not campaign.accepts_answers(today):
        raise ValidationError(_("Cette enquête n'accepte plus de réponses."))
    if invitation_token is not None:
        invitation = (
            Invitation.objects.select_for_update()
            .filter(token_hash=token_hash(invitation_token), campaign=campaign)
            .first()
        )
        if invitation is None:
            raise ValidationError(_("Ce lien d'invitation n'est pas valide."))
        if invitation.answered:
            raise AlreadyAnswered
        invitation.answered = True
        invitation.save(update_fields=["answered"])
        structure = invitation.structure
    if campaign.attribution == Attribution.NONE:
        structure = None
    question_ids = set(
        Question.objects.filter(section__survey=campaign.survey_id).values_list(
            "pk", flat=True
        )
    )
    if any(given.question.pk not in question_ids for given in answers):
        raise ValidationError(_("Une question ne fait pas partie de cette enquête."))
    PendingResponse.objects.create(
        campaign=campaign,
        payload={
            "structure": structure.pk if structure is not None else None,
            "week": week_of(today).isoformat(),
            "on_behalf": bool(on_behalf),
            "answers": [
                [given.question.pk, given.row, given.value, given.text]
                for given in answers
            ],
        },
    )
    transaction.on_commit(lambda: _flush_later(campaign.pk))


def _flush_later(campaign_id: int) -> None:
    responses_waiting.send(sender=Campaign, campaign_id=campaign_id)


def responses_flush(*, campaign: Campaign, force: bool = False) -> int:
    """Write a campaign's waiting responses among the others, in a random
    order and in one transaction, once at least its threshold of them wait
    (or the campaign is closed, or ``force``). Returns how many."""
    import random

    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        waiting = list(
            PendingResponse.objects.select_for_update(skip_locked=True).filter(
                campaign=campaign
            )
        )
        enough = len(waiting) >= campaign.threshold
        if not waiting or not (
            enough or force or campaign.state == CampaignState.CLOSED
        ):
            return 0
        random.SystemRandom().shuffle(waiting)
        questions = {
            q.pk: q for q in Question.objects.filter(section__survey=campaign.survey_id)
        }
        responses = []
        answers = []
        for pending in waiting:
            data = pending.payload
            response = Response(
                campaign=campaign,
                structure_id=data["structure"],
                week=datetime.date.fromisoformat(data["week"]),
                on_behalf=data["on_behalf"],
            )
            responses.append(response)
            for question_id, row, value, text in data["answers"]:
                question = questions[question_id]
                answers.append(
                    Answer(
                        response=response,
                        question=question,
                        row=row,
                        value=value,
                        text=text,
                        moderation=Moderation.PENDING
                        if question.type in TEXT_TYPES
                        else "",
                    )
                )
        Response.objects.bulk_create(responses)
        # One statement; the answers' random ids order them by nothing.
        Answer.objects.bulk_create(answers)
        _tally(campaign, answers)
        PendingResponse.objects.filter(pk__in=[p.pk for p in waiting]).delete()
        return len(responses)


TallyKey = tuple[int | None, int, int, str, str]


def _tally(campaign: Campaign, answers: list[Answer]) -> None:
    """Add ``answers`` (not free text) to the campaign's tallies; called under
    the campaign's lock, so that two flushes never count at once."""
    from collections import Counter

    added: Counter[TallyKey] = Counter(
        (
            answer.response.structure_id,
            answer.response.week.year,
            answer.question_id,
            answer.row,
            answer.value,
        )
        for answer in answers
        if answer.question.type not in TEXT_TYPES
    )
    if not added:
        return
    existing = {
        (t.structure_id, t.year, t.question_id, t.row, t.value): t
        for t in Tally.objects.filter(
            campaign=campaign,
            year__in={key[1] for key in added},
            question_id__in={key[2] for key in added},
        )
    }
    changed, new = [], []
    for key, count in added.items():
        if key in existing:
            existing[key].count += count
            changed.append(existing[key])
        else:
            structure_id, year, question_id, row, value = key
            new.append(
                Tally(
                    campaign=campaign,
                    structure_id=structure_id,
                    year=year,
                    question_id=question_id,
                    row=row,
                    value=value,
                    count=count,
                )
            )
    Tally.objects.bulk_update(changed, ["count"])
    Tally.objects.bulk_create(new)


@transaction.atomic
def tallies_rebuild(*, campaign: Campaign) -> int:
    """Count a campaign's tallies again from its answers (after answers were
    loaded in bulk, or to check them). Returns how many tallies."""
    from django.db.models import Count
    from django.db.models.functions import ExtractYear

    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    Tally.objects.filter(campaign=campaign).delete()
    rows = (
        Answer.objects.filter(response__campaign=campaign)
        .exclude(question__type__in=TEXT_TYPES)
        .values_list("response__structure_id", "question_id", "row", "value")
        .annotate(year=ExtractYear("response__week"), n=Count("id"))
        .order_by()
    )
    tallies = [
        Tally(
            campaign=campaign,
            structure_id=structure_id,
            year=year,
            question_id=question_id,
            row=row,
            value=value,
            count=n,
        )
        for structure_id, question_id, row, value, year, n in rows
    ]
    Tally.objects.bulk_create(tallies, batch_size=5000)
    return len(tallies)


@transaction.atomic
def answer_moderate(*, user: Any, answer: Answer, decision: str) -> Answer:
    """Publish (or set aside) a free-text answer in the results."""
    campaign = answer.response.campaign
    if not manageable_campaigns(user).filter(pk=campaign.pk).exists():
        raise PermissionDenied
    if decision not in (Moderation.APPROVED, Moderation.REJECTED):
        raise ValidationError(_("Décision de modération inconnue."))
    Answer.objects.filter(pk=answer.pk).update(moderation=decision)
    answer.moderation = decision
    return answer


# --- Session evaluations -------------------------------------------------


def session_survey() -> Survey | None:
    """The session evaluation survey in use: the latest, not archived."""
    return (
        Survey.objects.filter(kind=SurveyKind.SESSION, archived=False)
        .order_by("-version", "-pk")
        .first()
    )


@transaction.atomic
def session_evaluation_start(*, session: Any, attendees: Iterable[Any]) -> int:
    """On a session's completion: its evaluation campaign, open for three
    weeks, and one invitation per attendee. Idempotent (one campaign per
    session, one invitation per person). Returns the invitations sent."""
    survey = session_survey()
    if survey is None:
        return 0
    today = timezone.localdate()
    campaign, _created = Campaign.objects.get_or_create(
        session=session,
        defaults={
            "survey": survey,
            "title": _("Évaluation : %(session)s") % {"session": session.title},
            "mode": CampaignMode.SESSION,
            "state": CampaignState.OPEN,
            "opens_on": today,
            "closes_on": today + datetime.timedelta(days=21),
            "attribution": Attribution.NONE,
            # A session has ten to twenty people: the floor of the rule.
            "threshold": MIN_THRESHOLD,
        },
    )
    subject = _("Votre avis sur la formation « %(session)s »") % {
        "session": session.title
    }
    sent = 0
    for enrolment in attendees:
        if _invite(campaign, enrolment.person, None, subject) is not None:
            sent += 1
    return sent


@transaction.atomic
def invitations_erase(*, today: datetime.date | None = None) -> int:
    """Erase the invitations (who was invited, who answered) of the campaigns
    closed for ``INVITATION_RETENTION_DAYS``, keeping only their counts on
    the campaign. Returns how many were erased."""
    from django.db.models import Count, Q

    from .models import INVITATION_RETENTION_DAYS

    today = today or timezone.localdate()
    limit = today - datetime.timedelta(days=INVITATION_RETENTION_DAYS)
    erased = 0
    campaigns = Campaign.objects.select_for_update().filter(
        state=CampaignState.CLOSED,
        closes_on__lt=limit,
        pk__in=Invitation.objects.values("campaign_id"),
    )
    for campaign in campaigns:
        counts = campaign.invitations.aggregate(
            invited=Count("pk"), answered=Count("pk", filter=Q(answered=True))
        )
        campaign.invited_count = (campaign.invited_count or 0) + counts["invited"]
        campaign.answered_count = (campaign.answered_count or 0) + counts["answered"]
        campaign.save(update_fields=["invited_count", "answered_count"])
        erased += campaign.invitations.all().delete()[0]
    return erased
