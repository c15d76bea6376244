"""The PDF documents of training: the sign-in sheet of a half-day (printed for
paper signatures) and the certificate of attendance.

Built in Python with fpdf2, as the conventions' documents are: no template
engine, no network, the fonts and the printable text of ``extranet.pdf``
(characters the font cannot draw print as "�", control characters are dropped).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from extranet.pdf import FONT_FAMILY as FAMILY
from extranet.pdf import DocumentPDF, printable
from notifications.formats import long_date, long_datetime, time_of_day

from .models import Certificate, SessionSlot

MARGIN = 18.0


class _PDF(DocumentPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(footer_text, margin=MARGIN)


def sign_in_sheet_lines(slot: SessionSlot, rows: list) -> list[str]:
    """The text the sheet prints (tests read it without parsing the PDF)."""
    session = slot.session
    lines = [
        _("Feuille d'émargement"),
        session.title,
        _("%(date)s, %(period)s, de %(start)s à %(end)s")
        % {
            "date": long_date(slot.date, weekday=True),
            "period": slot.get_period_display(),
            "start": time_of_day(slot.start),
            "end": time_of_day(slot.end),
        },
    ]
    if session.place:
        lines.append(_("Lieu : %(place)s") % {"place": session.place})
    if session.trainer_name:
        lines.append(_("Intervenant·e : %(who)s") % {"who": session.trainer_name})
    for row in rows:
        person = row.enrolment.person
        lines.append(
            f"{person.get_full_name() or person.email} — {row.enrolment.structure.name}"
        )
    return lines


def sign_in_sheet_pdf(slot: SessionSlot, rows: list) -> bytes:
    """One row per participant: name, structure, a box to sign in."""
    lines = sign_in_sheet_lines(slot, rows)
    header = lines[: len(lines) - len(rows)]
    pdf = _PDF(_("Émargement — %(session)s") % {"session": slot.session.title})
    pdf.add_page()
    pdf.line_of(header[0], size=16, bold=True)
    pdf.ln(2)
    pdf.line_of(header[1], size=13, bold=True)
    for text in header[2:]:
        pdf.line_of(text)
    pdf.ln(4)
    widths = (70.0, 62.0, pdf.w - 2 * MARGIN - 132.0)
    pdf.set_font(FAMILY, "B", 10)
    for width, title in zip(
        widths, (_("Nom"), _("Structure"), _("Signature")), strict=True
    ):
        pdf.cell(width, 8, title, border=1)
    pdf.ln(8)
    pdf.set_font(FAMILY, "", 10)
    for row in rows:
        person = row.enrolment.person
        name = printable(person.get_full_name() or person.email)
        structure = printable(row.enrolment.structure.name)
        if pdf.will_page_break(14):
            pdf.add_page()
        pdf.cell(widths[0], 14, name[:40], border=1)
        pdf.cell(widths[1], 14, structure[:36], border=1)
        pdf.cell(widths[2], 14, "", border=1)
        pdf.ln(14)
    if not rows:
        pdf.line_of(_("Aucun·e participant·e confirmé·e."))
    return bytes(pdf.output())


def certificate_lines(certificate: Certificate, verify_url: str) -> list[str]:
    """The text the certificate prints."""
    from .services import session_dates

    enrolment = certificate.enrolment
    session = enrolment.session
    person = enrolment.person
    lines = [
        _("Attestation de présence"),
        _(
            "%(issuer)s atteste que %(person)s (%(structure)s) a participé à la "
            "session de professionnalisation « %(session)s » du Service public "
            "régional de l'orientation en Bretagne."
        )
        % {
            "issuer": certificate.issuer.name,
            "person": person.get_full_name() or person.email,
            "structure": enrolment.structure.name,
            "session": session.title,
        },
        _("Dates : %(dates)s.") % {"dates": session_dates(session)},
        _("Heures de présence : %(hours)s h sur %(total)s h.")
        % {"hours": certificate.hours, "total": session.total_hours},
        _("Délivrée le %(date)s.") % {"date": long_datetime(certificate.issued_at)},
        _("Code de vérification : %(code)s") % {"code": certificate.code},
        _("Vérifiez cette attestation sur %(url)s") % {"url": verify_url},
    ]
    return lines


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    lines = certificate_lines(certificate, verify_url)
    pdf = _PDF(_("Attestation %(code)s") % {"code": certificate.code})
    pdf.add_page()
    pdf.ln(10)
    pdf.line_of(lines[0], size=20, bold=True)
    pdf.ln(8)
    pdf.line_of(lines[1], size=12)
    pdf.ln(4)
    for text in lines[2:5]:
        pdf.line_of(text)
        pdf.ln(1)
    pdf.ln(10)
    pdf.line_of(lines[5], size=12, bold=True)
    pdf.line_of(lines[6], size=10)
    return bytes(pdf.output())
