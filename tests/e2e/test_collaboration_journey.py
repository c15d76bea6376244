"""Knowing each other, in a real browser: a professional finds who offers what
near a person in the service map and adds their own structure's service,
which then shows on its public page; a good practice goes from writing to
the referent's review, the Région's publication, a "useful" mark and a reuse
by another structure; GREF adds a document to the resource library, publishes
it and uploads a new version, which a professional finds and downloads. Every
page passes axe."""

from __future__ import annotations

import re
import time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from collaboration.models import Practice, PracticeReuse, PracticeUseful, ServiceEntry
from extranet.models import Role

from ..factories import ServiceEntryFactory, member
from .conftest import check_accessibility, log_in
from .test_convention_cycles import _log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_professional_finds_who_offers_what_and_maps_their_own_service(world, page):
    ServiceEntryFactory(
        structure=world.structure_b,
        title="Conseil en évolution professionnelle",
        kind="advice",
        description="Un point complet sur le projet de reconversion.",
        audiences="|employees|",
        how_to_refer="Écrire à l'accueil avec l'accord de la personne.",
    )
    ServiceEntryFactory(
        structure=world.structure_b, title="Atelier CV", kind="workshop"
    )

    log_in(page, world.professional_a.email)
    page.goto(reverse("servicemap:search"))
    check_accessibility(page)

    started = time.monotonic()
    page.get_by_label("Mots-clés").fill("reconversion")
    page.get_by_label("Besoin : nature de l'aide").select_option("advice")
    page.get_by_role("button", name="Filtrer").click()
    results = page.locator("main")
    expect(results).to_contain_text("Conseil en évolution professionnelle")
    expect(results).to_contain_text(world.structure_b.name)
    expect(results).to_contain_text("Écrire à l'accueil avec l'accord de la personne.")
    expect(results).not_to_contain_text("Atelier CV")
    assert time.monotonic() - started < 5
    check_accessibility(page)

    page.get_by_role("link", name="Conseil en évolution professionnelle").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Conseil en évolution professionnelle"
    )
    check_accessibility(page)

    # Their own structure's service, public.
    page.goto(reverse("servicemap:entry_new"))
    check_accessibility(page)
    page.get_by_label("Intitulé").fill("Permanence orientation des jeunes")
    page.get_by_label("Nature").select_option("information")
    page.get_by_label("Ce qui est proposé").fill(
        "Sans rendez-vous le mercredi : métiers, formations, apprentissage."
    )
    page.get_by_label("Jeunes de 16 à 25 ans").check()
    page.get_by_label("Toute la Bretagne").check()
    page.get_by_label("Sur place").first.check()
    page.get_by_label("Comment orienter une personne").fill(
        "La personne vient le mercredi après-midi."
    )
    page.get_by_label("Visible du public").check()
    page.get_by_role("button", name="Enregistrer la fiche").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Permanence orientation des jeunes"
    )
    entry = ServiceEntry.objects.get(title="Permanence orientation des jeunes")
    assert entry.structure == world.structure_a and entry.is_public

    page.goto(reverse("directory:detail", args=[world.structure_a.organisation.slug]))
    expect(page.locator("main")).to_contain_text("Permanence orientation des jeunes")
    check_accessibility(page)


def test_a_practice_is_written_reviewed_published_found_useful_and_reused(world, page):
    log_in(page, world.professional_a.email)
    page.goto(reverse("practices:new"))
    check_accessibility(page)
    page.get_by_label("Titre").fill("Un café métiers mensuel avec les entreprises")
    page.get_by_label("Contexte").fill(
        "Les jeunes connaissent peu les métiers du bassin."
    )
    page.get_by_label("Problème traité").fill("Des choix d'orientation par défaut.")
    page.get_by_label(re.compile(r"^La pratique")).fill(
        "Chaque mois, une entreprise présente ses métiers, puis une visite."
    )
    page.get_by_label("Thème").select_option("employers")
    page.get_by_label(re.compile(r"^Public")).select_option("young")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Un café métiers")
    check_accessibility(page)
    practice = Practice.objects.get()
    page.get_by_role("button", name="Soumettre au référent de la structure").click()
    expect(page.locator("main")).to_contain_text("Soumise au référent")

    page.context.clear_cookies()
    log_in(page, world.referent_a.email)
    page.goto(practice.get_absolute_url())
    page.get_by_role("button", name="Valider et transmettre à la Région").click()
    expect(page.locator("main")).to_contain_text("En relecture régionale")

    page.context.clear_cookies()
    _log_in(page, world.coordinator)
    page.goto(practice.get_absolute_url())
    check_accessibility(page)
    page.get_by_role("button", name="Publier").click()
    expect(page.locator("main")).to_contain_text("Publiée")

    # Another structure finds it, finds it useful and reuses it.
    other = member(Role.PROFESSIONAL, world.structure_b.organisation)
    page.context.clear_cookies()
    log_in(page, other.email)
    page.goto(reverse("practices:list"))
    check_accessibility(page)
    page.get_by_label("Mots-clés").fill("café métiers")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_role(
        "link", name="Un café métiers mensuel avec les entreprises"
    ).click()
    page.get_by_role("button", name="Utile").click()
    page.get_by_role("button", name="Nous l'avons reprise").click()
    expect(page.locator("main")).to_contain_text("1 structure l'a reprise.")
    check_accessibility(page)
    assert PracticeUseful.objects.filter(practice=practice, user=other).exists()
    assert PracticeReuse.objects.filter(
        practice=practice, structure=world.structure_b
    ).exists()


def test_gref_publishes_a_resource_and_a_professional_downloads_it(
    world, page, tmp_path
):
    from collaboration.models import Resource

    from ..factories import pdf_bytes

    document = tmp_path / "perspectives-soin.pdf"
    document.write_bytes(pdf_bytes("Les métiers du soin"))
    newer = tmp_path / "perspectives-soin-2027.pdf"
    newer.write_bytes(pdf_bytes("Les métiers du soin, édition 2027"))

    _log_in(page, world.gref)
    page.goto(reverse("resources:list"))
    check_accessibility(page)
    page.get_by_role("link", name="Ajouter une ressource").click()
    check_accessibility(page)
    page.get_by_label(re.compile(r"^Titre")).fill("Les métiers du soin")
    page.get_by_label(re.compile(r"^Présentation")).fill(
        "Fiche « Perspectives » : infirmier·e, aide-soignant·e, et les formations."
    )
    page.get_by_label(re.compile(r"^Thème")).select_option("jobs")
    page.get_by_label(re.compile(r"^Fichier")).set_input_files(str(document))
    page.get_by_label("Ce que contient cette version").fill("Édition 2026")
    page.get_by_role("button", name="Enregistrer la ressource").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Les métiers du soin")
    expect(page.locator("main")).to_contain_text("En préparation")
    check_accessibility(page)
    page.get_by_role("button", name="Publier la ressource").click()
    expect(page.locator("main")).to_contain_text("La ressource est publiée")
    wrong = tmp_path / "outil.exe"
    wrong.write_bytes(b"MZ\x90\x00")
    page.get_by_label(re.compile(r"^Nouvelle version du document")).set_input_files(
        str(wrong)
    )
    page.get_by_role("button", name="Déposer la version").click()
    expect(page.locator("main")).to_contain_text("Ce type de fichier n'est pas accepté")
    check_accessibility(page)
    page.get_by_label(re.compile(r"^Nouvelle version du document")).set_input_files(
        str(newer)
    )
    page.get_by_label("Ce qui change").fill("Édition 2027")
    page.get_by_role("button", name="Déposer la version").click()
    expect(page.locator("main")).to_contain_text("La version 2 est désormais")
    check_accessibility(page)
    resource = Resource.objects.get()
    assert list(resource.versions.values_list("number", flat=True)) == [2, 1]
    page.get_by_role("link", name="Modifier la présentation").click()
    check_accessibility(page)
    page.get_by_label(re.compile(r"^Source")).fill("GREF Bretagne")
    page.get_by_role("button", name="Enregistrer la ressource").click()
    expect(page.locator("main")).to_contain_text("La ressource a été modifiée.")

    page.context.clear_cookies()
    log_in(page, world.professional_a.email)
    # The search everywhere finds it, then the library's own list does.
    page.get_by_role("link", name="Rechercher", exact=True).click()
    check_accessibility(page)
    page.get_by_role("search").get_by_role("searchbox").fill("métiers du soin")
    page.get_by_role("search").get_by_role("button", name="Rechercher").click()
    expect(
        page.get_by_role("heading", name=re.compile(r"^Ressources : 1 résultat"))
    ).to_be_visible()
    check_accessibility(page)
    page.goto(reverse("resources:list"))
    page.get_by_label("Mots-clés").fill("soin")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_role("link", name="Les métiers du soin").click()
    check_accessibility(page)
    expect(page.locator("main")).to_contain_text("Édition 2027")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Télécharger")).click()
    assert download.value.suggested_filename == "perspectives-soin-2027.pdf"
    assert open(download.value.path(), "rb").read().startswith(b"%PDF")
