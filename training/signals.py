"""Signals of the professionalisation plan, for the apps that react to it.

``session_completed``
    Sent once per session, after the transaction that completed it commits:
    every confirmed participant's attendance is recorded, the outcomes
    (present, present in part, absent) are set through the enrolment workflow
    and the certificates are issued. Arguments: ``sender`` (the
    ``TrainingSession`` class) and ``session`` (the session, its
    ``completed_at`` set). The surveys app listens to it to send each
    attendee the session's evaluation (in its own ``receivers.py``): list the
    attendees with ``training.selectors.session_attendees(session)``.

    Never sent for a cancelled session, never twice for the same one (the
    session's ``completed_at`` is set under its row lock), and not at all if
    the transaction rolls back. A receiver that fails does not undo the
    completion: receivers should queue their work (a Celery task) rather than
    do it in place.
"""

from django.dispatch import Signal

session_completed = Signal()
