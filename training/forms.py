"""Forms of the training pages: the catalogue's filters, enrolment, the queue,
the needs census, the plan and its actions, sessions and their half-days."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from extranet.filters import FilterForm, search_field
from extranet.forms import https_by_default
from extranet.models import Organisation, Territory
from extranet.validators import validate_no_html

from .models import (
    Format,
    Need,
    NeedsCampaign,
    Period,
    Plan,
    PlanAction,
    TrainingSession,
)


def _months() -> list[tuple[str, str]]:
    """This month and the eleven next, as "2027-03" → "mars 2027"."""
    from django.utils.formats import date_format

    today = timezone.localdate().replace(day=1)
    months = []
    for offset in range(12):
        year = today.year + (today.month - 1 + offset) // 12
        month = (today.month - 1 + offset) % 12 + 1
        day = datetime.date(year, month, 1)
        months.append((f"{year}-{month:02d}", date_format(day, "F Y")))
    return months


class CatalogueFilterForm(FilterForm):
    """Theme, territory, month, format, seats left, network offering."""

    q = search_field(_("Mot-clé (intitulé, thème)"))
    theme = forms.ChoiceField(label=_("Thème"))
    territoire = forms.ModelChoiceField(
        label=_("Territoire"), queryset=Territory.objects.all(), empty_label=_("Tous")
    )
    mois = forms.ChoiceField(label=_("Mois"))
    modalite = forms.ChoiceField(label=_("Modalité"))
    proposee_par = forms.ModelChoiceField(
        label=_("Proposée par"),
        queryset=Organisation.objects.none(),
        empty_label=_("Tous"),
    )
    places = forms.BooleanField(label=_("Avec des places libres seulement"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        themes = (
            PlanAction.objects.filter(sessions__isnull=False)
            .values_list("theme", flat=True)
            .distinct()
            .order_by("theme")
        )
        self.fields["theme"].choices = [("", _("Tous"))] + [(t, t) for t in themes]
        self.fields["mois"].choices = [("", _("Tous"))] + _months()
        self.fields["modalite"].choices = [("", _("Toutes"))] + list(Format.choices)
        self.fields["proposee_par"].queryset = Organisation.objects.filter(
            pk__in=PlanAction.objects.values("offered_by")
        ).order_by("name")


class EnrolForm(forms.Form):
    """Ask for a place; a referent may ask for a colleague of their structure."""

    person = forms.TypedChoiceField(
        label=_("Pour qui ?"), coerce=int, required=False, empty_value=None
    )
    motivation = forms.CharField(
        label=_("Vos attentes (facultatif)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ce que vous attendez de la session : 1 000 caractères au plus."),
    )

    def __init__(self, *args: Any, colleagues: list[Any] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.colleagues = {c.pk: c for c in colleagues or []}
        if self.colleagues:
            self.fields["person"].choices = [("", _("Moi-même"))] + [
                (c.pk, c.get_full_name() or c.email) for c in colleagues
            ]
        else:
            del self.fields["person"]

    def clean_person(self) -> Any:
        pk = self.cleaned_data.get("person")
        if pk is None:
            return None
        if pk not in self.colleagues:
            raise forms.ValidationError(
                _("Choisissez une personne de votre structure.")
            )
        return self.colleagues[pk]


class QueueMoveForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Sens"), choices=[("up", _("Avancer")), ("down", _("Reculer"))]
    )
    reason = forms.CharField(
        label=_("Motif (obligatoire, conservé)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Indiquez par écrit le motif de ce changement.")},
    )


class SessionCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de l'annulation (envoyé aux inscrit·es)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Indiquez le motif de l'annulation.")},
    )


# The needs census -------------------------------------------------------------------


class CampaignForm(forms.ModelForm):
    """GREF opens a census: which year's plan it prepares, until when."""

    class Meta:
        model = NeedsCampaign
        fields = ["year", "title", "deadline"]
        widgets = {
            "deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            )
        }


class NeedForm(forms.ModelForm):
    """A need of one's network or territory."""

    class Meta:
        model = Need
        fields = [
            "theme",
            "audience",
            "people",
            "priority",
            "reach",
            "territory",
            "comment",
        ]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.order_by("name")
        self.fields["territory"].empty_label = _("Aucun (besoin régional)")

    def _post_clean(self) -> None:
        # Scope and campaign are set by the service; the model's own checks
        # (a local need has a territory) run there too, on the whole object.
        try:
            self.instance.clean()
        except forms.ValidationError as error:
            self._update_errors(error)


# The plan ---------------------------------------------------------------------------


class PlanForm(forms.ModelForm):
    """The year's plan, before its actions."""

    class Meta:
        model = Plan
        fields = ["year", "title", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}


class PlanActionForm(forms.ModelForm):
    """An action of the plan, and the needs of the census it answers."""

    needs = forms.ModelMultipleChoiceField(
        label=_("Besoins auxquels elle répond"),
        queryset=Need.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PlanAction
        fields = [
            "theme",
            "objectives",
            "audience",
            "format",
            "reach",
            "territory",
            "offered_by",
            "planned_sessions",
            "planned_hours",
        ]
        widgets = {"objectives": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = (
            Need.objects.filter(campaign__year=plan.year)
            .select_related("organisation", "scope_territory")
            .order_by("theme", "pk")
        )
        self.fields["needs"].label_from_instance = lambda need: (
            f"{need.theme} — {need.expressed_by} ({need.people})"
        )
        if self.instance.pk:
            self.initial.setdefault("needs", list(self.instance.needs.all()))
        self.fields["territory"].queryset = Territory.objects.order_by("name")
        self.fields["offered_by"].queryset = Organisation.objects.filter(
            is_active=True, kind__in=("gref", "network_head")
        ).order_by("name")

    def _post_clean(self) -> None:
        try:
            self.instance.clean()
        except forms.ValidationError as error:
            self._update_errors(error)

    def action_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


# Sessions ---------------------------------------------------------------------------


class SessionForm(forms.ModelForm):
    """A session of an action of a validated plan; its half-days come from
    ``SlotFormSet`` beside it."""

    class Meta:
        model = TrainingSession
        # A visio address typed without its scheme gets https://.
        formfield_callback = https_by_default
        fields = [
            "title",
            "action",
            "description",
            "territory",
            "place",
            "visio_url",
            "capacity",
            "seats_per_structure",
            "trainer_name",
            "enrolment_opens_at",
            "enrolment_closes_at",
            "cancellation_cutoff_hours",
            "prerequisites",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "prerequisites": forms.Textarea(attrs={"rows": 2}),
            "enrolment_opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "enrolment_closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .definitions import PLAN_VALIDATED

        self.fields["action"].queryset = (
            PlanAction.objects.filter(plan__state=PLAN_VALIDATED)
            .select_related("plan")
            .order_by("-plan__year", "theme")
        )
        self.fields["action"].label_from_instance = lambda a: (
            f"{a.theme} ({a.plan.year})"
        )
        self.fields["territory"].queryset = Territory.objects.order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        opens, closes = data.get("enrolment_opens_at"), data.get("enrolment_closes_at")
        if opens and closes and closes <= opens:
            self.add_error(
                "enrolment_closes_at",
                _("La clôture des inscriptions doit suivre leur ouverture."),
            )
        return data

    def _post_clean(self) -> None:
        # The session's own checks run in the service, with its half-days.
        return None


class SlotForm(forms.Form):
    """One half-day: its date, morning or afternoon, from and to."""

    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period = forms.ChoiceField(
        label=_("Demi-journée"), choices=[("", "—"), *Period.choices]
    )
    start = forms.TimeField(
        label=_("De"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(label=_("À"), widget=forms.TimeInput(attrs={"type": "time"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("L'heure de fin doit suivre l'heure de début."))
        return data


class BaseSlotFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen = set()
        days = []
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            key = (form.cleaned_data["date"], form.cleaned_data["period"])
            if key in seen:
                raise forms.ValidationError(
                    _("Deux demi-journées sont identiques (même date, même moment).")
                )
            seen.add(key)
            days.append(form.cleaned_data)
        if not days:
            raise forms.ValidationError(_("Indiquez au moins une demi-journée."))
        self.slots = [(d["date"], d["period"], d["start"], d["end"]) for d in days]


# Two blank half-days after those already set: enough to add one without
# JavaScript; blank ones are ignored.
SlotFormSet = forms.formset_factory(SlotForm, formset=BaseSlotFormSet, extra=2)


class SessionDocumentForm(forms.Form):
    """A PDF to attach to a session: its programme, a preparation sheet."""

    title = forms.CharField(
        label=_("Titre du document"),
        max_length=200,
        validators=[validate_no_html],
        help_text=_("Par exemple : « Programme détaillé »."),
        error_messages={"required": _("Donnez un titre au document.")},
        widget=forms.TextInput(attrs={"maxlength": 200}),
    )
    file = forms.FileField(
        label=_("Fichier PDF"),
        error_messages={"required": _("Choisissez le fichier PDF à joindre.")},
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Au format PDF, %(max)s Mo au plus.") % {
            "max": settings.SPRO_ATTACHMENT_MAX_MB
        }
