"""The PDF document of a convention: the text the parties read and sign.

Why it is built this way:

- Each version of the document is frozen with its SHA-256 hash and signatures
  point at those exact bytes (``extranet.models.conventions``), so the document is
  produced here, in Python, from the convention alone: no template engine, no
  network, no external service that could change what gets printed.
- The core PDF fonts only cover latin-1, and French needs œ, ’, « », ·, –; the
  DejaVu Sans fonts are vendored once for every document (``extranet.pdf``).
- A convention must always render, whatever was typed in it. Characters DejaVu
  cannot draw (emoji, CJK…) are printed as U+FFFD "�", visibly, instead of being
  silently dropped: a signed document must not hide that something was there.
  Control characters are dropped and the page-count alias is only active in the
  footer, so typed text is printed as typed.
- The text is first built as a list of styled blocks, then laid out.
  ``convention_document_lines`` exposes that text, so that tests check what is
  really printed without parsing the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from conventions.models import Convention, ConventionParty
from extranet.pdf import (
    BOLD_FONT,
    FONT_FAMILY,
    REGULAR_FONT,
    REPLACEMENT_CHARACTER,  # noqa: F401 - part of this module's interface
    printable,
)

# fpdf2's alias for the total number of pages, only active in the footer.
PAGES_ALIAS = "{nb}"

# Layout, in millimetres and points.
MARGIN = 20.0
BOTTOM_MARGIN = 22.0
BODY_SIZE = 11.0
FOOTER_SIZE = 8.0
LINE_SPACING = 1.45
BULLET = "•"
BULLET_INDENT = 6.0
SIGNATURE_BOX_HEIGHT = 32.0
SIGNATURE_BOX_WIDTH = 90.0


class Style(StrEnum):
    """How a block of text is laid out."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    INFO = "info"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    SIGNATORY = "signatory"
    SIGNATORY_NAME = "signatory_name"
    SIGNATURE_BOX = "signature_box"


@dataclass(frozen=True)
class Block:
    """One piece of the document: a style and its text (empty for a frame)."""

    style: Style
    text: str = ""


def _text_lines(text: str) -> list[str]:
    """The non-blank lines of a user-entered text, printable."""
    lines = (printable(line) for line in (text or "").splitlines())
    return [line for line in lines if line]


def _party_line(party: ConventionParty, convention: Convention) -> str:
    """The party's quality and name; a structure's address follows its name."""
    name = party.organisation.name.strip()
    structure = convention.structure
    if structure is not None and party.organisation_id == structure.organisation_id:
        place = " ".join(p.strip() for p in (structure.postcode, structure.city))
        parts = (name, structure.address_line.strip(), place.strip())
        name = ", ".join(p for p in parts if p)
    label = party.get_kind_display()
    if _same_name(label, party.organisation.name):
        return name  # "Région Bretagne", not "Région Bretagne : Région Bretagne"
    return _("%(label)s : %(name)s") % {"label": label, "name": name}


def _same_name(label: str, name: str) -> bool:
    return " ".join(str(label).split()).casefold() == " ".join(name.split()).casefold()


def convention_document_blocks(convention: Convention, *, version: int) -> list[Block]:
    """What the document says, in order, as styled blocks of printable text."""
    parties = list(convention.parties.select_related("organisation"))
    year = convention.year

    def block(style: Style, text: object = "") -> Block:
        return Block(style, printable(str(text)))

    blocks = [
        block(Style.TITLE, _("Service public régional de l'orientation en Bretagne")),
        block(Style.SUBTITLE, convention.get_kind_display()),
        block(Style.INFO, _("Année %(year)s") % {"year": year}),
        block(Style.INFO, _("Version %(version)s du document") % {"version": version}),
        block(Style.HEADING, _("Entre les parties")),
    ]
    blocks += [
        block(Style.PARAGRAPH, _party_line(party, convention)) for party in parties
    ]

    blocks.append(block(Style.HEADING, _("Durée")))
    blocks.append(
        block(
            Style.PARAGRAPH,
            _(
                "La présente convention s'applique du 1er janvier %(year)s "
                "au 31 décembre %(end_year)s."
            )
            % {"year": year, "end_year": convention.end_date.year},
        )
    )

    blocks.append(block(Style.HEADING, _("Valeurs et objectifs partagés")))
    blocks += [
        Block(Style.PARAGRAPH, line) for line in _text_lines(convention.objectives)
    ]

    for field_name, label in convention.engagement_fields():
        lines = _text_lines(getattr(convention, field_name))
        if lines:
            blocks.append(block(Style.HEADING, capfirst(label)))
            blocks += [Block(Style.BULLET, line) for line in lines]

    terms = _text_lines(convention.specific_terms)
    if terms:
        blocks.append(block(Style.HEADING, _("Modalités spécifiques de mise en œuvre")))
        blocks += [Block(Style.PARAGRAPH, line) for line in terms]

    blocks.append(block(Style.HEADING, _("Signatures")))
    blocks.append(
        block(
            Style.PARAGRAPH,
            _(
                "Signature électronique enregistrée dans l'extranet du SPRO : la "
                "date, le ou la signataire et l'empreinte SHA-256 de ce document "
                "figurent au registre des signatures de la convention."
            ),
        )
    )
    for party in parties:
        blocks.append(block(Style.SIGNATORY, party.get_kind_display()))
        if not _same_name(party.get_kind_display(), party.organisation.name):
            blocks.append(block(Style.SIGNATORY_NAME, party.organisation.name))
        blocks.append(Block(Style.SIGNATURE_BOX))
    return [b for b in blocks if b.text or b.style == Style.SIGNATURE_BOX]


def convention_document_lines(convention: Convention, *, version: int) -> list[str]:
    """The lines of text the document prints, in order (footer and frames aside).

    One entry per block, which the layout may wrap on several printed lines;
    bullet marks are not part of the text.
    """
    return [
        b.text
        for b in convention_document_blocks(convention, version=version)
        if b.text
    ]


def _footer_text(convention: Convention, version: int, subject: str, page: int) -> str:
    """The footer up to the total number of pages, which fpdf2 adds at the end."""
    return _(
        "Convention %(year)s — %(subject)s — version %(version)s — page %(page)s/"
    ) % {"year": convention.year, "subject": subject, "version": version, "page": page}


class _ConventionPDF(FPDF):
    """A4 pages with the convention's footer on each."""

    def __init__(self, convention: Convention, version: int) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.add_font(FONT_FAMILY, "", REGULAR_FONT)
        self.add_font(FONT_FAMILY, "B", BOLD_FONT)
        self.convention = convention
        self.version = version
        self.footer_subject = self._fit_footer_subject()

    def _fit_footer_subject(self) -> str:
        """The subject's name, shortened if the footer would not fit on one line."""
        self.set_font(FONT_FAMILY, "", FOOTER_SIZE)
        subject = printable(self.convention.subject_name)
        available = self.w - 2 * MARGIN - self.get_string_width("0000")
        while len(subject) > 1:
            text = _footer_text(self.convention, self.version, subject, 9999)
            if self.get_string_width(text) <= available:
                break
            subject = subject[:-2].rstrip() + "…"
        return subject

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT_FAMILY, "", FOOTER_SIZE)
        self.set_text_color(90)
        text = _footer_text(
            self.convention, self.version, self.footer_subject, self.page_no()
        )
        # The page-count alias is substituted only in the cell that holds it, so
        # a name containing "{nb}" is printed as it is.
        body_alias, body_cell_margin = self.str_alias_nb_pages, self.c_margin
        try:
            self.str_alias_nb_pages, self.c_margin = None, 0
            width = self.get_string_width(text) + self.get_string_width("00")
            self.set_x(max(self.l_margin, (self.w - width) / 2))
            self.cell(text=text, new_x=XPos.RIGHT, new_y=YPos.TOP)
            self.str_alias_nb_pages = PAGES_ALIAS
            self.cell(text=PAGES_ALIAS, new_x=XPos.RIGHT, new_y=YPos.TOP)
        finally:
            self.str_alias_nb_pages, self.c_margin = body_alias, body_cell_margin
        self.set_text_color(0)


def _keep_room(pdf: FPDF, height: float) -> None:
    """Start a new page unless ``height`` millimetres are left on this one."""
    if pdf.will_page_break(height):
        pdf.add_page()


def _line_height(size: float) -> float:
    """The height of a line of ``size`` points, in millimetres."""
    return size * LINE_SPACING * 25.4 / 72


def _write(
    pdf: FPDF, text: str, *, size: float, align: Align, bold: bool = False
) -> None:
    """``text`` wrapped from the current position to the right margin."""
    pdf.set_font(FONT_FAMILY, "B" if bold else "", size)
    pdf.multi_cell(
        w=0,
        h=_line_height(size),
        text=text,
        align=align,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def _lay_out(pdf: FPDF, blocks: list[Block]) -> None:
    for block in blocks:
        match block.style:
            case Style.TITLE:
                _write(pdf, block.text, size=15, bold=True, align=Align.C)
                pdf.ln(2)
            case Style.SUBTITLE:
                _write(pdf, block.text, size=13, bold=True, align=Align.C)
                pdf.ln(2)
            case Style.INFO:
                _write(pdf, block.text, size=BODY_SIZE, align=Align.C)
            case Style.HEADING:
                pdf.ln(6)
                _keep_room(pdf, 25)
                _write(pdf, block.text, size=12.5, bold=True, align=Align.L)
                y = pdf.get_y() + 0.5
                pdf.set_draw_color(160)
                pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
                pdf.set_draw_color(0)
                pdf.ln(2.5)
            case Style.PARAGRAPH:
                _write(pdf, block.text, size=BODY_SIZE, align=Align.L)
                pdf.ln(1.5)
            case Style.BULLET:
                pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
                _keep_room(pdf, _line_height(BODY_SIZE))
                pdf.set_x(pdf.l_margin + 2)
                pdf.cell(
                    w=BULLET_INDENT - 2,
                    h=_line_height(BODY_SIZE),
                    text=BULLET,
                    new_x=XPos.RIGHT,
                    new_y=YPos.TOP,
                )
                _write(pdf, block.text, size=BODY_SIZE, align=Align.L)
                pdf.ln(1)
            case Style.SIGNATORY:
                pdf.ln(4)
                _keep_room(pdf, 2 * _line_height(BODY_SIZE) + SIGNATURE_BOX_HEIGHT + 6)
                _write(pdf, block.text, size=BODY_SIZE, bold=True, align=Align.L)
            case Style.SIGNATORY_NAME:
                _write(pdf, block.text, size=BODY_SIZE, align=Align.L)
                pdf.ln(2)
            case Style.SIGNATURE_BOX:
                _keep_room(pdf, SIGNATURE_BOX_HEIGHT)
                y = pdf.get_y()
                x = pdf.l_margin + pdf.c_margin  # aligned with the text above
                pdf.rect(x, y, SIGNATURE_BOX_WIDTH, SIGNATURE_BOX_HEIGHT)
                pdf.set_y(y + SIGNATURE_BOX_HEIGHT)


def convention_document_inputs(convention: Convention, *, version: int) -> tuple:
    """Everything the document prints: equal inputs give the same document, so a
    document rendered before the row lock can be checked against the locked
    convention without rendering it again."""
    return (
        tuple(convention_document_blocks(convention, version=version)),
        str(convention),
        convention.subject_name,
        convention.year,
    )


def render_convention_pdf(convention: Convention, *, version: int) -> bytes:
    """The convention's document, version ``version``, as PDF bytes."""
    blocks = convention_document_blocks(convention, version=version)
    pdf = _ConventionPDF(convention, version)
    pdf.set_title(printable(str(convention)))
    pdf.set_subject(
        printable(_("Version %(version)s du document") % {"version": version})
    )
    pdf.set_author(printable(_("Région Bretagne — SPRO")))
    pdf.set_creator(printable(_("Extranet du SPRO en Bretagne")))
    pdf.set_lang("fr")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=BOTTOM_MARGIN)
    # Typed text is printed as typed: no page-count substitution in the body.
    pdf.alias_nb_pages(None)
    pdf.add_page()
    _lay_out(pdf, blocks)
    # Active again for the last footer and the substitution done by output().
    pdf.alias_nb_pages(PAGES_ALIAS)
    return bytes(pdf.output())
