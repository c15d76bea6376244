"""The demo data: a realistic Bretagne; loading it again changes nothing."""

from __future__ import annotations

from io import StringIO

import opening_hours
import pytest
from django.core.management import CommandError, call_command

from extranet.demo import data
from extranet.models import (
    Membership,
    Network,
    OpeningException,
    Role,
    Structure,
    Territory,
    User,
)
from extranet.models.memberships import ROLES_REQUIRING_OTP
from extranet.models.organisations import (
    BRETAGNE_LAT,
    BRETAGNE_LON,
)


def fingerprint() -> tuple:
    return (
        Structure.objects.count(),
        OpeningException.objects.count(),
        Structure.history.count(),
        User.objects.count(),
        Membership.objects.count(),
        Territory.objects.count(),
        Network.objects.count(),
    )


@pytest.mark.django_db
def test_load_demo_builds_bretagne_and_a_second_run_changes_nothing():
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Données de démonstration chargées" in out.getvalue()
    assert Structure.objects.count() >= 150
    assert Territory.objects.count() >= 18
    assert set(Territory.objects.values_list("departement", flat=True)) == {
        "22",
        "29",
        "35",
        "56",
    }
    assert Network.objects.count() == 12
    for structure in Structure.objects.select_related("territory"):
        assert BRETAGNE_LAT[0] <= structure.latitude <= BRETAGNE_LAT[1]
        assert BRETAGNE_LON[0] <= structure.longitude <= BRETAGNE_LON[1]
        assert structure.postcode.startswith(structure.territory.departement)
        # Every demo office gives its week, as data an OpenStreetMap reader takes.
        assert structure.weekly_hours
        opening_hours.OpeningHours(structure.osm_opening_hours())
    assert OpeningException.objects.filter(label="Fermeture de fin d'année").exists()
    assert OpeningException.objects.filter(opens__isnull=False).exists()
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    # Every demo account whose role asks for a second factor can present one
    # (the apps' own demo accounts too), and every territorial officer has a
    # territory.
    sensitive = User.objects.filter(
        memberships__role__in=ROLES_REQUIRING_OTP
    ).distinct()
    assert not sensitive.filter(totpdevice__isnull=True).exists()
    assert not Membership.objects.filter(
        role=Role.TERRITORIAL_OFFICER, territory__isnull=True
    ).exists()

    before = fingerprint()
    call_command("load_demo", stdout=StringIO())
    assert fingerprint() == before


@pytest.mark.django_db
def test_load_demo_if_empty_leaves_an_existing_database_alone(world):
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert Structure.objects.count() == 3


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("slug,nom,is_partner\na,b,yes\n", "columns"),
        ("slug,name,is_partner\na,b\n", "expected 3 cells"),
        ("slug,name,is_partner\na,b,yes,c\n", "expected 3 cells"),
        ("slug,name,is_partner\n,b,yes\n", "empty 'slug'"),
        ("slug,name,is_partner\na,b,oui\n", "must be yes or no"),
    ],
)
def test_a_malformed_demo_table_is_refused_before_anything_is_loaded(
    tmp_path, monkeypatch, content, error
):
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    (tmp_path / "table.csv").write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=error):
        data.read_table(
            "table.csv",
            ("slug", "name", "is_partner"),
            optional={"name"},
            flags={"is_partner"},
        )


@pytest.mark.django_db
def test_load_demo_only_runs_the_named_apps_demos_and_refuses_an_unknown_one():
    from conventions.models import Convention
    from training.models import Plan

    call_command("load_demo", "--only", "conventions", stdout=StringIO())
    assert Structure.objects.count() >= 150
    assert Convention.objects.exists()
    assert not Plan.objects.exists()
    with pytest.raises(CommandError, match="Aucune démonstration pour : inconnue"):
        call_command("load_demo", "--only", "inconnue", stdout=StringIO())
