from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionConfig(AppConfig):
    """The accueil personnalisé et individualisé (annexed cahier des charges):
    receptions and their point de situation, consented referrals bound to the
    engine, appointment slots, and retention of personal data by design."""

    name = "reception"
    verbose_name = _("Accueil personnalisé et individualisé")

    def ready(self) -> None:
        from workflows import engine

        from . import registrations  # noqa: F401
        from .workflow import ReferralBinding

        engine.register(ReferralBinding())

    def load_demo(self) -> int:
        """A year of receptions, referrals and appointments (``manage.py
        load_demo``)."""
        from .demo import load_reception

        return load_reception()
