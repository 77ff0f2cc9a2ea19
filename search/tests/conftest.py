import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from knowledge.factories import (
    GlossaryTermFactory,
    GuideChapterPageFactory,
    PracticeSheetPageFactory,
    TestimonyPageFactory,
    ThemeFactory,
    taxonomy,
)
from knowledge.models import Audience, Dispositif, ProjectStep, Territory
from search.indexing import rebuild


@pytest.fixture
def corpus(db):
    """A small French corpus built with the factories, then indexed."""
    mental = ThemeFactory(name="Santé mentale", slug="sante-mentale")
    access = ThemeFactory(name="Accès aux soins", slug="acces-aux-soins")
    clsm = taxonomy(Dispositif, "clsm")
    asv = taxonomy(Dispositif, "asv")
    items = {
        "prevention": PracticeSheetPageFactory(
            title="Prévention en santé mentale",
            summary="Les coordinateurs mobilisent les habitants et les acteurs du quartier.",
            themes=[mental],
            dispositifs=[clsm],
            audiences=[taxonomy(Audience, "nouveau-coordinateur")],
            project_steps=[taxonomy(ProjectStep, "diagnostic")],
        ),
        "acces": PracticeSheetPageFactory(
            title="Améliorer l'accès aux soins",
            summary="Une coordinatrice ASV réunit les élus autour de la précarité.",
            themes=[access],
            dispositifs=[asv],
            project_steps=[taxonomy(ProjectStep, "plan-d-action")],
        ),
        "evaluation": GuideChapterPageFactory(
            title="Conduire l'évaluation",
            summary="Évaluer une démarche : indicateurs partagés avec les partenaires.",
            themes=[access],
        ),
        "temoignage": TestimonyPageFactory(
            title="Installer un conseil local de santé mentale",
            quote="Le conseil local de santé mentale a changé nos réunions d'acteurs.",
            dispositif=clsm,
            territory=taxonomy(Territory, "essonne"),
            themes=[mental],
        ),
        "temoignage93": TestimonyPageFactory(
            title="Coordination en Seine-Saint-Denis",
            quote="La coordination des acteurs de santé prend du temps.",
            dispositif=asv,
            territory=taxonomy(Territory, "seine-saint-denis"),
            themes=[access],
        ),
    }
    items["clsm_term"] = GlossaryTermFactory(
        term="Conseil local de santé mentale",
        acronym="CLSM",
        definition="<p>Instance de concertation entre élus, psychiatrie et usagers.</p>",
    )
    items["cls_term"] = GlossaryTermFactory(
        term="Contrat local de santé",
        acronym="CLS",
        definition="<p>Contrat entre une collectivité et l'agence régionale de santé.</p>",
    )
    # Factories do not publish: give each page a distinct publication date for date sorting.
    for days, key in enumerate(["prevention", "acces", "evaluation", "temoignage", "temoignage93"]):
        Page.objects.filter(pk=items[key].pk).update(
            last_published_at=timezone.now() - datetime.timedelta(days=10 * days)
        )
    rebuild()
    return items
