"""factory-boy factories for the domain: one per model, realistic French values."""

from __future__ import annotations

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


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"agent{n}@structure.example")
    first_name = factory.Faker("first_name", locale="fr_FR")
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
    opening_hours = "Du lundi au vendredi, 9 h – 17 h"
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
