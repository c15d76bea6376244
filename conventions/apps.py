from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConventionsConfig(AppConfig):
    """Conventions of section V: bound to the workflow engine, plugged into the
    extranet's registries (to-do, menu links, sections of the structure page)."""

    name = "conventions"
    verbose_name = _("Conventions")

    def ready(self) -> None:
        from workflows import engine

        from . import registrations  # noqa: F401
        from .workflow import ConventionBinding

        engine.register(ConventionBinding())

    def load_demo(self) -> int:
        """Conventions in every state (called by ``manage.py load_demo``)."""
        from .demo import load_conventions

        return load_conventions()
