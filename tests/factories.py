"""factory-boy factories for the domain: one per model, realistic French values."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from extranet.models import (
    Membership,
    Network,
    Organisation,
    OrganisationKind,
    Role,
    Structure,
    StructureType,
    Territory,
    User,
)

DEFAULT_PASSWORD = "Mot-de-passe-de-test-2026"


STAFF_FIRST_NAMES = (
    "Agnès",
    "Bernard",
    "Denis",
    "Élise",
    "Fabrice",
    "Gaëlle",
    "Hervé",
    "Isabelle",
    "Jérôme",
    "Loïc",
    "Nicolas",
    "Odile",
    "Pierre",
    "Rozenn",
    "Serge",
    "Tanguy",
    "Armelle",
    "Gwenaël",
    "Ronan",
    "Goulven",
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"agent{n}@structure.example")
    # Staff first names from a fixed list that no test gives to a person it
    # looks for (a generated "Camille" once matched a person's label).
    first_name = factory.Iterator(STAFF_FIRST_NAMES)
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Territoire {n}")
    slug = factory.Sequence(lambda n: f"territoire-{n}")
    departement = "35"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.STRUCTURE


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Réseau régional {n}")
    short_name = factory.Sequence(lambda n: f"R{n}")
    slug = factory.Sequence(lambda n: f"reseau-{n}")
    head = factory.SubFactory(
        OrganisationFactory,
        kind=OrganisationKind.NETWORK_HEAD,
        name=factory.Sequence(lambda n: f"Tête de réseau {n}"),
    )


class StructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Structure

    organisation = factory.SubFactory(
        OrganisationFactory,
        kind=OrganisationKind.STRUCTURE,
        name=factory.Sequence(lambda n: f"Mission locale {n}"),
    )
    structure_type = StructureType.MISSION_LOCALE
    network = factory.SubFactory(NetworkFactory)
    territory = factory.SubFactory(TerritoryFactory)
    address_line = "12 rue de la République"
    postcode = "35000"
    city = "Rennes"
    latitude = Decimal("48.11198")
    longitude = Decimal("-1.67429")
    phone = "02 99 00 00 00"
    email = factory.Sequence(lambda n: f"contact{n}@ml.example")
    weekly_hours = factory.LazyFunction(
        lambda: [[day, "09:00", "17:00"] for day in range(5)]
    )
    service_api = True
    service_cep = True
    card_checked_at = factory.LazyFunction(timezone.now)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.PROFESSIONAL


def region() -> Organisation:
    org, _ = Organisation.objects.get_or_create(
        slug="region-bretagne",
        defaults={"name": "Région Bretagne", "kind": OrganisationKind.REGION},
    )
    return org


def member(role: str, organisation: Organisation, **kwargs) -> User:
    """A new user holding ``role`` in ``organisation``."""
    user = UserFactory(**kwargs.pop("user_kwargs", {}))
    MembershipFactory(user=user, organisation=organisation, role=role, **kwargs)
    return user


# Conventions -----------------------------------------------------------------

# The member of ``world`` (the fixture of ``tests.conftest``) who legitimately
# holds each workflow role on the conventions of structure A and network A, and on
# the State–Région convention.
LEGITIMATE_ACTORS = {
    "structure_referent": "referent_a",
    "network_head": "network_head_a",
    "regional_coordinator": "coordinator",
    "government_representative": "government",
}

# The engagements of the State: not in a network convention's default content,
# needed before submitting a network convention the State co-signs.
GOVERNMENT_ENGAGEMENTS = "Mobiliser les services de l'État dans le SPRO."

COMMENT = "Merci de préciser les engagements de la structure."


def _actor(world, role: str, actors: dict | None):
    if actors and role in actors:
        return actors[role]
    return getattr(world, LEGITIMATE_ACTORS[role])


def convention_start_for(
    world,
    kind: str,
    *,
    year: int | None = None,
    structure: Structure | None = None,
    government_cosigns: bool = True,
    actors: dict | None = None,
):
    """A draft convention of ``kind``, started through the service by its drafter.

    Structure conventions are for ``structure`` (default: structure A, whose
    referent drafts; another structure's convention is started by the Région),
    network conventions for network A (co-signed by the State unless told
    otherwise). ``actors`` (workflow role → user) replaces the legitimate actors.
    """
    from conventions import services
    from conventions.models import ConventionKind

    year = year or timezone.localdate().year
    if kind == ConventionKind.STRUCTURE:
        structure = structure or world.structure_a
        if actors and "structure_referent" in actors:
            drafter = actors["structure_referent"]
        elif structure.pk == world.structure_a.pk:
            drafter = world.referent_a
        else:
            drafter = world.coordinator
        return services.convention_start(
            user=drafter, kind=kind, year=year, structure=structure
        )
    if kind == ConventionKind.REGION_NETWORK:
        head = _actor(world, "network_head", actors)
        convention = services.convention_start(
            user=head,
            kind=kind,
            year=year,
            network=world.network_a,
            government_cosigns=government_cosigns,
        )
        if government_cosigns:
            convention = services.convention_update(
                user=head,
                convention=convention,
                data={"government_engagements": GOVERNMENT_ENGAGEMENTS},
                seen_updated_at="",
            )
        return convention
    return services.convention_start(
        user=_actor(world, "regional_coordinator", actors), kind=kind, year=year
    )


def convention_fire(world, convention, transition_name: str, *, actors=None):
    """Fire ``transition_name`` as the legitimate holder of its (first) role."""
    from .workflow_kit import fire_by_actor

    return fire_by_actor(
        convention,
        transition_name,
        actors=_world_actors(world, actors),
        comment=COMMENT,
    )


def _world_actors(world, actors=None) -> dict:
    return {role: _actor(world, role, actors) for role in LEGITIMATE_ACTORS}


def convention_drive(world, convention, state: str, *, signed_by=(), actors=None):
    """Bring ``convention`` to ``state`` the shortest way (the workflow kit's
    ``drive``), each step fired by its legitimate actor of the world.

    ``signed_by``: the parties ("structure", "network", "region", "government") who
    sign once it is in signature. ``in_force`` is reached by every party signing,
    ``expired`` then by the scheduled expiry (only for a past year).
    """
    from conventions.definitions import sign

    from .workflow_kit import drive

    return drive(
        convention,
        state,
        actors=_world_actors(world, actors),
        loops=[sign(party) for party in signed_by],
        comment=COMMENT,
    )


def convention_in_state(
    world, kind: str, state: str, *, signed_by=(), actors=None, **start_kwargs
):
    """A new convention of ``kind`` brought to ``state`` (see ``convention_drive``;
    ``start_kwargs`` go to ``convention_start_for``)."""
    convention = convention_start_for(world, kind, actors=actors, **start_kwargs)
    return convention_drive(
        world, convention, state, signed_by=signed_by, actors=actors
    )


def pdf_bytes(text: str = "Convention signée") -> bytes:
    """A small, real PDF of one page (what a referent would upload)."""
    from fpdf import FPDF

    pdf = FPDF()
    # A fixed date: the same text gives the same bytes (a version's checksum).
    pdf.set_creation_date(datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC))
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


# Training --------------------------------------------------------------------


def plan_action(world, **fields):
    """An action of this year's plan, offered by GREF."""
    from training.models import Plan, PlanAction

    year = timezone.localdate().year
    plan, _ = Plan.objects.get_or_create(
        year=year, version=1, defaults={"title": f"Plan {year}", "state": "validated"}
    )
    gref = world.gref.memberships.get().organisation
    values = {
        "plan": plan,
        "theme": "Accueil personnalisé et individualisé",
        "objectives": "Conduire un premier accueil.",
        "audience": "Professionnel·les de l'accueil",
        "offered_by": gref,
        "planned_hours": Decimal("6.0"),
    }
    values.update(fields)
    return PlanAction.objects.create(**values)


def training_session(world, *, starts_in_days: int = 30, capacity: int = 10, **fields):
    """A published session of one day (9:00–12:00 and 13:30–16:30), in
    ``starts_in_days`` days, open for enrolment from yesterday until noon the day
    before. Tests judge other moments with ``workflows.engine.clock``."""
    import datetime

    from training import services

    day = timezone.localdate() + datetime.timedelta(days=starts_in_days)
    action = fields.pop("action", None) or plan_action(world)
    now = timezone.now()

    def at(d, hour):
        return timezone.make_aware(datetime.datetime.combine(d, datetime.time(hour)))

    values = {
        "title": "Accueil personnalisé : les fondamentaux",
        "place": "Espace Région, Rennes",
        "visio_url": "https://visio.example.org/salle-secrete",
        "capacity": capacity,
        "trainer_name": "Équipe du GREF",
        "enrolment_opens_at": now - datetime.timedelta(days=1),
        "enrolment_closes_at": at(day - datetime.timedelta(days=1), 12),
        "territory": world.territory_a,
    }
    values.update(fields)
    return services.session_create(
        user=world.gref,
        action=action,
        slots=[
            (day, "am", datetime.time(9, 0), datetime.time(12, 0)),
            (day, "pm", datetime.time(13, 30), datetime.time(16, 30)),
        ],
        publish=True,
        **values,
    )


def staff(world, structure_attr: str = "structure_a"):
    """A new professional of one of the world's structures."""
    structure = getattr(world, structure_attr)
    return member(Role.PROFESSIONAL, structure.organisation)


def enrolment_for(world, session, person=None, *, approve: bool = True):
    """``person`` (a new professional of structure A by default) asks for a
    place; their referent approves unless told not to."""
    from training import services
    from workflows import engine

    person = person or staff(world)
    enrolment = services.enrolment_request(user=person, session=session)
    if approve:
        referent = engine.binding_for(enrolment).holders(
            enrolment, "structure_referent"
        )
        enrolment = engine.fire(enrolment, "approve", user=referent.first())
    return enrolment


def session_with_participants(world, count: int = 3, **fields):
    """A session in three days (two half-days) and ``count`` confirmed
    enrolments of new professionals of structure A."""
    session = training_session(world, starts_in_days=3, **fields)
    return session, [enrolment_for(world, session) for _ in range(count)]


def during(slot, minutes: int = 30):
    """A moment ``minutes`` after ``slot`` starts (for ``engine.clock``)."""
    import datetime

    return slot.starts_at() + datetime.timedelta(minutes=minutes)


def record_half_day(slot, marks: dict, *, user):
    """Record a half-day's sheet at a moment it is under way."""
    from training import attendance
    from workflows import engine

    with engine.clock(during(slot)):
        return attendance.attendance_record(
            user=user, slot=slot, marks={e.pk: present for e, present in marks.items()}
        )


def plan_draft(world, *, year: int = 2031, with_action: bool = True):
    """A plan of ``year`` in draft, made by GREF, with one action (or none)."""
    from training import services

    plan = services.plan_create(user=world.gref, year=year, title=f"Plan {year}")
    if with_action:
        services.plan_action_save(
            user=world.gref,
            plan=plan,
            data={
                "theme": "Accueil à distance",
                "objectives": "Adapter l'accueil aux canaux à distance.",
                "audience": "Professionnel·les de l'accueil",
                "format": "remote",
                "reach": "regional",
                "offered_by": world.gref.memberships.get().organisation,
                "planned_sessions": 2,
                "planned_hours": Decimal("3.0"),
            },
        )
    return plan


def plan_in_state(world, state: str, *, year: int = 2031):
    """A plan of ``year`` brought to ``state`` by whoever holds each step's role."""
    from . import workflow_kit as kit

    return kit.drive(plan_draft(world, year=year), state)


def needs_campaign(world, *, days: int = 30, year: int = 2031):
    """A census of the needs of ``year``, opened by GREF, closing in ``days``."""
    import datetime

    from training import services

    return services.campaign_open(
        user=world.gref,
        year=year,
        title=f"Recensement des besoins {year}",
        deadline=timezone.now() + datetime.timedelta(days=days),
    )


def need_for(world, campaign, user=None, **fields):
    """A need said by ``user`` (``network_head_a`` by default) in ``campaign``."""
    from training import services

    data = {
        "theme": "Accueil des publics en situation de handicap",
        "audience": "Conseiller·es",
        "people": 12,
        "priority": "high",
        "reach": "regional",
        "territory": None,
        "comment": "",
    }
    data.update(fields)
    return services.need_save(
        user=user or world.network_head_a, campaign=campaign, data=data
    )


# Reception (the accueil personnalisé et individualisé) -------------------------


def reception_world(world):
    """The world's structures deliver the API and the conseils, under a
    convention in force (section 2.2): they may receive and be referred to."""
    until = timezone.localdate() + datetime.timedelta(days=365)
    for name in ("structure_a", "structure_a2", "structure_b"):
        structure = getattr(world, name)
        structure.convention_valid_until = until
        structure.service_api = True
        structure.service_cep = True
        structure.service_orientation = True
        structure.save()
    return world


def reception_for(world, user=None, **fields):
    """A full reception recorded by ``user`` (professional A by default)."""
    from reception import services

    values = {
        "channel": "face_to_face",
        "mode": "on_the_spot",
        "urgency": "normal",
        "questions": ["orientation", "training"],
        "age_band": "16_25",
        "person_status": "job_seeker",
        "person_label": "Camille",
        "contact": "camille@exemple.fr",
        "summary": "Souhaite se réorienter vers les métiers du soin.",
        "next_steps": "Rencontrer un conseiller CEP",
        "share_summary": True,
    }
    values.update(fields)
    return services.reception_record(user=user or world.professional_a, **values)


def slot_for(world, structure=None, *, in_days: int = 5, hour: int = 10, **fields):
    """A slot of ``structure`` (B by default) open to referrers and the public."""
    from reception.models import Slot

    structure = structure or world.structure_b
    day = timezone.localdate() + datetime.timedelta(days=in_days)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))
    values = {
        "structure": structure,
        "service": "cep",
        "channel": "place",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(minutes=45),
        "place": "Accueil, rez-de-chaussée",
        "bookable_by": "public",
        "books_from": timezone.now() - datetime.timedelta(days=1),
        "books_until": starts - datetime.timedelta(hours=4),
    }
    values.update(fields)
    return Slot.objects.create(**values)


def referral_for(world, reception=None, *, user=None, to=None, **fields):
    """A referral of a reception of structure A to structure B, consented."""
    from reception import services

    reception = reception or reception_for(world)
    values = {
        "to_structure": to or world.structure_b,
        "service": "cep",
        "consent_method": "oral",
        "consent_given": True,
        "purpose": "un conseil en évolution professionnelle",
        "contact_channel": "phone",
        "contact": "06 12 34 56 78",
        "person_label": "Camille",
        "request": "Faire le point sur un projet de reconversion.",
        "share_situation": True,
        "share_summary": True,
    }
    values.update(fields)
    return services.referral_send(
        user=user or world.professional_a, reception=reception, **values
    )


def referral_in_state(world, state: str, **fields):
    """A referral brought to ``state`` by legitimate actors."""
    from reception.models import Referral
    from workflows import engine

    referral = referral_for(world, **fields)
    if state == "sent":
        return referral
    if state == "declined":
        Referral.objects.filter(pk=referral.pk).update(decline_reason="full")
        referral.refresh_from_db()
    if state == "under_review":
        return engine.fire(referral, "review", user=world.referent_b)
    if state in ("accepted", "declined"):
        name = "accept" if state == "accepted" else "decline"
        return engine.fire(referral, name, user=world.referent_b)
    if state == "withdrawn":
        return engine.fire(referral, "withdraw", user=world.professional_a)
    if state == "expired":
        return engine.fire(referral, "expire", user=None, system=True)
    raise ValueError(state)


# Appointments ----------------------------------------------------------------


def series_data(world, structure=None, *, in_days: int = 7, **fields) -> dict:
    """What the slot series form posts: three 45-minute CEP slots from 9 h,
    open to the public, for a day to come (structure B by default)."""
    structure = structure or world.structure_b
    values = {
        "structure": structure,
        "day": timezone.localdate() + datetime.timedelta(days=in_days),
        "first_start": datetime.time(9, 0),
        "duration_minutes": 45,
        "count": 3,
        "service": "cep",
        "channel": "place",
        "place": "Bureau 2",
        "bookable_by": "public",
        "opens_days_before": 30,
        "closes_hours_before": 4,
    }
    values.update(fields)
    return values


def booked(world, slot=None, *, contact: str = "camille@exemple.fr", **slot_fields):
    """A slot of structure B booked online by Camille: (appointment, key)."""
    from reception import appointments

    slot = slot or slot_for(world, **slot_fields)
    return appointments.appointment_book_online(
        slot=slot, person_label="Camille", contact=contact
    )


def slot_moved(slot, *, starts_in: datetime.timedelta, minutes: int = 45):
    """Move ``slot`` (already booked, say) so it starts ``starts_in`` from now:
    the way to reach a slot that has started, or is about to."""
    from reception.models import Slot

    starts = timezone.now() + starts_in
    Slot.objects.filter(pk=slot.pk).update(
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=minutes),
        books_until=min(slot.books_until, starts),
    )
    slot.refresh_from_db()
    return slot


# Service map -----------------------------------------------------------------


class ServiceEntryFactory(factory.django.DjangoModelFactory):
    """A structure's service in the map (a local actor: ``local_actor()``)."""

    class Meta:
        model = "collaboration.ServiceEntry"

    structure = factory.SubFactory(StructureFactory)
    title = factory.Sequence(lambda n: f"Atelier orientation {n}")
    kind = "workshop"
    description = "Des ateliers collectifs pour découvrir les métiers du territoire."
    audiences = "|young|"
    conditions = "Sur inscription."
    coverage = "region"
    channels = "|face_to_face|phone|"
    how_to_refer = "Appeler l'accueil et donner le prénom de la personne."
    contact_phone = "02 99 00 00 01"
    is_public = False
    reviewed_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Saved, then its full-text vector computed as the services do (a
        row the search cannot find on PostgreSQL would test nothing)."""
        from collaboration.servicemap.search import refresh_entry_vectors

        entry = super()._create(model_class, *args, **kwargs)
        refresh_entry_vectors([entry.pk])
        return entry


def local_actor(territory, **fields):
    """A local actor listed by the territorial officer of ``territory``."""
    defaults = {
        "structure": None,
        "territory": territory,
        "actor_name": "Plateforme mobilité",
        "actor_domain": "mobility",
        "title": "Aide au permis et location de scooters",
        "kind": "scheme",
        "coverage": "territory",
        "coverage_territory": territory,
    }
    defaults.update(fields)
    return ServiceEntryFactory(**defaults)


def entry_form_data(**overrides) -> dict:
    """A valid POST of the entry form (a structure's service)."""
    data = {
        "title": "Conseil en évolution professionnelle",
        "kind": "advice",
        "description": "Un conseiller fait le point avec la personne sur son projet.",
        "audiences": ["employees", "job_seekers"],
        "conditions": "Gratuit, sur rendez-vous.",
        "coverage": "departements",
        "coverage_departements": ["29"],
        "coverage_communes": "",
        "channels": ["face_to_face", "visio"],
        "how_to_refer": "Envoyer un courriel avec l'accord de la personne.",
        "contact_name": "Accueil CEP",
        "contact_phone": "02 98 00 00 00",
        "contact_email": "cep@exemple.fr",
    }
    data.update(overrides)
    return data


# Good practices ----------------------------------------------------------------

PRACTICE_DATA = {
    "title": "Un café métiers mensuel avec les entreprises du bassin",
    "context": "Des jeunes suivis par la mission locale connaissent peu les métiers.",
    "problem": "Les représentations des métiers freinent les choix d'orientation.",
    "description": "Chaque mois, une entreprise présente ses métiers.\nPuis visite.",
    "results": "Quarante jeunes par session, dix stages décrochés.",
    "conditions": "Un partenariat avec le club d'entreprises local.",
    "contacts": "Chargée de relations entreprises, 02 99 00 00 00",
    "theme": "employers",
    "audience": "young",
}


class PracticeFactory(factory.django.DjangoModelFactory):
    """A published practice, stored as it is (no workflow history): for lists
    and searches that need many rows. One written and moved by its users is
    ``practice_for`` / ``practice_in_state``."""

    class Meta:
        model = "collaboration.Practice"

    structure = factory.SubFactory(StructureFactory)
    title = factory.Sequence(lambda n: f"Un café métiers {n} avec les entreprises")
    context = PRACTICE_DATA["context"]
    problem = PRACTICE_DATA["problem"]
    description = PRACTICE_DATA["description"]
    results = PRACTICE_DATA["results"]
    conditions = PRACTICE_DATA["conditions"]
    theme = PRACTICE_DATA["theme"]
    audience = PRACTICE_DATA["audience"]
    territory = factory.SelfAttribute("structure.territory")
    network = factory.SelfAttribute("structure.network")
    state = "published"
    state_entered_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyFunction(timezone.now)
    checked_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Saved, then its full-text vector computed as the services do."""
        from collaboration.practices.search import refresh_practice_vectors

        practice = super()._create(model_class, *args, **kwargs)
        refresh_practice_vectors([practice.pk])
        return practice


def practice_for(world, *, user=None, structure=None, **fields):
    """A draft practice of structure A (or ``structure``), written by its staff
    (through the service, which computes its full-text vector)."""
    from collaboration.practices import services

    structure = structure or world.structure_a
    if user is None:
        user = (
            world.professional_a
            if structure == world.structure_a
            else member(Role.PROFESSIONAL, structure.organisation)
        )
    data = {**PRACTICE_DATA, **fields}
    return services.practice_create(user=user, structure=structure, data=data)


def practice_in_state(world, state: str, *, structure=None, **fields):
    """A practice brought to ``state`` by legitimate actors (the structure's
    staff and referent, the Région's coordination)."""
    from workflows import engine

    structure = structure or world.structure_a
    practice = practice_for(world, structure=structure, **fields)
    staff_user = Membership.objects.filter(
        organisation=structure.organisation, role=Role.PROFESSIONAL
    ).first()
    referent = Membership.objects.filter(
        organisation=structure.organisation, role=Role.REFERENT
    ).first()
    staff_user = staff_user.user if staff_user else referent.user
    referent = referent.user if referent else None
    steps = {
        "draft": [],
        "submitted": [("submit", staff_user)],
        "regional_review": [("submit", staff_user), ("approve", referent)],
        "returned": [("submit", staff_user), ("return", referent)],
        "published": [
            ("submit", staff_user),
            ("approve", referent),
            ("publish", world.coordinator),
        ],
        "archived": [
            ("submit", staff_user),
            ("approve", referent),
            ("publish", world.coordinator),
            ("archive", world.coordinator),
        ],
    }[state]
    for name, user in steps:
        practice = engine.fire(practice, name, user=user, comment=COMMENT)
    return practice


def office_bytes(kind: str = "docx", text: str = "Fiche outil") -> bytes:
    """A minimal, valid office package (Office Open XML or OpenDocument)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        # A fixed date on every member: the same text gives the same bytes.
        def write(name: str, data: str) -> None:
            package.writestr(zipfile.ZipInfo(name, (2026, 1, 5, 0, 0, 0)), data)

        if kind in ("odt", "ods", "odp"):
            mime = {
                "odt": "text",
                "ods": "spreadsheet",
                "odp": "presentation",
            }[kind]
            write("mimetype", f"application/vnd.oasis.opendocument.{mime}")
            write("content.xml", f"<office:document>{text}</office:document>")
        else:
            write("[Content_Types].xml", "<Types/>")
            main = {
                "docx": "word/document.xml",
                "xlsx": "xl/workbook.xml",
                "pptx": "ppt/presentation.xml",
            }[kind]
            write(main, f"<document>{text}</document>")
    return buffer.getvalue()


# Resources for professionals --------------------------------------------------


def resource_upload(name: str = "fiche-metier.pdf", text: str = "Fiche métier"):
    """An uploaded file, as a curator's browser sends it (PDF by default)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    extension = name.rsplit(".", 1)[-1]
    content = pdf_bytes(text) if extension == "pdf" else office_bytes(extension, text)
    return SimpleUploadedFile(name, content, "application/octet-stream")


def resource_data(**fields) -> dict:
    """What a curator types to describe a resource (the service's data)."""
    return {
        "title": "Les métiers de l'aide à domicile",
        "summary": "Fiche « Perspectives » : emplois, formations, salaires.",
        "theme": "jobs",
        "territory": None,
        "source": "GREF Bretagne",
        "url": "",
        **fields,
    }


def resource_document(world, *, published: bool = True, **fields):
    """A document resource with its version 1, made by GREF (published unless
    told otherwise)."""
    from collaboration.resources import services

    resource = services.resource_create(
        actor=world.gref,
        data=resource_data(**fields),
        upload=resource_upload(),
        note="Édition 2026",
    )
    if published:
        resource = services.resource_publish(resource=resource, actor=world.gref)
    return resource


def resource_link(world, *, published: bool = True, **fields):
    """A link resource made by GREF (published unless told otherwise)."""
    from collaboration.resources import services

    fields.setdefault("title", "Financer sa formation en Bretagne")
    fields.setdefault("theme", "financing")
    fields.setdefault("url", "https://www.gref-bretagne.com/financer-sa-formation")
    resource = services.resource_create(actor=world.gref, data=resource_data(**fields))
    if published:
        resource = services.resource_publish(resource=resource, actor=world.gref)
    return resource


# Local action plans ------------------------------------------------------------


def local_plan(world, *, territory=None, year=None, **fields):
    """A draft plan of territory A (by default) for this year, made by its
    officer, with one partnership action piloted by structure A (with one
    milestone) and one local need: ready to be submitted."""
    from coordination.models import ActionKind
    from coordination.plans import services

    territory = territory or world.territory_a
    officer = world.territorial_officer_a
    if territory != world.territory_a:
        officer = member(Role.TERRITORIAL_OFFICER, world.region, territory=territory)
    year = year or timezone.localdate().year
    plan = services.plan_create(
        user=officer,
        territory=territory,
        year=year,
        data={
            "title": fields.pop("title", f"Plan d'action {year} – {territory.name}"),
            "diagnosis": "Beaucoup de jeunes sans solution après la 3e.",
        },
    )
    pilot = fields.pop("pilot", None) or territory.structures.order_by("pk").first()
    action = services.action_create(
        user=officer,
        plan=plan,
        kind=ActionKind.PARTNERSHIP,
        data={
            "title": "Du premier accueil au conseil",
            "description": "Un parcours sans couture entre l'accueil et le CEP.",
            "theme": "reception_to_advice",
            "problem": "Des personnes accueillies ne vont jamais jusqu'au conseil.",
            "objectives": "Que chaque personne orientée soit reçue sous 15 jours.",
            "indicators": (
                "Délai moyen avant le conseil : 15 jours\nPersonnes orientées : 200"
            ),
            "pilot": pilot,
        },
    )
    services.milestone_save(
        user=officer,
        action=action,
        data={
            "title": "Réunion de lancement",
            "due_on": datetime.date(year, 3, 15),
            "status": "planned",
            "progress": 0,
            "note": "",
        },
    )
    services.action_create(
        user=officer,
        plan=plan,
        kind=ActionKind.LOCAL_NEED,
        data={
            "title": "Repérer les troubles DYS",
            "audience": "Conseiller·es des Missions locales",
            "people": 12,
        },
    )
    return plan


def local_plan_in_state(world, state: str, **fields):
    """A plan brought to ``state`` by legitimate actors (its territory's
    officer, the Région's coordination), its review written when it needs one."""
    from workflows import engine

    plan = local_plan(world, **fields)
    officer = engine.binding_for(plan).holders(plan, "territorial_officer").first()
    coordinator = world.coordinator
    steps = {
        "draft": [],
        "submitted": [("submit", officer)],
        "returned": [("submit", officer), ("send_back", coordinator)],
        "validated": [("submit", officer), ("validate", coordinator)],
        "in_progress": [
            ("submit", officer),
            ("validate", coordinator),
            ("start", officer),
        ],
        "under_review": [
            ("submit", officer),
            ("validate", coordinator),
            ("start", officer),
            ("open_review", officer),
        ],
        "reviewed": [
            ("submit", officer),
            ("validate", coordinator),
            ("start", officer),
            ("open_review", officer),
            ("review", officer),
            ("hand_in_review", officer),
        ],
    }[state]
    for name, user in steps:
        if name == "review":
            write_review(world, plan, user=user)
            continue
        plan = engine.fire(plan, name, user=user, comment=COMMENT)
    plan.refresh_from_db()
    return plan


def write_review(world, plan, *, user=None):
    """The plan's review written by its officer: every action done."""
    from coordination.plans import services

    services.review_save(
        user=user or world.territorial_officer_a,
        plan=plan,
        data={"review_summary": "Une année de travail en commun."},
        actions={
            a.pk: {"outcome": "done", "review_participants": 8}
            for a in plan.actions.all()
        },
    )


# Governance ---------------------------------------------------------------


def body_for(world, kind: str = "gpr", *, members=(), chair=None, **fields):
    """A governance body of ``kind``; ``members`` (users) sit in it, ``chair``
    chairs it. Made through the services, as the secretariat would."""
    from coordination.governance import services
    from coordination.models import Body, BodyKind

    body = Body.objects.create(
        kind=kind,
        name=fields.pop("name", str(BodyKind(kind).label)),
        **fields,
    )
    seated = [*members, *([chair] if chair is not None else [])]
    for user in seated:
        services.body_member_add(
            body=body,
            actor=world.coordinator,
            user=user,
            quality="président·e" if user == chair else "membre",
            is_chair=user == chair,
            since=datetime.date(2020, 1, 1),
        )
    return body


def meeting_for(world, body, *, minutes: str = "", status: str = "none", **data):
    """A meeting of ``body``; with ``minutes``, brought to ``status`` (draft,
    approved or published) by the secretariat."""
    from django.utils import timezone

    from coordination.governance import services

    values = {
        "held_on": timezone.now() - datetime.timedelta(days=30),
        "place": "Hôtel de Région, Rennes",
        "agenda": "1. Plan de professionnalisation\n2. Questions diverses",
        **data,
    }
    meeting = services.meeting_create(body=body, actor=world.coordinator, data=values)
    if minutes:
        meeting = services.meeting_update(
            meeting=meeting, actor=world.coordinator, data={"minutes": minutes}
        )
        if status in ("approved", "published"):
            meeting = services.minutes_approve(meeting=meeting, actor=world.coordinator)
        if status == "published":
            meeting = services.minutes_publish(meeting=meeting, actor=world.coordinator)
    return meeting


def meeting_document(world, meeting, *, title: str = "Note de séance"):
    from coordination.governance import services

    return services.meeting_document_add(
        meeting=meeting,
        actor=world.coordinator,
        title=title,
        upload=resource_upload(name="note.pdf", text=title),
    )


# --- Surveys ---------------------------------------------------------------


def national_survey():
    """The public satisfaction survey of the national questions (created by a
    data migration)."""
    from surveys import national

    # A test that committed emptied the tables, the migration's rows too.
    return national.current()


def survey_with_questions(world, *, kind: str = "peer", questions=None):
    """A survey of ``kind`` with one section and the given question specs
    (defaults: a three-choice question, a yes/no, a scale and a long text)."""
    from surveys import services

    user = world.coordinator
    survey = services.survey_save(
        user=user,
        data={"kind": kind, "title": f"Enquête {kind}", "introduction": ""},
    )
    section = services.section_save(
        user=user, survey=survey, data={"title": "Partie 1", "description": ""}
    )
    specs = questions or [
        {
            "code": "accueil",
            "type": "single",
            "label": "Comment jugez-vous l'accueil ?",
            "required": True,
            "choices": [
                {"value": "bien", "label": "Bien"},
                {"value": "moyen", "label": "Moyen"},
                {"value": "mal", "label": "Mal"},
            ],
        },
        {"code": "partenariat", "type": "yes_no", "label": "Un partenariat ?"},
        {
            "code": "note",
            "type": "scale",
            "label": "Votre note",
            "scale_min": 1,
            "scale_max": 5,
        },
        {"code": "remarques", "type": "long_text", "label": "Vos remarques"},
    ]
    for spec in specs:
        services.question_save(user=user, section=section, data=dict(spec))
    return survey


def campaign_for(
    world,
    *,
    mode: str = "public",
    survey=None,
    structures=None,
    open_it: bool = True,
    **fields,
):
    """A campaign of ``mode`` over ``structures`` (default: the world's three),
    opened unless told otherwise."""
    from surveys import services

    if survey is None:
        survey = (
            national_survey()
            if mode == "public"
            else survey_with_questions(
                world, kind="session" if mode == "session" else "peer"
            )
        )
    today = timezone.localdate()
    data = {
        "survey": survey,
        "title": fields.pop("title", f"Campagne {mode}"),
        "mode": mode,
        "opens_on": fields.pop("opens_on", today),
        "closes_on": fields.pop("closes_on", today + datetime.timedelta(days=30)),
        **fields,
    }
    campaign = services.campaign_save(
        user=world.coordinator,
        data=data,
        structures=structures
        if structures is not None
        else [world.structure_a, world.structure_a2, world.structure_b],
    )
    if open_it:
        campaign = services.campaign_open(user=world.coordinator, campaign=campaign)
    return campaign


def answers_for(survey, **values):
    """``Given`` answers to ``survey`` by question code: a string value, a
    list (multiple choice), or ``("text", "...")`` for free text."""
    from surveys.models import Question
    from surveys.services import Given

    questions = {q.code: q for q in Question.objects.filter(section__survey=survey)}
    given = []
    for code, value in values.items():
        question = questions[code]
        if isinstance(value, tuple):
            given.append(Given(question=question, text=value[1]))
        elif isinstance(value, list):
            given += [Given(question=question, value=v) for v in value]
        else:
            given.append(Given(question=question, value=str(value)))
    return given


def answer_many(campaign, structure, count: int, *, flush: bool = True, **values):
    """``count`` responses for ``structure`` with the same values (default:
    satisfied on the national survey), then written (flushed)."""
    from surveys import services

    if not values and campaign.survey.national:
        values = {
            "satisfaction": "satisfait",
            "facilite": "facile",
            "clarte": "clair",
            "repetition": "non",
        }
    for _ in range(count):
        services.response_submit(
            campaign=campaign,
            structure=structure,
            answers=answers_for(campaign.survey, **values),
        )
    if flush:
        services.responses_flush(campaign=campaign, force=True)
