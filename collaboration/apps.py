from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    """Knowing each other (sections 1.3, 1.4.1, 3 and 4.1 of the framework):
    the map of services and schemes, good practices and the professionals'
    resources, plugged into the shell through its registries."""

    name = "collaboration"
    verbose_name = _("Coopération entre structures")

    def ready(self) -> None:
        from workflows import engine

        from . import registrations  # noqa: F401
        from .practices import registrations as practice_registrations  # noqa: F401
        from .practices import tasks as practice_tasks  # noqa: F401
        from .practices.workflow import PracticeBinding

        engine.register(PracticeBinding())

    def load_demo(self) -> int:
        """The demo service map, practices and resources (``manage.py load_demo``)."""
        from .demo import load_collaboration

        return load_collaboration()
