"""Forms of the accueil. They parse and validate; ``services`` writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from extranet.filters import FilterForm
from extranet.models import Channel, Service, Structure

from .models import (
    AgeBand,
    ConsentMethod,
    ContactChannel,
    DeclineReason,
    Mode,
    PersonStatus,
    Question,
    Urgency,
)
from .models.receptions import OTHER_NEEDS

TEXTAREA = {"rows": 3}


def _question_choices() -> list[tuple[str, Any]]:
    return [(q.value, q.label) for q in Question]


class QuestionsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Questions abordées"))
        kwargs.setdefault("choices", _question_choices)
        kwargs.setdefault(
            "error_messages",
            {"required": _("Cochez au moins une question abordée.")},
        )
        super().__init__(**kwargs)


class StructureChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Structure) -> str:
        return f"{obj.name} ({obj.city})"


class ReceptionForm(forms.Form):
    """The reception in one page: the first four groups take under a minute;
    the point de situation below is optional, written with the person."""

    structure = StructureChoice(
        label=_("Structure"), queryset=Structure.objects.none(), required=False
    )
    channel = forms.ChoiceField(
        label=_("Canal"), choices=Channel.choices, widget=forms.RadioSelect
    )
    mode = forms.ChoiceField(
        label=_("Mode"),
        choices=Mode.choices,
        widget=forms.RadioSelect,
        initial=Mode.ON_THE_SPOT,
    )
    urgency = forms.ChoiceField(
        label=_("Urgence évaluée au premier contact"),
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        initial=Urgency.NORMAL,
    )
    age_band = forms.ChoiceField(
        label=_("Tranche d'âge"),
        choices=AgeBand.choices,
        initial=AgeBand.UNKNOWN,
        required=False,
    )
    person_status = forms.ChoiceField(
        label=_("Situation"),
        choices=PersonStatus.choices,
        initial="unknown",
        required=False,
    )
    questions = QuestionsField()
    anonymous = forms.BooleanField(
        label=_("La personne souhaite rester anonyme (ni prénom ni contact)"),
        required=False,
    )
    person_label = forms.CharField(
        label=_("Prénom ou pseudonyme (facultatif)"), max_length=60, required=False
    )
    contact = forms.CharField(
        label=_("Courriel ou téléphone (facultatif)"),
        max_length=120,
        required=False,
        help_text=_("Seulement si la personne souhaite être recontactée."),
    )
    summary = forms.CharField(
        label=_("Ce qui a été dit"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    information_given = forms.CharField(
        label=_("Informations données"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    resources = forms.CharField(
        label=_("Ressources conseillées"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Une ressource par ligne (site, document, lieu)."),
    )
    recommended = forms.ModelMultipleChoiceField(
        label=_("Structures du SPRO conseillées (liens vers l'annuaire public)"),
        queryset=Structure.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    next_steps = forms.CharField(
        label=_("Prochaines étapes"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Qui, quoi, comment, où : une étape par ligne."),
    )
    share_summary = forms.BooleanField(
        label=_(
            "La personne accepte que toute structure du SPRO à qui elle donne "
            "son code lise ce point de situation (sans son identité)"
        ),
        required=False,
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
        self.fields["recommended"].queryset = (
            Structure.objects.published()
            .select_related("organisation")
            .order_by("organisation__name")
        )

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["recommended"] = list(data.get("recommended") or ())
        return data


class TallyForm(forms.Form):
    """The quick tally: channel, urgency, question, in a few seconds."""

    structure = StructureChoice(
        label=_("Structure"), queryset=Structure.objects.none(), required=False
    )
    channel = forms.ChoiceField(
        label=_("Canal"), choices=Channel.choices, widget=forms.RadioSelect
    )
    urgency = forms.ChoiceField(
        label=_("Urgence"),
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        initial=Urgency.NORMAL,
    )
    questions = QuestionsField()
    people = forms.IntegerField(
        label=_("Nombre de contacts semblables"), min_value=1, max_value=50, initial=1
    )

    def __init__(self, *args: Any, structures: list[Structure], **kwargs: Any):
        super().__init__(*args, **kwargs)
        if len(structures) > 1:
            self.fields["structure"].required = True
            self.fields["structure"].queryset = Structure.objects.filter(
                pk__in=[s.pk for s in structures]
            )
        else:
            del self.fields["structure"]


class PointForm(forms.Form):
    summary = ReceptionForm.base_fields["summary"]
    information_given = ReceptionForm.base_fields["information_given"]
    resources = ReceptionForm.base_fields["resources"]
    recommended = forms.ModelMultipleChoiceField(
        label=ReceptionForm.base_fields["recommended"].label,
        queryset=Structure.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    next_steps = ReceptionForm.base_fields["next_steps"]
    share_summary = ReceptionForm.base_fields["share_summary"]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["recommended"].queryset = (
            Structure.objects.published()
            .select_related("organisation")
            .order_by("organisation__name")
        )


class PointMailForm(forms.Form):
    to = forms.EmailField(
        label=_("Adresse de courriel de la personne"),
        help_text=_("Saisie une fois : elle n'est pas conservée après l'envoi."),
        error_messages={
            "invalid": _(
                "Saisissez une adresse de courriel valide, par exemple nom@exemple.fr."
            ),
            "required": _("Saisissez l'adresse de courriel de la personne."),
        },
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code de suivi de la personne"),
        max_length=20,
        help_text=_("Par exemple ACC-7KQ2-M9XP."),
        error_messages={"required": _("Saisissez le code de suivi.")},
    )


class ReferralForm(forms.Form):
    """A referral with the person's consent, and optionally an appointment."""

    to_structure = StructureChoice(
        label=_("Structure destinataire"), queryset=Structure.objects.none()
    )
    service = forms.ChoiceField(label=_("Service demandé"), choices=Service.choices)
    request = forms.CharField(
        label=_("La demande de la personne"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    contact_channel = forms.ChoiceField(
        label=_("Comment la personne souhaite être recontactée"),
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
    )
    person_label = forms.CharField(
        label=_("Prénom ou pseudonyme"), max_length=60, required=False
    )
    contact = forms.CharField(
        label=_("Téléphone ou courriel"), max_length=120, required=False
    )
    slot = forms.TypedChoiceField(
        label=_("Rendez-vous"), required=False, coerce=int, empty_value=None
    )
    share_situation = forms.BooleanField(
        label=_("Transmettre sa tranche d'âge et sa situation"), required=False
    )
    share_summary = forms.BooleanField(
        label=_("Transmettre son point de situation"), required=False
    )
    purpose = forms.CharField(
        label=_("Finalité présentée à la personne"),
        max_length=300,
        required=False,
        help_text=_("Par défaut : le service demandé."),
    )
    consent_method = forms.ChoiceField(
        label=_("Comment la personne a donné son accord"),
        choices=[("", "—"), *ConsentMethod.choices],
        error_messages={
            "required": _("Indiquez comment la personne a donné son accord."),
        },
    )
    consent_given = forms.BooleanField(
        label=_("J'ai lu ce texte à la personne et elle est d'accord"),
        error_messages={
            "required": _(
                "Sans l'accord de la personne, rien n'est transmis : cochez la case "
                "une fois qu'elle a donné son accord."
            )
        },
    )

    def __init__(
        self,
        *args: Any,
        structures: Any,
        slots: list[Any] = (),
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.fields["to_structure"].queryset = structures
        self.fields["slot"].choices = [("", _("Pas de rendez-vous maintenant"))] + [
            (slot.pk, slot.label) for slot in slots
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        channel = data.get("contact_channel")
        if channel in (ContactChannel.PHONE, ContactChannel.MAIL) and not data.get(
            "contact"
        ):
            self.add_error(
                "contact",
                _(
                    "Indiquez le téléphone ou le courriel où la personne veut être "
                    "jointe."
                ),
            )
        if channel == ContactChannel.APPOINTMENT and not data.get("slot"):
            self.add_error("slot", _("Choisissez le créneau du rendez-vous."))
        return data


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Motif du refus"),
        choices=[("", "—"), *DeclineReason.choices],
        error_messages={"required": _("Choisissez un motif de refus dans la liste.")},
    )
    note = forms.CharField(
        label=_("Précision (obligatoire pour « Autre motif »)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    proposed_structure = StructureChoice(
        label=_("Proposer une autre structure"),
        queryset=Structure.objects.none(),
        required=False,
    )
    proposed_date = forms.DateField(
        label=_("Proposer une autre date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    expected_state = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, structures: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if structures is not None:
            self.fields["proposed_structure"].queryset = structures

    def clean_proposed_date(self):
        day = self.cleaned_data.get("proposed_date")
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("La date proposée est déjà passée."))
        return day


class ReferralFilterForm(FilterForm):
    BOXES = [("received", _("Reçues")), ("sent", _("Envoyées"))]
    boite = forms.ChoiceField(label=_("Demandes"), choices=BOXES)
    etat = forms.ChoiceField(
        label=_("État"),
        choices=[
            ("", _("Toutes")),
            ("open", _("En attente de réponse")),
            ("closed", _("Traitées")),
        ],
    )


class ReceptionFilterForm(FilterForm):
    canal = forms.ChoiceField(
        label=_("Canal"), choices=[("", _("Tous")), *Channel.choices]
    )
    urgence = forms.ChoiceField(
        label=_("Urgence"), choices=[("", _("Toutes")), *Urgency.choices]
    )
    du = forms.DateField(label=_("Du"), widget=forms.DateInput(attrs={"type": "date"}))
    au = forms.DateField(label=_("Au"), widget=forms.DateInput(attrs={"type": "date"}))


class SettingsForm(forms.Form):
    retention_months = forms.IntegerField(
        label=_("Durée de conservation des données personnelles (mois)"),
        min_value=1,
        max_value=36,
    )


__all__ = [
    "OTHER_NEEDS",
    "CodeForm",
    "DeclineForm",
    "PointForm",
    "PointMailForm",
    "ReceptionFilterForm",
    "ReceptionForm",
    "ReferralFilterForm",
    "ReferralForm",
    "SettingsForm",
    "TallyForm",
]
