"""Forms of local plans and the regional synthesis. They parse and validate;
``services`` writes (and checks scope, dates and rights again)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from extranet.filters import FilterForm
from extranet.models import Organisation, Structure, Territory

from ..models import (
    ActionKind,
    ActionOutcome,
    LocalAction,
    LocalPlan,
    Milestone,
    MilestoneStatus,
    PartnershipTheme,
    RegionalSynthesis,
)
from .definitions import LOCAL_PLAN
from .services import PARTNER_KINDS

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class PlanFilterForm(FilterForm):
    year = forms.TypedChoiceField(label=_("Année"), coerce=int, empty_value=None)
    territory = forms.ModelChoiceField(
        label=_("Territoire"), queryset=None, empty_label=_("Tous")
    )
    state = forms.ChoiceField(label=_("État"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = LocalPlan.objects.values_list("year", flat=True).distinct()
        self.fields["year"].choices = [("", _("Toutes"))] + [
            (y, y) for y in sorted(set(years), reverse=True)
        ]
        self.fields["territory"].queryset = Territory.objects.all()
        self.fields["state"].choices = [("", _("Tous")), *LOCAL_PLAN.state_choices]


class PlanCreateForm(forms.ModelForm):
    """A new plan: the territory among the officer's own, the year, the text."""

    class Meta:
        model = LocalPlan
        fields = ("territory", "year", "title", "diagnosis")
        widgets = {"diagnosis": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, territories: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Every territory is a choice: a territory that is not the officer's is
        # refused by the service with a French message, not hidden as a 404.
        self.fields["territory"].queryset = Territory.objects.all()
        if territories is not None and len(territories) == 1:
            self.fields["territory"].initial = territories[0]

    def validate_unique(self) -> None:
        """The service says, in French, that the year's plan exists already."""


class PlanForm(forms.ModelForm):
    class Meta:
        model = LocalPlan
        fields = ("title", "diagnosis")
        widgets = {"diagnosis": forms.Textarea(attrs={"rows": 6})}


class ActionForm(forms.ModelForm):
    """An action of one kind: only the fields that kind uses."""

    FIELDS = {
        ActionKind.PROFESSIONALISATION: (
            "title",
            "description",
            "plan_action",
            "sessions",
        ),
        ActionKind.LOCAL_NEED: ("title", "description", "audience", "people"),
        ActionKind.PARTNERSHIP: (
            "title",
            "description",
            "theme",
            "problem",
            "objectives",
            "indicators",
            "pilot",
        ),
    }

    class Meta:
        model = LocalAction
        fields = (
            "title",
            "description",
            "plan_action",
            "sessions",
            "audience",
            "people",
            "theme",
            "problem",
            "objectives",
            "indicators",
            "pilot",
        )
        widgets = {
            "description": TEXTAREA,
            "problem": TEXTAREA,
            "objectives": TEXTAREA,
            "indicators": TEXTAREA,
            "sessions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, plan: LocalPlan, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from training.models import PlanAction, TrainingSession

        for name in list(self.fields):
            if name not in self.FIELDS[kind]:
                del self.fields[name]
        if "plan_action" in self.fields:
            self.fields["plan_action"].queryset = PlanAction.objects.filter(
                plan__year=plan.year, plan__state="validated"
            ).select_related("plan")
            self.fields["plan_action"].required = True
            self.fields["sessions"].queryset = TrainingSession.objects.filter(
                territory_id=plan.territory_id, action__plan__year=plan.year
            ).order_by("title")
            self.fields["sessions"].required = False
        if "pilot" in self.fields:
            # Every structure: one outside the territory is refused in French.
            self.fields["pilot"].queryset = Structure.objects.select_related(
                "organisation"
            ).order_by("organisation__name")
            self.fields["pilot"].required = True
            self.fields["theme"].required = True
            self.fields["theme"].choices = [
                ("", "---------"),
                *PartnershipTheme.choices,
            ]
            self.fields["problem"].required = True
            self.fields["objectives"].required = True
        if "people" in self.fields:
            self.fields["people"].required = True
            self.fields["audience"].required = True

    def content(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ("title", "due_on", "status", "progress", "note")
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = MilestoneStatus.choices


class PartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Partenaire"),
        queryset=Organisation.objects.none(),
        error_messages={"invalid_choice": _("Ce partenaire n'existe pas.")},
    )
    role = forms.CharField(label=_("Sa contribution"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any organisation: one outside the region is refused by the service.
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["organisation"].label_from_instance = lambda o: (
            o.name if o.kind in PARTNER_KINDS else f"{o.name} ({o.get_kind_display()})"
        )


class JoinForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Structure qui rejoint l'action"), queryset=Organisation.objects.none()
    )
    role = forms.CharField(label=_("Sa contribution"), max_length=300, required=False)

    def __init__(self, *args: Any, organisations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=list(organisations)
        )


class CommentForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Au nom de"), queryset=Organisation.objects.none()
    )
    text = forms.CharField(
        label=_("Votre contribution"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, organisations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=list(organisations)
        )
        if len(organisations) == 1:
            self.fields["organisation"].initial = list(organisations)[0]


class ReviewForm(forms.ModelForm):
    """The plan's review, and each action's, in one form (fields prefixed
    ``a<id>-``): one page, one save."""

    class Meta:
        model = LocalPlan
        fields = ("review_summary", "review_difficulties", "review_participation")
        widgets = {
            "review_summary": forms.Textarea(attrs={"rows": 6}),
            "review_difficulties": TEXTAREA,
            "review_participation": TEXTAREA,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from collaboration.models import Practice

        self.fields["review_summary"].required = False
        practices = Practice.objects.published().order_by("title")
        self.action_fields: list[tuple[LocalAction, list[str]]] = []
        for action in self.instance.actions.all():
            prefix = f"a{action.pk}-"
            names = []
            for name, field in (
                (
                    "outcome",
                    forms.ChoiceField(
                        label=_("Réalisation"),
                        choices=[("", _("À renseigner")), *ActionOutcome.choices],
                        required=False,
                        initial=action.outcome,
                    ),
                ),
                (
                    "review_done",
                    forms.CharField(
                        label=_("Ce qui a été fait"),
                        required=False,
                        max_length=4000,
                        widget=TEXTAREA,
                        initial=action.review_done,
                    ),
                ),
                (
                    "review_participants",
                    forms.IntegerField(
                        label=_("Participant·es"),
                        required=False,
                        min_value=0,
                        initial=action.review_participants,
                    ),
                ),
                (
                    "review_results",
                    forms.CharField(
                        label=_("Résultats au regard des indicateurs"),
                        required=False,
                        max_length=4000,
                        widget=TEXTAREA,
                        initial=action.review_results,
                        help_text="; ".join(action.indicator_lines()),
                    ),
                ),
                (
                    "practices",
                    forms.ModelMultipleChoiceField(
                        label=_("Bonnes pratiques issues de l'action"),
                        queryset=practices,
                        required=False,
                        initial=[p.pk for p in action.practices.all()],
                    ),
                ),
            ):
                self.fields[prefix + name] = field
                names.append(prefix + name)
            self.action_fields.append((action, names))

    def action_rows(self) -> list[tuple[LocalAction, list[Any]]]:
        return [(a, [self[n] for n in names]) for a, names in self.action_fields]

    def plan_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def actions_data(self) -> dict[int, dict[str, Any]]:
        data: dict[int, dict[str, Any]] = {}
        for action, names in self.action_fields:
            data[action.pk] = {
                name.split("-", 1)[1]: self.cleaned_data[name] for name in names
            }
        return data


class SynthesisForm(forms.ModelForm):
    class Meta:
        model = RegionalSynthesis
        fields = ("title", "narrative", "recommendations")
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 12}),
            "recommendations": forms.Textarea(attrs={"rows": 6}),
        }


class SynthesisCreateForm(SynthesisForm):
    class Meta(SynthesisForm.Meta):
        fields = ("year", "title", "narrative", "recommendations")

    def validate_unique(self) -> None:
        """The service says, in French, that the year's synthesis exists."""


class PresentForm(forms.Form):
    presented_at = forms.DateField(
        label=_("Présentée à la commission le"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
