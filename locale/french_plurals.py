"""Keep the catalog of the product's plural strings (``make messages``).

The product is written in French: each message id is already the French text and
needs no translation, except where a count chooses the form. Untranslated,
gettext applies the English rule (n != 1) and prints "0 résultats"; French says
"0 résultat" (n > 1). This catalog holds only the plural messages, each
"translated" to itself under the French rule. ``tests/spro/test_french_plurals.py``
fails when a new plural message is missing from it.

Usage: .venv/bin/python locale/french_plurals.py   (needs gettext's xgettext
and msgfmt, Debian's package ``gettext``)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
HEADER = """\
# Plural messages of the product, each in its own French words under the French
# plural rule. Made by locale/french_plurals.py: do not edit by hand.
msgid ""
msgstr ""
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Language: fr\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
"""
IGNORED = [".venv", "var", "tests", "bench", "locale", "node_modules"]


EXTRACTED = {".py", ".html", ".txt"}  # the files makemessages reads (domain django)


def _not_extracted(folder: str, names: list[str]) -> set[str]:
    """What the copy for makemessages leaves out: caches and non-source files."""
    return {
        name
        for name in names
        if name == "__pycache__"
        or (Path(name).suffix not in EXTRACTED and not Path(folder, name).is_dir())
    }


def extracted_catalog() -> str:
    """Every message of the project's code, as ``makemessages`` extracts it."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spro.settings.test")
    import django
    from django.core.management import call_command
    from django.test.utils import override_settings

    django.setup()
    with tempfile.TemporaryDirectory() as folder:
        # makemessages writes beside the code it reads: the catalog it makes, and a
        # ".py" copy of each template for xgettext, removed afterwards. Give it a copy
        # of the code in a folder of its own, so that nothing is written in the real
        # tree: through links, another process reading or extracting the same tree
        # at the same time (tests in parallel) met those passing files.
        work = Path(folder)
        for item in ROOT.iterdir():
            if (
                item.is_dir()
                and item.name not in IGNORED
                and not item.name.startswith(".")
            ):
                shutil.copytree(item, work / item.name, ignore=_not_extracted)
        (work / "locale").mkdir()
        with override_settings(LOCALE_PATHS=[work / "locale"]):
            cwd = os.getcwd()
            os.chdir(work)
            try:
                call_command(
                    "makemessages",
                    locale=["fr"],
                    no_location=True,
                    no_wrap=True,
                    ignore_patterns=IGNORED,
                    verbosity=0,
                )
            finally:
                os.chdir(cwd)
        return (work / "locale" / "fr" / "LC_MESSAGES" / "django.po").read_text()


def plural_catalog(extracted: str) -> str:
    """Only the plural entries, each form filled with its own text."""
    entries = []
    for block in extracted.strip().split("\n\n"):
        lines = block.splitlines()
        if not any(line.startswith("msgid_plural ") for line in lines):
            continue
        flags = [line for line in lines if line.startswith("#,")]
        singular = next(line for line in lines if line.startswith("msgid "))
        plural = next(line for line in lines if line.startswith("msgid_plural "))
        one = singular.removeprefix("msgid ")
        many = plural.removeprefix("msgid_plural ")
        entries.append(
            "\n".join(
                [*flags, singular, plural, f"msgstr[0] {one}", f"msgstr[1] {many}"]
            )
        )
    entries.sort()
    return HEADER + "\n" + "\n\n".join(entries) + "\n"


def main() -> None:
    CATALOG.parent.mkdir(parents=True, exist_ok=True)
    CATALOG.write_text(plural_catalog(extracted_catalog()))
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        sys.exit("msgfmt not found: apt-get install gettext")
    subprocess.run(  # noqa: S603 - our own catalog, a fixed command
        [
            msgfmt,
            "--check-format",
            "-o",
            str(CATALOG.with_suffix(".mo")),
            str(CATALOG),
        ],
        check=True,
    )
    print(f"{CATALOG.relative_to(ROOT)}: written and compiled")


if __name__ == "__main__":
    main()
