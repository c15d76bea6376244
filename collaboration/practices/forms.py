"""Forms of good practices. They parse and validate; ``services`` writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from extranet.filters import FilterForm, search_field
from extranet.models import Network, Structure, Territory

from ..models import Practice, PracticeAudience, PracticeTheme
from .definitions import PRACTICE
from .services import CONTENT_FIELDS


class PracticeForm(forms.ModelForm):
    """The practice's content. Plain text with line breaks: markup is refused
    with a French message (the model's ``validate_no_html``) and the form
    comes back with everything typed."""

    structure = forms.ModelChoiceField(
        label=_("Structure"), queryset=Structure.objects.none(), required=False
    )

    class Meta:
        model = Practice
        fields = CONTENT_FIELDS
        widgets = {
            "context": forms.Textarea(attrs={"rows": 4}),
            "problem": forms.Textarea(attrs={"rows": 4}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "conditions": forms.Textarea(attrs={"rows": 4}),
            "contacts": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "description": _(
                "Ce que vous faites, étape par étape. Texte simple : les retours "
                "à la ligne sont conservés."
            ),
        }

    def __init__(self, *args: Any, structures: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.all()
        self.fields["network"].queryset = Network.objects.all()
        self.fields["network"].required = False
        if structures is None:
            del self.fields["structure"]
        else:
            self.fields["structure"].queryset = structures
            self.fields["structure"].required = True
            self.fields["territory"].required = False
            self.fields["territory"].help_text = _(
                "Par défaut, celui de votre structure."
            )
            if len(structures) == 1:
                only = structures[0]
                self.fields["structure"].initial = only
                self.fields["structure"].widget = forms.HiddenInput()
                # The tags start as the structure's own.
                self.fields["territory"].initial = only.territory_id
                self.fields["network"].initial = only.network_id

    def content(self) -> dict[str, Any]:
        """The cleaned content, as the services take it."""
        return {
            name: self.cleaned_data[name]
            for name in CONTENT_FIELDS
            if name in self.cleaned_data
            and not (name == "territory" and self.cleaned_data[name] is None)
        }


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("Document à joindre"),
        help_text=_(
            "PDF ou document bureautique (.docx, .xlsx, .pptx, .odt, .ods, .odp)."
        ),
        error_messages={"required": _("Choisissez un fichier à joindre.")},
    )


class PracticeFilterForm(FilterForm):
    q = search_field(_("Mots-clés"))
    theme = forms.ChoiceField(label=_("Thème"))
    public = forms.ChoiceField(label=_("Public"))
    territoire = forms.ModelChoiceField(
        label=_("Territoire"), queryset=None, empty_label=_("Tous")
    )
    reseau = forms.ModelChoiceField(
        label=_("Réseau"), queryset=None, empty_label=_("Tous")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("Tous")), *PracticeTheme.choices]
        self.fields["public"].choices = [("", _("Tous")), *PracticeAudience.choices]
        self.fields["territoire"].queryset = Territory.objects.all()
        self.fields["reseau"].queryset = Network.objects.all()


class MyPracticeFilterForm(FilterForm):
    q = search_field(_("Mots-clés"))
    etat = forms.ChoiceField(label=_("État"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["etat"].choices = [("", _("Tous")), *PRACTICE.state_choices]
