"""Print a workflow definition as text: its states and transitions, as data.

Usage: ``manage.py describe_workflow [name …]`` (all registered ones by default).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from workflows import engine


class Command(BaseCommand):
    help = "Affiche la définition d'un circuit de validation (états et transitions)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("names", nargs="*", help="nom du circuit")

    def handle(self, *args, names: list[str], **options) -> None:
        known = {d.name: d for d in engine.definitions()}
        for name in names or list(known):
            if name not in known:
                raise CommandError(
                    f"Circuit inconnu : {name} (connus : {', '.join(known)})"
                )
            self.stdout.write(describe(known[name]))


def describe(definition: engine.WorkflowDefinition) -> str:
    lines = [
        f"{definition.name} — {definition.label}",
        f"  initial: {definition.initial}",
    ]
    lines.append("  states:")
    for s in definition.states:
        extra = []
        if s.editors:
            extra.append("editors=" + ",".join(sorted(s.editors)))
        if s.deadline_days:
            extra.append(f"deadline={s.deadline_days}d")
        if s.final:
            extra.append("final")
        lines.append(f"    {s.name:10} « {s.label} » {' '.join(extra)}".rstrip())
    lines.append("  transitions:")
    for t in definition.transitions:
        who = (
            "automatic"
            if t.automatic
            else "system"
            if t.system
            else ",".join(sorted(t.roles))
        )
        flags = []
        if t.condition:
            flags.append(f"if {t.condition}")
        if t.comment_required:
            flags.append("comment required")
        if not t.awaited:
            flags.append("side exit, not awaited")
        lines.append(
            f"    {t.name:17} {'|'.join(t.sources)} → {t.target:9} by {who}"
            + (f" ({'; '.join(flags)})" if flags else "")
            + f"  « {t.label} »"
        )
    return "\n".join(lines) + "\n"
