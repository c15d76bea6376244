"""Reactions to model events inside the extranet.

Object permission rows of django-guardian outlive deleted objects and could attach
to a new object that reuses the key: they are removed with their object.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete
from django.dispatch import receiver
from guardian.models import GroupObjectPermission, UserObjectPermission

from .models import Organisation, Structure


@receiver(post_delete, sender=Structure)
@receiver(post_delete, sender=Organisation)
def remove_object_permissions(sender, instance, **kwargs) -> None:
    content_type = ContentType.objects.get_for_model(sender)
    for model in (UserObjectPermission, GroupObjectPermission):
        model.objects.filter(
            content_type=content_type, object_pk=str(instance.pk)
        ).delete()
