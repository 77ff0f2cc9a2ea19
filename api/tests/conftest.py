"""Fixtures of the API tests: content with one of each visible type and one of each thing that
must not show, the WSGI app's database connection kept, and small response checks."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from wagtail.models import PageViewRestriction

from knowledge.factories import (
    GlossaryTermFactory,
    GuideChapterPageFactory,
    PracticeSheetPageFactory,
    TestimonyPageFactory,
    ThemeFactory,
    draft_of,
    taxonomy,
)
from knowledge.models import (
    Audience,
    Dispositif,
    GlossaryTerm,
    ProjectStep,
    Territory,
    TestimonyPage,
)
from search.indexing import rebuild


@pytest.fixture
def content(db):
    cache.clear()
    theme = ThemeFactory(name="Santé mentale", slug="sante-mentale")
    other_theme = ThemeFactory(name="Habitat", slug="habitat")
    diagnostic = taxonomy(ProjectStep, "diagnostic")
    clsm = taxonomy(Dispositif, "clsm")
    asv = taxonomy(Dispositif, "asv")
    essonne = taxonomy(Territory, "essonne")
    newcomer = taxonomy(Audience, "nouveau-coordinateur")

    chapter = GuideChapterPageFactory(
        title="Prendre son poste de coordinateur",
        body=[("heading", {"text": "Les premiers mois"})],
        themes=[theme],
        project_steps=[diagnostic],
    )
    testimony = TestimonyPageFactory(
        title="Un CLSM en Essonne",
        quote="Le conseil local de santé mentale a rapproché les bailleurs et le secteur.",
        dispositif=asv,
        territory=essonne,
        themes=[theme],
    )
    withdrawn = TestimonyPageFactory(title="Témoignage retiré", territory=essonne)
    # Consent withdrawn after publication (or legacy data): the row stays live but must not show.
    TestimonyPage.objects.filter(pk=withdrawn.pk).update(consent_given=False)
    sheet = PracticeSheetPageFactory(
        title="Réaliser un diagnostic local de santé mentale",
        themes=[theme],
        dispositifs=[clsm],
        audiences=[newcomer],
        project_steps=[diagnostic],
    )
    sheet.related_testimonies.set([testimony, withdrawn])
    sheet.save()
    other_sheet = PracticeSheetPageFactory(title="Animer un réseau d'habitat", themes=[other_theme])
    unpublished = PracticeSheetPageFactory(title="Fiche en préparation", live=False)
    private = PracticeSheetPageFactory(title="Fiche réservée au groupe de travail")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    draft_of(sheet, title="Titre du brouillon non publié", summary="Résumé du brouillon")

    term = GlossaryTermFactory(
        term="Conseil local de santé mentale",
        acronym="CLSM",
        definition="<p>Instance de concertation locale en santé mentale.</p>",
    )
    draft_term = GlossaryTermFactory(term="Terme en brouillon", acronym="TEB", live=False)
    term.see_also.set([draft_term])
    term.save()
    # A draft revision of the live term: the API serves the live definition.
    edited = GlossaryTerm.objects.get(pk=term.pk)
    edited.definition = "<p>Définition du brouillon.</p>"
    edited.save_revision()

    rebuild()
    return {
        "theme": theme,
        "chapter": chapter,
        "sheet": sheet,
        "other_sheet": other_sheet,
        "testimony": testimony,
        "withdrawn": withdrawn,
        "unpublished": unpublished,
        "private": private,
        "term": term,
        "draft_term": draft_term,
    }


@pytest.fixture
def wsgi_keeps_test_connection():
    """The WSGI app closes DB connections at the end of each request (Django's signal); the
    test client switches that off, so must we: the test's transaction lives on the connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def _assert_french_400(response):
    assert response.status_code == 400, response.content
    message = response.json()["message"]
    assert message and message.isascii() is False or "«" in message or " " in message
    # French wording, never Wagtail's English
    for english in ["must be", "unknown fields", "doesn't exist", "not allowed", "query parameter"]:
        assert english not in message
    return message


@pytest.fixture
def ids():
    """ids(response): the ids listed by a 200 response."""
    return _ids


@pytest.fixture
def assert_french_400():
    """assert_french_400(response): a 400 whose message is French; returns the message."""
    return _assert_french_400
