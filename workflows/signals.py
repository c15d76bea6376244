"""Signals of the engine: how other apps hear of workflow events without the
binding calling them (evaluation counts, surveys sent after a session…).

``transition_fired`` is sent once the transaction of a transition commits, so a
receiver never sees a change that was rolled back. Arguments: ``sender`` (the
model), ``instance``, ``workflow``, ``transition``, ``from_state``, ``to_state``,
``user`` (None for automatic and scheduled steps) and ``log`` (the log row).
"""

from django.dispatch import Signal

transition_fired = Signal()
