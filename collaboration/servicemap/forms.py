"""Forms of the service map: the search (a GET form that tolerates any query
string) and the entry form (one for a structure's service and a local actor)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from extranet.filters import FilterForm, search_field
from extranet.models import Channel, Departement, Territory
from extranet.models.organisations import phone_validator
from extranet.places import find_town, town_of_insee
from extranet.validators import validate_no_html

from ..models import ActorDomain, Audience, Coverage, ServiceEntry, ServiceKind
from ..models.servicemap import join_codes, split_codes


class ServiceMapFilterForm(FilterForm):
    """Qui ? quoi ? comment ? où ? — each filter optional; an unknown value
    is reported and ignored, never fatal."""

    q = search_field(_("Mots-clés"))
    kind = forms.ChoiceField(
        label=_("Besoin : nature de l'aide"),
        choices=[("", _("Toutes"))] + ServiceKind.choices,
    )
    audience = forms.ChoiceField(
        label=_("Public"), choices=[("", _("Tous"))] + Audience.choices
    )
    territory = forms.ModelChoiceField(
        label=_("Territoire"),
        queryset=Territory.objects.none(),
        to_field_name="slug",
        empty_label=_("Tous"),
    )
    commune = search_field(
        _("Commune où vit la personne"), autocomplete="address-level2"
    )
    channel = forms.ChoiceField(
        label=_("Mode de contact"), choices=[("", _("Tous"))] + Channel.choices
    )
    domain = forms.ChoiceField(
        label=_("Acteurs locaux : domaine"),
        choices=[("", _("Tous"))] + ActorDomain.choices,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.order_by("name")

    def clean_commune(self) -> Any:
        text = self.cleaned_data.get("commune") or ""
        if not text:
            return None
        town = find_town(text)
        if town is None:
            raise forms.ValidationError(
                _(
                    "Nous ne connaissons pas cette commune de Bretagne : "
                    "le critère a été ignoré."
                )
            )
        return town

    def filters(self) -> dict[str, Any]:
        found = super().filters()
        if "commune" in found:
            found["town"] = found.pop("commune")
        return found

    def problems(self) -> list[str]:
        """French messages for the filters that were ignored (never the value)."""
        if not self.is_bound:
            return []
        self.is_valid()
        out = []
        for name, errors in self.errors.items():
            if name in ("q", "commune"):
                out.extend(str(e) for e in errors)
            else:
                out.append(
                    str(
                        _(
                            "Le critère « %(label)s » n'a pas été reconnu et a "
                            "été ignoré."
                        )
                        % {"label": self.fields[name].label}
                    )
                )
        return out


SEPARATORS = re.compile(r"[\n;]+")


class ServiceEntryForm(forms.Form):
    """One entry: what, for whom, conditions, where, how, contact. The owner
    (structure or territory) is chosen among the user's own at creation only."""

    owner = forms.ChoiceField(label=_("Structure"))
    actor_name = forms.CharField(
        label=_("Nom de l'acteur local"), max_length=200, validators=[validate_no_html]
    )
    actor_domain = forms.ChoiceField(label=_("Domaine"), choices=ActorDomain.choices)
    title = forms.CharField(
        label=_("Intitulé"), max_length=200, validators=[validate_no_html]
    )
    kind = forms.ChoiceField(label=_("Nature"), choices=ServiceKind.choices)
    description = forms.CharField(
        label=_("Ce qui est proposé"),
        max_length=2000,
        widget=forms.Textarea,
        validators=[validate_no_html],
    )
    audiences = forms.MultipleChoiceField(
        label=_("Publics"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    conditions = forms.CharField(
        label=_("Conditions d'accès"),
        required=False,
        validators=[validate_no_html],
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    coverage = forms.ChoiceField(
        label=_("Zone couverte"),
        choices=Coverage.choices,
        widget=forms.RadioSelect,
    )
    coverage_territory = forms.ModelChoiceField(
        label=_("Territoire couvert"),
        required=False,
        queryset=Territory.objects.none(),
        empty_label=_("—"),
    )
    coverage_departements = forms.MultipleChoiceField(
        label=_("Départements couverts"),
        required=False,
        choices=Departement.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "La zone couverte doit être en Bretagne (Côtes-d'Armor, "
                "Finistère, Ille-et-Vilaine ou Morbihan)."
            )
        },
    )
    coverage_communes = forms.CharField(
        label=_("Communes couvertes"),
        required=False,
        max_length=2000,
        help_text=_("Une commune par ligne, par exemple : Brest ou Quimper (29)."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    channels = forms.MultipleChoiceField(
        label=_("Modes de contact"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    how_to_refer = forms.CharField(
        label=_("Comment orienter une personne"),
        max_length=1000,
        validators=[validate_no_html],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact_name = forms.CharField(
        label=_("Contact"),
        required=False,
        max_length=200,
        validators=[validate_no_html],
    )
    contact_phone = forms.CharField(
        label=_("Téléphone"),
        required=False,
        max_length=20,
        validators=[phone_validator],
    )
    contact_email = forms.EmailField(label=_("Courriel"), required=False)
    is_public = forms.BooleanField(
        label=_("Visible du public (fiche de la structure et données ouvertes)"),
        required=False,
    )

    def __init__(
        self,
        data: Any = None,
        *,
        entry: ServiceEntry | None = None,
        structures: Any = None,
        territories: Any = None,
        **kwargs: Any,
    ) -> None:
        """``structures`` (a structure's service) or ``territories`` (a local
        actor) to choose the owner from, at creation; ``entry`` to edit."""
        self.entry = entry
        self.local_actor = (
            entry.is_local_actor if entry is not None else territories is not None
        )
        if entry is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_of(entry)
        super().__init__(data, **kwargs)
        self.fields["coverage_territory"].queryset = Territory.objects.order_by("name")
        if entry is not None:
            del self.fields["owner"]
        elif self.local_actor:
            self.owners = {str(t.pk): t for t in territories}
            self.fields["owner"].label = _("Territoire")
            self.fields["owner"].choices = [(k, str(t)) for k, t in self.owners.items()]
        else:
            self.owners = {str(s.pk): s for s in structures}
            self.fields["owner"].choices = [(k, s.name) for k, s in self.owners.items()]
        if self.local_actor:
            del self.fields["is_public"]
        else:
            del self.fields["actor_name"]
            del self.fields["actor_domain"]

    @staticmethod
    def initial_of(entry: ServiceEntry) -> dict[str, Any]:
        return {
            "actor_name": entry.actor_name,
            "actor_domain": entry.actor_domain,
            "title": entry.title,
            "kind": entry.kind,
            "description": entry.description,
            "audiences": split_codes(entry.audiences),
            "conditions": entry.conditions,
            "coverage": entry.coverage,
            "coverage_territory": entry.coverage_territory_id,
            "coverage_departements": entry.departement_list,
            "coverage_communes": "\n".join(
                t.name for t in map(town_of_insee, entry.commune_codes) if t
            ),
            "channels": split_codes(entry.channels),
            "how_to_refer": entry.how_to_refer,
            "contact_name": entry.contact_name,
            "contact_phone": entry.contact_phone,
            "contact_email": entry.contact_email,
            "is_public": entry.is_public,
        }

    def clean_coverage_communes(self) -> str:
        """Commune names typed, one per line, as INSEE codes; a name not in
        Bretagne is refused (named in the message, so it can be corrected)."""
        text = self.cleaned_data.get("coverage_communes") or ""
        codes, unknown = [], []
        for name in SEPARATORS.split(text):
            name = name.strip()
            if not name:
                continue
            town = find_town(name)
            if town is None:
                unknown.append(name[:60])
            else:
                codes.append(town.insee_code)
        if unknown:
            raise forms.ValidationError(
                _(
                    "La zone couverte doit être en Bretagne : « %(names)s » n'est "
                    "pas une commune bretonne que nous connaissons."
                )
                % {"names": ", ".join(unknown)}
            )
        return join_codes(codes)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        coverage = data.get("coverage")
        if coverage == Coverage.TERRITORY and not data.get("coverage_territory"):
            self.add_error("coverage_territory", _("Choisissez le territoire couvert."))
        if coverage == Coverage.DEPARTEMENTS and not data.get("coverage_departements"):
            if "coverage_departements" not in self.errors:
                self.add_error(
                    "coverage_departements", _("Choisissez au moins un département.")
                )
        if (
            coverage == Coverage.COMMUNES
            and not data.get("coverage_communes")
            and "coverage_communes" not in self.errors
        ):
            self.add_error("coverage_communes", _("Indiquez au moins une commune."))
        return data

    def chosen_owner(self) -> Any:
        return self.owners.get(self.cleaned_data.get("owner", ""))

    def service_data(self) -> dict[str, Any]:
        """The cleaned values as the model stores them (only the fields of the
        chosen coverage; the others are emptied)."""
        data = dict(self.cleaned_data)
        data.pop("owner", None)
        coverage = data["coverage"]
        data["audiences"] = join_codes(data["audiences"])
        data["channels"] = join_codes(data["channels"])
        data["coverage_departements"] = (
            join_codes(data.get("coverage_departements") or [])
            if coverage == Coverage.DEPARTEMENTS
            else ""
        )
        if coverage != Coverage.COMMUNES:
            data["coverage_communes"] = ""
        if coverage != Coverage.TERRITORY:
            data["coverage_territory"] = None
        return data
