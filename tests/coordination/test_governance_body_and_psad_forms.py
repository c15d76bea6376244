"""The Région's coordination creates a governance body (one per kind) and
keeps a PSAD (pilot, territories, partners, contact) through forms; a body's
secretariat renames it. Nobody else does; bad input answers 400 in French
with what was typed kept; a partner outside Bretagne, or an id that is no
structure's, is refused and nothing is saved; every change is in the
history with the acting user."""

from __future__ import annotations

import html

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from coordination.governance import services
from coordination.models import Body, Platform
from extranet.models import OrganisationKind

from ..conftest import login
from ..factories import StructureFactory, TerritoryFactory, body_for

pytestmark = pytest.mark.django_db


def _page(response) -> str:
    return html.unescape(response.content.decode())


def _gref_org(world):
    return world.gref.memberships.get().organisation


# Bodies -----------------------------------------------------------------------


def test_the_regional_coordination_creates_a_body_written_in_the_history(client, world):
    login(client, world.coordinator)
    listing = _page(client.get(reverse("governance:list")))
    assert "Nouvelle instance" in listing
    assert client.get(reverse("governance:body_new")).status_code == 200
    response = client.post(
        reverse("governance:body_new"),
        {
            "kind": "steering",
            "name": "Comité de pilotage du PRP",
            "short_name": "Copil PRP",
            "description": "Suit le plan régional de professionnalisation.",
            "co_secretariat": _gref_org(world).pk,
        },
    )
    body = Body.objects.get()
    assert response.status_code == 302
    assert response["Location"] == body.get_absolute_url()
    assert (body.kind, body.short_name) == ("steering", "Copil PRP")
    assert body.co_secretariat == _gref_org(world)
    row = body.history.get()
    assert row.history_type == "+"
    assert row.history_user == world.coordinator
    assert row.history_change_reason == "create"
    # The GREF it names now runs it.
    login(client, world.gref)
    assert client.get(body.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "who", ["professional_a", "referent_a", "network_head_a", "gref", "government"]
)
def test_nobody_but_the_regional_coordination_creates_a_body(client, world, who):
    user = getattr(world, who)
    login(client, user)
    assert "Nouvelle instance" not in _page(client.get(reverse("governance:list")))
    assert client.get(reverse("governance:body_new")).status_code == 403
    response = client.post(
        reverse("governance:body_new"), {"kind": "gtr", "name": "Instance pirate"}
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.body_create(actor=user, kind="gtr", data={"name": "Pirate"})
    assert not Body.objects.exists()


def test_a_second_body_of_the_same_kind_is_refused_in_french(client, world):
    body_for(world, "gpr")
    with pytest.raises(ValidationError) as error:
        services.body_create(
            actor=world.coordinator, kind="gpr", data={"name": "Second GPR"}
        )
    assert "existe déjà" in str(error.value)
    login(client, world.coordinator)
    form = _page(client.get(reverse("governance:body_new")))
    assert 'value="gpr"' not in form  # only the kinds still free are offered
    response = client.post(
        reverse("governance:body_new"), {"kind": "gpr", "name": "Second GPR"}
    )
    assert response.status_code == 400
    page = _page(response)
    assert "Sélectionnez un choix valide" in page
    assert 'value="Second GPR"' in page
    assert Body.objects.count() == 1


def test_bad_input_keeps_what_was_typed_with_a_french_message(client, world):
    login(client, world.coordinator)
    response = client.post(
        reverse("governance:body_new"),
        {"kind": "gtr", "name": "", "description": "Rôle tapé avant l'erreur."},
    )
    assert response.status_code == 400
    page = _page(response)
    assert "Rien n'a été enregistré" in page
    assert "Champ requis" in page
    assert "Rôle tapé avant l'erreur." in page
    assert not Body.objects.exists()


@pytest.mark.parametrize(
    "description", ["<script>alert(1)</script>", "Rôle " * 500, "\x00"]
)
def test_a_description_with_html_or_too_long_is_refused_not_a_500(
    client, world, description
):
    login(client, world.coordinator)
    response = client.post(
        reverse("governance:body_new"),
        {"kind": "gtr", "name": "GTR", "description": description},
    )
    assert response.status_code == 400
    assert not Body.objects.exists()


def test_a_co_secretariat_other_than_gref_is_refused(client, world):
    government_org = world.government.memberships.get().organisation
    with pytest.raises(ValidationError) as error:
        services.body_create(
            actor=world.coordinator,
            kind="gtr",
            data={"name": "GTR"},
            co_secretariat=government_org,
        )
    assert "GREF" in str(error.value)
    login(client, world.coordinator)
    response = client.post(
        reverse("governance:body_new"),
        {"kind": "gtr", "name": "GTR", "co_secretariat": government_org.pk},
    )
    assert response.status_code == 400
    assert 'value="GTR"' in _page(response)
    assert not Body.objects.exists()


def test_the_coordination_renames_a_body_but_never_changes_its_kind(client, world):
    body = body_for(world, "gtr", members=[world.network_head_a])
    login(client, world.coordinator)
    page = _page(client.get(body.get_absolute_url()))
    assert reverse("governance:body_edit", args=[body.pk]) in page
    response = client.post(
        reverse("governance:body_edit", args=[body.pk]),
        {
            "kind": "gpr",
            "name": "Groupe technique",
            "short_name": "GT",
            "description": "Prépare les travaux du GPR.",
            "co_secretariat": _gref_org(world).pk,
        },
    )
    assert response.status_code == 302
    body.refresh_from_db()
    assert (body.kind, body.name, body.short_name) == ("gtr", "Groupe technique", "GT")
    assert body.co_secretariat == _gref_org(world)
    latest = body.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        world.coordinator,
        "update",
    )
    # A member reads the body but is offered no edit, and is refused one.
    login(client, world.network_head_a)
    page = _page(client.get(body.get_absolute_url()))
    assert reverse("governance:body_edit", args=[body.pk]) not in page
    url = reverse("governance:body_edit", args=[body.pk])
    assert client.post(url, {"name": "Pirate"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.body_update(body=body, actor=world.network_head_a, data={"name": "X"})
    body.refresh_from_db()
    assert body.name == "Groupe technique"


def test_gref_cannot_name_itself_co_secretariat_through_the_service(world):
    steering = body_for(world, "steering", co_secretariat=_gref_org(world))
    with pytest.raises(PermissionDenied):
        services.body_update(
            body=steering, actor=world.gref, data={}, co_secretariat=None
        )
    steering.refresh_from_db()
    assert steering.co_secretariat == _gref_org(world)


# PSAD ---------------------------------------------------------------------------


@pytest.fixture
def platform(world):
    return services.platform_save(
        actor=world.coordinator,
        name="PSAD Pays de Rennes",
        pilot=world.structure_a,
        territories=[world.territory_a],
        partners=[world.structure_a2],
    )


def _psad_data(world, **changes):
    return {
        "name": "PSAD Pays de Rennes et de Brest",
        "pilot": world.structure_a.pk,
        "territories": [world.territory_a.pk, world.territory_b.pk],
        "partners": [world.structure_a2.pk, world.structure_b.pk],
        "contact_name": "Coordination PSAD",
        "contact_email": "psad@example.org",
        "contact_phone": "02 99 00 00 00",
        **changes,
    }


def _state(platform) -> tuple:
    platform = Platform.objects.get(pk=platform.pk)
    return (
        platform.organisation.name,
        platform.pilot_id,
        sorted(platform.territories.values_list("pk", flat=True)),
        sorted(platform.partners.values_list("pk", flat=True)),
        platform.contact_name,
        platform.history.count(),
    )


def test_the_coordination_edits_a_psad_and_the_history_keeps_its_partners(
    client, world, platform
):
    login(client, world.coordinator)
    listing = _page(client.get(reverse("governance:platforms")))
    url = reverse("governance:platform_edit", args=[platform.pk])
    assert url in listing
    form = _page(client.get(url))
    assert 'value="PSAD Pays de Rennes"' in form
    before = platform.history.count()
    response = client.post(url, _psad_data(world))
    assert response.status_code == 302
    assert response["Location"] == reverse("governance:platforms")
    platform = Platform.objects.get(pk=platform.pk)
    assert platform.organisation.name == "PSAD Pays de Rennes et de Brest"
    assert set(platform.territories.all()) == {world.territory_a, world.territory_b}
    assert set(platform.partners.all()) == {world.structure_a2, world.structure_b}
    assert platform.contact_phone == "02 99 00 00 00"
    rows = list(platform.history.order_by("history_id")[before:])
    assert rows and {r.history_user for r in rows} == {world.coordinator}
    latest = platform.history.latest()
    assert {p.structure_id for p in latest.partners.all()} == {
        world.structure_a2.pk,
        world.structure_b.pk,
    }
    assert {t.territory_id for t in latest.territories.all()} == {
        world.territory_a.pk,
        world.territory_b.pk,
    }
    renamed = platform.organisation.history.latest()
    assert renamed.history_user == world.coordinator
    assert renamed.name == "PSAD Pays de Rennes et de Brest"


def test_a_partner_outside_bretagne_is_refused_and_nothing_is_saved(
    client, world, platform
):
    elsewhere = StructureFactory(
        territory=TerritoryFactory(name="Nantes", slug="nantes", departement="44"),
        postcode="44000",
        city="Nantes",
    )
    with pytest.raises(ValidationError) as error:
        services.platform_save(
            actor=world.coordinator,
            platform=platform,
            name="PSAD Pays de Rennes",
            pilot=world.structure_a,
            territories=[world.territory_a],
            partners=[world.structure_a2, elsewhere],
        )
    assert "structures du SPRO en Bretagne" in str(error.value)
    before = _state(platform)
    login(client, world.coordinator)
    url = reverse("governance:platform_edit", args=[platform.pk])
    assert elsewhere.organisation.name not in _page(client.get(url))
    response = client.post(
        url,
        _psad_data(world, partners=[world.structure_a2.pk, elsewhere.pk]),
    )
    assert response.status_code == 400
    page = _page(response)
    assert "Sélectionnez un choix valide" in page
    assert 'value="PSAD Pays de Rennes et de Brest"' in page  # typed name kept
    assert _state(platform) == before


@pytest.mark.parametrize(
    "changes",
    [
        {"partners": ["999999"]},
        {"partners": ["abc"]},
        {"pilot": "999999"},
        {"territories": ["999999"]},
        {"territories": []},
        {"contact_phone": "pas un numéro"},
        {"contact_email": "pas un courriel"},
        {"name": ""},
        {"name": "<b>PSAD</b>"},
    ],
    ids=lambda c: next(iter(c)),
)
def test_a_tampered_or_bad_value_answers_400_and_saves_nothing(
    client, world, platform, changes
):
    before = _state(platform)
    login(client, world.coordinator)
    url = reverse("governance:platform_edit", args=[platform.pk])
    response = client.post(url, _psad_data(world, **changes))
    assert response.status_code == 400
    page = _page(response)
    assert "Rien n'a été enregistré" in page
    assert 'value="Coordination PSAD"' in page  # what was typed is kept
    assert _state(platform) == before


def test_the_pilot_is_not_its_own_partner(client, world, platform):
    before = _state(platform)
    login(client, world.coordinator)
    response = client.post(
        reverse("governance:platform_edit", args=[platform.pk]),
        _psad_data(world, partners=[world.structure_a.pk]),
    )
    assert response.status_code == 400
    assert "sa propre partenaire" in _page(response)
    assert _state(platform) == before


def test_an_inactive_structure_cannot_pilot_a_psad(world, platform):
    world.structure_b.organisation.is_active = False
    world.structure_b.organisation.save()
    with pytest.raises(ValidationError) as error:
        services.platform_save(
            actor=world.coordinator,
            platform=platform,
            name="PSAD Pays de Rennes",
            pilot=world.structure_b,
            territories=[world.territory_a],
            partners=[],
        )
    assert "pilote" in str(error.value)


@pytest.mark.parametrize("who", ["referent_a", "professional_a", "gref"])
def test_the_pilots_referent_and_others_cannot_edit_a_psad(
    client, world, platform, who
):
    """referent_a is the referent of the pilot structure (A): the PSAD acts
    through them in local plans, but its definition is the Région's."""
    user = getattr(world, who)
    before = _state(platform)
    login(client, user)
    url = reverse("governance:platform_edit", args=[platform.pk])
    assert url not in _page(client.get(reverse("governance:platforms")))
    assert client.get(url).status_code == 403
    assert client.post(url, _psad_data(world)).status_code == 403
    with pytest.raises(PermissionDenied):
        services.platform_save(
            actor=user,
            platform=platform,
            name="PSAD volée",
            pilot=world.structure_a,
            territories=[world.territory_a],
            partners=[],
        )
    assert _state(platform) == before
    assert platform.organisation.kind == OrganisationKind.PSAD


def test_an_unknown_psad_answers_404_to_the_coordination(client, world):
    login(client, world.coordinator)
    url = reverse("governance:platform_edit", args=[999999])
    assert client.get(url).status_code == 404
