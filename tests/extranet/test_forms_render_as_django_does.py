"""The project's form renderer writes the very HTML Django's templates write."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from extranet.renderer import FormRenderer


class Everything(forms.Form):
    text = forms.CharField(label="Nom", max_length=20, help_text="Aide")
    optional = forms.CharField(required=False, widget=forms.TextInput({"a": True}))
    email = forms.EmailField(initial='a"b<c>@d.fr')
    url = forms.URLField(required=False, assume_scheme="https")
    number = forms.IntegerField(min_value=0, initial=3)
    password = forms.CharField(widget=forms.PasswordInput(render_value=True))
    search = forms.CharField(widget=forms.TextInput({"type": "search", "x": False}))
    tel = forms.CharField(widget=forms.TextInput({"type": "tel"}))
    hidden = forms.CharField(widget=forms.HiddenInput, initial="caché & sûr")
    day = forms.DateField(widget=forms.DateInput({"type": "date"}))
    moment = forms.DateTimeField()
    hour = forms.TimeField(widget=forms.TimeInput({"type": "time"}))
    agree = forms.BooleanField(required=False, initial=True)
    notes = forms.CharField(widget=forms.Textarea, initial="<b>deux</b>\nlignes")
    empty_notes = forms.CharField(widget=forms.Textarea, required=False)
    choice = forms.ChoiceField(
        choices=[("", "—"), ("a", "A & B"), ("b", _("Département"))], initial="b"
    )
    grouped = forms.ChoiceField(
        choices=[
            ("Bretagne", [("22", "Côtes-d'Armor"), ("29", "Finistère")]),
            ("x", "X"),
        ],
        initial="29",
    )
    several = forms.MultipleChoiceField(
        choices=[("1", "Un"), ("2", "Deux"), ("3", "Trois")], initial=["1", "3"]
    )
    radio = forms.ChoiceField(
        widget=forms.RadioSelect, choices=[("o", "Oui"), ("n", "Non")]
    )
    boxes = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, choices=[("o", "Oui"), ("n", "Non")]
    )
    safe = forms.CharField(
        widget=forms.TextInput({"data-label": mark_safe("<i>déjà sûr</i>")})
    )


DATA = {
    "text": 'x" onmouseover="alert(1)',
    "email": "<script>@x.fr",
    "number": "12",
    "password": "secret&",
    "choice": "a",
    "grouped": "22",
    "several": ["2"],
    "notes": "</textarea><script>",
    "agree": "on",
}


def html(form_class, renderer, data=None):
    form = form_class(data, renderer=renderer)
    return {name: str(form[name]) for name in form.fields}


@pytest.mark.parametrize("data", [None, DATA], ids=["unbound", "bound"])
def test_every_widget_renders_the_same_html_as_django_templates(data):
    expected = html(Everything, DjangoTemplates(), data)
    assert html(Everything, FormRenderer(), data) == expected


@pytest.mark.django_db
def test_the_forms_of_the_project_render_the_same_html(world):
    """Every field of the filter forms the pages use most."""
    from cms.directory.forms import DirectoryFilterForm

    for data in (None, {"service": "api", "departement": "29", "accessible": "on"}):
        expected = html(DirectoryFilterForm, DjangoTemplates(), data)
        assert html(DirectoryFilterForm, FormRenderer(), data) == expected


def test_the_project_uses_this_renderer():
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FormRenderer)
