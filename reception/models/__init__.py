"""The accueil personnalisé et individualisé (API), its own app because its
personal-data rules differ from everything else (see ``reception.retention``).

* ``Reception``: one person received by a member structure (channel, mode,
  urgency, broad situation, questions raised), with the optional "point de
  situation" handed to them and the reference code they may quote elsewhere;
  a *quick tally* row keeps only channel, urgency and questions. A person who
  asks for anonymity leaves no identifying field (a database constraint).
* ``Referral``: the "mise en relation" of that person with another structure or
  a specific conseil, moved by the referral workflow
  (``reception.definitions``), and ``Consent``: the record of the person's
  consent to it (for this recipient and purpose, how, when, by whom, the text
  shown), withdrawn once, never changed otherwise.
* ``Slot`` and ``Appointment``: the bookable times a structure publishes per
  service and channel, and the booking of one by a professional or the public.
* ``ReceptionSettings``: what the Région sets (retention of personal fields).

Personal fields are listed on each model (``PERSONAL_FIELDS``): the retention
task erases exactly those, everywhere, and keeps the rest for the statistics.
"""

from .appointments import (
    TAKING_STATUSES,
    Appointment,
    AppointmentStatus,
    BookableBy,
    BookedVia,
    Slot,
    SlotChannel,
)
from .receptions import (
    AgeBand,
    Mode,
    PersonStatus,
    Question,
    Reception,
    ReceptionKind,
    ReceptionSettings,
    Urgency,
)
from .referrals import (
    Consent,
    ConsentMethod,
    ContactChannel,
    DeclineReason,
    Referral,
)

__all__ = [
    "AgeBand",
    "Appointment",
    "AppointmentStatus",
    "BookableBy",
    "BookedVia",
    "SlotChannel",
    "TAKING_STATUSES",
    "Consent",
    "ConsentMethod",
    "ContactChannel",
    "DeclineReason",
    "Mode",
    "PersonStatus",
    "Question",
    "Reception",
    "ReceptionKind",
    "ReceptionSettings",
    "Referral",
    "Slot",
    "Urgency",
]
