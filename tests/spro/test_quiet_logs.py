"""Rendering a document logs nothing at INFO: fontTools' per-glyph subset reports
would fill the server's log with thousands of lines per convention."""

from __future__ import annotations

import logging

import pytest

from conventions.document import render_convention_pdf
from conventions.models import ConventionKind

from ..factories import convention_start_for

pytestmark = pytest.mark.django_db


def test_rendering_a_convention_logs_nothing_at_info(world, caplog):
    convention = convention_start_for(world, ConventionKind.STRUCTURE)

    with caplog.at_level(logging.INFO):
        render_convention_pdf(convention, version=1)

    assert [r for r in caplog.records if r.name.startswith("fontTools")] == []
