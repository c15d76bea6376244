"""What the collaboration app plugs into the shell (menu links, sections of a
structure's page, to-do providers) and into the engine (bindings)."""

from .resources import registrations as resource_registrations  # noqa: E402, F401
from .servicemap import registrations as servicemap_registrations  # noqa: E402, F401
