"""What the coordination app plugs into the shell (menu links, to-do
providers, search) and into the engine (bindings): each concern's own."""

from .governance import registrations as governance_registrations  # noqa: F401
from .plans import registrations as plan_registrations  # noqa: F401
