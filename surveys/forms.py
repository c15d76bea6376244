"""Forms of the surveys: the answer form built from a survey's questions,
and the editors of surveys, questions and campaigns.

The answer form knows only the survey's own questions: any other field (a
tampered question id) is ignored; a choice not offered, a value out of the
scale or a text too long is refused with a French message, and the rest of
what was typed is kept. A question shown only if another was answered "x" is
ignored (not stored) when it was not.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from extranet.models import Structure

from .models import (
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    Campaign,
    CampaignMode,
    Question,
    QuestionType,
    Section,
    Survey,
)
from .services import Given

HONEYPOT = "site_web"


class AnswerForm(forms.Form):
    """One field per question (a matrix: one per line)."""

    def __init__(
        self,
        questions: list[Question],
        *args: Any,
        on_behalf_allowed: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.sections: list[tuple[Section, list[tuple[Question, list[str]]]]] = []
        for question in questions:
            names = self._add(question)
            if not self.sections or self.sections[-1][0].pk != question.section_id:
                self.sections.append((question.section, []))
            self.sections[-1][1].append((question, names))
        # A field no person sees: a robot fills it.
        self.fields[HONEYPOT] = forms.CharField(
            required=False, label=_("Ne pas remplir ce champ"), max_length=200
        )
        if on_behalf_allowed:
            self.fields["on_behalf"] = forms.BooleanField(
                required=False,
                label=_(
                    "Je saisis la réponse d'une personne que j'ai reçue, "
                    "avec son accord"
                ),
            )

    def _add(self, question: Question) -> list[str]:
        required = question.required and question.condition_question_id is None
        common = {
            "label": question.label,
            "help_text": self._help(question),
            "required": required,
            "error_messages": {
                "required": _("Répondez à cette question."),
                "invalid_choice": _("Choisissez une des réponses proposées."),
            },
        }
        name = question.field_name
        if question.type in (
            QuestionType.SINGLE,
            QuestionType.YES_NO,
            QuestionType.SCALE,
        ):
            self.fields[name] = forms.ChoiceField(
                choices=question.choice_labels(),
                widget=forms.RadioSelect(
                    attrs={"class": "scale"}
                    if question.type == QuestionType.SCALE
                    else {}
                ),
                **common,
            )
            return [name]
        if question.type == QuestionType.MULTIPLE:
            self.fields[name] = forms.MultipleChoiceField(
                choices=question.choice_labels(),
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
            return [name]
        if question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
            limit = (
                SHORT_TEXT_MAX
                if question.type == QuestionType.SHORT_TEXT
                else LONG_TEXT_MAX
            )
            common["error_messages"]["max_length"] = _(
                "Ce texte est trop long : %(limit)d caractères au plus."
            ) % {"limit": limit}
            self.fields[name] = forms.CharField(
                max_length=limit,
                widget=forms.Textarea(attrs={"rows": 5})
                if question.type == QuestionType.LONG_TEXT
                else forms.TextInput,
                strip=True,
                **common,
            )
            return [name]
        names = []
        for row_value, row_label in question.row_labels():
            row_name = f"{name}_{row_value}"
            options = dict(common)
            options["label"] = row_label
            options["help_text"] = ""
            self.fields[row_name] = forms.ChoiceField(
                choices=question.choice_labels(), widget=forms.RadioSelect, **options
            )
            names.append(row_name)
        return names

    def _help(self, question: Question) -> str:
        parts = [question.help_text] if question.help_text else []
        condition = question.condition_question
        if condition is not None:
            labels = dict(condition.choice_labels())
            parts.append(
                _("À remplir si vous avez répondu « %(answer)s » à « %(question)s ».")
                % {
                    "answer": labels.get(
                        question.condition_value, question.condition_value
                    ),
                    "question": condition.label,
                }
            )
        return " ".join(parts)

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def _condition_met(self, question: Question, data: dict[str, Any]) -> bool:
        condition = question.condition_question
        if condition is None:
            return True
        if not self._condition_met(condition, data):
            return False
        given = data.get(condition.field_name)
        if isinstance(given, list):
            return question.condition_value in given
        return given == question.condition_value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for question in self.questions:
            if question.condition_question_id is None:
                continue
            met = self._condition_met(question, data)
            names = [question.field_name]
            if question.type == QuestionType.MATRIX:
                names = [
                    f"{question.field_name}_{v}" for v, _l in question.row_labels()
                ]
            for name in names:
                if not met:
                    data[name] = [] if question.type == QuestionType.MULTIPLE else ""
                elif (
                    question.required and not data.get(name) and name not in self.errors
                ):
                    self.add_error(name, _("Répondez à cette question."))
        return data

    def answers(self) -> list[Given]:
        """What to store: one ``Given`` per value answered."""
        found: list[Given] = []
        data = self.cleaned_data
        for question in self.questions:
            name = question.field_name
            if question.type == QuestionType.MULTIPLE:
                found += [
                    Given(question=question, value=v) for v in data.get(name) or []
                ]
            elif question.type == QuestionType.MATRIX:
                for row_value, _label in question.row_labels():
                    value = data.get(f"{name}_{row_value}")
                    if value:
                        found.append(
                            Given(question=question, row=row_value, value=value)
                        )
            elif question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
                if data.get(name):
                    found.append(Given(question=question, text=data[name]))
            elif data.get(name):
                found.append(Given(question=question, value=data[name]))
        return found


def _lines(text: str) -> list[dict[str, str]]:
    items = []
    seen: set[str] = set()
    for line in (text or "").splitlines():
        label = line.strip()
        if not label:
            continue
        value = slugify(label)[:50] or str(len(items) + 1)
        while value in seen:
            value = f"{value}-{len(items) + 1}"
        seen.add(value)
        items.append({"value": value, "label": label})
    return items


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["kind", "title", "introduction"]

    def __init__(self, *args: Any, kinds: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            c for c in self.fields["kind"].choices if c[0] in kinds
        ]


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "description"]


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=gettext_lazy("Choix proposés"),
        help_text=gettext_lazy("Un choix par ligne (choix unique, multiple, tableau)."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        validators=[MaxLengthValidator(3000)],
    )
    rows_text = forms.CharField(
        label=gettext_lazy("Lignes du tableau"),
        help_text=gettext_lazy("Une ligne par élément évalué (tableau seulement)."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        validators=[MaxLengthValidator(3000)],
    )

    class Meta:
        model = Question
        fields = [
            "code",
            "type",
            "label",
            "help_text",
            "required",
            "scale_min",
            "scale_max",
            "scale_min_label",
            "scale_max_label",
            "condition_question",
            "condition_value",
        ]

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = Question.objects.filter(
            section__survey=survey,
            type__in=(QuestionType.SINGLE, QuestionType.YES_NO, QuestionType.SCALE),
        )
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["condition_question"].queryset = others
        self.fields["condition_question"].required = False
        # Only a scale has bounds: elsewhere they are left as they are.
        for name in ("scale_min", "scale_max"):
            self.fields[name].required = False
        self.fields["condition_value"].help_text = _(
            "La valeur de la réponse : « oui » ou « non », le nombre d'une échelle, "
            "ou le choix tel qu'il est écrit."
        )
        if self.instance.pk:
            self.initial["choices_text"] = "\n".join(
                c["label"] for c in self.instance.choices
            )
            self.initial["rows_text"] = "\n".join(
                r["label"] for r in self.instance.rows
            )

    def clean_condition_value(self) -> str:
        value = self.cleaned_data.get("condition_value", "")
        condition = self.cleaned_data.get("condition_question")
        if condition is not None and condition.type == QuestionType.SINGLE:
            for choice in condition.choices:
                if value in (choice["value"], choice["label"]):
                    return choice["value"]
        return value

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["choices"] = _lines(self.cleaned_data.get("choices_text", ""))
        data["rows"] = _lines(self.cleaned_data.get("rows_text", ""))
        data["condition_value"] = data["condition_value"] or ""
        data["help_text"] = data["help_text"] or ""
        if data["scale_min"] is None:
            data["scale_min"] = self.instance.scale_min
        if data["scale_max"] is None:
            data["scale_max"] = self.instance.scale_max
        data["scale_min_label"] = data["scale_min_label"] or ""
        data["scale_max_label"] = data["scale_max_label"] or ""
        return data


class CampaignForm(forms.ModelForm):
    structures = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Structures concernées"),
        queryset=Structure.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=gettext_lazy(
            "Enquête publique : chaque structure reçoit son lien et son affiche. "
            "Enquête entre pairs : leurs professionnels ou référents sont invités."
        ),
    )

    class Meta:
        model = Campaign
        fields = [
            "title",
            "mode",
            "survey",
            "opens_on",
            "closes_on",
            "attribution",
            "peer_target",
            "threshold",
            "release_after",
        ]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(
        self, *args: Any, surveys: Any, modes: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["survey"].queryset = surveys
        self.fields["mode"].choices = [c for c in CampaignMode.choices if c[0] in modes]
        self.fields["structures"].queryset = Structure.objects.select_related(
            "organisation"
        ).order_by("organisation__name")
        if self.instance.pk:
            self.initial["structures"] = list(
                self.instance.structures.values_list("pk", flat=True)
            )
