"""What the coordination app plugs into the shell (menu links, to-do
providers, search) and into the engine (bindings): each concern's own."""

from .plans import registrations as plan_registrations  # noqa: E402, F401
