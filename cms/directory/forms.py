"""The directory's filters: a GET form that tolerates any query string."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from extranet.filters import search_field
from extranet.models import Channel, Departement, Network, Service, Territory


class DirectoryFilterForm(forms.Form):
    """Filters of the directory. Invalid values are dropped, never fatal.

    The choices of territories and networks are read once per request (two
    queries), whatever the number of structures.
    """

    q = search_field(_("Commune ou code postal"), autocomplete="address-level2")
    service = forms.ChoiceField(
        label=_("Service"),
        required=False,
        choices=[("", _("Tous les services"))] + Service.choices,
    )
    territory = forms.ModelChoiceField(
        label=_("Territoire"),
        required=False,
        queryset=Territory.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Tous les territoires"),
    )
    departement = forms.ChoiceField(
        label=_("Département"),
        required=False,
        choices=[("", _("Tous les départements"))] + Departement.choices,
    )
    network = forms.ModelChoiceField(
        label=_("Réseau"),
        required=False,
        queryset=Network.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("Tous les réseaux"),
    )
    channel = forms.ChoiceField(
        label=_("Mode de contact"),
        required=False,
        choices=[("", _("Tous les modes de contact"))] + Channel.choices,
    )
    accessible = forms.BooleanField(
        label=_("Accessible en fauteuil roulant"), required=False
    )
    lat = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    lon = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )

    def filters(self) -> dict:
        """The valid filters only: an unknown or absurd value is simply ignored."""
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        if not data.get("accessible"):
            data.pop("accessible", None)
        if ("lat" in data) != ("lon" in data):
            data.pop("lat", None)
            data.pop("lon", None)
        return data

    def problems(self) -> list[str]:
        """French messages for the filters that were ignored (never the raw value)."""
        self.is_valid()
        messages = []
        for name in self.errors:
            if name == "q":
                messages.extend(self.errors[name])
            elif name in ("lat", "lon"):
                message = _(
                    "Votre position n'a pas été comprise : les résultats ne sont "
                    "pas triés par distance."
                )
                if message not in messages:
                    messages.append(message)
            else:
                messages.append(
                    _("Le critère « %(label)s » n'a pas été reconnu et a été ignoré.")
                    % {"label": self.fields[name].label}
                )
        return messages
