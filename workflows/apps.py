from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Circuits de validation et notifications")

    def ready(self) -> None:
        from . import checks  # noqa: F401
