from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """The professionalisation plan (section IV): the needs census, the yearly
    plan and the enrolments, each workflow bound to the engine, sessions
    published by GREF, all plugged into the shell."""

    name = "training"
    verbose_name = _("Plan de professionnalisation")

    def ready(self) -> None:
        from workflows import engine

        from . import registrations  # noqa: F401
        from .workflow import EnrolmentBinding, PlanBinding

        engine.register(EnrolmentBinding())
        engine.register(PlanBinding())

    def load_demo(self) -> int:
        """This year's plan, sessions and enrolments (``manage.py load_demo``)."""
        from .demo import load_training

        return load_training()
