"""The annual evaluation report for the CREFOP commission
(``extranet.pdf.DocumentPDF``, the vendored DejaVu fonts): generated on
demand from the region's dashboard, never stored."""

from __future__ import annotations

from django.utils.translation import gettext as _

from extranet.pdf import DocumentPDF
from notifications.formats import long_datetime

from .selectors import Dashboard


def report_pdf_bytes(board: Dashboard) -> bytes:
    title = _("Suivi et évaluation du SPRO Bretagne — rapport %(year)s") % {
        "year": board.year
    }
    pdf = DocumentPDF(title)
    pdf.add_page()
    pdf.line_of(title, size=18, bold=True)
    pdf.line_of(
        _("Commission « Orientation tout au long de la vie » du CREFOP — année %(y)s")
        % {"y": board.year}
    )
    pdf.line_of(
        _("Chiffres de toute la région, calculés le %(date)s.")
        % {"date": long_datetime(board.computed_at)}
    )
    pdf.line_of(
        _(
            "Les indicateurs suivent les cinq dimensions de la section VI du cadre "
            "de référence ; chacun est donné avec sa définition, sa source, sa "
            "valeur de l'année et celle de l'année précédente."
        )
    )
    for number, dimension in enumerate(board.dimensions, start=1):
        pdf.ln(4)
        pdf.line_of(f"{number}. {dimension.dimension.label}", size=14, bold=True)
        for row in dimension.rows:
            pdf.ln(2)
            pdf.line_of(str(row.indicator.label), size=12, bold=True)
            pdf.line_of(
                _(
                    "%(year)s : %(value)s — %(previous_year)s : %(previous)s — "
                    "tendance : %(trend)s"
                )
                % {
                    "year": board.year,
                    "value": row.shown_value,
                    "previous_year": board.year - 1,
                    "previous": row.shown_previous,
                    "trend": row.shown_trend,
                }
            )
            pdf.line_of(
                _("Définition : %(text)s") % {"text": row.indicator.full_definition},
                size=10,
            )
            pdf.line_of(
                _("Source : %(text)s") % {"text": row.indicator.source}, size=10
            )
    return bytes(pdf.output())
