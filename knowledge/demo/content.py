"""Demo content: the themes, the home page and the three section pages.

The chapters, practice sheets, testimonies and glossary live in sibling modules so that each
file stays readable. Every text here was written for La Boussole; none is copied from a source.
Natural keys: slugs (themes, pages under their parent, glossary terms).
"""

from knowledge.demo.chapters import CHAPTERS
from knowledge.demo.glossary import GLOSSARY
from knowledge.demo.sheets import SHEETS
from knowledge.demo.testimonies import TESTIMONIES

__all__ = [
    "CHAPTERS",
    "GLOSSARY",
    "GUIDE",
    "HOME",
    "SHEETS",
    "SHEET_INDEX",
    "TESTIMONIES",
    "TESTIMONY_INDEX",
    "THEMES",
]

# (slug, name, description)
THEMES = [
    (
        "sante-mentale",
        "Santé mentale",
        "Promotion du bien-être psychique, prévention des crises, lutte contre la stigmatisation "
        "et coordination des acteurs du soin, du social et du logement.",
    ),
    (
        "acces-aux-soins",
        "Accès aux soins et aux droits",
        "Ouverture des droits, repérage des renoncements aux soins, offre de premier recours et "
        "accompagnement des publics éloignés du système de santé.",
    ),
    (
        "participation-des-habitants",
        "Participation des habitants",
        "Associer les habitants au diagnostic, aux décisions et aux actions qui les concernent.",
    ),
    (
        "prevention-promotion-sante",
        "Prévention et promotion de la santé",
        "Agir sur les déterminants de la santé, développer les compétences psychosociales et "
        "inscrire les campagnes de prévention dans une démarche de fond.",
    ),
    (
        "partenariats-et-reseau",
        "Partenariats et animation du réseau",
        "Construire et faire vivre le réseau des acteurs locaux : associations, institutions, "
        "professionnels de santé, services municipaux.",
    ),
    (
        "gouvernance-et-elus",
        "Gouvernance, élus et hiérarchie",
        "Instances de pilotage, portage politique, place du coordinateur dans la collectivité.",
    ),
    (
        "precarite-inegalites",
        "Précarité et inégalités sociales de santé",
        "Réduire les écarts de santé entre quartiers et entre groupes sociaux, agir avec les "
        "personnes en situation de précarité.",
    ),
    (
        "sante-environnement",
        "Santé environnementale",
        "Habitat indigne, qualité de l'air, chaleur, saturnisme : la santé dans le cadre de vie.",
    ),
    (
        "nutrition-activite-physique",
        "Nutrition et activité physique",
        "Alimentation, sédentarité et activité physique adaptée, du quartier à l'école.",
    ),
    (
        "sante-des-jeunes",
        "Santé des jeunes",
        "Vie affective, conduites à risque, bien-être à l'école et insertion des jeunes.",
    ),
    (
        "methodes-et-outils",
        "Méthodes et outils du coordinateur",
        "Diagnostic, planification, conduite de réunion, suivi des actions et évaluation.",
    ),
]

HOME = {
    "summary": (
        "Repères, fiches pratiques et remontées de terrain pour les coordinateurs ASV, CLS et "
        "CLSM d'Île-de-France."
    ),
    "introduction": (
        "<p>Vous venez de prendre un poste de <b>coordinateur ou de coordinatrice</b> d'un atelier "
        "santé ville, d'un contrat local de santé ou d'un conseil local de santé mentale, ou vous "
        "coordonnez depuis des années une démarche locale en santé ? La Boussole rassemble ce que "
        "des pairs franciliens auraient aimé savoir en arrivant : les réflexes à prendre, les "
        "acteurs à rencontrer, les méthodes qui marchent et les pièges à éviter.</p>"
        "<p>Parcourez le guide chapitre par chapitre, piochez une fiche pratique pour préparer "
        "une réunion ou un diagnostic, et lisez les remontées de terrain de celles et ceux qui "
        "font ce métier au quotidien, de Paris à la Seine-et-Marne.</p>"
    ),
    # Slugs of chapters (under the guide) and sheets (under the sheet index) to feature.
    "featured": [
        ("chapter", "prendre-son-poste"),
        ("sheet", "premiers-cent-jours"),
        ("sheet", "conduire-un-diagnostic-local-de-sante"),
        ("chapter", "animer-le-reseau-et-les-partenariats"),
    ],
}

GUIDE = {
    "slug": "la-boussole",
    "title": "La Boussole",
    "summary": (
        "Le guide de la démarche locale en santé : huit chapitres pour s'orienter, de la prise "
        "de poste à l'évaluation, en passant par le diagnostic et la participation des habitants."
    ),
    "introduction": (
        "<p>Vous n'y trouverez pas de solution prête à l'emploi : chaque chapitre aide à prendre "
        "de bons <b>réflexes</b>, à savoir où chercher et à entendre des coordinateurs qui sont "
        "passés par là. Lisez le guide d'un bout à l'autre en arrivant, puis revenez au chapitre "
        "utile quand une question se pose.</p>"
        "<p>Le guide est entretenu par un groupe de travail de coordinateurs et de partenaires "
        "franciliens : chaque page indique sa date de mise à jour et de dernière vérification.</p>"
    ),
}

SHEET_INDEX = {
    "slug": "fiches-pratiques",
    "title": "Fiches pratiques",
    "summary": (
        "Des fiches courtes et opérationnelles : objectifs, étapes, outils et ressources pour "
        "mener une action précise, filtrables par thématique, dispositif, public et étape."
    ),
}

TESTIMONY_INDEX = {
    "slug": "remontees-de-terrain",
    "title": "Remontées de terrain",
    "summary": (
        "La parole anonymisée de coordinateurs et coordinatrices d'Île-de-France : ce qui les a "
        "aidés, ce qui les a freinés, ce qu'ils conseilleraient à un pair."
    ),
}
