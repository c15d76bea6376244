"""Demo data for Bretagne: who is who, where, and with which postcode.

The tables live in CSV files beside ``communes.csv`` (organisations, territories,
networks, structures, postcodes, texts of the public cards, accounts), so that
adding a structure or an account is a line of data that anyone can read, diff and
review, not a change to code. This module keeps what is not a table: the shape of
each row (the ``*Spec`` dataclasses), the constants of the demo, one rule of the
random draw (``PHONE_PREFIXES``) and ``of_town``. It reads every file once, at
import, into the public names that ``loader.py`` and the other apps' demos use
(``TERRITORIES``, ``STRUCTURES``, ``ACCOUNTS``…), with the same types as before.

Every file is UTF-8 with a header row, read with ``csv.DictReader``. Cells are
plain text, except:

- an empty cell means ``None`` in an optional column (a structure's ``network``,
  an account's ``role``…) and is refused in any other column;
- a flag is ``yes`` or ``no``;
- a list is ``|``-separated (``Editors|Moderators``; empty: no item).

A file whose header is not exactly the expected one, a row with too few or too many
cells, or a key given twice is refused with a ValueError naming the file: a
renamed column or a stray comma must not load half a demo.

Every town named in the tables must appear, spelt the same way, in
``communes.csv`` (GeoNames, CC BY 4.0) and in ``postcodes.csv``; the loader checks
both before writing anything.

Slugs are the stable keys of the demo rows: never change one, or a second run would
create a new row instead of finding the old one.
"""

from __future__ import annotations

import csv
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

# Folder of the CSV files (this package).
DATA_DIR = Path(__file__).resolve().parent

# Seed of every random choice, so that two runs build the same data.
DEMO_SEED = 2026

# Password of every demo account (documented in README.md).
DEMO_PASSWORD = "Bretagne-Orientation-2026"  # noqa: S105 - public demo password

# Second factor of the demo accounts that need one: the hex of the 20 ASCII bytes
# "spro-demo-totp-key!!". Its base32 form is given by
# ``loader.demo_totp_key_base32()``.
DEMO_TOTP_KEY_HEX = b"spro-demo-totp-key!!".hex()
DEMO_TOTP_DEVICE_NAME = "Application d'authentification (démo)"

# Domain of the demo accounts' e-mail addresses (``login`` of accounts.csv + this).
ACCOUNT_DOMAIN = "spro-demo.bzh"

# Telephone prefixes by département (the first two pairs of digits). A rule of the
# random draw rather than a table: a prefix given twice is drawn twice as often.
PHONE_PREFIXES: dict[str, tuple[str, ...]] = {
    "22": ("02 96",),
    "29": ("02 98",),
    "35": ("02 99", "02 99", "02 23"),
    "56": ("02 97",),
}


# Reading the CSV files ------------------------------------------------------------

_YES, _NO = "yes", "no"


def read_table(
    name: str,
    columns: tuple[str, ...],
    *,
    optional: Collection[str] = (),
    flags: Collection[str] = (),
) -> list[dict[str, str]]:
    """The rows of the CSV file ``name`` of ``DATA_DIR``, as column → cell.

    Refuses (ValueError) a header other than ``columns``, a row with a missing or
    extra cell, an empty cell outside the ``optional`` columns and a cell of a
    ``flags`` column other than ``yes`` or ``no``: the readers below can then
    convert without checking again.
    """
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, strict=True)
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(
                f"{name}: columns {reader.fieldnames}, expected {list(columns)}"
            )
        rows = []
        for row in reader:
            where = f"{name}, line {reader.line_num}"
            if None in row or None in row.values():
                raise ValueError(f"{where}: expected {len(columns)} cells")
            for column, cell in row.items():
                if not cell and column not in optional:
                    raise ValueError(f"{where}: empty {column!r}")
                if column in flags and cell not in (_YES, _NO):
                    raise ValueError(f"{where}: {column!r} must be yes or no")
            rows.append(row)
    return rows


def _optional(cell: str) -> str | None:
    """An optional cell: empty means None."""
    return cell or None


def _flag(cell: str) -> bool:
    """A ``yes``/``no`` cell (checked by ``read_table``)."""
    return cell == _YES


def _list(cell: str) -> tuple[str, ...]:
    """A ``|``-separated cell; empty means no item."""
    return tuple(cell.split("|")) if cell else ()


def _keyed(name: str, rows: list[dict[str, str]], key: str) -> None:
    """Refuse a table read into a dict whose key column repeats a value."""
    seen: set[str] = set()
    for row in rows:
        if row[key] in seen:
            raise ValueError(f"{name}: {key} {row[key]!r} given twice")
        seen.add(row[key])


# Organisations ------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationSpec:
    """An organisation that is not a structure: Région, State, GREF."""

    slug: str
    name: str
    kind: str  # an OrganisationKind value


def read_organisations() -> tuple[OrganisationSpec, ...]:
    """``organisations.csv``: slug, name, kind."""
    rows = read_table("organisations.csv", ("slug", "name", "kind"))
    return tuple(OrganisationSpec(**row) for row in rows)


REGIONAL_ORGANISATIONS: tuple[OrganisationSpec, ...] = read_organisations()


# Territories --------------------------------------------------------------------


@dataclass(frozen=True)
class TerritorySpec:
    """A local area of coordination, drawn around the town at its centre."""

    slug: str
    name: str
    departement: str
    centre: str  # a commune of communes.csv, in the same département


def read_territories() -> tuple[TerritorySpec, ...]:
    """``territories.csv``: slug, name, departement, centre."""
    columns = ("slug", "name", "departement", "centre")
    return tuple(TerritorySpec(**row) for row in read_table("territories.csv", columns))


TERRITORIES: tuple[TerritorySpec, ...] = read_territories()


# Networks -----------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkSpec:
    """A regional network (section II of the framework) and its head."""

    slug: str
    name: str
    short_name: str
    head_slug: str
    head_name: str
    is_partner: bool
    description: str


_NETWORK_COLUMNS = (
    "slug",
    "name",
    "short_name",
    "head_slug",
    "head_name",
    "is_partner",
    "shared_domain",
    "description",
)


def read_networks() -> tuple[tuple[NetworkSpec, ...], dict[str | None, str | None]]:
    """``networks.csv``: the networks, and the domain their structures share.

    ``shared_domain`` is the domain of the public e-mail address and web site of
    the network's structures; empty: each structure has its own
    (``<slug>.example``), as the points de contact (network None) do.
    """
    rows = read_table(
        "networks.csv",
        _NETWORK_COLUMNS,
        optional={"shared_domain"},
        flags={"is_partner"},
    )
    networks = tuple(
        NetworkSpec(
            slug=row["slug"],
            name=row["name"],
            short_name=row["short_name"],
            head_slug=row["head_slug"],
            head_name=row["head_name"],
            is_partner=_flag(row["is_partner"]),
            description=row["description"],
        )
        for row in rows
    )
    domains: dict[str | None, str | None] = {
        row["slug"]: _optional(row["shared_domain"]) for row in rows
    }
    domains[None] = None
    return networks, domains


NETWORKS: tuple[NetworkSpec, ...]
NETWORK_DOMAINS: dict[str | None, str | None]
NETWORKS, NETWORK_DOMAINS = read_networks()


# Structures ---------------------------------------------------------------------


@dataclass(frozen=True)
class StructureSpec:
    """A structure that receives the public, in one town of ``communes.csv``."""

    slug: str
    name: str
    commune: str
    structure_type: str  # a StructureType value
    network: str | None  # a NetworkSpec slug, or None for a point de contact


def of_town(town: str) -> str:
    """French "de <town>" with its elisions: d'Auray, du Faouët, de la Gacilly."""
    if town.startswith("Le "):
        return "du " + town[3:]
    if town.startswith("Les "):
        return "des " + town[4:]
    if town.startswith("La "):
        return "de la " + town[3:]
    if town[0] in "AEÉÈIOUYaeéèiouy":
        return "d'" + town
    return "de " + town


def read_structures() -> tuple[StructureSpec, ...]:
    """``structures.csv``: slug, name, commune, structure_type, network (empty for
    a point de contact)."""
    rows = read_table(
        "structures.csv",
        ("slug", "name", "commune", "structure_type", "network"),
        optional={"network"},
    )
    return tuple(
        StructureSpec(
            slug=row["slug"],
            name=row["name"],
            commune=row["commune"],
            structure_type=row["structure_type"],
            network=_optional(row["network"]),
        )
        for row in rows
    )


STRUCTURES: tuple[StructureSpec, ...] = read_structures()


def read_postcodes() -> dict[str, str]:
    """``postcodes.csv``: commune, postcode (main postcode of every town used)."""
    rows = read_table("postcodes.csv", ("commune", "postcode"))
    _keyed("postcodes.csv", rows, "commune")
    return {row["commune"]: row["postcode"] for row in rows}


POSTCODES: dict[str, str] = read_postcodes()


def read_column(name: str, column: str) -> tuple[str, ...]:
    """The cells of a one-column file, in order."""
    return tuple(row[column] for row in read_table(name, (column,)))


# Street names and address complements, drawn at random for the cards.
STREETS: tuple[str, ...] = read_column("streets.csv", "street")
ADDRESS_COMPLEMENTS: tuple[str, ...] = read_column(
    "address_complements.csv", "complement"
)


# Texts of the public cards ------------------------------------------------------


def read_opening_hours() -> dict[str, tuple[tuple[str, str], ...]]:
    """``opening_hours.csv``: structure_type, opening_hours (a week in
    OpenStreetMap's format), hours_note; one row per variant.

    A type has as many rows as variants to draw from; ``default`` is used for
    the types that have no row.
    """
    hours: dict[str, list[tuple[str, str]]] = {}
    for row in read_table(
        "opening_hours.csv",
        ("structure_type", "opening_hours", "hours_note"),
        optional=("hours_note",),
    ):
        hours.setdefault(row["structure_type"], []).append(
            (row["opening_hours"], row["hours_note"])
        )
    return {kind: tuple(variants) for kind, variants in hours.items()}


OPENING_HOURS: dict[str, tuple[tuple[str, str], ...]] = read_opening_hours()


def read_card_texts() -> tuple[dict[str, str], dict[str, str]]:
    """``card_texts.csv``: structure_type, description, appointment_info.

    One row per structure type; ``{of_city}`` in a description becomes "de
    <town>" (``of_town``).
    """
    name = "card_texts.csv"
    rows = read_table(name, ("structure_type", "description", "appointment_info"))
    _keyed(name, rows, "structure_type")
    descriptions = {row["structure_type"]: row["description"] for row in rows}
    appointments = {row["structure_type"]: row["appointment_info"] for row in rows}
    return descriptions, appointments


DESCRIPTIONS: dict[str, str]
APPOINTMENT_INFO: dict[str, str]
DESCRIPTIONS, APPOINTMENT_INFO = read_card_texts()


def read_accessibility_notes() -> tuple[tuple[str, ...], str]:
    """``accessibility_notes.csv``: wheelchair_accessible, note.

    The notes drawn for accessible premises (``yes``), and the one note of the
    premises that are not (exactly one ``no`` row).
    """
    name = "accessibility_notes.csv"
    rows = read_table(
        name, ("wheelchair_accessible", "note"), flags={"wheelchair_accessible"}
    )
    accessible = tuple(r["note"] for r in rows if _flag(r["wheelchair_accessible"]))
    others = [r["note"] for r in rows if not _flag(r["wheelchair_accessible"])]
    if len(others) != 1:
        raise ValueError(f"{name}: expected exactly one row with {_NO!r}")
    return accessible, others[0]


ACCESSIBILITY_NOTES: tuple[str, ...]
ACCESSIBILITY_NOTES_NOT_ACCESSIBLE: str
ACCESSIBILITY_NOTES, ACCESSIBILITY_NOTES_NOT_ACCESSIBLE = read_accessibility_notes()


# Accounts -----------------------------------------------------------------------


@dataclass(frozen=True)
class AccountSpec:
    """A demo account and its role (``role`` None: no membership)."""

    email: str
    first_name: str
    last_name: str
    job_title: str
    role: str | None  # a Role value
    organisation: str | None  # an organisation slug
    territory: str | None = None  # a territory slug, for territorial officers
    is_staff: bool = False
    groups: tuple[str, ...] = ()


_ACCOUNT_COLUMNS = (
    "login",
    "first_name",
    "last_name",
    "job_title",
    "role",
    "organisation",
    "territory",
    "is_staff",
    "groups",
    "main",
)


def read_accounts() -> tuple[tuple[AccountSpec, ...], tuple[AccountSpec, ...]]:
    """``accounts.csv``: the main accounts (``main`` yes: one per role, documented
    in README.md), then the colleagues at other structures (``main`` no), so that
    member lists are not empty.

    The e-mail address is ``<login>@ACCOUNT_DOMAIN``; ``groups`` are Wagtail
    groups, ``|``-separated.
    """
    rows = read_table(
        "accounts.csv",
        _ACCOUNT_COLUMNS,
        optional={"role", "organisation", "territory", "groups"},
        flags={"is_staff", "main"},
    )
    main: list[AccountSpec] = []
    colleagues: list[AccountSpec] = []
    for row in rows:
        spec = AccountSpec(
            email=f"{row['login']}@{ACCOUNT_DOMAIN}",
            first_name=row["first_name"],
            last_name=row["last_name"],
            job_title=row["job_title"],
            role=_optional(row["role"]),
            organisation=_optional(row["organisation"]),
            territory=_optional(row["territory"]),
            is_staff=_flag(row["is_staff"]),
            groups=_list(row["groups"]),
        )
        (main if _flag(row["main"]) else colleagues).append(spec)
    return tuple(main), tuple(colleagues)


MAIN_ACCOUNTS: tuple[AccountSpec, ...]
COLLEAGUE_ACCOUNTS: tuple[AccountSpec, ...]
MAIN_ACCOUNTS, COLLEAGUE_ACCOUNTS = read_accounts()

ACCOUNTS: tuple[AccountSpec, ...] = MAIN_ACCOUNTS + COLLEAGUE_ACCOUNTS
