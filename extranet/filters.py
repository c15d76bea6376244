"""Filter forms of the lists: GET forms that tolerate any query string."""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from .models import Network, OrganisationKind, Territory

SEARCH_MAX_LENGTH = 100


class FilterForm(forms.Form):
    """The filters of a list. Subclasses declare optional fields named as the
    query string's parameters; ``user`` lets them scope their choices."""

    def __init__(self, data: Any = None, *, user: Any = None, **kwargs: Any) -> None:
        self.user = user
        super().__init__(data, **kwargs)
        for field in self.fields.values():
            field.required = False

    def filters(self) -> dict[str, Any]:
        """The valid, non-empty filters; an invalid value is simply left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "", False)
        }


# The years a yearly filter accepts (SPRO's conventions start in 2014).
MIN_YEAR, MAX_YEAR = 2014, 2100


def year_field(form: forms.Form, name: str = "annee") -> None:
    """Offer in ``form``'s year field the recent years (four back, one ahead),
    plus any year asked within ``MIN_YEAR``–``MAX_YEAR``; this year first
    chosen."""
    current = timezone.localdate().year
    years = set(range(current - 4, current + 2))
    try:
        asked = int((form.data or {}).get(name, ""))
    except (TypeError, ValueError):
        asked = None
    if asked is not None and MIN_YEAR <= asked <= MAX_YEAR:
        years.add(asked)
    form.fields[name].choices = [(y, y) for y in sorted(years, reverse=True)]
    form.fields[name].initial = current


def search_field(label: str, **attrs: str) -> forms.CharField:
    """The free-text search of a list (extranet or public directory), bounded
    and typed as a search box; ``attrs`` go to its input."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        strip=True,
        error_messages={
            "max_length": gettext_lazy(
                "Votre recherche est trop longue (%(limit_value)d caractères au "
                "plus) : elle a été ignorée."
            )
        },
        widget=forms.TextInput(attrs={"type": "search", **attrs}),
    )


class StructureFilterForm(FilterForm):
    q = search_field(gettext_lazy("Nom, commune ou code postal"))
    territoire = forms.ModelChoiceField(
        label=gettext_lazy("Territoire"),
        queryset=None,
        empty_label=gettext_lazy("Tous"),
    )
    reseau = forms.ModelChoiceField(
        label=gettext_lazy("Réseau"),
        queryset=None,
        empty_label=gettext_lazy("Tous"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territoire"].queryset = Territory.objects.all()
        self.fields["reseau"].queryset = Network.objects.all()


class OrganisationFilterForm(FilterForm):
    q = search_field(gettext_lazy("Nom"))
    nature = forms.ChoiceField(label=gettext_lazy("Nature"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nature"].choices = [("", gettext_lazy("Toutes"))] + list(
            OrganisationKind.choices
        )


class SearchEverywhereForm(FilterForm):
    """The extranet's one search: keywords, and optionally one kind of result
    among those the user is offered (``providers``). A query too long, or a
    kind nobody registered, is reported in French and ignored, never fatal."""

    q = search_field(gettext_lazy("Mots-clés"))
    type = forms.ChoiceField(
        label=gettext_lazy("Chercher dans"),
        error_messages={
            "invalid_choice": gettext_lazy(
                "Ce type de résultat n'existe pas : la recherche porte sur tous "
                "les types."
            )
        },
    )

    def __init__(self, *args: Any, providers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", gettext_lazy("Tout"))] + [
            (provider.key, provider.label) for provider in providers
        ]
        self.fields["q"].widget.attrs["aria-describedby"] = "search-help"

    def clean_q(self) -> str:
        """Printable characters only, spaces collapsed (a pasted tab or line
        break is a space)."""
        text = self.cleaned_data.get("q") or ""
        text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
        return " ".join(text.split())

    def problems(self) -> list[str]:
        """French messages for what was ignored (never the value typed)."""
        if not self.is_bound:
            return []
        self.is_valid()
        return [str(error) for errors in self.errors.values() for error in errors]
