"""The demo parcours « Prendre son poste de coordinateur·rice », loaded by the demo loader
(``knowledge.demo.loader``) after the guide's pages exist.

Idempotent, by natural key: the parcours' slug under the home page. An existing parcours is left
exactly as it is (editors may have changed its steps); a missing one is created with the steps
whose targets exist, then published. Reports created vs existing on the loader's output.
"""

from django.utils.translation import gettext as _

from knowledge.demo.pages import fields
from knowledge.models import GlossaryTerm, GuideChapterPage, PracticeSheetPage, TestimonyPage
from parcours.models import ParcoursPage, ParcoursStep

MODELS = {
    "chapter": GuideChapterPage,
    "sheet": PracticeSheetPage,
    "testimony": TestimonyPage,
}

PARCOURS = [
    {
        "slug": "prendre-son-poste-de-coordinateur-rice",
        "title": "Prendre son poste de coordinateur·rice",
        "summary": (
            "Neuf étapes pour les premières semaines dans le poste : comprendre son rôle et les "
            "dispositifs, apprivoiser les sigles, rencontrer les acteurs et préparer sa première "
            "instance. À suivre dans l'ordre ou à reprendre où vous voulez."
        ),
        "introduction": (
            "<p>Vous arrivez sur un poste de coordination d'un atelier santé ville, d'un contrat "
            "local de santé ou d'un conseil local de santé mentale ? Ce parcours rassemble, dans "
            "un ordre qui a aidé d'autres avant vous, les pages de la Boussole à lire pendant vos "
            "premiers mois. Chaque étape dit en deux phrases pourquoi elle vient à ce moment-là."
            "</p>"
        ),
        "steps": [
            (
                "chapter:prendre-son-poste",
                "Commencez par le rôle lui-même : ce que l'on attend d'une coordination, ce "
                "qu'elle n'est pas, et les premières questions à poser à votre hiérarchie.",
            ),
            (
                "sheet:premiers-cent-jours",
                "Une méthode concrète pour organiser vos trois premiers mois : rencontres, "
                "lectures, premiers repères, sans vouloir tout lancer à la fois.",
            ),
            (
                "chapter:comprendre-les-dispositifs",
                "ASV, CLS, CLSM : qui finance quoi, qui signe, qui pilote. Indispensable avant "
                "votre premier comité.",
            ),
            (
                "glossary:ars",
                "L'agence régionale de santé est votre partenaire le plus cité : retenez ce "
                "qu'elle fait et qui la représente sur votre territoire.",
            ),
            (
                "testimony:trois-mois-pour-comprendre-le-jargon",
                "Une coordinatrice raconte ses premières réunions, noyée dans les sigles, et ce "
                "qui l'a aidée à s'y retrouver. Vous n'êtes pas seul·e.",
            ),
            (
                "sheet:cartographier-les-acteurs",
                "Dessinez la carte des acteurs de votre territoire : c'est le meilleur moyen de "
                "savoir qui rencontrer en priorité.",
            ),
            (
                "chapter:animer-le-reseau-et-les-partenariats",
                "Une fois les acteurs identifiés, comment les faire travailler ensemble dans la "
                "durée, sans tout porter vous-même.",
            ),
            (
                "sheet:preparer-un-comite-de-pilotage",
                "Votre première instance de pilotage se prépare des semaines à l'avance : ordre "
                "du jour, invitations, relevé de décisions.",
            ),
            (
                "chapter:se-positionner-aupres-des-elus",
                "Pour finir, trouver sa place entre les élus, la direction et les partenaires : "
                "présenter la démarche et rendre compte de son avancée.",
            ),
        ],
    }
]


def load(loader, home):
    """Create the missing demo parcours under ``home``, counted by ``loader``."""
    loader.add_published(_("Parcours"), home, ParcoursPage, PARCOURS, _parcours)


def _parcours(data):
    page = ParcoursPage(**fields(data, "title", "slug", "summary", "introduction"))
    for target, introduction in data["steps"]:
        step = _step(target, introduction)
        if step is not None:
            page.steps.add(step)
    return page


def _step(target, introduction):
    """A step leading to ``kind:slug``, or None when that content is missing from this site."""
    kind, slug = target.split(":", 1)
    if kind == "glossary":
        term = GlossaryTerm.objects.filter(slug=slug).first()
        return ParcoursStep(glossary_term=term, introduction=introduction) if term else None
    page = MODELS[kind].objects.filter(slug=slug).first()
    return ParcoursStep(page=page, introduction=introduction) if page else None
