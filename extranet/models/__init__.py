"""Organisations of SPRO, their people and roles.

Split by concern: ``accounts`` (users, invitations), ``organisations`` (territories,
networks, organisations, structures) and ``memberships`` (who holds which role where).
"""

from .accounts import Invitation, User, UserSession
from .conventions import (
    Convention,
    ConventionAttachment,
    ConventionDocument,
    ConventionKind,
    ConventionParty,
    PartyKind,
    Signature,
)
from .memberships import Membership, Role
from .organisations import (
    Channel,
    Departement,
    MembershipStatus,
    Network,
    Organisation,
    OrganisationKind,
    Service,
    Structure,
    StructureType,
    Territory,
)

__all__ = [
    "Channel",
    "Convention",
    "ConventionAttachment",
    "ConventionDocument",
    "ConventionKind",
    "ConventionParty",
    "Departement",
    "Invitation",
    "Membership",
    "MembershipStatus",
    "Network",
    "Organisation",
    "PartyKind",
    "OrganisationKind",
    "Role",
    "Service",
    "Signature",
    "Structure",
    "StructureType",
    "Territory",
    "User",
    "UserSession",
]
