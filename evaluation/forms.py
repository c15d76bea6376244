"""The filters of the evaluation dashboard: a GET form that tolerates any
query string (an invalid value is said in French and ignored)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from extranet.filters import FilterForm, year_field
from extranet.models import Network, Territory


class EvaluationFilterForm(FilterForm):
    """The year (the recent ones offered, any asked one from 2014 to 2100),
    and optionally a territory and a network."""

    annee = forms.TypedChoiceField(
        label=gettext_lazy("Année"),
        coerce=int,
        error_messages={
            "invalid_choice": gettext_lazy(
                "Cette année n'est pas proposée : l'année en cours est affichée."
            )
        },
    )
    territoire = forms.ModelChoiceField(
        label=gettext_lazy("Territoire"),
        queryset=Territory.objects.none(),
        empty_label=gettext_lazy("Toute la région"),
        error_messages={
            "invalid_choice": gettext_lazy(
                "Ce territoire n'existe pas : les chiffres portent sur toute la région."
            )
        },
    )
    reseau = forms.ModelChoiceField(
        label=gettext_lazy("Réseau"),
        queryset=Network.objects.none(),
        empty_label=gettext_lazy("Tous les réseaux"),
        error_messages={
            "invalid_choice": gettext_lazy(
                "Ce réseau n'existe pas : les chiffres portent sur tous les réseaux."
            )
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year_field(self)
        self.fields["territoire"].queryset = Territory.objects.order_by("name")
        self.fields["reseau"].queryset = Network.objects.order_by("name")
        self.fields["reseau"].label_from_instance = lambda network: network.name
