"""``python manage.py load_demo``: realistic demo data for Bretagne.

The work is done by ``extranet.demo.loader``; this command only wraps it in a
transaction and prints a summary. Running it again creates nothing new.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from extranet.demo.loader import DEMO_PASSWORD, demo_totp_key_base32, load_demo
from extranet.models import Structure


class Command(BaseCommand):
    help = (
        "Charge des données de démonstration pour la Bretagne : organisations, "
        "territoires, réseaux, structures et comptes. Sans effet sur les données "
        "déjà présentes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Ne rien faire si une structure existe déjà.",
        )

        parser.add_argument(
            "--only",
            nargs="+",
            metavar="APPLICATION",
            help=_(
                "Après les organisations et les comptes, ne charger que la "
                "démonstration de ces applications (dans l'ordre des réglages), "
                "par exemple « --only conventions reception »."
            ),
        )

    def handle(
        self,
        *args: Any,
        if_empty: bool = False,
        only: list[str] | None = None,
        **options: Any,
    ) -> None:
        hooks = [
            config
            for config in apps.get_app_configs()
            if callable(getattr(config, "load_demo", None))
        ]
        if only:
            unknown = sorted(set(only) - {config.label for config in hooks})
            if unknown:
                raise CommandError(
                    _("Aucune démonstration pour : %(labels)s.")
                    % {"labels": ", ".join(unknown)}
                )
            hooks = [config for config in hooks if config.label in only]
        if if_empty and Structure.objects.exists():
            self.stdout.write(
                _(
                    "Des structures existent déjà : aucune donnée de démonstration "
                    "n'a été chargée."
                )
            )
            return

        with transaction.atomic():
            summary = load_demo()
            # Other apps add their own demo content after the organisations (the
            # public site's pages, later the training plan…) through an optional
            # ``load_demo()`` method of their AppConfig: the extranet imports none.
            for config in hooks:
                created = config.load_demo()
                if isinstance(created, int):
                    summary.created += created

        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Données de démonstration chargées : %(regional)d organisations "
                    "régionales, %(territories)d territoires, %(networks)d réseaux, "
                    "%(structures)d structures, %(accounts)d comptes."
                )
                % {
                    "regional": summary.regional_organisations,
                    "territories": summary.territories,
                    "networks": summary.networks,
                    "structures": summary.structures,
                    "accounts": summary.accounts,
                }
            )
        )
        if summary.created:
            self.stdout.write(
                ngettext(
                    "%(count)d élément créé lors de cette exécution.",
                    "%(count)d éléments créés lors de cette exécution.",
                    summary.created,
                )
                % {"count": summary.created}
            )
        else:
            self.stdout.write(
                _("Tout était déjà en place : rien n'a été créé ni modifié.")
            )
        if options.get("verbosity", 1) >= 1:
            self.stdout.write(
                _(
                    "Mot de passe des comptes de démonstration : %(password)s — "
                    "clé de double authentification (base32) : %(key)s"
                )
                % {"password": DEMO_PASSWORD, "key": demo_totp_key_base32()}
            )
