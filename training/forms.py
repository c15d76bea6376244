"""Forms of the training pages: the catalogue's filters, enrolment, the queue."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from extranet.filters import FilterForm, search_field
from extranet.models import Organisation, Territory

from .models import Format, PlanAction


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
