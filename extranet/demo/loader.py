"""Load the demo tables (the CSV files ``data.py`` reads) into the database,
idempotently.

Every row is looked up by its stable slug (or e-mail address) first and only
created when missing; a row that already exists is left exactly as it is, so a
second run creates nothing and changes nothing, and the edits made while trying
the demo survive a new run. Rows are saved one by one with ``save()`` (never
``bulk_create`` or ``QuerySet.update``) so that django-simple-history records them.

Random choices (addresses, phone numbers, channels…) come from a generator seeded
with ``DEMO_SEED`` and the structure's slug: the same structure always gets the
same card, whatever the order of the lists.
"""

from __future__ import annotations

import base64
import csv
import math
import random
from collections.abc import Iterable
from dataclasses import (
    dataclass,
    field,
)
from datetime import (
    date,
    datetime,
    time,
    timedelta,
)
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..hours import parse_osm_week
from ..models import (
    Membership,
    MembershipStatus,
    Network,
    OpeningException,
    Organisation,
    OrganisationKind,
    Structure,
    Territory,
    User,
)
from ..models.memberships import ROLES_REQUIRING_OTP
from ..models.organisations import (
    BRETAGNE_LAT,
    BRETAGNE_LON,
)
from . import data
from .data import (
    DEMO_PASSWORD,
    DEMO_SEED,
    DEMO_TOTP_DEVICE_NAME,
    DEMO_TOTP_KEY_HEX,
    AccountSpec,
    NetworkSpec,
    StructureSpec,
    TerritorySpec,
    of_town,
)

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_TOTP_KEY_HEX",
    "Commune",
    "DemoSummary",
    "check_data",
    "demo_totp_key_base32",
    "haversine_km",
    "load_communes",
    "load_demo",
    "nearest_territory",
]

COMMUNES_CSV = Path(__file__).resolve().parents[1] / "data" / "communes.csv"

# Maximum shift of a structure from its town's centre, in degrees.
JITTER = 0.008

# Structure types of each service (section 1.3 of the framework).
CEP_TYPES = frozenset(
    {"france_travail", "mission_locale", "cap_emploi", "apec", "transitions_pro"}
)
ORIENTATION_TYPES = frozenset({"cio", "suio", "info_jeunesse", "mission_locale"})
ENTREPRENEURSHIP_TYPES = frozenset({"cci", "cma", "agriculture"})
# Share of the structures of a type that give VAE advice, or entrepreneurship
# advice besides the consular chambers.
VAE_SHARE = {
    "transitions_pro": 1.0,
    "cap_emploi": 0.5,
    "cio": 0.4,
    "france_travail": 0.3,
    "apec": 0.3,
    "suio": 0.3,
    "pae": 0.2,
    "mission_locale": 0.15,
}
ENTREPRENEURSHIP_SHARE = {
    "pae": 0.3,
    "france_travail": 0.2,
    "apec": 0.2,
    "mission_locale": 0.15,
    "info_jeunesse": 0.1,
}
# Share of the structures of a type that offer instant messaging or video calls.
CHAT_SHARE = {
    "info_jeunesse": 0.5,
    "apec": 0.5,
    "mission_locale": 0.4,
    "france_travail": 0.3,
    "suio": 0.3,
    "other": 0.0,
}
VISIO_SHARE = {
    "apec": 0.8,
    "transitions_pro": 0.8,
    "cap_emploi": 0.5,
    "france_travail": 0.4,
    "mission_locale": 0.3,
    "suio": 0.3,
    "cci": 0.3,
    "cma": 0.3,
    "agriculture": 0.3,
    "cio": 0.2,
    "other": 0.0,
}


@dataclass(frozen=True)
class Commune:
    """A town of ``communes.csv`` (GeoNames, CC BY 4.0)."""

    insee_code: str
    name: str
    departement: str
    latitude: float
    longitude: float
    population: int


@dataclass
class DemoSummary:
    """What the demo holds after a run, and how much this run added."""

    regional_organisations: int = 0
    territories: int = 0
    networks: int = 0
    structures: int = 0
    accounts: int = 0
    created: int = 0
    created_by_model: dict[str, int] = field(default_factory=dict)


def demo_totp_key_base32() -> str:
    """The demo TOTP secret in base32, as authenticator apps and oathtool want it."""
    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY_HEX)).decode("ascii")


def load_communes(path: Path = COMMUNES_CSV) -> dict[str, Commune]:
    """Read the towns of Bretagne, keyed by their name as spelt in the file."""
    with path.open(encoding="utf-8", newline="") as f:
        return {
            row["name"]: Commune(
                insee_code=row["insee_code"],
                name=row["name"],
                departement=row["departement"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                population=int(row["population"]),
            )
            for row in csv.DictReader(f)
        }


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = (
        math.sin(dphi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def nearest_territory(
    commune: Commune,
    territories: Iterable[TerritorySpec],
    communes: dict[str, Commune],
) -> TerritorySpec:
    """The territory of the same département whose centre is nearest the town."""
    candidates = [t for t in territories if t.departement == commune.departement]
    if not candidates:
        raise ValueError(f"No demo territory in département {commune.departement}")
    return min(
        candidates,
        key=lambda t: haversine_km(
            commune.latitude,
            commune.longitude,
            communes[t.centre].latitude,
            communes[t.centre].longitude,
        ),
    )


def check_data(communes: dict[str, Commune]) -> None:
    """Check that the demo tables agree with the towns and with each other; raise
    ValueError if not.

    Every town used (``territories.csv``, ``structures.csv``) must be in
    ``communes.csv`` and ``postcodes.csv``, its postcode in its département,
    territory centres in their département, slugs unique, and the accounts'
    organisations and territories known.
    """
    problems: list[str] = []
    towns = {t.centre for t in data.TERRITORIES} | {s.commune for s in data.STRUCTURES}
    for town in sorted(towns):
        commune = communes.get(town)
        postcode = data.POSTCODES.get(town)
        if commune is None:
            problems.append(f"{town!r} is not in communes.csv")
        elif postcode is None:
            problems.append(f"{town!r} has no postcode in postcodes.csv")
        elif not postcode.startswith(commune.departement):
            problems.append(f"{town!r}: postcode {postcode} not in its département")
    for territory in data.TERRITORIES:
        commune = communes.get(territory.centre)
        if commune and commune.departement != territory.departement:
            problems.append(f"{territory.slug}: centre outside its département")
    organisation_slugs = (
        [o.slug for o in data.REGIONAL_ORGANISATIONS]
        + [n.head_slug for n in data.NETWORKS]
        + [s.slug for s in data.STRUCTURES]
    )
    for label, values in (
        ("organisation slug", organisation_slugs),
        ("organisation name", [s.name for s in data.STRUCTURES]),
        ("territory slug", [t.slug for t in data.TERRITORIES]),
        ("network slug", [n.slug for n in data.NETWORKS]),
        ("account e-mail", [a.email for a in data.ACCOUNTS]),
    ):
        duplicates = sorted({v for v in values if values.count(v) > 1})
        if duplicates:
            problems.append(f"duplicate {label}: {', '.join(duplicates)}")
    known_territories = {t.slug for t in data.TERRITORIES}
    known_organisations = set(organisation_slugs)
    for account in data.ACCOUNTS:
        if account.organisation and account.organisation not in known_organisations:
            problems.append(f"{account.email}: unknown {account.organisation!r}")
        if account.territory and account.territory not in known_territories:
            problems.append(f"{account.email}: unknown {account.territory!r}")
    if problems:
        raise ValueError("Inconsistent demo data:\n- " + "\n- ".join(problems))


def _coordinate(value: float, bounds: tuple[Decimal, Decimal]) -> Decimal:
    """Round to the model's 5 decimals, kept strictly inside Bretagne's box."""
    low, high = float(bounds[0]) + 0.001, float(bounds[1]) - 0.001
    return Decimal(f"{min(max(value, low), high):.5f}")


def _phone(rng: random.Random, departement: str) -> str:
    prefix = rng.choice(data.PHONE_PREFIXES[departement])
    return prefix + "".join(f" {rng.randint(0, 99):02d}" for _ in range(3))


def _address(rng: random.Random) -> str:
    street = rng.choice(data.STREETS)
    number = rng.randint(1, 12) if street.startswith("place") else rng.randint(1, 64)
    return f"{number} {street}"


def _card_checked_at(rng: random.Random, now: datetime) -> datetime | None:
    """Most cards checked lately, some over six months ago, some never."""
    draw = rng.random()
    if draw < 0.10:
        return None
    if draw < 0.25:
        days = rng.randint(200, 420)
    else:
        days = rng.randint(3, 160)
    return now - timedelta(days=days, hours=rng.randint(0, 9))


def build_structure(
    spec: StructureSpec,
    organisation: Organisation,
    commune: Commune,
    territory: Territory,
    network: Network | None,
    now: datetime,
) -> Structure:
    """An unsaved, complete public card for ``spec``, drawn deterministically."""
    rng = random.Random(f"{DEMO_SEED}:{spec.slug}")
    kind = spec.structure_type
    is_contact_point = network is None

    shared_domain = data.NETWORK_DOMAINS.get(spec.network)
    if shared_domain:
        domain, email = shared_domain, f"{spec.slug}@{shared_domain}"
        website = f"https://www.{shared_domain}/{spec.slug}/"
    else:
        domain = f"{spec.slug}.example"
        email, website = f"contact@{domain}", f"https://www.{domain}/"

    channel_mail = rng.random() < (0.5 if is_contact_point else 0.85)
    channel_chat = rng.random() < CHAT_SHARE.get(kind, 0.1)
    channel_visio = rng.random() < VISIO_SHARE.get(kind, 0.1)
    wheelchair = rng.random() < 0.88

    if is_contact_point:
        status = MembershipStatus.CONTACT_POINT
    elif network.is_partner:
        status = MembershipStatus.MEMBER
    else:
        status = MembershipStatus.ASSOCIATED
    api = status == MembershipStatus.MEMBER

    week, hours_note = rng.choice(
        data.OPENING_HOURS.get(kind, data.OPENING_HOURS["default"])
    )
    return Structure(
        organisation=organisation,
        structure_type=kind,
        network=network,
        territory=territory,
        membership_status=status,
        description=data.DESCRIPTIONS[kind].format(of_city=of_town(commune.name)),
        address_line=_address(rng),
        address_complement=(
            rng.choice(data.ADDRESS_COMPLEMENTS) if rng.random() < 0.25 else ""
        ),
        postcode=data.POSTCODES[commune.name],
        city=commune.name,
        latitude=_coordinate(
            commune.latitude + rng.uniform(-JITTER, JITTER), BRETAGNE_LAT
        ),
        longitude=_coordinate(
            commune.longitude + rng.uniform(-JITTER, JITTER), BRETAGNE_LON
        ),
        weekly_hours=parse_osm_week(week),
        hours_note=hours_note,
        appointment_info=data.APPOINTMENT_INFO[kind],
        phone=_phone(rng, commune.departement),
        email=email if channel_mail else "",
        website=website,
        chat_url=f"https://chat.{domain}/{spec.slug}" if channel_chat else "",
        visio_url=f"https://visio.{domain}/{spec.slug}" if channel_visio else "",
        channel_face_to_face=True,
        channel_phone=True,
        channel_chat=channel_chat,
        channel_visio=channel_visio,
        channel_mail=channel_mail,
        service_api=api,
        service_cep=kind in CEP_TYPES,
        service_vae=rng.random() < VAE_SHARE.get(kind, 0.0),
        service_orientation=kind in ORIENTATION_TYPES,
        service_entrepreneurship=(
            kind in ENTREPRENEURSHIP_TYPES
            or rng.random() < ENTREPRENEURSHIP_SHARE.get(kind, 0.0)
        ),
        wheelchair_accessible=wheelchair,
        accessibility_notes=(
            rng.choice(data.ACCESSIBILITY_NOTES)
            if wheelchair
            else data.ACCESSIBILITY_NOTES_NOT_ACCESSIBLE
        ),
        is_published=True,
        card_checked_at=_card_checked_at(rng, now),
    )


class _DemoLoader:
    """One run of the loader: keeps the rows found or made, and counts creations."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.communes = load_communes()
        check_data(self.communes)
        self.summary = DemoSummary()
        self.organisations: dict[str, Organisation] = {}
        self.territories: dict[str, Territory] = {}
        self.networks: dict[str, Network] = {}
        self._password_hash: str | None = None

    def _created(self, instance: object) -> None:
        name = type(instance).__name__
        self.summary.created += 1
        by_model = self.summary.created_by_model
        by_model[name] = by_model.get(name, 0) + 1

    def _save_new(self, instance, **clean_options) -> None:
        instance.full_clean(**clean_options)
        instance.save()
        self._created(instance)

    # Organisations, territories, networks ---------------------------------------

    def organisation(self, slug: str, name: str, kind: str) -> Organisation:
        """The organisation with this slug, created if missing."""
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            organisation = Organisation(slug=slug, name=name, kind=kind)
            self._save_new(organisation)
        self.organisations[slug] = organisation
        return organisation

    def territory(self, spec: TerritorySpec) -> Territory:
        """The territory with this slug (or, failing that, name), created if missing."""
        territory = (
            Territory.objects.filter(slug=spec.slug).first()
            or Territory.objects.filter(name=spec.name).first()
        )
        if territory is None:
            territory = Territory(
                slug=spec.slug, name=spec.name, departement=spec.departement
            )
            self._save_new(territory)
        self.territories[spec.slug] = territory
        return territory

    def network(self, spec: NetworkSpec) -> Network:
        """The network and its head organisation, created if missing."""
        head = self.organisation(
            spec.head_slug, spec.head_name, OrganisationKind.NETWORK_HEAD
        )
        network = (
            Network.objects.filter(slug=spec.slug).first()
            or Network.objects.filter(name=spec.name).first()
            or Network.objects.filter(head=head).first()
        )
        if network is None:
            network = Network(
                slug=spec.slug,
                name=spec.name,
                short_name=spec.short_name,
                head=head,
                description=spec.description,
                is_partner=spec.is_partner,
            )
            self._save_new(network)
        self.networks[spec.slug] = network
        return network

    # Structures ----------------------------------------------------------------------

    def structure(self, spec: StructureSpec) -> Structure:
        """The structure of ``spec`` and its organisation, created if missing."""
        organisation = self.organisation(
            spec.slug, spec.name, OrganisationKind.STRUCTURE
        )
        existing = Structure.objects.filter(organisation=organisation).first()
        if existing is not None:
            return existing
        commune = self.communes[spec.commune]
        territory_spec = nearest_territory(commune, data.TERRITORIES, self.communes)
        structure = build_structure(
            spec,
            organisation,
            commune,
            self.territories[territory_spec.slug],
            self.networks[spec.network] if spec.network else None,
            self.now,
        )
        self._save_new(structure)
        for exception in build_exceptions(spec, structure, self.now):
            self._save_new(exception)
        return structure

    # Accounts ------------------------------------------------------------------------

    @property
    def password_hash(self) -> str:
        # Hashing is slow by design: hash the shared demo password once, then give
        # every new account that same encoded value (what set_password stores).
        if self._password_hash is None:
            self._password_hash = make_password(DEMO_PASSWORD)
        return self._password_hash

    def account(self, spec: AccountSpec) -> User:
        """The demo user, their role, groups and second factor, each if missing."""
        user = User.objects.filter(email__iexact=spec.email).first()
        if user is None:
            user = User(
                email=spec.email,
                first_name=spec.first_name,
                last_name=spec.last_name,
                job_title=spec.job_title,
                is_staff=spec.is_staff,
                password=self.password_hash,
            )
            self._save_new(user)
        if spec.role:
            organisation = self.organisations[spec.organisation]
            has_role = Membership.objects.filter(
                user=user, organisation=organisation, role=spec.role
            ).exists()
            if not has_role:
                membership = Membership(
                    user=user,
                    organisation=organisation,
                    role=spec.role,
                    territory=(
                        self.territories[spec.territory] if spec.territory else None
                    ),
                )
                self._save_new(membership)
        if spec.groups:
            missing = Group.objects.filter(name__in=spec.groups).exclude(user=user)
            for group in missing:
                user.groups.add(group)
                self._created(group)
        if spec.role in ROLES_REQUIRING_OTP or spec.is_staff:
            self.totp_device(user)
        return user

    def totp_device(self, user: User) -> TOTPDevice:
        """The user's demo authenticator, created (confirmed) if missing."""
        device = TOTPDevice.objects.filter(
            user=user, name=DEMO_TOTP_DEVICE_NAME
        ).first()
        if device is None:
            device = TOTPDevice(
                user=user,
                name=DEMO_TOTP_DEVICE_NAME,
                key=DEMO_TOTP_KEY_HEX,
                confirmed=True,
            )
            self._save_new(device)
        return device

    # Whole run -----------------------------------------------------------------------

    def run(self) -> DemoSummary:
        """Load everything, then count what the demo holds."""
        for spec in data.REGIONAL_ORGANISATIONS:
            self.organisation(spec.slug, spec.name, spec.kind)
        for spec in data.TERRITORIES:
            self.territory(spec)
        for spec in data.NETWORKS:
            self.network(spec)
        for spec in data.STRUCTURES:
            self.structure(spec)
        for spec in data.ACCOUNTS:
            self.account(spec)

        summary = self.summary
        summary.regional_organisations = Organisation.objects.filter(
            slug__in=[o.slug for o in data.REGIONAL_ORGANISATIONS]
        ).count()
        summary.territories = len(self.territories)
        summary.networks = len(self.networks)
        summary.structures = Structure.objects.filter(
            organisation__slug__in=[s.slug for s in data.STRUCTURES]
        ).count()
        summary.accounts = User.objects.filter(
            email__in=[a.email for a in data.ACCOUNTS]
        ).count()
        return summary


def build_exceptions(
    spec: StructureSpec, structure: Structure, now: datetime
) -> list[OpeningException]:
    """What a real office announces: a year-end closure (two in five), three
    weeks shut in August (CIO), a morning-only training day (one in six)."""
    rng = random.Random(f"{DEMO_SEED}:{spec.slug}:hours")
    today = timezone.localdate(now)
    year = today.year - 1 if (today.month, today.day) == (1, 1) else today.year
    exceptions = []
    if rng.random() < 0.4:
        exceptions.append(
            OpeningException(
                structure=structure,
                starts=date(year, 12, 24),
                ends=date(year + 1, 1, 1),
                label="Fermeture de fin d'année",
            )
        )
    if spec.structure_type == "cio":
        summer = year if today <= date(year, 8, 21) else year + 1
        exceptions.append(
            OpeningException(
                structure=structure,
                starts=date(summer, 8, 1),
                ends=date(summer, 8, 21),
                label="Fermeture estivale",
            )
        )
    if rng.random() < 1 / 6:
        day = today + timedelta(days=rng.randint(3, 20))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        exceptions.append(
            OpeningException(
                structure=structure,
                starts=day,
                ends=day,
                opens=time(9, 0),
                closes=time(12, 0),
                label="Formation de l'équipe l'après-midi",
            )
        )
    return exceptions


def load_demo(now: datetime | None = None) -> DemoSummary:
    """Load the demo data (call inside a transaction); return what the demo holds.

    ``now`` is the reference date of the "card checked on" dates (default: now).
    """
    return _DemoLoader(now or timezone.now()).run()


def load_accounts(specs: Iterable[AccountSpec]) -> list[User]:
    """Demo accounts that other apps' demos need (heads of the networks whose
    conventions they move…), made the same way as those of ``data.py``; specs
    whose organisation is missing are skipped."""
    specs = list(specs)
    loader = _DemoLoader(timezone.now())
    loader.organisations = {
        o.slug: o
        for o in Organisation.objects.filter(slug__in=[s.organisation for s in specs])
    }
    loader.territories = {
        t.slug: t
        for t in Territory.objects.filter(slug__in=[s.territory for s in specs])
    }
    return [loader.account(s) for s in specs if s.organisation in loader.organisations]
