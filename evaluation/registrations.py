"""What the evaluation adds to the extranet shell: its menu link, for the
Région's coordination and the State (the readers of the dashboard)."""

from django.utils.translation import gettext_lazy as _

from extranet import registry

from .access import READER_ROLES

registry.register_link(
    registry.Link(
        label=_("Évaluation"),
        url_name="evaluation:dashboard",
        for_membership=lambda m: m.role in READER_ROLES,
        order=90,
    )
)
