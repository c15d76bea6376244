from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """The professionalisation plan published by GREF (a later issue fills it)."""

    name = "training"
    verbose_name = _("Plan de professionnalisation")
