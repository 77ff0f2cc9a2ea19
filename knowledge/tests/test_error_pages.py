"""Error pages and what every rendered page may load.

Guarantees: the 404 page is in French and offers the search form; the 500 page renders without
the database; no reader page (each page type, a 400 listing, the 404) loads a script, style,
image or frame from outside the site, calls Google Fonts, or repeats an id.
"""

import re

import pytest
from django.template.loader import get_template

from knowledge.factories import (
    GlossaryTermFactory,
    GuideChapterPageFactory,
    PracticeSheetPageFactory,
    ThemeFactory,
    guide_page,
    sheet_index_page,
)
from knowledge.factories import TestimonyPageFactory as TestimonyFactory
from knowledge.factories import testimony_index_page as index_of_testimonies


@pytest.mark.django_db
def test_404_page_is_french_and_offers_search(client, markup):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = markup.text(response)
    assert "Page introuvable" in html and 'action="/recherche/"' in html


def test_500_page_renders_without_the_database():
    # No django_db mark: any database query here would fail the test.
    html = get_template("500.html").render({})
    assert '<html lang="fr">' in html and "Une erreur est survenue" in html


@pytest.mark.django_db
def test_no_rendered_page_loads_an_outside_asset_or_repeats_an_id(client, markup, stream):
    theme = ThemeFactory()
    chapter = GuideChapterPageFactory(body=stream(("heading", {"text": "Titre"})))
    sheet = PracticeSheetPageFactory(themes=[theme])
    testimony = TestimonyFactory()
    GlossaryTermFactory(acronym="ASV", term="Atelier santé ville")

    urls = [
        "/",
        guide_page().url,
        chapter.url,
        sheet_index_page().url,
        sheet.url,
        index_of_testimonies().url,
        testimony.url,
        "/glossaire/",
        "/fiches-pratiques/?theme=inconnu",
        "/page-absente/",
    ]
    outside = re.compile(r"^(https?:)?//", re.I)
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        for tag, attrs in markup.tags(response):
            for name in ("src", "href", "srcset"):
                value = attrs.get(name) or ""
                if tag in ("link", "script", "img", "source", "iframe"):
                    assert not outside.match(value), f"{url}: <{tag} {name}={value}>"
        assert "fonts.googleapis" not in response.content.decode()
        ids = [attrs["id"] for tag, attrs in markup.tags(response) if "id" in attrs]
        assert len(ids) == len(set(ids)), f"{url}: duplicate ids"
