"""The parties of a convention and the workflow role each gives, read by the
binding (who may act), the services (who is told) and the selectors (the page).
"""

from __future__ import annotations

from conventions.definitions import (
    GOVERNMENT_REPRESENTATIVE,
    NETWORK_HEAD,
    REGIONAL_COORDINATOR,
    STRUCTURE_REFERENT,
)
from conventions.models import Convention, ConventionParty, PartyKind
from extranet.models import Role

# Workflow role → (the party it acts for, the membership role that holds it).
ROLE_PARTY: dict[str, tuple[str, str]] = {
    STRUCTURE_REFERENT: (PartyKind.STRUCTURE, Role.REFERENT),
    NETWORK_HEAD: (PartyKind.NETWORK, Role.NETWORK_HEAD),
    REGIONAL_COORDINATOR: (PartyKind.REGION, Role.REGIONAL_COORDINATOR),
    GOVERNMENT_REPRESENTATIVE: (PartyKind.GOVERNMENT, Role.GOVERNMENT),
}


def parties_of(convention: Convention) -> list[ConventionParty]:
    """The parties, loaded once per object."""
    cached = getattr(convention, "_parties", None)
    prefetched = getattr(convention, "_prefetched_objects_cache", {})
    if cached is None and "parties" in prefetched:
        cached = convention._parties = list(prefetched["parties"])
    if cached is None:
        cached = list(
            ConventionParty.objects.filter(convention=convention).select_related(
                "organisation"
            )
        )
        convention._parties = cached
    return cached


def party(convention: Convention, kind: str) -> ConventionParty | None:
    return next((p for p in parties_of(convention) if p.kind == kind), None)
