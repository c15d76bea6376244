"""The regional synthesis as a PDF report for the CREFOP commission
(``extranet.pdf.DocumentPDF``): generated on demand, never stored; a
presented version prints its frozen figures."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from extranet.pdf import DocumentPDF
from notifications.formats import long_date

from ..models import LocalPlan, RegionalSynthesis
from .selectors import SynthesisFigures


def synthesis_pdf_bytes(
    synthesis: RegionalSynthesis,
    figures: SynthesisFigures,
    plans: list[LocalPlan],
) -> bytes:
    title = _("Synthèse régionale %(year)s des plans d'action locaux") % {
        "year": synthesis.year
    }
    pdf = DocumentPDF(title)
    pdf.add_page()
    pdf.line_of(synthesis.title or title, size=18, bold=True)
    pdf.line_of(
        _("Commission « Orientation tout au long de la vie » du CREFOP — version %(v)s")
        % {"v": synthesis.version}
    )
    if synthesis.presented_at:
        pdf.line_of(
            _("Présentée le %(date)s.") % {"date": long_date(synthesis.presented_at)}
        )
    else:
        pdf.line_of(
            _("Version de travail, chiffres au %(date)s.")
            % {"date": long_date(timezone.localdate())}
        )
    if synthesis.received_on:
        pdf.line_of(
            _("Reçue par la commission le %(date)s (%(ref)s).")
            % {
                "date": long_date(synthesis.received_on),
                "ref": synthesis.received_reference,
            }
        )
    pdf.ln(4)
    pdf.line_of(_("Les chiffres"), size=14, bold=True)
    pdf.line_of(
        _("Plans dont le bilan est remis : %(reviewed)s (sur %(plans)s cette année).")
        % {"reviewed": figures.plans_reviewed, "plans": figures.plans}
    )
    for label, count in figures.actions.items():
        pdf.line_of(f"{label} : {count}")
    for label, count in figures.outcomes.items():
        pdf.line_of(_("Actions « %(label)s » : %(n)s") % {"label": label, "n": count})
    pdf.line_of(
        _("Structures engagées (pilotes et partenaires) : %(n)s")
        % {"n": figures.structures_involved}
    )
    pdf.line_of(
        _("Professionnel·les formé·es localement : %(n)s")
        % {"n": figures.people_trained}
    )
    pdf.line_of(
        _("Besoins locaux remontés au recensement : %(n)s")
        % {"n": figures.needs_reported}
    )
    pdf.line_of(
        _("Bonnes pratiques issues des actions : %(n)s") % {"n": figures.practices}
    )
    if figures.themes:
        pdf.ln(2)
        pdf.line_of(_("Thèmes des actions partenariales"), size=12, bold=True)
        for theme in figures.themes:
            pdf.line_of(f"{theme['label']} : {theme['count']}")
    if synthesis.narrative:
        pdf.ln(4)
        pdf.line_of(_("Analyse"), size=14, bold=True)
        pdf.line_of(synthesis.narrative)
    if synthesis.recommendations:
        pdf.ln(4)
        pdf.line_of(_("Préconisations"), size=14, bold=True)
        pdf.line_of(synthesis.recommendations)
    pdf.ln(4)
    pdf.line_of(_("Les territoires"), size=14, bold=True)
    for row in figures.territories:
        pdf.line_of(
            _("%(territory)s — %(state)s : %(actions)s actions, %(done)s réalisées")
            % row
        )
    if plans:
        pdf.ln(4)
        pdf.line_of(_("Bilans des territoires"), size=14, bold=True)
        for plan in plans:
            pdf.ln(2)
            pdf.line_of(plan.territory.name, size=12, bold=True)
            if plan.review_summary:
                pdf.line_of(plan.review_summary)
            if plan.review_difficulties:
                pdf.line_of(
                    _("Difficultés : %(text)s") % {"text": plan.review_difficulties}
                )
    return bytes(pdf.output())
