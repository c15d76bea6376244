"""The default content of a new convention, from sections 5.1 to 5.3 of the framework.

Drafters start from these texts and adapt them; one engagement per line.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from conventions.models import ConventionKind


def default_objectives(kind: str) -> str:
    return _(
        "Permettre à toute personne d'accéder, tout au long de sa vie, à une "
        "information gratuite, complète et objective sur les métiers, les "
        "formations, les certifications, les débouchés et les niveaux de "
        "rémunération, ainsi qu'à des services de conseil et d'accompagnement en "
        "orientation de qualité, organisés en réseaux (cadre de référence du SPRO "
        "en Bretagne)."
    )


def default_engagements() -> dict[str, str]:
    region = "\n".join(
        [
            _("Coordonner et animer le SPRO au niveau régional et local."),
            _("Déployer et prendre en charge le plan de professionnalisation."),
            _("Développer les outils numériques du SPRO."),
            _("Conduire la communication régionale et locale."),
            _("Apporter son appui aux réseaux régionaux."),
        ]
    )
    network = "\n".join(
        [
            _("Participer aux instances de gouvernance et de pilotage."),
            _("Participer aux groupes de travail."),
            _("Assurer l'animation interne du réseau."),
            _("Mobiliser ses équipes et les professionnels des structures locales."),
            _(
                "Appuyer la mise en œuvre de l'accueil personnalisé et "
                "individualisé dans les structures locales."
            ),
            _(
                "Identifier les besoins prioritaires (ressources, "
                "professionnalisation)."
            ),
            _("Relayer la campagne de communication au sein du réseau."),
        ]
    )
    structure = "\n".join(
        [
            _(
                "Mettre en œuvre l'accueil personnalisé et individualisé tel que "
                "défini dans le cahier des charges."
            ),
            _(
                "Mobiliser ses équipes pour participer au plan de "
                "professionnalisation et aux actions locales du plan d'actions "
                "annuel."
            ),
            _("Utiliser les ressources partagées construites dans le cadre du SPRO."),
            _("Assurer la lisibilité de son offre de service."),
            _(
                "Participer aux actions des plates-formes de suivi et d'appui aux "
                "décrocheurs."
            ),
        ]
    )
    state = "\n".join(
        [
            _(
                "Coordonner l'exercice de ses compétences avec celles de la Région "
                "dans le cadre du CPRDOFP."
            ),
            _(
                "Mobiliser les services de l'État et de l'Éducation nationale "
                "(Préfet et Recteur) dans le SPRO."
            ),
            _("Participer aux instances de gouvernance du SPRO."),
        ]
    )
    return {
        "region_engagements": region,
        "network_engagements": network,
        "structure_engagements": structure,
        "government_engagements": state,
    }


def default_content(kind: str) -> dict[str, str]:
    content = {"objectives": default_objectives(kind)}
    engagements = default_engagements()
    wanted = {
        ConventionKind.STRUCTURE: (
            "region_engagements",
            "network_engagements",
            "structure_engagements",
        ),
        ConventionKind.REGION_NETWORK: ("region_engagements", "network_engagements"),
        ConventionKind.GOVERNMENT_REGION: (
            "government_engagements",
            "region_engagements",
        ),
    }[kind]
    content.update({k: engagements[k] for k in wanted})
    return content
