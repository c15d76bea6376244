"""The PDF document of a convention: what it prints, for every kind, whatever typed.

Conventions are built row by row, without the workflow engine. The text is checked
through ``convention_document_lines``, the very list the renderer lays out (no PDF
parser is a dependency of the project).
"""

from __future__ import annotations

import logging
import re

import pytest

from conventions.document import (
    REPLACEMENT_CHARACTER,
    convention_document_lines,
    render_convention_pdf,
)
from conventions.models import Convention, ConventionKind, ConventionParty, PartyKind
from extranet.models import OrganisationKind
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def make_convention(world, kind: str, **fields) -> Convention:
    """A draft convention of ``kind`` for 2026 with its parties, as rows."""
    content = {
        "objectives": "Informer et accompagner toute personne tout au long de sa vie.",
        "region_engagements": "Coordonner et animer le SPRO.\n\nDéployer le plan.",
        "network_engagements": "Participer aux instances de gouvernance.",
        "structure_engagements": "Mettre en œuvre l'accueil personnalisé.",
        "government_engagements": "Mobiliser les services de l'État.",
    }
    content.update(fields)
    if kind == ConventionKind.STRUCTURE:
        structure, network = world.structure_a, world.structure_a.network
        parties = [
            (PartyKind.REGION, world.region),
            (PartyKind.NETWORK, network.head),
            (PartyKind.STRUCTURE, structure.organisation),
        ]
    elif kind == ConventionKind.REGION_NETWORK:
        structure, network = None, world.network_a
        parties = [(PartyKind.REGION, world.region), (PartyKind.NETWORK, network.head)]
    else:
        structure, network = None, None
        state = OrganisationFactory(
            kind=OrganisationKind.GOVERNMENT, name="Préfecture de région Bretagne"
        )
        parties = [(PartyKind.GOVERNMENT, state), (PartyKind.REGION, world.region)]
    convention = Convention.objects.create(
        kind=kind,
        year=2026,
        structure=structure,
        network=network,
        state="draft",
        **content,
    )
    for order, (party_kind, organisation) in enumerate(parties):
        ConventionParty.objects.create(
            convention=convention,
            kind=party_kind,
            organisation=organisation,
            order=order,
        )
    return convention


def printed_text(convention: Convention) -> str:
    return "\n".join(convention_document_lines(convention, version=1))


def test_the_document_is_a_pdf(world):
    convention = make_convention(world, ConventionKind.STRUCTURE)

    document = render_convention_pdf(convention, version=1)

    assert document.startswith(b"%PDF-")
    assert document.rstrip().endswith(b"%%EOF")


@pytest.mark.parametrize("kind", list(ConventionKind))
def test_the_document_names_the_parties_the_year_and_the_engagements(world, kind):
    convention = make_convention(world, kind)

    text = printed_text(convention)

    assert convention.get_kind_display() in text
    for party in convention.parties.all():
        assert party.organisation.name in text
        assert party.get_kind_display() in text
    assert "Année 2026" in text
    assert "du 1er janvier 2026 au 31 décembre 2026" in text
    assert "Version 1 du document" in text
    assert "Coordonner et animer le SPRO." in text
    assert render_convention_pdf(convention, version=1).startswith(b"%PDF-")


def test_each_engagement_line_is_printed_once_and_blank_lines_are_not(world):
    convention = make_convention(world, ConventionKind.STRUCTURE)

    lines = convention_document_lines(convention, version=1)

    assert lines.count("Coordonner et animer le SPRO.") == 1
    assert lines.count("Déployer le plan.") == 1
    assert "" not in lines


def test_only_the_engagements_of_the_kind_and_filled_in_are_printed(world):
    convention = make_convention(
        world, ConventionKind.GOVERNMENT_REGION, region_engagements=" \n "
    )

    lines = convention_document_lines(convention, version=1)

    assert "Engagements de l'État" in lines
    assert "Engagements de la Région" not in lines
    assert "Participer aux instances de gouvernance." not in lines


def test_the_specific_terms_are_printed_only_when_there_are_some(world):
    without = make_convention(world, ConventionKind.REGION_NETWORK)
    assert "Modalités spécifiques de mise en œuvre" not in printed_text(without)

    without.specific_terms = "Un comité de suivi se réunit chaque trimestre."
    text = printed_text(without)

    assert "Modalités spécifiques de mise en œuvre" in text
    assert "Un comité de suivi se réunit chaque trimestre." in text


def test_the_signature_section_comes_last_with_one_block_per_party(world):
    convention = make_convention(world, ConventionKind.STRUCTURE)

    lines = convention_document_lines(convention, version=3)

    signatures = lines.index("Signatures")
    assert "Version 3 du document" in lines
    assert any("empreinte SHA-256" in line for line in lines[signatures:])
    for party in convention.parties.all():
        assert party.organisation.name in lines[signatures:]


def test_unusual_characters_render_without_error_and_stay_visible(world, caplog):
    engagement = "Engagement 🚀 ≠ ∞ 中文"
    convention = make_convention(
        world,
        ConventionKind.STRUCTURE,
        structure_engagements=f"{engagement}\nTab\there\x07",
        specific_terms="« Œuvrer » – l’équipe · {nb} %s %(x)s " + "x" * 500,
    )

    with caplog.at_level(logging.WARNING):
        document = render_convention_pdf(convention, version=1)

    assert document.startswith(b"%PDF-")
    assert not [r for r in caplog.records if "missing" in r.getMessage()]
    lines = convention_document_lines(convention, version=1)
    r = REPLACEMENT_CHARACTER
    assert f"Engagement {r} ≠ ∞ {r}{r}" in lines
    assert "Tab here" in lines
    assert any(line.startswith("« Œuvrer » – l’équipe · {nb} %s") for line in lines)


def test_a_long_document_breaks_across_pages(world):
    many = "\n".join(f"Engagement numéro {n} de la Région." for n in range(150))
    convention = make_convention(
        world, ConventionKind.STRUCTURE, region_engagements=many
    )

    document = render_convention_pdf(convention, version=1)

    # The page tree is the only dictionary with a /Count (no outline).
    pages = re.findall(rb"/Count (\d+)", document)
    assert len(pages) == 1
    assert int(pages[0]) > 2


def test_two_renders_of_the_same_convention_print_the_same_lines(world):
    convention = make_convention(world, ConventionKind.REGION_NETWORK)

    first = convention_document_lines(convention, version=2)
    again = convention_document_lines(
        Convention.objects.get(pk=convention.pk), version=2
    )

    assert first == again
    assert render_convention_pdf(convention, version=2).startswith(b"%PDF-")


def test_a_party_named_as_its_quality_is_named_once(world):
    convention = make_convention(world, ConventionKind.STRUCTURE)
    world.region.name = "Région Bretagne"
    world.region.save()

    lines = convention_document_lines(convention, version=1)

    assert "Région Bretagne : Région Bretagne" not in lines
    assert "Région Bretagne" in lines[: lines.index("Durée")]
    signatures = lines[lines.index("Signatures") :]
    assert signatures.count("Région Bretagne") == 1
    assert any(line.startswith("Réseau régional : ") for line in lines)
