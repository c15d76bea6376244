"""Files of the service map: the CSV of a search's results (for a French
spreadsheet, through ``extranet.exports``) and the printable booklet of a
territory (``extranet.pdf.DocumentPDF``), both answering qui, quoi, comment,
où for each entry. Generated on demand, never stored."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from extranet.exports import csv_bytes
from extranet.models import Territory
from extranet.pdf import DocumentPDF
from notifications.formats import long_date

from ..models import ServiceEntry


def _labels(members: Iterable) -> str:
    return ", ".join(str(m.label) for m in members)


def _contact(entry: ServiceEntry) -> str:
    parts = [entry.contact_name, entry.contact_phone, entry.contact_email]
    return " · ".join(p for p in parts if p)


CSV_HEADERS = (
    gettext_lazy("Qui"),
    gettext_lazy("Structure ou acteur local"),
    gettext_lazy("Quoi"),
    gettext_lazy("Nature"),
    gettext_lazy("Publics"),
    gettext_lazy("Conditions d'accès"),
    gettext_lazy("Où"),
    gettext_lazy("Comment (modes de contact)"),
    gettext_lazy("Comment orienter"),
    gettext_lazy("Contact"),
    gettext_lazy("Visible du public"),
    gettext_lazy("Vérifiée le"),
)


def entries_csv(entries: Iterable[ServiceEntry]) -> bytes:
    """One row per entry, in the search's order."""
    rows = (
        (
            e.provider_name,
            _("Acteur local") if e.is_local_actor else _("Structure du SPRO"),
            e.title,
            e.get_kind_display(),
            _labels(e.audience_list),
            e.conditions,
            e.coverage_text,
            _labels(e.channel_list),
            e.how_to_refer,
            _contact(e),
            _("oui") if e.is_public else _("non"),
            timezone.localdate(e.reviewed_at),
        )
        for e in entries
    )
    # The headers are read at call time, in the request's language.
    return csv_bytes([str(h) for h in CSV_HEADERS], rows)


def booklet_pdf(territory: Territory, entries: list[ServiceEntry]) -> bytes:
    """The booklet of ``territory``: a title page line, then one block per
    entry (qui, quoi, pour qui, conditions, où, comment)."""
    title = _("Cartographie des prestations et dispositifs — %(territory)s") % {
        "territory": territory.name
    }
    pdf = DocumentPDF(title)
    pdf.add_page()
    pdf.line_of(title, size=18, bold=True)
    pdf.line_of(
        _("Édité le %(date)s. %(count)s fiches.")
        % {"date": long_date(timezone.localdate()), "count": len(entries)}
    )
    if not entries:
        pdf.ln(4)
        pdf.line_of(_("Aucune prestation ni acteur local sur ce territoire."))
    for entry in entries:
        pdf.ln(4)
        pdf.line_of(f"{entry.title} — {entry.provider_name}", size=13, bold=True)
        pdf.line_of(
            _("Quoi : %(kind)s. %(text)s")
            % {
                "kind": entry.get_kind_display(),
                "text": entry.description,
            }
        )
        pdf.line_of(_("Pour qui : %(who)s") % {"who": _labels(entry.audience_list)})
        if entry.conditions:
            pdf.line_of(_("Conditions : %(text)s") % {"text": entry.conditions})
        pdf.line_of(_("Où : %(where)s") % {"where": entry.coverage_text})
        pdf.line_of(
            _("Comment : %(channels)s. %(how)s")
            % {"channels": _labels(entry.channel_list), "how": entry.how_to_refer}
        )
        contact = _contact(entry)
        if contact:
            pdf.line_of(_("Contact : %(contact)s") % {"contact": contact})
    return bytes(pdf.output())
