"""The demo command: idempotent, complete, and every page it creates answers 200.

The full load takes seconds (every publication is indexed), so it runs once per module inside a
transaction rolled back at the end; each test still runs in its own savepoint, so a test that
deletes or edits demo content leaves the others untouched.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils.html import escape
from wagtail.models import Page, Revision

from home.information import InformationPage
from home.models import HomePage
from knowledge import models
from knowledge.demo import content
from knowledge.models import (
    Dispositif,
    GlossaryTerm,
    GuideChapterPage,
    GuidePage,
    PracticeSheetIndexPage,
    PracticeSheetPage,
    Seniority,
    Territory,
    Theme,
)
from knowledge.visibility import visible_pages
from parcours.models import ParcoursPage

pytestmark = pytest.mark.django_db


def load():
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker):
    """Output of the first load into an empty database; the data is shared by the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = load()
        yield output
        transaction.set_rollback(True)


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "themes": Theme.objects.count(),
        "glossary": GlossaryTerm.objects.count(),
        "see_also": GlossaryTerm.see_also.through.objects.count(),
        "related_sheets": PracticeSheetPage.related_sheets.through.objects.count(),
    }


def test_second_run_creates_nothing_and_says_so(first_run):
    first = first_run
    after_first = counts()
    second = load()

    assert counts() == after_first
    assert "Chapitres : 8 créés, 0 existant" in first
    assert "Fiches pratiques : 11 créées, 0 existante" in first
    assert "Chapitres : 0 créé, 8 existants" in second
    assert "Remontées de terrain : 0 créée, 24 existantes" in second
    assert "Termes du glossaire : 0 créé, 32 existants" in second
    assert "déjà présent" in second
    # No duplicate slug anywhere under a parent.
    for parent in Page.objects.filter(depth__lte=3):
        slugs = list(parent.get_children().values_list("slug", flat=True))
        assert len(slugs) == len(set(slugs))


def test_every_demo_page_glossary_and_french_admin_answer_200(first_run, client):
    live_pages = Page.objects.live().filter(depth__gte=2).specific()
    assert live_pages.count() >= 1 + 3 + 8 + 11 + 24
    for page in live_pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert escape(page.title) in response.text, page.url

    glossary = client.get("/glossaire/")
    assert glossary.status_code == 200
    assert "Conseil local de santé mentale" in glossary.text

    login = client.get("/admin/login/")
    assert login.status_code == 200
    assert 'lang="fr"' in login.text
    assert "S'identifier" in login.text
    assert "Mot de passe oublié" in login.text


def test_demo_content_meets_the_minimums_and_spreads_over_the_taxonomy(first_run):
    home = HomePage.objects.get(depth=2)
    guide = GuidePage.objects.get()
    assert guide.slug == "la-boussole"
    assert PracticeSheetIndexPage.objects.get().slug == "fiches-pratiques"
    assert models.TestimonyIndexPage.objects.get().slug == "remontees-de-terrain"
    # The sections, beside the parcours and the footer's information pages.
    assert {p.pk for p in home.get_children().not_type(ParcoursPage, InformationPage)} == {
        guide.pk,
        PracticeSheetIndexPage.objects.get().pk,
        models.TestimonyIndexPage.objects.get().pk,
    }

    chapters = visible_pages(GuideChapterPage.objects.child_of(guide)).order_by("path")
    assert [c.slug for c in chapters] == [c["slug"] for c in content.CHAPTERS]
    assert chapters.count() >= 6
    assert visible_pages(PracticeSheetPage.objects.all()).count() >= 10
    testimonies = visible_pages(models.TestimonyPage.objects.all())
    assert testimonies.count() >= 20
    assert GlossaryTerm.objects.live().count() >= 25
    assert Theme.objects.count() >= 8

    # Testimonies: every territory, dispositif and seniority band; consent always recorded.
    assert set(testimonies.values_list("territory__slug", flat=True)) == set(
        Territory.objects.values_list("slug", flat=True)
    )
    assert set(testimonies.values_list("dispositif__slug", flat=True)) == set(
        Dispositif.objects.values_list("slug", flat=True)
    )
    assert set(testimonies.values_list("seniority", flat=True)) == set(Seniority.values)
    assert all(t.consent_recorded for t in models.TestimonyPage.objects.all())
    used_themes = set(
        models.TestimonyPage.themes.through.objects.values_list("theme__slug", flat=True)
    )
    assert len(used_themes) >= 8

    # Pages are published through revisions.
    demo_slugs = {
        item["slug"] for item in [*content.CHAPTERS, *content.SHEETS, *content.TESTIMONIES]
    }
    demo_pages = Page.objects.filter(slug__in=demo_slugs)
    assert demo_pages.count() == len(demo_slugs)
    for page in [home, *home.get_descendants().filter(depth=3), *demo_pages]:
        assert page.live and page.last_published_at, page.title
        assert page.live_revision_id, page.title

    # Chapters use every block type, and quotes point to a real testimony.
    block_types = {b.block_type for c in chapters.specific() for b in c.body}
    assert block_types == {
        "heading",
        "paragraph",
        "reflexes",
        "quoted_testimony",
        "resources",
        "callout",
    }
    for chapter in chapters.specific():
        for block in chapter.body:
            if block.block_type == "quoted_testimony":
                assert isinstance(block.value["testimony"].specific, models.TestimonyPage)

    # Sheets carry steps, resources, taxonomy and related content.
    for sheet in PracticeSheetPage.objects.filter(slug__in=demo_slugs):
        assert len(sheet.steps) >= 3 and len(sheet.resources) >= 1, sheet.title
        facets = sheet.facet_values()
        assert facets["theme"] and facets["dispositif"] and facets["audience"], sheet.title
        assert facets["project_step"], sheet.title
        assert sheet.related_sheets.exists() and sheet.related_testimonies.exists(), sheet.title

    # Glossary: the acronyms readers search for, with definitions and see-also links.
    acronyms = set(GlossaryTerm.objects.live().values_list("acronym", flat=True))
    assert {"ASV", "CLS", "CLSM", "ARS", "CRPV", "CPTS", "QPV", "PRS", "PRAPS", "ETP"} <= acronyms
    clsm = GlossaryTerm.objects.get(slug="clsm")
    assert clsm.see_also.filter(slug="sante-mentale").exists()

    # Home page: introduction and 2 to 4 featured chapters or sheets.
    home.refresh_from_db()
    assert "coordinatrice" in home.introduction
    assert 2 <= len(home.featured_pages()) <= 4


def test_search_vocabulary_appears_in_the_demo_text(first_run):
    text = " ".join(
        str(value)
        for page in Page.objects.live().filter(depth__gte=2).specific()
        for value in (
            page.title,
            getattr(page, "summary", ""),
            getattr(page, "body", ""),
            getattr(page, "quote", ""),
            getattr(page, "introduction", ""),
        )
    )
    text += " ".join(GlossaryTerm.objects.values_list("term", flat=True))
    for phrase in [
        "Prévention",
        "santé mentale",
        "coordinateurs",
        "coordinatrice",
        "habitants",
        "acteurs",
        "évaluation",
        "diagnostic",
        "accès aux soins",
        "élus",
        "précarité",
        "conseil local de santé mentale",
        "contrat local de santé",
        "atelier santé ville",
    ]:
        assert phrase in text, phrase


def test_rerun_restores_a_deleted_chapter_in_its_place_and_keeps_editors_changes(first_run):
    guide = GuidePage.objects.get()
    GuideChapterPage.objects.get(slug="construire-le-plan-d-action").delete()
    edited = GuideChapterPage.objects.get(slug="prendre-son-poste")
    edited.title = "Prendre son poste (revu par le groupe de travail)"
    edited.save_revision().publish()

    output = load()

    assert "Chapitres : 1 créé, 7 existants" in output
    slugs = list(
        GuideChapterPage.objects.child_of(guide).order_by("path").values_list("slug", flat=True)
    )
    assert slugs == [c["slug"] for c in content.CHAPTERS]
    assert GuideChapterPage.objects.get(slug="prendre-son-poste").title.endswith(
        "groupe de travail)"
    )


def test_rerun_recognises_a_term_or_theme_an_editor_renamed(first_run):
    # Slugs edited in the admin: the unique term and theme name still identify them.
    GlossaryTerm.objects.filter(slug="evaluation").update(slug="evaluation-de-projet")
    Theme.objects.filter(slug="sante-mentale").update(slug="sante-psychique")
    before = counts()

    output = load()

    assert counts() == before
    assert "Termes du glossaire : 0 créé, 32 existants" in output
    assert "Thématiques : 0 créée, 11 existantes" in output
