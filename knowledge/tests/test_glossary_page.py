"""The glossary page (/glossaire/, GlossaryTerm snippets).

Guarantees: only live terms are listed, each with its anchor; terms file under their first
letter with accents folded, and the letter bar links only letters that have terms; « see also »
links point at published anchors only.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from knowledge.factories import (
    GlossaryTermFactory,
    GuideChapterPageFactory,
    PracticeSheetPageFactory,
    TestimonyPageFactory,
)


@pytest.mark.django_db
def test_glossary_lists_live_terms_with_anchors_and_letter_navigation(client, markup):
    ars = GlossaryTermFactory(term="Agence régionale de santé", acronym="ARS")
    clsm = GlossaryTermFactory(term="Conseil local de santé mentale", acronym="CLSM")
    ecole = GlossaryTermFactory(term="École promotrice de santé")
    draft = GlossaryTermFactory(term="Terme jamais publié", acronym="TJP", live=False)
    clsm.see_also.set([ars, draft])
    clsm.save()

    response = client.get("/glossaire/")
    assert response.status_code == 200
    html = markup.text(response)
    assert "Conseil local de santé mentale" in html and "ARS" in html
    assert "Terme jamais publié" not in html and "TJP" not in html

    ids = {attrs.get("id") for tag, attrs in markup.tags(response)}
    assert {ars.slug, clsm.slug, ecole.slug} <= ids
    # "École" files under E (accents folded); the letter bar links only letters that have terms.
    assert "lettre-e" in ids
    alphabet = re.search(r'<nav class="alphabet".*?</nav>', html, re.S).group(0)
    assert 'href="#lettre-a"' in alphabet and 'href="#lettre-e"' in alphabet
    assert 'href="#lettre-z"' not in alphabet
    # See-also links point at published anchors only.
    entry = re.search(rf'id="{clsm.slug}".*?</div>\s*</dd>', html, re.S).group(0)
    assert f'href="#{ars.slug}"' in entry and f'href="#{draft.slug}"' not in entry


@pytest.mark.django_db
def test_glossary_is_sorted_the_french_way(client, markup):
    for term, acronym in [
        ("Maison de santé pluriprofessionnelle", "MSP"),
        ("Médiation en santé", ""),
        ("mobilité", ""),
        ("Éducation thérapeutique du patient", "ETP"),
        ("Évaluation", ""),
    ]:
        GlossaryTermFactory(term=term, acronym=acronym)
    html = markup.text(client.get("/glossaire/"))
    order = [
        html.index(f'<span class="glossary__expansion">{t}') if a else html.index(f">{t}</a>")
        for t, a in [
            ("Médiation en santé", ""),
            ("mobilité", ""),
            ("Maison de santé pluriprofessionnelle", "MSP"),
        ]
    ]
    assert order == sorted(order)  # Médiation, mobilité, MSP: accents and case ignored
    assert html.index(">Éducation thérapeutique") < html.index(
        ">Évaluation</a>"
    )  # ETP < Évaluation


@pytest.mark.django_db
def test_each_entry_links_to_its_page_and_a_quick_filter_is_offered(client, markup):
    clsm = GlossaryTermFactory(term="Conseil local de santé mentale", acronym="CLSM", slug="clsm")
    response = client.get("/glossaire/")
    assert "/glossaire/clsm/" in markup.hrefs(response)
    tags = markup.tags(response)
    entry = next(attrs for tag, attrs in tags if attrs.get("id") == clsm.slug)
    assert entry["data-filter-text"] == "clsm conseil local de sante mentale"
    # The filter is hidden until its static script shows it: without JavaScript, letters work.
    box = next(attrs for tag, attrs in tags if "data-glossary-filter" in attrs)
    assert "hidden" in box
    scripts = [attrs["src"] for tag, attrs in tags if tag == "script" and "src" in attrs]
    assert any(src.endswith("knowledge/glossary-filter.js") for src in scripts)
    label = next(
        attrs for tag, attrs in tags if tag == "label" and attrs.get("for") == "glossary-filter-q"
    )
    assert label


@pytest.mark.django_db
def test_term_page_shows_definition_see_also_and_visible_content_using_it(client, markup, stream):
    ars = GlossaryTermFactory(term="Agence régionale de santé", acronym="ARS", slug="ars")
    draft = GlossaryTermFactory(term="Terme jamais publié", acronym="TJP", live=False)
    clsm = GlossaryTermFactory(
        term="Conseil local de santé mentale",
        acronym="CLSM",
        slug="clsm",
        definition="<p>Une instance de concertation locale.</p>",
    )
    clsm.see_also.set([ars, draft])
    clsm.save()
    chapter = GuideChapterPageFactory(
        title="Animer le réseau", body=stream(("paragraph", "<p>Le CLSM se réunit.</p>"))
    )
    sheet = PracticeSheetPageFactory(
        title="Lancer un conseil", objectives="<p>Créer un conseil local de santé mentale.</p>"
    )
    testimony = TestimonyPageFactory(title="Trois mois", quote="Le CLSM m'a tout appris.")
    GuideChapterPageFactory(
        title="Brouillon", live=False, body=stream(("paragraph", "<p>CLSM</p>"))
    )
    private = GuideChapterPageFactory(
        title="Réservé", body=stream(("paragraph", "<p>Le CLSM.</p>"))
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    GuideChapterPageFactory(
        title="Sans rapport", body=stream(("paragraph", "<p>Le clsm, l'ARSENAL.</p>"))
    )

    response = client.get(clsm.reader_url)
    assert clsm.reader_url == "/glossaire/clsm/"
    assert response.status_code == 200
    html = markup.text(response)
    assert "Une instance de concertation locale." in html
    hrefs = markup.hrefs(response)
    assert ars.reader_url in hrefs and "/glossaire/tjp/" not in hrefs
    assert {chapter.url, sheet.url, testimony.url} <= set(hrefs)
    assert "Brouillon" not in html and "Réservé" not in html and "Sans rapport" not in html


@pytest.mark.django_db
def test_a_term_that_is_not_live_has_no_page(client):
    GlossaryTermFactory(term="Terme jamais publié", acronym="TJP", slug="tjp", live=False)
    response = client.get("/glossaire/tjp/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert client.get("/glossaire/inexistant/").status_code == 404


@pytest.mark.django_db
def test_term_page_queries_do_not_grow_with_the_content_using_it(client, settings, stream):
    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 0

    def measure(count, acronym):
        term = GlossaryTermFactory(term=f"Terme {acronym}", acronym=acronym, slug=acronym.lower())
        term.see_also.set([GlossaryTermFactory() for _ in range(count)])
        term.save()
        for n in range(count):
            GuideChapterPageFactory(body=stream(("paragraph", f"<p>Le {acronym} ({n}).</p>")))
            PracticeSheetPageFactory(objectives=f"<p>Le {acronym} ({n}).</p>")
        client.get(term.reader_url)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(term.reader_url)
        assert response.content.decode().count(f"Le {acronym}") == 0  # titles listed, not text
        return len(captured.captured_queries)

    assert measure(2, "AAA") == measure(12, "BBB")
