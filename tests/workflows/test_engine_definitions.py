"""Workflow definitions are data the engine trusts: each is checked before the site
starts, and a broken one is reported precisely, in words a developer can act on."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.checks import registry
from django.core.management import call_command

from conventions.definitions import CONVENTION_WORKFLOWS
from conventions.models import Convention
from extranet.models import Structure
from workflows import engine
from workflows.checks import workflow_definitions_check
from workflows.engine import State, Transition, WorkflowDefinition


@pytest.mark.parametrize("definition", CONVENTION_WORKFLOWS, ids=lambda d: d.name)
def test_every_convention_workflow_is_sound(definition):
    assert definition.validate() == []


def test_every_convention_workflow_is_bound_to_conventions():
    assert {d.name for d in engine.definitions()} >= {
        d.name for d in CONVENTION_WORKFLOWS
    }
    assert engine.binding_for(Convention).definitions == CONVENTION_WORKFLOWS


def broken_definition() -> WorkflowDefinition:
    """One mistake of each kind the validation knows about."""
    return WorkflowDefinition(
        name="broken",
        label="Circuit cassé",
        initial="new",
        roles={"author": "Auteur"},
        conditions={"ready": "prêt"},
        states=(
            State("draft", "En rédaction"),
            State("draft", "En rédaction (doublon)"),
            State("sent", "Envoyé"),
            State("forgotten", "Oublié", final=True),
            State("stuck", "Bloqué", editors=frozenset({"ghost_editor"})),
        ),
        transitions=(
            Transition(
                "send",
                "Envoyer",
                sources=("draft", "limbo"),
                target="nowhere",
                roles=frozenset({"author", "stranger"}),
                condition="moon_is_full",
            ),
            Transition("send", "Envoyer encore", sources=("draft",), target="sent"),
            Transition(
                "go_stuck", "Bloquer", ("sent",), "stuck", frozenset({"author"})
            ),
        ),
    )


def test_a_broken_definition_lists_each_of_its_problems():
    problems = broken_definition().validate()
    assert set(problems) == {
        "state names are not unique",
        "transition names are not unique",
        "initial state 'new' is not a state",
        "send: unknown source state 'limbo'",
        "send: unknown target state 'nowhere'",
        "send: unknown role 'stranger'",
        "send: unknown condition 'moon_is_full'",
        "send: nobody may fire it",
        "state stuck: unknown editor role 'ghost_editor'",
        "state stuck: no way out and not final",
        "state draft: unreachable from new",
        "state sent: unreachable from new",
        "state forgotten: unreachable from new",
        "state stuck: unreachable from new",
    }


def test_a_definition_is_sound_once_its_mistakes_are_fixed():
    fixed = WorkflowDefinition(
        name="fixed",
        label="Circuit réparé",
        initial="draft",
        roles={"author": "Auteur"},
        states=(State("draft", "En rédaction"), State("sent", "Envoyé", final=True)),
        transitions=(
            Transition("send", "Envoyer", ("draft",), "sent", frozenset({"author"})),
        ),
    )
    assert fixed.validate() == []


def test_the_system_check_reports_a_broken_definition(monkeypatch):
    binding = SimpleNamespace(
        model=Convention, definitions=(broken_definition(),), problems=list
    )
    monkeypatch.setattr(engine, "_bindings", [binding])

    errors = workflow_definitions_check(None)

    assert {e.id for e in errors} == {"workflows.E001"}
    messages = [e.msg for e in errors]
    assert "Workflow broken: send: unknown target state 'nowhere'" in messages
    assert len(messages) == len(broken_definition().validate())


def test_the_system_check_reports_a_model_without_a_state(monkeypatch):
    binding = SimpleNamespace(
        model=Structure, definitions=CONVENTION_WORKFLOWS, problems=list
    )
    monkeypatch.setattr(engine, "_bindings", [binding])

    errors = workflow_definitions_check(None)

    assert [e.id for e in errors] == ["workflows.E002"]
    assert "Structure follows a workflow but has no state field" in errors[0].msg


def test_the_check_runs_with_every_system_check_and_finds_nothing_wrong():
    assert workflow_definitions_check in registry.registry.get_checks()
    assert workflow_definitions_check(None) == []
    call_command("check", fail_level="ERROR")


def _definition_naming(condition: str, effect: str) -> WorkflowDefinition:
    return WorkflowDefinition(
        name="named",
        label="Circuit nommé",
        initial="draft",
        roles={"author": "Auteur"},
        conditions={condition: "prêt"},
        states=(State("draft", "En rédaction"), State("sent", "Envoyé", final=True)),
        transitions=(
            Transition(
                "send",
                "Envoyer",
                ("draft",),
                "sent",
                frozenset({"author"}),
                condition=condition,
                effect=effect,
            ),
        ),
    )


class _Partial(engine.Binding):
    """Role reads only: every name of its definitions is left without meaning."""

    model = Convention
    definitions = (_definition_naming("ready", "publish"),)

    def roles_of(self, user, obj):
        return set()

    def objects_for_role(self, user, role):
        return Convention.objects.none()

    def holders(self, obj, role):
        return []


def test_a_binding_lacking_a_named_condition_or_effect_fails_the_check(monkeypatch):
    monkeypatch.setattr(engine, "_bindings", [_Partial()])

    messages = {e.msg for e in workflow_definitions_check(None)}

    assert messages == {
        "_Partial: named: no function for condition 'ready'",
        "_Partial: named: no function for effect 'publish'",
        "_Partial: no policy: the generic views cannot tell who sees what",
    }


def test_a_binding_with_one_definition_needs_no_definition_boilerplate():
    class Complete(_Partial):
        conditions = {"ready": lambda obj, user: True}
        effects = {"publish": lambda obj, **kwargs: None}
        policy = object()

    binding = Complete()
    assert binding.problems() == []
    assert binding.definition_for(Convention()) is binding.definitions[0]


def test_a_binding_with_several_definitions_must_say_which_object_follows_which():
    class Several(_Partial):
        definitions = CONVENTION_WORKFLOWS
        conditions = dict.fromkeys(CONVENTION_WORKFLOWS[0].conditions, bool)
        effects = dict.fromkeys(
            set().union(*(d.effects() for d in CONVENTION_WORKFLOWS)), bool
        )
        policy = object()

    assert Several().problems() == [
        "several definitions: definition_for and definition_filter must say "
        "which objects follow which"
    ]


def test_a_deadline_must_name_a_system_transition_leaving_its_state():
    definition = WorkflowDefinition(
        name="term",
        label="Circuit à échéance",
        initial="open",
        roles={"author": "Auteur"},
        states=(
            State("open", "Ouvert", on_deadline="close"),
            State("late", "En retard", on_deadline="nowhere"),
            State("closed", "Fermé", final=True),
        ),
        transitions=(
            Transition("close", "Fermer", ("open",), "closed", frozenset({"author"})),
            Transition("delay", "Retarder", ("open",), "late", frozenset({"author"})),
            Transition("end", "Finir", ("late",), "closed", frozenset({"author"})),
        ),
    )
    assert set(definition.validate()) == {
        "state open: deadline transition 'close' must be a system transition "
        "leaving it",
        "state late: unknown deadline transition 'nowhere'",
    }
