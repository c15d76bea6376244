from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """The follow-up and evaluation of SPRO (section VI of the framework): the
    indicators of its five dimensions, computed from every other app's records,
    the dashboard of the Région and the State, the CREFOP annual report and the
    public page of each territory.

    A leaf: it reads every app and no app imports it, so an indicator can be
    added or dropped without touching the capability it reads."""

    name = "evaluation"
    verbose_name = _("Suivi et évaluation")

    def ready(self) -> None:
        from . import registrations  # noqa: F401
