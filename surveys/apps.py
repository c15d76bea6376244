from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Anonymous surveys (section VI of the framework): definitions,
    campaigns in three modes (public satisfaction, peer survey, session
    evaluation), single-use invitations, anonymous responses and results
    under the small-cell rule."""

    name = "surveys"
    verbose_name = _("Enquêtes")

    def ready(self) -> None:
        from . import receivers, registrations  # noqa: F401

    def load_demo(self) -> int:
        from .demo import load_surveys

        return load_surveys()
