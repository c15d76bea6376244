"""The point de situation as a PDF the person takes away: plain French, what
was said, the resources (with the public directory's addresses), the next
steps, and the reference code with where to follow the requests. Built on
``extranet.pdf.DocumentPDF``; generated on demand, never stored (nothing to
erase at the end of retention)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from extranet.pdf import DocumentPDF
from notifications.formats import long_date

from . import links
from .models import Reception


def point_lines(reception: Reception) -> list[tuple[str, str]]:
    """(style, text) of each paragraph: "title", "heading" or "text"."""
    out = [
        ("title", _("Votre point de situation")),
        (
            "text",
            _("Le %(date)s, avec %(structure)s (%(city)s).")
            % {
                "date": long_date(reception.received_on),
                "structure": reception.structure.name,
                "city": reception.structure.city,
            },
        ),
    ]
    if reception.summary:
        out += [
            ("heading", _("Ce que nous avons vu ensemble")),
            ("text", reception.summary),
        ]
    if reception.information_given:
        out += [
            ("heading", _("Les informations données")),
            ("text", reception.information_given),
        ]
    resources = reception.resource_lines()
    structures = list(reception.recommended.all())
    if resources or structures:
        out.append(("heading", _("Des ressources pour vous")))
        out += [("text", f"• {line}") for line in resources]
        out += [
            ("text", f"• {s.name}, {s.city} — {links.public_card_url(s)}")
            for s in structures
        ]
    steps = reception.next_step_lines()
    if steps:
        out.append(("heading", _("Vos prochaines étapes")))
        out += [("text", f"{n}. {line}") for n, line in enumerate(steps, start=1)]
    out += [
        (
            "heading",
            _("Votre code de suivi : %(code)s") % {"code": reception.reference},
        ),
        (
            "text",
            _(
                "Donnez ce code à toute structure du SPRO Bretagne : elle verra ce que "
                "vous avez choisi de partager, jamais votre identité. Suivez vos "
                "demandes avec ce code sur %(url)s."
            )
            % {"url": links.status_url()},
        ),
    ]
    return out


def point_pdf(reception: Reception) -> bytes:
    pdf = DocumentPDF(_("Point de situation — SPRO Bretagne"))
    pdf.add_page()
    for style, text in point_lines(reception):
        if style == "title":
            pdf.line_of(text, size=18, bold=True)
            pdf.ln(2)
        elif style == "heading":
            pdf.ln(3)
            pdf.line_of(text, size=13, bold=True)
        else:
            pdf.line_of(text)
    return bytes(pdf.output())
