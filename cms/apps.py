from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site public")

    def ready(self) -> None:
        from . import receivers  # noqa: F401

    def load_demo(self) -> None:
        """Build the demo site tree (called by ``manage.py load_demo``)."""
        from .demo import build_demo_site

        build_demo_site()
