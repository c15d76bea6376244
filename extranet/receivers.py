"""Reactions to model events inside the extranet.

Object permission rows of django-guardian outlive deleted objects and could attach
to a new object that reuses the key: they are removed with their object.

A structure's stored search vector reads its organisation's, network's and
territory's names: saving any of the four recomputes the vectors it touches.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from guardian.models import GroupObjectPermission, UserObjectPermission

from .models import (
    Membership,
    Network,
    Organisation,
    Structure,
    Territory,
    UserSession,
)
from .search import STRUCTURE_FIELDS, refresh_search_vectors


@receiver(post_delete, sender=Structure)
@receiver(post_delete, sender=Organisation)
def remove_object_permissions(sender, instance, **kwargs) -> None:
    content_type = ContentType.objects.get_for_model(sender)
    for model in (UserObjectPermission, GroupObjectPermission):
        model.objects.filter(
            content_type=content_type, object_pk=str(instance.pk)
        ).delete()


def _changes(update_fields, fields) -> bool:
    """Whether a save may have changed one of ``fields`` (a save without
    ``update_fields`` may change anything)."""
    return update_fields is None or not fields.isdisjoint(update_fields)


@receiver(post_save, sender=Structure)
def refresh_structure_search_vector(sender, instance, update_fields, **kwargs):
    if _changes(update_fields, STRUCTURE_FIELDS):
        refresh_search_vectors([instance.pk])


@receiver(post_save, sender=Organisation)
@receiver(post_save, sender=Network)
@receiver(post_save, sender=Territory)
def refresh_search_vectors_of_named(sender, instance, update_fields, **kwargs):
    """A new name for an organisation, a network or a territory is searched at
    once in its structures."""
    if not _changes(update_fields, {"name"}):
        return
    key = {Organisation: "organisation", Network: "network", Territory: "territory"}
    refresh_search_vectors(Structure.objects.filter(**{key[sender]: instance}))


@receiver(user_logged_in)
def remember_session(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        if not request.session.session_key:
            request.session.save()
        UserSession.objects.get_or_create(
            session_key=request.session.session_key, defaults={"user": user}
        )


@receiver(user_logged_out)
def forget_session(sender, request, user, **kwargs) -> None:
    if request is not None and getattr(request, "session", None) is not None:
        UserSession.objects.filter(session_key=request.session.session_key).delete()


@receiver(post_delete, sender=Membership)
def end_sessions_of_removed_member(sender, instance, **kwargs) -> None:
    """A removed role ends the person's open sessions (they log in again with
    whatever roles they still hold)."""
    end_user_sessions(instance.user_id)


def end_user_sessions(user_id: int) -> None:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for user_session in UserSession.objects.filter(user_id=user_id):
        store(session_key=user_session.session_key).delete()
        user_session.delete()
