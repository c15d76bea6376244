"""Forms of the governance bodies: what the secretariat types. Who may do
what, and every rule across objects, is the services' business."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from extranet.models import Organisation
from extranet.models.organisations import phone_validator

from ..models import AttendanceStatus, Body, Meeting, MinutesStatus, Platform
from . import links
from .selectors import (
    co_secretariat_choices,
    free_body_kinds,
    region_structures,
    region_territories,
)


class BodyForm(forms.Form):
    """A body's name and role; its kind when it is created (the kinds not
    taken yet), its co-secretariat for the Région's coordination only
    (``with_co_secretariat``): a field not shown is not read."""

    kind = forms.ChoiceField(
        label=_("Nature de l'instance"),
        help_text=_("Une seule instance par nature."),
    )
    name = forms.CharField(label=_("Nom"), max_length=200)
    short_name = forms.CharField(label=_("Sigle"), max_length=30, required=False)
    description = forms.CharField(
        label=_("Rôle"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    co_secretariat = forms.ModelChoiceField(
        label=_("Co-secrétariat"),
        help_text=_(
            "Avec la coordination régionale, qui tient le secrétariat "
            "(le GREF pour le comité de pilotage du plan de professionnalisation)."
        ),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Aucun"),
    )

    def __init__(
        self,
        *args: Any,
        body: Body | None = None,
        with_co_secretariat: bool = True,
        **kwargs: Any,
    ) -> None:
        self.body = body
        if body is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": body.name,
                "short_name": body.short_name,
                "description": body.description,
                "co_secretariat": body.co_secretariat_id,
            }
        super().__init__(*args, **kwargs)
        if body is None:
            self.fields["kind"].choices = [("", "---------"), *free_body_kinds()]
        else:
            del self.fields["kind"]
        if with_co_secretariat:
            self.fields["co_secretariat"].queryset = co_secretariat_choices()
        else:
            del self.fields["co_secretariat"]

    def body_data(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("name", "short_name", "description")}


class StructureChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.organisation.name


class StructureChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.organisation.name


class PlatformForm(forms.Form):
    """A PSAD: its name, pilot, territories, partners and contact. Only the
    structures and territories of Bretagne are offered (a tampered id is
    refused here, and again by the service)."""

    name = forms.CharField(label=_("Nom de la PSAD"), max_length=200)
    pilot = StructureChoice(label=_("Structure pilote"), queryset=region_structures())
    territories = forms.ModelMultipleChoiceField(
        label=_("Territoires couverts"),
        queryset=region_territories(),
        widget=forms.CheckboxSelectMultiple,
    )
    partners = StructureChoices(
        label=_("Structures partenaires"),
        help_text=_("Des structures du SPRO en Bretagne, autres que la pilote."),
        queryset=region_structures(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contact_name = forms.CharField(label=_("Contact"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Courriel"), required=False)
    contact_phone = forms.CharField(
        label=_("Téléphone"),
        max_length=30,
        required=False,
        validators=[phone_validator],
        help_text=_("Par exemple 02 99 00 00 00."),
    )

    def __init__(self, *args: Any, platform: Platform, **kwargs: Any) -> None:
        if "initial" not in kwargs:
            kwargs["initial"] = {
                "name": platform.organisation.name,
                "pilot": platform.pilot_id,
                "territories": [t.pk for t in platform.territories.all()],
                "partners": [s.pk for s in platform.partners.all()],
                "contact_name": platform.contact_name,
                "contact_email": platform.contact_email,
                "contact_phone": platform.contact_phone,
            }
        super().__init__(*args, **kwargs)

    def contact(self) -> dict[str, str]:
        return {
            k: self.cleaned_data[k]
            for k in ("contact_name", "contact_email", "contact_phone")
        }


class MeetingForm(forms.Form):
    held_on = forms.DateTimeField(
        label=_("Date et heure"),
        help_text=_("Par exemple 14/03/2026 14:00."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label=_("Lieu"), max_length=200, required=False)
    agenda = forms.CharField(
        label=_("Ordre du jour"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(
        self, *args: Any, body: Body, meeting: Meeting | None = None, **kwargs: Any
    ) -> None:
        self.body = body
        self.meeting = meeting
        if meeting is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "held_on": meeting.held_on,
                "place": meeting.place,
                "agenda": meeting.agenda,
                "minutes": meeting.minutes,
            }
        super().__init__(*args, **kwargs)
        self.member_fields = []
        if meeting is not None:
            if meeting.minutes_status in (MinutesStatus.NONE, MinutesStatus.DRAFT):
                self.fields["minutes"] = forms.CharField(
                    label=_("Compte rendu (projet)"),
                    help_text=_(
                        "Rédigé par le secrétariat ; approuvé par la présidence, "
                        "puis publié aux membres."
                    ),
                    max_length=20000,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 10}),
                )
            present = {a.member_id: a.status for a in meeting.attendance.all()}
            for member in body.members.current().select_related("user"):
                name = f"presence_{member.pk}"
                self.fields[name] = forms.ChoiceField(
                    label=_("Présence de %(name)s")
                    % {"name": member.user.get_full_name()},
                    choices=[("", _("Non renseignée")), *AttendanceStatus.choices],
                    required=False,
                    initial=present.get(member.pk, ""),
                )
                self.member_fields.append((name, member.pk))

    def meeting_data(self) -> dict[str, Any]:
        data = {k: self.cleaned_data[k] for k in ("held_on", "place", "agenda")}
        if "minutes" in self.fields:
            data["minutes"] = self.cleaned_data.get("minutes") or ""
        return data

    def attendance(self) -> dict[int, str] | None:
        if not self.member_fields:
            return None
        return {
            pk: self.cleaned_data[name]
            for name, pk in self.member_fields
            if self.cleaned_data.get(name)
        }

    def presence_fields(self) -> list[Any]:
        return [self[name] for name, _pk in self.member_fields]


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Personne"),
        queryset=get_user_model()
        .objects.filter(is_active=True)
        .order_by("last_name", "first_name"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation représentée"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        required=False,
    )
    quality = forms.CharField(label=_("Qualité"), max_length=80, initial="membre")
    is_chair = forms.BooleanField(label=_("Préside l'instance"), required=False)
    since = forms.DateField(
        label=_("Membre depuis le"),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Titre du document"), max_length=200)
    file = forms.FileField(
        label=_("Fichier"), help_text=_("PDF ou document bureautique.")
    )


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Numéro"), max_length=30)
    decided_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    meeting = forms.ModelChoiceField(
        label=_("Réunion"), queryset=Meeting.objects.none()
    )
    text = forms.CharField(
        label=_("Texte de la décision"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    subject_key = forms.ChoiceField(
        label=_("Ce que la décision valide"), required=False
    )
    subject_id = forms.CharField(
        label=_("Élément concerné"),
        required=False,
        help_text=_("Choisissez l'élément que la décision valide."),
    )

    def __init__(self, *args: Any, body: Body, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = body.meetings.order_by("-held_on")
        subjects = links.subjects_for(body.kind)
        self.fields["subject_key"].choices = [
            ("", _("Aucun lien")),
            *((s.key, s.label) for s in subjects),
        ]
        options = [("", _("Aucun"))]
        for s in subjects:
            options += [(str(o.pk), f"{s.label} — {o}") for o in s.choices(user)]
        self.fields["subject_id"].widget = forms.Select(choices=options)
