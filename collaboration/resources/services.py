"""Writes of the resource library: create a resource (a link, or a document
with its first version), change it, upload a new version, publish, withdraw.

Each checks the policy itself, validates the model, and records the acting
user and the reason in the history. A version is never changed nor removed:
a correction is a new version. Files are checked on their content
(``collaboration.uploads``) before anything is written; a refusal leaves the
resource as it was.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Resource, ResourceStatus, ResourceVersion
from ..uploads import checked_document
from .policy import resource_policy

EDITABLE_FIELDS = ("title", "summary", "theme", "territory", "source", "url")


def _check(actor: Any, resource: Resource | None = None) -> None:
    if resource is None:
        if not resource_policy.grants_anywhere(actor, "change"):
            raise PermissionDenied(
                _(
                    "Seuls le GREF et la coordination régionale enrichissent "
                    "la bibliothèque."
                )
            )
    elif not resource_policy.can(actor, "change", resource):
        raise PermissionDenied(
            _("Seuls le GREF et la coordination régionale modifient une ressource.")
        )


def _save(resource: Resource, actor: Any, reason: str, **kwargs: Any) -> Resource:
    resource.full_clean()
    resource._history_user = actor
    resource._change_reason = reason
    resource.save(**kwargs)
    return resource


def _store_version(
    resource: Resource, actor: Any, upload: Any, checked: Any, note: str
) -> ResourceVersion:
    number = (resource.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ResourceVersion(
        resource=resource,
        number=number,
        original_name=checked.original_name,
        kind=checked.kind,
        sha256=checked.sha256,
        size=checked.size,
        note=note,
        uploaded_by=actor,
    )
    version.full_clean(exclude=["file"])
    upload.seek(0)
    version.file.save(checked.stored_name, ContentFile(upload.read()), save=False)
    version._history_user = actor
    version._change_reason = "version"
    try:
        version.save()
    except Exception:
        version.file.delete(save=False)
        raise
    return version


@transaction.atomic
def resource_create(
    *, actor: Any, data: dict[str, Any], upload: Any = None, note: str = ""
) -> Resource:
    """A new resource, in preparation: a link (``data["url"]``) or a document
    (``upload``, its version 1), never both, never neither."""
    _check(actor)
    has_url = bool(data.get("url"))
    if has_url == (upload is not None):
        raise ValidationError(
            _(
                "Une ressource est soit un lien, soit un document : "
                "donnez l'un ou l'autre."
            )
        )
    checked = checked_document(upload) if upload is not None else None
    resource = Resource(created_by=actor, status=ResourceStatus.DRAFT)
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(resource, field, data[field])
    _save(resource, actor, "create")
    if checked is not None:
        _store_version(resource, actor, upload, checked, note)
    return resource


@transaction.atomic
def resource_update(
    *, resource: Resource, actor: Any, data: dict[str, Any]
) -> Resource:
    """Change what describes a resource; a document stays a document (its file
    changes by a new version) and a link stays a link."""
    _check(actor, resource)
    locked = Resource.objects.select_for_update().get(pk=resource.pk)
    is_link = locked.is_link
    for field in EDITABLE_FIELDS:
        if field == "url" and not is_link:
            continue
        if field in data:
            setattr(locked, field, data[field])
    if is_link and not locked.url:
        raise ValidationError(
            {"url": _("Un lien a besoin de son adresse : la ressource n'a pas changé.")}
        )
    return _save(locked, actor, "update")


@transaction.atomic
def resource_add_version(
    *, resource: Resource, actor: Any, upload: Any, note: str = ""
) -> ResourceVersion:
    """Upload a new version of a document: it becomes the current one; the
    earlier ones stay. The very same file as the current version is refused."""
    _check(actor, resource)
    checked = checked_document(upload)
    locked = Resource.objects.select_for_update().get(pk=resource.pk)
    if locked.is_link:
        raise ValidationError(_("Un lien n'a pas de versions : modifiez son adresse."))
    current = locked.versions.order_by("-number").first()
    if current is not None and current.sha256 == checked.sha256:
        raise ValidationError(
            _("Ce fichier est identique à la version en cours : rien n'a été ajouté.")
        )
    version = _store_version(locked, actor, upload, checked, note)
    locked._history_user = actor
    locked._change_reason = f"version {version.number}"
    locked.save(update_fields=["updated_at"])
    return version


@transaction.atomic
def resource_publish(*, resource: Resource, actor: Any) -> Resource:
    """Open the resource to every member of SPRO (again, if it was withdrawn)."""
    _check(actor, resource)
    locked = Resource.objects.select_for_update().get(pk=resource.pk)
    if locked.status == ResourceStatus.PUBLISHED:
        raise ValidationError(_("Cette ressource est déjà publiée."))
    if not locked.is_link and not locked.versions.exists():
        raise ValidationError(_("Un document sans fichier ne peut pas être publié."))
    locked.status = ResourceStatus.PUBLISHED
    locked.published_at = timezone.now()
    return _save(locked, actor, "publish")


@transaction.atomic
def resource_withdraw(*, resource: Resource, actor: Any) -> Resource:
    """Take a published resource out of the members' library; it is kept, with
    its versions, and may be published again."""
    _check(actor, resource)
    locked = Resource.objects.select_for_update().get(pk=resource.pk)
    if locked.status != ResourceStatus.PUBLISHED:
        raise ValidationError(_("Seule une ressource publiée peut être retirée."))
    locked.status = ResourceStatus.WITHDRAWN
    return _save(locked, actor, "withdraw")
