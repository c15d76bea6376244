from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    """Coordinating the territories (sections III, 4.1 and 4.2 of the framework):
    the local action plans and their annual review, the regional synthesis for
    the CREFOP commission, the governance bodies and their decisions, the PSAD.

    Its own app, beside ``collaboration``: it has its own models, workflow, URLs
    and documents, it reads the training plan and the good practices, and no
    other capability reads it."""

    name = "coordination"
    verbose_name = _("Coordination territoriale")

    def ready(self) -> None:
        from . import registrations  # noqa: F401

    def load_demo(self) -> int:
        """The demo plans, reviews, synthesis, bodies and PSAD (``load_demo``)."""
        from .demo import load_coordination

        return load_coordination()
