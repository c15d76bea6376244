"""`manage.py describe_workflow` prints a definition as the data it is."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def test_the_structure_convention_is_printed_with_every_state_and_transition():
    out = StringIO()
    call_command("describe_workflow", "structure_convention", stdout=out)
    text = out.getvalue()
    for line in (
        "submit            draft → submitted by structure_referent",
        "approve           submitted → reviewed  by network_head",
        "sign_region       signing → signing   by regional_coordinator",
        "enter_into_force  signing → in_force  by automatic (if all_signed)",
        "expire            in_force → expired   by system (if year_over)",
    ):
        assert line in text


def test_an_unknown_workflow_is_refused_with_a_french_message():
    with pytest.raises(CommandError, match="Circuit inconnu"):
        call_command("describe_workflow", "nope")
