"""The guide and its chapters (GuidePage, GuideChapterPage).

Guarantees: the guide lists its live chapters in tree order and never a draft; a chapter's table
of contents links exactly the ids of its headings, and its checklist and callout blocks render;
previous / next links join live siblings and skip drafts; a quoted-testimony block shows a
visible testimony (with a link to it) or a typed-in quote, never an unpublished testimony.
"""

import re

import pytest

from knowledge.factories import GuideChapterPageFactory, guide_page
from knowledge.factories import TestimonyPageFactory as TestimonyFactory


@pytest.mark.django_db
def test_guide_lists_live_chapters_in_order(client, markup):
    first = GuideChapterPageFactory(title="Le rôle de coordination")
    GuideChapterPageFactory(title="Chapitre pas encore publié", live=False)
    second = GuideChapterPageFactory(title="Le diagnostic local")

    response = client.get(guide_page().url)
    html = markup.text(response)
    chapter_list = re.search(r'<ol class="chapter-list">.*?</ol>', html, re.S).group(0)
    assert chapter_list.index(first.title) < chapter_list.index(second.title)
    assert "Chapitre pas encore publié" not in html


@pytest.mark.django_db
def test_chapter_toc_anchors_match_heading_ids(client, markup, stream):
    chapter = GuideChapterPageFactory(
        title="Connaître son territoire",
        body=stream(
            ("heading", {"text": "Les acteurs à rencontrer"}),
            ("paragraph", "<p>Commencer par la mairie et le centre social.</p>"),
            ("heading", {"text": "Où trouver les données ?"}),
            ("reflexes", {"title": "Réflexes à acquérir", "items": ["Noter ses sources"]}),
            ("callout", {"kind": "warning", "title": "", "text": "<p>Données anciennes.</p>"}),
        ),
    )
    response = client.get(chapter.url)
    assert response.status_code == 200

    toc = re.search(r'<nav class="toc".*?</nav>', response.content.decode(), re.S).group(0)
    toc_anchors = re.findall(r'href="#([^"]+)"', toc)
    heading_ids = [
        attrs["id"]
        for tag, attrs in markup.tags(response)
        if tag == "h2" and "block-heading" in attrs.get("class", "")
    ]
    assert toc_anchors == ["les-acteurs-a-rencontrer", "ou-trouver-les-donnees"]
    assert heading_ids == toc_anchors
    html = markup.text(response)
    assert "Noter ses sources" in html and 'class="checklist"' in html
    assert 'role="note"' in html and "Vigilance" in html


@pytest.mark.django_db
def test_chapter_prev_next_link_live_siblings_and_skip_drafts(client, markup):
    first = GuideChapterPageFactory(title="Premier chapitre")
    GuideChapterPageFactory(title="Chapitre brouillon", live=False)
    middle = GuideChapterPageFactory(title="Chapitre du milieu")
    GuideChapterPageFactory(title="Autre brouillon", live=False)
    last = GuideChapterPageFactory(title="Dernier chapitre")

    response = client.get(middle.url)
    nav = [
        attrs
        for tag, attrs in markup.tags(response)
        if tag == "a" and attrs.get("rel") in ("prev", "next")
    ]
    assert {a["rel"]: a["href"] for a in nav} == {"prev": first.url, "next": last.url}

    first_nav = [
        attrs
        for tag, attrs in markup.tags(client.get(first.url))
        if tag == "a" and attrs.get("rel") in ("prev", "next")
    ]
    assert [(a["rel"], a["href"]) for a in first_nav] == [("next", middle.url)]


@pytest.mark.django_db
def test_quoted_testimony_block_shows_only_a_visible_testimony(client, markup, stream):
    visible = TestimonyFactory(quote="Le diagnostic a rassemblé tout le quartier.")
    hidden = TestimonyFactory(quote="Citation d'une remontée dépubliée.")
    hidden.unpublish()
    chapter = GuideChapterPageFactory(
        body=stream(
            ("quoted_testimony", {"testimony": visible.pk, "quote": "", "attribution": ""}),
            ("quoted_testimony", {"testimony": hidden.pk, "quote": "", "attribution": ""}),
            (
                "quoted_testimony",
                {"testimony": None, "quote": "Une phrase saisie.", "attribution": "Un élu"},
            ),
        )
    )
    response = client.get(chapter.url)
    html = markup.text(response)
    assert "Le diagnostic a rassemblé tout le quartier." in html
    assert visible.url in markup.hrefs(response)
    assert "Citation d'une remontée dépubliée." not in html
    assert hidden.url not in markup.hrefs(response)
    assert "Une phrase saisie." in html and "<figcaption>Un élu</figcaption>" in html
