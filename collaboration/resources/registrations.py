"""What the resource library adds to the extranet shell: its menu link, for
every member of SPRO. Imported by ``CollaborationConfig.ready()``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from extranet import registry

from .policy import RESOURCE_RULES

registry.register_link(
    registry.Link(
        label=_("Ressources"),
        url_name="resources:list",
        for_membership=lambda m: "view" in RESOURCE_RULES.get(m.role, {}),
        order=70,
    )
)
