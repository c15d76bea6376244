"""Organisations of SPRO, their people and roles.

Split by concern: ``accounts`` (users, invitations), ``organisations`` (territories,
networks, organisations, structures) and ``memberships`` (who holds which role where).
"""

from .accounts import Invitation, User, UserSession
from .memberships import Membership, Role
from .organisations import (
    Channel,
    Departement,
    MembershipStatus,
    Network,
    OpeningException,
    Organisation,
    OrganisationKind,
    Service,
    Structure,
    StructureType,
    Territory,
)

__all__ = [
    "Channel",
    "Departement",
    "Invitation",
    "Membership",
    "MembershipStatus",
    "Network",
    "OpeningException",
    "Organisation",
    "OrganisationKind",
    "Role",
    "Service",
    "Structure",
    "StructureType",
    "Territory",
    "User",
    "UserSession",
]
