"""What every PDF of the product shares: the fonts and how typed text is made
printable.

The core PDF fonts only cover latin-1, and French needs œ, ’, « », ·, –: the
DejaVu Sans fonts are vendored in ``fonts/`` (licence in ``fonts/LICENSE.txt``),
once for every app that prints (conventions, training sheets and
certificates). A document must always render, whatever was typed: characters
DejaVu cannot draw (emoji, CJK…) print as U+FFFD "�", visibly, instead of being
silently dropped, and control characters are dropped.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR_FONT = FONTS_DIR / "DejaVuSans.ttf"
BOLD_FONT = FONTS_DIR / "DejaVuSans-Bold.ttf"
FONT_FAMILY = "DejaVuSans"

# Printed in place of a character the font has no glyph for.
REPLACEMENT_CHARACTER = "\ufffd"


@functools.cache
def _drawable_code_points() -> frozenset[int]:
    """The characters both vendored fonts have a glyph for."""
    cmaps = [
        set(TTFont(path, lazy=True).getBestCmap()) for path in (REGULAR_FONT, BOLD_FONT)
    ]
    return frozenset(set.intersection(*cmaps))


def printable(text: str) -> str:
    """``text`` on one line, as the vendored fonts can print it.

    Line breaks, tabs and spaces the font lacks become plain spaces, other
    control characters and invisible marks without a glyph are dropped, and any
    other character without a glyph becomes U+FFFD.
    """
    drawable = _drawable_code_points()
    out: list[str] = []
    for char in unicodedata.normalize("NFC", str(text)):
        category = unicodedata.category(char)
        if char.isspace() and (
            category in ("Cc", "Zl", "Zp")
            or (category == "Zs" and ord(char) not in drawable)
        ):
            out.append(" ")
        elif category == "Cc":
            continue
        elif ord(char) in drawable:
            out.append(char)
        elif category in ("Cf", "Mn", "Me"):
            # Zero-width joiners, variation selectors, combining marks with no
            # glyph: nothing visible is lost.
            continue
        else:
            out.append(REPLACEMENT_CHARACTER)
    return "".join(out).strip()


def printable_lines(text: str) -> str:
    """``text`` as the fonts can print it, its line breaks kept."""
    return "\n".join(printable(line) for line in str(text or "").splitlines())


def _document_class():
    from django.utils.translation import gettext as _
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    class _DocumentPDF(FPDF):
        """An A4 document of the product: the vendored fonts, French metadata,
        a footer with the document's title and the page number, and
        ``line_of`` for a paragraph of typed text, always printable."""

        def __init__(self, footer_text: str, margin: float = 18.0) -> None:
            super().__init__(orientation="P", unit="mm", format="A4")
            self.add_font(FONT_FAMILY, "", REGULAR_FONT)
            self.add_font(FONT_FAMILY, "B", BOLD_FONT)
            self.set_margins(margin, margin, margin)
            self.set_auto_page_break(True, margin=20)
            self.footer_text = footer_text
            self.set_title(footer_text)
            self.set_creator("SPRO Bretagne")
            self.set_lang("fr")

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font(FONT_FAMILY, "", 8)
            self.set_text_color(90)
            self.cell(
                0,
                5,
                f"{printable(self.footer_text)} — {_('page')} {self.page_no()}",
                align="C",
            )
            self.set_text_color(0)

        def line_of(self, text: str, *, size: float = 11, bold: bool = False) -> None:
            self.set_font(FONT_FAMILY, "B" if bold else "", size)
            self.multi_cell(
                0,
                size * 0.55,
                printable_lines(text),
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )

    return _DocumentPDF


DocumentPDF = _document_class()
