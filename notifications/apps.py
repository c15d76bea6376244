from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Every mail and in-app notice of the product goes through this app."""

    name = "notifications"
    verbose_name = _("Notifications et courriels")
