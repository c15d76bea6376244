from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Anonymous surveys: public satisfaction, peers, sessions (a later issue)."""

    name = "surveys"
    verbose_name = _("Enquêtes")
