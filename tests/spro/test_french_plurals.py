"""Counts are said in French: "0 résultat", "1 structure", "2 structures" (the
French rule, n > 1), and every plural message of the code is in the catalog
that carries that rule."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils.translation import ngettext, override

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "locale"))

import french_plurals  # noqa: E402


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 structure"), (1, "1 structure"), (2, "2 structures")]
)
def test_python_counts_follow_the_french_rule(count, expected):
    with override("fr"):
        text = ngettext("%(n)d structure", "%(n)d structures", count) % {"n": count}
    assert text == expected


def test_template_counts_follow_the_french_rule():
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n with q=q %}"
        "{{ counter }} résultat pour « {{ q }} »{% plural %}"
        "{{ counter }} résultats pour « {{ q }} »{% endblocktranslate %}"
    )
    with override("fr"):
        said = [template.render(Context({"n": n, "q": "VAE"})) for n in (0, 1, 2)]
    assert said == [
        "0 résultat pour « VAE »",
        "1 résultat pour « VAE »",
        "2 résultats pour « VAE »",
    ]


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="needs gettext (installed by .ci/run)"
)
def test_the_catalog_holds_every_plural_message_of_the_code():
    current = french_plurals.CATALOG.read_text()

    expected = french_plurals.plural_catalog(french_plurals.extracted_catalog())

    assert current == expected, "run `make messages` and commit locale/"
