"""Index maintenance through Wagtail's own publishing events (one path, whatever the engine)."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from knowledge.factories import (
    GlossaryTermFactory,
    PracticeSheetPageFactory,
    TestimonyPageFactory,
    draft_of,
    sheet_index_page,
)
from search.models import SearchDocument, SearchFacet
from search.service import search
from search.tests import committed


def titles(q):
    return [hit.title for hit in search({"q": q}).results]


@pytest.mark.django_db
def test_publishing_indexes_and_unpublishing_removes():
    sheet = PracticeSheetPageFactory(title="Cartographier les ressources", live=False)
    assert titles("cartographier") == []
    with committed():
        sheet.save_revision().publish()
    assert titles("cartographier") == ["Cartographier les ressources"]
    with committed():
        Page.objects.get(pk=sheet.pk).specific.unpublish()
    assert titles("cartographier") == []
    assert not SearchDocument.objects.filter(page_id=sheet.pk).exists()


@pytest.mark.django_db
def test_draft_revision_of_a_live_page_is_not_findable():
    sheet = PracticeSheetPageFactory(title="Animer un comité de pilotage", live=False)
    with committed():
        sheet.save_revision().publish()
    draft_of(sheet, summary="Texte confidentiel sur la gouvernance.", title="Titre brouillon")
    assert titles("confidentiel") == []
    assert titles("brouillon") == []
    assert titles("pilotage") == ["Animer un comité de pilotage"]


@pytest.mark.django_db
def test_republishing_replaces_the_indexed_text():
    sheet = PracticeSheetPageFactory(
        title="Fiche", summary="Ancien texte sur la vaccination.", live=False
    )
    with committed():
        sheet.save_revision().publish()
    page = Page.objects.get(pk=sheet.pk).specific
    page.summary = "Nouveau texte sur le dépistage."
    with committed():
        page.save_revision().publish()
    assert titles("vaccination") == []
    assert titles("depistage") == ["Fiche"]
    assert SearchDocument.objects.filter(page_id=sheet.pk).count() == 1


@pytest.mark.django_db
def test_deleting_a_page_removes_it():
    sheet = PracticeSheetPageFactory(title="Budget annuel", live=False)
    with committed():
        sheet.save_revision().publish()
        Page.objects.get(pk=sheet.pk).delete()
    assert titles("budget") == []
    assert not SearchFacet.objects.exists()


@pytest.mark.django_db
def test_private_pages_are_not_indexed():
    sheet = PracticeSheetPageFactory(title="Réunion interne", live=False)
    with committed():
        sheet.save_revision().publish()
        PageViewRestriction.objects.create(
            page=Page.objects.get(pk=sheet.pk), restriction_type="password", password="x"
        )
    assert titles("interne") == []


@pytest.mark.django_db
def test_testimony_without_consent_is_never_indexed():
    TestimonyPageFactory(title="Sans accord", consent_given=False, consent_date=None, live=False)
    call_command("boussole_search_index", verbosity=0)
    assert titles("accord") == []


@pytest.mark.django_db
def test_moving_a_page_updates_its_place_and_url():
    sheet = PracticeSheetPageFactory(title="Mobiliser les élus", live=False)
    index = sheet_index_page()
    index.title = "Fiches"
    with committed():
        sheet.save_revision().publish()
        index.save_revision().publish()  # a renamed section renames its children's place
    hit = search({"q": "mobiliser"}).results[0]
    assert hit.place == "Fiches › Mobiliser les élus"


@pytest.mark.django_db
def test_glossary_term_publish_and_delete():
    term = GlossaryTermFactory(term="Agence régionale de santé", acronym="ARS", live=False)
    assert titles("ARS") == []
    with committed():
        term.save_revision().publish()
    assert titles("ARS") == ["ARS — Agence régionale de santé"]
    with committed():
        term.delete()
    assert titles("ARS") == []


@pytest.mark.django_db
def test_rebuild_command_reports_progress_and_indexes_everything(capsys):
    PracticeSheetPageFactory(title="Premier contact")
    GlossaryTermFactory(term="Atelier santé ville", acronym="ASV")
    call_command("boussole_search_index")
    out = capsys.readouterr().out
    assert "éléments indexés" in out and "Index de recherche reconstruit" in out
    assert titles("contact") == ["Premier contact"]
    assert "ASV — Atelier santé ville" in titles("asv")
