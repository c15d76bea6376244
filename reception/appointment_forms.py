"""Forms of the appointments. They parse and validate; ``reception.appointments``
writes (and checks again what only it can: rights, overlaps, a slot taken)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from extranet.models import Structure

from .appointments import (
    MAX_CLOSES_HOURS,
    MAX_DURATION,
    MAX_OPENS_DAYS,
    MAX_SLOTS_PER_SERIES,
    MIN_DURATION,
    OUTCOMES,
    contact_kind,
)
from .forms import StructureChoice
from .models import AppointmentStatus, BookableBy, SlotChannel

NUMBER = {"inputmode": "numeric"}


class SlotSeriesForm(forms.Form):
    """A series of consecutive slots on one day."""

    structure = StructureChoice(
        label=_("Structure"), queryset=Structure.objects.none(), required=False
    )
    day = forms.DateField(
        label=_("Jour"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Indiquez le jour des créneaux."),
            "invalid": _("Saisissez une date, par exemple 15/03/2027."),
        },
    )
    first_start = forms.TimeField(
        label=_("Heure du premier créneau"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={
            "required": _("Indiquez l'heure du premier créneau."),
            "invalid": _("Saisissez une heure, par exemple 09:30."),
        },
    )
    duration_minutes = forms.IntegerField(
        label=_("Durée d'un créneau (minutes)"),
        min_value=MIN_DURATION,
        max_value=MAX_DURATION,
        initial=45,
        widget=forms.NumberInput(attrs=NUMBER),
    )
    count = forms.IntegerField(
        label=_("Nombre de créneaux à la suite"),
        min_value=1,
        max_value=MAX_SLOTS_PER_SERIES,
        initial=1,
        widget=forms.NumberInput(attrs=NUMBER),
        help_text=_("Au plus %(max)d à la fois.") % {"max": MAX_SLOTS_PER_SERIES},
    )
    service = forms.ChoiceField(label=_("Service"), choices=())
    channel = forms.ChoiceField(
        label=_("Modalité"), choices=SlotChannel.choices, widget=forms.RadioSelect
    )
    place = forms.CharField(
        label=_("Lieu ou précisions"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : bureau 2, ou « nous vous appelons »."),
    )
    bookable_by = forms.ChoiceField(
        label=_("Qui peut réserver"),
        choices=BookableBy.choices,
        widget=forms.RadioSelect,
        initial=BookableBy.REFERRERS,
    )
    opens_days_before = forms.IntegerField(
        label=_("La réservation ouvre (jours avant)"),
        min_value=1,
        max_value=MAX_OPENS_DAYS,
        initial=30,
        widget=forms.NumberInput(attrs=NUMBER),
    )
    closes_hours_before = forms.IntegerField(
        label=_("La réservation ferme (heures avant)"),
        min_value=0,
        max_value=MAX_CLOSES_HOURS,
        initial=4,
        widget=forms.NumberInput(attrs=NUMBER),
    )

    def __init__(self, *args: Any, structures: list[Structure], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.structures = structures
        if len(structures) > 1:
            self.fields["structure"].required = True
            self.fields["structure"].queryset = Structure.objects.filter(
                pk__in=[s.pk for s in structures]
            ).select_related("organisation")
        else:
            del self.fields["structure"]
        offered: dict[str, Any] = {}
        for structure in structures:
            for service in structure.delivered_services():
                offered[service.value] = service.label
        self.fields["service"].choices = [("", "—"), *offered.items()]

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["structure"] = data.get("structure") or self.structures[0]
        return data


class BookingForm(forms.Form):
    """A first name or pseudonym and one contact: all a booking needs."""

    person_label = forms.CharField(
        label=_("Prénom ou pseudonyme"),
        max_length=60,
        error_messages={"required": _("Indiquez un prénom ou un pseudonyme.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    contact = forms.CharField(
        label=_("Courriel ou téléphone"),
        max_length=120,
        help_text=_(
            "Pour la confirmation et le rappel, par exemple nom@exemple.fr "
            "ou 06 12 34 56 78."
        ),
        error_messages={
            "required": _(
                "Indiquez une adresse de courriel ou un numéro de téléphone pour "
                "recevoir la confirmation."
            )
        },
    )

    def __init__(self, *args: Any, contact_required: bool = True, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if not contact_required:
            self.fields["contact"].required = False
            self.fields["contact"].label = _("Courriel ou téléphone (facultatif)")
            self.fields["contact"].help_text = _(
                "Pour prévenir la personne en cas d'annulation et lui rappeler "
                "le rendez-vous."
            )

    def clean_contact(self) -> str:
        contact = self.cleaned_data.get("contact", "").strip()
        if contact and not contact_kind(contact):
            raise forms.ValidationError(
                _(
                    "Saisissez une adresse de courriel (par exemple nom@exemple.fr) "
                    "ou un numéro de téléphone français (par exemple 06 12 34 56 78)."
                )
            )
        return contact


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Issue du rendez-vous"),
        choices=[(s.value, AppointmentStatus(s).label) for s in OUTCOMES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez l'issue du rendez-vous.")},
    )


class AgendaFilterForm(forms.Form):
    """The agenda's structure (for staff of several) and first day."""

    structure = forms.TypedChoiceField(
        label=_("Structure"), coerce=int, required=False, empty_value=None
    )
    du = forms.DateField(
        label=_("À partir du"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, structures: list[Structure], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["structure"].choices = [
            (s.pk, f"{s.name} ({s.city})") for s in structures
        ]
        if len(structures) < 2:
            del self.fields["structure"]

    def chosen(self, structures: list[Structure]) -> tuple[Structure | None, Any]:
        """The structure and first day asked for (or the first one, today)."""
        data = self.cleaned_data if self.is_valid() else {}
        by_pk = {s.pk: s for s in structures}
        structure = by_pk.get(data.get("structure")) or (
            structures[0] if structures else None
        )
        return structure, data.get("du") or timezone.localdate()
