"""Forms of the convention pages. They parse and validate; services write."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from conventions.models import Convention, ConventionKind
from conventions.selectors import (
    StartChoice,
    convention_exists,
    convention_state_choices,
    convention_years,
)
from extranet.filters import FilterForm
from extranet.models import Network, Territory
from extranet.validators import validate_no_html


class ConventionStartForm(forms.Form):
    """Which convention to prepare (kind and subject in one grouped list), for
    which year, and whether the State co-signs a network convention."""

    subject = forms.ChoiceField(
        label=_("Convention à préparer"),
        help_text=_("Les conventions sont regroupées par type."),
    )
    year = forms.IntegerField(
        label=_("Année"),
        min_value=2014,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    government_cosigns = forms.BooleanField(
        label=_("L'État cosigne"),
        required=False,
        help_text=_("Pour une convention avec un réseau régional seulement."),
    )

    def __init__(self, *args, choices: list[StartChoice], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.start_choices = {c.value: c for c in choices}
        groups: dict[str, list[tuple[str, str]]] = {}
        for choice in choices:
            label = str(ConventionKind(choice.kind).label)
            groups.setdefault(label, []).append((choice.value, choice.label))
        self.fields["subject"].choices = [("", "—"), *groups.items()]
        self.fields["year"].initial = timezone.localdate().year
        if not any(c.kind == ConventionKind.REGION_NETWORK for c in choices):
            del self.fields["government_cosigns"]

    def clean(self) -> dict:
        data = super().clean()
        choice = self.start_choices.get(data.get("subject", ""))
        data["choice"] = choice
        if (
            data.get("government_cosigns")
            and choice is not None
            and choice.kind != ConventionKind.REGION_NETWORK
        ):
            self.add_error(
                "government_cosigns",
                _(
                    "Seule une convention avec un réseau régional peut être cosignée "
                    "par l'État."
                ),
            )
        year = data.get("year")
        if choice is not None and year and convention_exists(choice, year):
            # The service refuses it too; saying it here names the field.
            self.add_error(
                "year",
                _("Une convention %(year)s existe déjà pour cette partie.")
                % {"year": year},
            )
        return data


class ConventionEditForm(forms.Form):
    """The content this kind of convention holds; the version the form was built
    from travels with it, so that a concurrent change is not overwritten."""

    seen_updated_at = forms.CharField(
        label=_("Version du formulaire"), widget=forms.HiddenInput
    )

    def __init__(self, *args, convention: Convention, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        names = [
            "objectives",
            *(name for name, _label in convention.engagement_fields()),
            "specific_terms",
        ]
        for name in names:
            model_field = Convention._meta.get_field(name)
            help_text = (
                _("Un engagement par ligne.") if name.endswith("_engagements") else ""
            )
            self.fields[name] = forms.CharField(
                label=capfirst(model_field.verbose_name),
                required=not model_field.blank,
                max_length=model_field.max_length,
                validators=[validate_no_html],
                help_text=help_text,
                widget=forms.Textarea(
                    attrs={
                        "rows": 8 if help_text else 4,
                        "maxlength": model_field.max_length,
                    }
                ),
            )
            self.initial.setdefault(name, getattr(convention, name))
        self.initial.setdefault("seen_updated_at", convention.updated_at.isoformat())
        self.content_fields = names

    def clean(self) -> dict:
        data = super().clean()
        # Browsers send CRLF line ends: store the text as it was, one engagement
        # per line, so that an unchanged field is not recorded as changed.
        for name in self.content_fields:
            if isinstance(data.get(name), str):
                data[name] = data[name].replace("\r\n", "\n").replace("\r", "\n")
        return data


class ConventionAttachmentForm(forms.Form):
    """A PDF to add to the convention: a signed paper copy, an annex."""

    file = forms.FileField(
        label=_("Fichier PDF"),
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        validators=[validate_no_html],
        help_text=_("Par exemple : « Exemplaire signé par la structure »."),
        widget=forms.TextInput(attrs={"maxlength": 200}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Au format PDF, %(max)s Mo au plus.") % {
            "max": settings.SPRO_ATTACHMENT_MAX_MB
        }


class ConventionFilterForm(FilterForm):
    """The filters of the convention list; the years offered are those of the
    conventions the user may see."""

    annee = forms.TypedChoiceField(label=_("Année"), coerce=int)
    type = forms.ChoiceField(label=_("Type"))
    etat = forms.ChoiceField(label=_("État"))
    reseau = forms.ModelChoiceField(
        label=_("Réseau"), queryset=Network.objects.all(), empty_label=_("Tous")
    )
    territoire = forms.ModelChoiceField(
        label=_("Territoire"),
        queryset=Territory.objects.all(),
        empty_label=_("Tous"),
        help_text=_("Conventions de structure seulement."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [("", _("Toutes"))] + [
            (year, year) for year in convention_years(self.user)
        ]
        self.fields["type"].choices = [("", _("Tous"))] + list(ConventionKind.choices)
        self.fields["etat"].choices = [("", _("Tous"))] + convention_state_choices()
