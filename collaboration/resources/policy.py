"""Who may read and curate the resources for professionals.

* Read (``view``): every signed-in member of SPRO reads the published
  resources (for a reader, the scope "own" of this policy is the published
  library: a resource belongs to no structure); the curators, GREF and the
  regional coordination, read every resource, in preparation or withdrawn too.
* Curate (``change``: create, edit, upload a version, publish, withdraw): GREF
  and the regional coordination, on the whole library (section 4.1: the offer
  of resources is run by the Région with GREF).

The same rule filters the lists and checks each object: a reader who edits an
id in a URL gets 404 for a resource in preparation, and for its files.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from extranet.models import Membership, Role
from extranet.permissions import Policy, Scope

from ..models import Resource, ResourceStatus


class ResourcePolicy(Policy):
    def scope_filter(self, membership: Membership, scope: Scope) -> Q:
        if scope is Scope.OWN:
            return Q(status=ResourceStatus.PUBLISHED)
        return Q(pk__in=[])


READER = {"view": Scope.OWN}
CURATOR = {"view": Scope.REGION, "change": Scope.REGION}

# Actions on resources:
#   view     read the resource, download its versions
#   change   create, edit, upload a version, publish, withdraw
RESOURCE_RULES: dict[str, dict[str, Scope]] = {
    Role.PROFESSIONAL: READER,
    Role.REFERENT: READER,
    Role.NETWORK_HEAD: READER,
    Role.TERRITORIAL_OFFICER: READER,
    Role.GOVERNMENT: READER,
    Role.GREF: CURATOR,
    Role.REGIONAL_COORDINATOR: CURATOR,
}

resource_policy = ResourcePolicy(model=Resource, rules=RESOURCE_RULES, grants={})


def is_curator(user: Any) -> bool:
    """May ``user`` add to the library (GREF, the regional coordination)?"""
    return resource_policy.grants_anywhere(user, "change")


def is_reader(user: Any) -> bool:
    return resource_policy.grants_anywhere(user, "view")
