"""Forms of the resource library: its filters, a resource, a new version."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from extranet.filters import FilterForm, search_field
from extranet.forms import https_by_default
from extranet.models import Territory
from extranet.validators import validate_no_html

from ..models import Resource, ResourceStatus, ResourceTheme
from .policy import is_curator
from .selectors import WHOLE_REGION

FILE_HELP = _(
    "PDF ou document bureautique (.docx, .xlsx, .pptx, .odt, .ods, .odp), "
    "vérifié à son contenu."
)


class ResourceFilterForm(FilterForm):
    q = search_field(_("Mots-clés"))
    theme = forms.ChoiceField(label=_("Thème"))
    territoire = forms.ChoiceField(label=_("Territoire"))
    format = forms.ChoiceField(label=_("Format"))
    etat = forms.ChoiceField(label=_("État"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("Tous")), *ResourceTheme.choices]
        self.fields["territoire"].choices = [
            ("", _("Tous")),
            (WHOLE_REGION, _("Toute la Bretagne seulement")),
            *((str(t.pk), t.name) for t in Territory.objects.order_by("name")),
        ]
        self.fields["format"].choices = [
            ("", _("Tous")),
            ("document", _("Document à télécharger")),
            ("link", _("Lien vers un site")),
        ]
        if is_curator(self.user):
            # Only the curators see resources in preparation or withdrawn.
            self.fields["etat"].choices = [("", _("Tous")), *ResourceStatus.choices]
        else:
            del self.fields["etat"]


class ResourceForm(forms.ModelForm):
    """What describes a resource; at its creation, the file of its first
    version (a document) or its address (a link)."""

    file = forms.FileField(label=_("Fichier"), required=False, help_text=FILE_HELP)
    note = forms.CharField(
        label=_("Ce que contient cette version"),
        required=False,
        max_length=300,
        validators=[validate_no_html],
        help_text=_("Par exemple : « édition 2026 »."),
    )

    class Meta:
        model = Resource
        fields = ("title", "summary", "theme", "territory", "source", "url")
        formfield_callback = https_by_default
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.order_by("name")
        self.fields["territory"].empty_label = _("Toute la Bretagne")
        if self.instance.pk:
            # A document's file changes by a new version; a link keeps its address.
            del self.fields["file"]
            del self.fields["note"]
            if not self.instance.is_link:
                del self.fields["url"]
            else:
                self.fields["url"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.instance.pk:
            has_url, has_file = bool(data.get("url")), bool(data.get("file"))
            if has_url and has_file:
                self.add_error(
                    "file",
                    _(
                        "Une ressource est un lien ou un document, pas les deux : "
                        "retirez le fichier ou l'adresse."
                    ),
                )
            elif not has_url and not has_file and not self.errors:
                self.add_error(
                    "file",
                    _("Déposez le document, ou donnez l'adresse du lien."),
                )
        return data

    def resource_data(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in ResourceForm.Meta.fields
            if name in self.fields
        }


class VersionForm(forms.Form):
    file = forms.FileField(
        label=_("Nouvelle version du document"),
        help_text=FILE_HELP,
        error_messages={"required": _("Choisissez le fichier de la nouvelle version.")},
    )
    note = forms.CharField(
        label=_("Ce qui change"),
        required=False,
        max_length=300,
        validators=[validate_no_html],
        help_text=_("Par exemple : « données 2026 », « nouvelle grille des aides »."),
    )
