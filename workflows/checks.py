"""System check: every workflow definition is sound, and its binding provides
every condition and effect it names, before the site starts."""

from __future__ import annotations

from django.core.checks import Error, register
from django.core.exceptions import FieldDoesNotExist


@register()
def workflow_definitions_check(app_configs, **kwargs) -> list[Error]:
    from . import engine

    errors = []
    for binding in engine.bindings():
        try:
            binding.model._meta.get_field("state")
        except FieldDoesNotExist:
            errors.append(
                Error(
                    f"{binding.model.__name__} follows a workflow but has no state "
                    "field (inherit workflows.models.WorkflowObject)",
                    id="workflows.E002",
                )
            )
        for definition in binding.definitions:
            errors.extend(
                Error(f"Workflow {definition.name}: {problem}", id="workflows.E001")
                for problem in definition.validate()
            )
        errors.extend(
            Error(f"{type(binding).__name__}: {problem}", id="workflows.E003")
            for problem in binding.problems()
        )
    return errors
