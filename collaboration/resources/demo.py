"""Demo resource library: fiches métiers, financing guides, territory
portraits, tools and links, as GREF and the Région would curate them.

Made the way curators make them (``services``): created, given new versions,
published, one withdrawn, two still in preparation, so that every page of the
library has something to show. The documents are generated here (PDF with the
product's fonts, one spreadsheet) and each says it is a demonstration
document: its figures are not statistics. Idempotent: nothing is done once a
resource exists.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from extranet.models import Role, Territory
from extranet.selectors import first_user_with_role

from ..models import Resource, ResourceStatus
from . import services

logger = logging.getLogger(__name__)

DEMO_NOTICE = (
    "Document de démonstration du SPRO Bretagne : les chiffres et les "
    "informations qu'il contient sont fictifs."
)

# (title, theme, territory slug or "", source, summary, what it is, versions,
#  final status). ``what`` is "pdf", "xlsx" or a link's address; ``versions``
#  the notes of each successive version of a document.
LIBRARY: list[tuple[str, str, str, str, str, str, tuple[str, ...], str]] = [
    (
        "Les métiers de l'aide à domicile",
        "jobs",
        "",
        "GREF Bretagne — Perspectives",
        "Fiche « Perspectives » : les métiers, les recrutements attendus, les "
        "formations qui y mènent et les conditions de travail en Bretagne.",
        "pdf",
        ("Édition 2025", "Édition 2026 : recrutements et salaires mis à jour"),
        ResourceStatus.PUBLISHED,
    ),
    (
        "Les métiers du bâtiment et des travaux publics",
        "jobs",
        "",
        "GREF Bretagne — Perspectives",
        "Maçon·ne, électricien·ne, conducteur·rice d'engins : les métiers qui "
        "recrutent, les formations initiales et continues, les passerelles.",
        "pdf",
        ("Édition 2026",),
        ResourceStatus.PUBLISHED,
    ),
    (
        "Les métiers de l'industrie agroalimentaire",
        "jobs",
        "",
        "GREF Bretagne — Perspectives",
        "Premier employeur industriel de la région : les métiers de la "
        "production, de la maintenance et de la qualité, et comment y entrer.",
        "pdf",
        ("Édition 2024", "Édition 2025", "Édition 2026 : nouveaux métiers"),
        ResourceStatus.PUBLISHED,
    ),
    (
        "Les métiers du numérique",
        "jobs",
        "",
        "GREF Bretagne — Perspectives",
        "Développeur·se, technicien·ne support, data : les métiers, les "
        "formations courtes et longues, la place des reconversions.",
        "pdf",
        ("Édition 2026",),
        ResourceStatus.PUBLISHED,
    ),
    (
        "Les métiers de la pêche et des cultures marines",
        "jobs",
        "",
        "GREF Bretagne — Perspectives",
        "Marin·e pêcheur·se, ostréiculteur·rice, mécanicien·ne de marine : "
        "les métiers de la mer et leurs formations en Bretagne.",
        "pdf",
        ("Édition 2026",),
        ResourceStatus.DRAFT,
    ),
    (
        "Financer sa formation : les aides de la Région",
        "financing",
        "",
        "Région Bretagne",
        "Les dispositifs régionaux pour se former (formations qualifiantes, "
        "préparatoires, rémunération des stagiaires) : pour qui, comment, "
        "avec qui monter le dossier.",
        "pdf",
        ("Guide 2025", "Guide 2026 : nouvelle grille de rémunération"),
        ResourceStatus.PUBLISHED,
    ),
    (
        "Mon compte formation",
        "financing",
        "",
        "Caisse des dépôts",
        "Le site officiel du compte personnel de formation : droits acquis, "
        "recherche de formations éligibles, inscription.",
        "https://www.moncompteformation.gouv.fr/",
        (),
        ResourceStatus.PUBLISHED,
    ),
    (
        "Le projet de transition professionnelle",
        "financing",
        "",
        "Transitions Pro Bretagne",
        "Pour les salarié·es qui veulent changer de métier : conditions, prise "
        "en charge de la formation et de la rémunération, calendrier des "
        "commissions.",
        "https://www.transitionspro-bretagne.fr/",
        (),
        ResourceStatus.PUBLISHED,
    ),
    (
        "Portrait emploi-formation du pays de Brest",
        "territory_data",
        "pays-de-brest",
        "GREF Bretagne",
        "Les chiffres clés du territoire : population, emploi par secteur, "
        "demandeurs d'emploi, offre de formation. Un classeur à filtrer.",
        "xlsx",
        ("Données 2025",),
        ResourceStatus.PUBLISHED,
    ),
    (
        "Portrait emploi-formation du pays de Rennes",
        "territory_data",
        "pays-de-rennes",
        "GREF Bretagne",
        "Les chiffres clés du territoire, ses secteurs qui recrutent et son "
        "offre de formation, pour préparer un entretien ou une action locale.",
        "pdf",
        ("Données 2024", "Données 2025"),
        ResourceStatus.PUBLISHED,
    ),
    (
        "Tableau de bord de l'emploi du pays de Lorient",
        "territory_data",
        "pays-de-lorient",
        "GREF Bretagne",
        "Une première version du tableau de bord trimestriel, en relecture.",
        "pdf",
        ("Premier trimestre",),
        ResourceStatus.DRAFT,
    ),
    (
        "Portrait emploi-formation du pays de Morlaix (2022)",
        "territory_data",
        "pays-de-morlaix",
        "GREF Bretagne",
        "Remplacé par le portrait 2025 à venir : retiré de la bibliothèque.",
        "pdf",
        ("Données 2022",),
        ResourceStatus.WITHDRAWN,
    ),
    (
        "Trouver une formation en Bretagne",
        "training_offer",
        "",
        "GREF Bretagne",
        "Le moteur de recherche de l'offre de formation continue et en "
        "alternance en Bretagne, par métier, lieu et financement.",
        "https://www.gref-bretagne.com/",
        (),
        ResourceStatus.PUBLISHED,
    ),
    (
        "Conduire un premier entretien d'orientation",
        "tools",
        "",
        "Coordination régionale du SPRO",
        "Une trame pour le premier accueil : écouter la demande, repérer les "
        "besoins, donner l'information utile, orienter sans renvoyer de "
        "guichet en guichet.",
        "pdf",
        ("Version 1", "Version 2 : ajout de l'accueil à distance"),
        ResourceStatus.PUBLISHED,
    ),
    (
        "Le cadre de référence du SPRO en Bretagne",
        "framework",
        "",
        "Région Bretagne",
        "Les missions du service public régional de l'orientation, les "
        "engagements des membres et l'évaluation, tels que les partenaires "
        "les ont signés.",
        "pdf",
        ("Version signée",),
        ResourceStatus.PUBLISHED,
    ),
]


def _pdf(title: str, source: str, summary: str, note: str) -> bytes:
    from extranet.pdf import DocumentPDF

    pdf = DocumentPDF(title)
    pdf.add_page()
    pdf.line_of(title, size=16, bold=True)
    pdf.line_of(f"{source} — {note}", size=10)
    pdf.ln(4)
    pdf.line_of(summary)
    pdf.ln(4)
    pdf.line_of(DEMO_NOTICE, size=9)
    return bytes(pdf.output())


def _xlsx(title: str, note: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Chiffres clés"
    sheet.append([title])
    sheet.append([note])
    sheet.append([DEMO_NOTICE])
    sheet.append([])
    sheet.append(["Secteur", "Emplois", "Part des emplois (%)"])
    for sector, jobs in (
        ("Industrie", 21500),
        ("Construction", 9800),
        ("Commerce, transports, services", 68400),
        ("Administration, enseignement, santé", 61200),
        ("Agriculture, pêche", 4100),
    ):
        sheet.append([sector, jobs, round(jobs * 100 / 165000, 1)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(kind: str, title: str, source: str, summary: str, note: str) -> Any:
    stem = "-".join(title.lower().split())[:40]
    if kind == "xlsx":
        content = _xlsx(title, note)
    else:
        content = _pdf(title, source, summary, note)
    return SimpleUploadedFile(f"{stem}.{kind}", content, "application/octet-stream")


def _curators() -> tuple[Any, Any]:
    coordinator = first_user_with_role(Role.REGIONAL_COORDINATOR)
    return first_user_with_role(Role.GREF) or coordinator, coordinator


def load_resources() -> int:
    """The demo library (called by ``collaboration.demo``); returns how many
    rows it made."""
    if Resource.objects.exists():
        return 0
    gref, coordinator = _curators()
    if gref is None:
        logger.info("No GREF nor Région account: no resource library.")
        return 0
    territories = {t.slug: t for t in Territory.objects.all()}
    made = 0
    with transaction.atomic():
        for n, row in enumerate(LIBRARY):
            title, theme, place, source, summary, what, notes, status = row
            curator = coordinator if (n % 4 == 3 and coordinator) else gref
            data = {
                "title": title,
                "theme": theme,
                "territory": territories.get(place) if place else None,
                "source": source,
                "summary": summary,
                "url": what if what.startswith("https://") else "",
            }
            if data["url"]:
                resource = services.resource_create(actor=curator, data=data)
            else:
                resource = services.resource_create(
                    actor=curator,
                    data=data,
                    upload=_upload(what, title, source, summary, notes[0]),
                    note=notes[0],
                )
                for note in notes[1:]:
                    services.resource_add_version(
                        resource=resource,
                        actor=curator,
                        upload=_upload(what, title, source, summary, note),
                        note=note,
                    )
                made += len(notes)
            if status != ResourceStatus.DRAFT:
                services.resource_publish(resource=resource, actor=curator)
            if status == ResourceStatus.WITHDRAWN:
                services.resource_withdraw(resource=resource, actor=coordinator or gref)
            made += 1
    return made
