from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExtranetConfig(AppConfig):
    name = "extranet"
    verbose_name = _("Extranet")

    def ready(self) -> None:
        from workflows import engine

        from . import receivers  # noqa: F401
        from .conventions import todo  # noqa: F401
        from .conventions.workflow import ConventionBinding

        engine.register(ConventionBinding())
