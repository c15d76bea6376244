"""Signals of the surveys.

``responses_waiting``
    Sent after the transaction that left responses waiting to be written
    (an answer handed in, a campaign closed) commits. Argument:
    ``campaign_id``. ``receivers.py`` queues the flush (a Celery task), so
    that the services never import the tasks that run them.
"""

from django.dispatch import Signal

responses_waiting = Signal()
