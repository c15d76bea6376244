"""Writes on good practices: keyword-only, typed, atomic; each checks the
policy and the workflow itself, so that no view can forget to.

Moving a practice through its workflow is ``workflows.engine.fire`` (the
generic transition view); everything else a user or a task writes is here.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from extranet.models import Structure, User
from extranet.permissions import user_memberships
from notifications.services import mail_enqueue, users_notify
from workflows import engine

from ..models import (
    Practice,
    PracticeAttachment,
    PracticeDigestPreference,
    PracticeDigestSent,
    PracticeReuse,
    PracticeUseful,
)
from ..uploads import checked_document
from .definitions import PUBLISHED, REFERENT, STAFF
from .policy import (
    may_feature,
    may_mark_reused,
    may_mark_useful,
    practice_policy,
    staff_memberships,
)
from .search import refresh_practice_vectors

# What a practice's author writes (the form's fields, and nothing else: the
# state, the structure, the marks are never taken from a post).
CONTENT_FIELDS = (
    "title",
    "context",
    "problem",
    "description",
    "results",
    "conditions",
    "contacts",
    "theme",
    "audience",
    "territory",
    "network",
)
MAX_ATTACHMENTS = 10
FRESHNESS_DAYS = 365
FRESHNESS_REPEAT_DAYS = 30
UNSUBSCRIBE_SALT = "collaboration.practices.digest-unsubscribe"


def _site() -> str:
    return getattr(settings, "SPRO_SITE_URL", "").rstrip("/")


# Writing ------------------------------------------------------------------


def practice_create(*, user: Any, structure: Structure, data: dict) -> Practice:
    """A new draft practice of ``structure``, written by ``user`` (staff there)."""
    if structure.organisation_id not in {
        m.organisation_id for m in staff_memberships(user)
    }:
        raise PermissionDenied(
            _("Vous ne pouvez écrire une pratique que pour votre structure.")
        )
    practice = Practice(structure=structure, author=user)
    for name in CONTENT_FIELDS:
        if name in data:
            setattr(practice, name, data[name])
    if practice.territory_id is None:
        practice.territory_id = structure.territory_id
    if practice.network_id is None and "network" not in data:
        practice.network_id = structure.network_id
    practice.full_clean()
    with transaction.atomic():
        engine.start(practice, user=user)
        practice._history_user = user
        practice.save()
        refresh_practice_vectors([practice.pk])
    return practice


def practice_update(*, user: Any, practice: Practice, data: dict) -> Practice:
    """Change a practice's content: its structure's staff, in draft or
    returned only (the workflow's editors), under the row's lock."""
    with transaction.atomic():
        locked = Practice.objects.select_for_update().get(pk=practice.pk)
        _check_edit(user, locked)
        for name in CONTENT_FIELDS:
            if name in data:
                setattr(locked, name, data[name])
        locked.full_clean()
        locked._history_user = user
        locked.save()
        refresh_practice_vectors([locked.pk])
    return locked


def _check_edit(user: Any, practice: Practice) -> None:
    if not practice_policy.can(user, "change", practice):
        raise PermissionDenied(
            _("Seule l'équipe de la structure autrice modifie cette pratique.")
        )
    refusal = engine.edit_refusal(user, practice)
    if refusal:
        raise PermissionDenied(refusal)


def practice_attach(
    *, user: Any, practice: Practice, upload: Any
) -> PracticeAttachment:
    """Join a checked document to a practice being written; the same file
    twice is refused, and so is an eleventh one."""
    from .definitions import PRACTICE

    checked = checked_document(upload)
    with transaction.atomic():
        locked = Practice.objects.select_for_update().get(pk=practice.pk)
        _check_edit(user, locked)
        if locked.state not in PRACTICE.states_allowing("attach"):
            raise PermissionDenied(_("On ne joint plus de document à cette étape."))
        existing = list(locked.attachments.values_list("sha256", flat=True))
        if checked.sha256 in existing:
            raise ValidationError(
                _("Ce fichier est déjà joint à la pratique : il n'a pas été ajouté.")
            )
        if len(existing) >= MAX_ATTACHMENTS:
            raise ValidationError(
                _("Une pratique a au plus %(max)s pièces jointes.")
                % {"max": MAX_ATTACHMENTS}
            )
        attachment = PracticeAttachment(
            practice=locked,
            original_name=checked.original_name,
            kind=checked.kind,
            sha256=checked.sha256,
            size=checked.size,
            uploaded_by=user,
        )
        upload.seek(0)
        attachment.file.save(
            checked.stored_name, ContentFile(upload.read()), save=False
        )
        attachment._history_user = user
        try:
            with transaction.atomic():
                attachment.save()
        except IntegrityError:
            attachment.file.delete(save=False)
            raise ValidationError(
                _("Ce fichier est déjà joint à la pratique : il n'a pas été ajouté.")
            ) from None
    return attachment


def practice_attachment_remove(*, user: Any, attachment: PracticeAttachment) -> None:
    """Remove a document from a practice being written (and its file)."""
    with transaction.atomic():
        locked = Practice.objects.select_for_update().get(pk=attachment.practice_id)
        _check_edit(user, locked)
        attachment._history_user = user
        name = attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda: attachment.file.storage.delete(name))


# Workflow effects -----------------------------------------------------------


def practice_published_stamp(*, practice: Practice) -> None:
    """On publication (inside the transition): date it, start its freshness
    year, and tell the structure's staff it is out."""
    now = timezone.now()
    practice.published_at = practice.published_at or now
    practice.checked_at = now
    practice.freshness_reminded_at = None
    practice.save(update_fields=["published_at", "checked_at", "freshness_reminded_at"])
    staff = engine.holders(practice, [STAFF])
    users_notify(
        users=staff,
        subject=_("Votre pratique « %(title)s » est publiée") % {"title": practice},
        body=_(
            "Elle est maintenant proposée à tous les membres du SPRO en Bretagne. "
            "Merci pour ce partage !"
        ),
        url=practice.get_absolute_url(),
        site_url=_site(),
    )


def practice_unfeature_on_archive(*, practice: Practice) -> None:
    """A withdrawn practice is no longer "à la une"."""
    if practice.featured:
        practice.featured = False
        practice.save(update_fields=["featured"])


# Marks -----------------------------------------------------------------------


def practice_mark_useful(*, user: Any, practice: Practice) -> PracticeUseful:
    """ "Utile", once per person (the database refuses a second row)."""
    if not may_mark_useful(user, practice):
        raise PermissionDenied(_("Seule une pratique publiée peut être jugée utile."))
    try:
        with transaction.atomic():
            mark = PracticeUseful(practice=practice, user=user)
            mark._history_user = user
            mark.save()
    except IntegrityError:
        raise ValidationError(
            _("Vous avez déjà indiqué que cette pratique vous est utile.")
        ) from None
    return mark


def practice_mark_reused(*, user: Any, practice: Practice) -> PracticeReuse:
    """ "Nous l'avons reprise", once per structure: the user's own structure
    (the first one they are staff of, other than the author's)."""
    if not may_mark_reused(user, practice):
        raise PermissionDenied(
            _("Seule l'équipe d'une autre structure peut indiquer l'avoir reprise.")
        )
    own = practice.structure.organisation_id
    organisation_id = next(
        m.organisation_id for m in staff_memberships(user) if m.organisation_id != own
    )
    structure = Structure.objects.get(organisation_id=organisation_id)
    try:
        with transaction.atomic():
            mark = PracticeReuse(practice=practice, structure=structure, marked_by=user)
            mark._history_user = user
            mark.save()
    except IntegrityError:
        raise ValidationError(
            _("Votre structure a déjà indiqué avoir repris cette pratique.")
        ) from None
    return mark


# Région: "à la une", freshness ----------------------------------------------


def practice_feature(*, user: Any, practice: Practice, featured: bool) -> Practice:
    """Put a published practice "à la une" (or take it off): the Région."""
    with transaction.atomic():
        locked = Practice.objects.select_for_update().get(pk=practice.pk)
        if not may_feature(user, locked):
            raise PermissionDenied(
                _("Seule la coordination régionale met une pratique publiée à la une.")
            )
        locked.featured = featured
        locked.featured_at = timezone.now() if featured else None
        locked._history_user = user
        locked._change_reason = "featured" if featured else "unfeatured"
        locked.save(update_fields=["featured", "featured_at"])
    return locked


def practice_confirm_fresh(*, user: Any, practice: Practice) -> Practice:
    """The structure confirms its published practice is still true: a new
    freshness year starts."""
    with transaction.atomic():
        locked = Practice.objects.select_for_update().get(pk=practice.pk)
        roles = engine.binding_for(locked).roles_of(user, locked)
        if locked.state != PUBLISHED or STAFF not in roles:
            raise PermissionDenied(
                _("Seule l'équipe de la structure autrice confirme sa pratique.")
            )
        locked.checked_at = timezone.now()
        locked.freshness_reminded_at = None
        locked._history_user = user
        locked._change_reason = "confirmed fresh"
        locked.save(update_fields=["checked_at", "freshness_reminded_at"])
    return locked


def practices_freshness_due(now: datetime.datetime | None = None):
    """Published practices not confirmed for a year, not reminded lately."""
    from django.db.models import Q

    now = now or timezone.now()
    return Practice.objects.published().filter(
        Q(checked_at__lt=now - datetime.timedelta(days=FRESHNESS_DAYS))
        & (
            Q(freshness_reminded_at__isnull=True)
            | Q(
                freshness_reminded_at__lt=now
                - datetime.timedelta(days=FRESHNESS_REPEAT_DAYS)
            )
        )
    )


def practice_freshness_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind the referents of the practices due for their yearly review.
    Each practice is locked, checked again and marked with its mails in one
    transaction: two runs at once remind once. Returns how many were told."""
    now = now or timezone.now()
    sent = 0
    for pk in practices_freshness_due(now).values_list("pk", flat=True):
        sent += _freshness_remind(pk=pk, now=now)
    return sent


@transaction.atomic
def _freshness_remind(*, pk: int, now: datetime.datetime) -> int:
    practice = (
        practices_freshness_due(now)
        .select_for_update()
        .select_related("structure__organisation")
        .filter(pk=pk)
        .first()
    )
    if practice is None:
        return 0
    referents = engine.holders(practice, [REFERENT])
    told = users_notify(
        users=referents,
        subject=_("Votre pratique « %(title)s » est-elle toujours d'actualité ?")
        % {"title": practice},
        body=_(
            "Elle a été publiée ou vérifiée il y a plus d'un an. Relisez-la : "
            "confirmez qu'elle est à jour, ou retirez-la si elle ne se pratique "
            "plus."
        ),
        url=practice.get_absolute_url(),
        site_url=_site(),
    )
    practice.freshness_reminded_at = now
    practice._history_user = None
    practice._change_reason = "freshness reminder"
    practice.save(update_fields=["freshness_reminded_at"])
    return told


# Monthly digest --------------------------------------------------------------


def unsubscribe_token(user: Any) -> str:
    """The signed, login-free token of a user's unsubscribe link."""
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def user_from_unsubscribe_token(token: str) -> User | None:
    """The user a token was made for; None if it is forged or damaged."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    return User.objects.filter(pk=data["u"]).first()


def practice_digest_unsubscribe(*, user: Any) -> PracticeDigestPreference:
    """Stop the monthly digest for ``user``, kept as their preference."""
    preference, _created = PracticeDigestPreference.objects.get_or_create(user=user)
    if preference.subscribed:
        preference.subscribed = False
        preference._history_user = user
        preference.save()
    return preference


def practice_digest_subscribe(*, user: Any) -> PracticeDigestPreference:
    preference, _created = PracticeDigestPreference.objects.get_or_create(user=user)
    if not preference.subscribed:
        preference.subscribed = True
        preference._history_user = user
        preference.save()
    return preference


def digest_practices(month_start: datetime.datetime) -> tuple[list, list]:
    """What the digest of a month tells: the featured practices, and those
    published since the month before began (each once)."""
    featured = list(Practice.objects.published().filter(featured=True)[:5])
    since = (month_start - datetime.timedelta(days=1)).replace(day=1)
    new = list(
        Practice.objects.published()
        .filter(published_at__gte=since, published_at__lt=month_start)
        .exclude(pk__in=[p.pk for p in featured])
        .order_by("-published_at")[:10]
    )
    return featured, new


def practice_digest_send(*, at: datetime.datetime | None = None) -> int:
    """The monthly digest of practices: one mail per subscribed member, once
    per month (the ``PracticeDigestSent`` row is written with the mail, and
    unique), so the task may run any number of times. Returns mails queued."""
    at = timezone.localtime(at or timezone.now())
    month = at.strftime("%Y-%m")
    month_start = at.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    featured, new = digest_practices(month_start)
    if not featured and not new:
        return 0
    recipients = (
        User.objects.filter(is_active=True, memberships__organisation__is_active=True)
        .exclude(practice_digest_preference__subscribed=False)
        .exclude(pk__in=PracticeDigestSent.objects.filter(month=month).values("user"))
        .distinct()
        .order_by("pk")
    )
    site = _site()
    sent = 0
    for user in recipients.iterator():
        link = site + reverse("practices:unsubscribe", args=[unsubscribe_token(user)])
        body = render_to_string(
            "collaboration/practices/mails/digest.txt",
            {
                "user": user,
                "featured": featured,
                "new": new,
                "site": site,
                "unsubscribe": link,
            },
        )
        try:
            with transaction.atomic():
                PracticeDigestSent.objects.create(user=user, month=month)
                mail_enqueue(
                    to=user.email,
                    subject=_("Les bonnes pratiques du SPRO — %(month)s")
                    % {"month": date_format(at, "F Y")},
                    body=body,
                )
        except IntegrityError:
            continue  # another run sent it meanwhile
        sent += 1
    return sent


def digest_subscribed(user: Any) -> bool:
    if not user_memberships(user):
        return False
    preference = PracticeDigestPreference.objects.filter(user=user).first()
    return preference is None or preference.subscribed
