"""The glossary where the jargon is (knowledge/jargon.py, ``{% jargon %}`` in the page templates).

Guarantees, one test each: first occurrence per page body only (across blocks and fields);
never inside links, headings or an existing <abbr>; acronyms whole words and in capitals only;
expansions case-insensitive with accents folded, the longest match first; rich text and
StreamField text alike; a newly published term appears on a page without editing it, an
unpublished one never; valid, accessible markup (unique ids, a tooltip describing the link);
the number of queries of a page does not grow with the number of terms.
"""

import json
import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge import jargon
from knowledge.demo.glossary import GLOSSARY
from knowledge.demo.testimonies import TESTIMONIES
from knowledge.factories import (
    GlossaryTermFactory,
    GuideChapterPageFactory,
    PracticeSheetPageFactory,
    TestimonyPageFactory,
)
from knowledge.models import GlossaryTerm, GuideChapterPage

pytestmark = pytest.mark.django_db

WIDGET = re.compile(r'<a class="jargon__term" href="(?P<href>[^"]+)"[^>]*>(?P<text>.*?)</a>', re.S)


@pytest.fixture
def clsm():
    return GlossaryTermFactory(
        term="Conseil local de santé mentale",
        acronym="CLSM",
        slug="clsm",
        definition="<p>Instance de concertation <b>locale</b> entre élus, psychiatrie et usagers.</p>",
    )


@pytest.fixture
def ars():
    return GlossaryTermFactory(term="Agence régionale de santé", acronym="ARS", slug="ars")


def widgets(html):
    """[(href, text as written)] of the definition widgets in ``html``, in order."""
    return [(m["href"], m["text"]) for m in WIDGET.finditer(str(html))]


def chapter(stream, *blocks, **fields):
    return GuideChapterPageFactory(body=stream(*blocks), **fields)


def body_of(response):
    """The chapter's body (the wrapped region) from a rendered page."""
    html = response.content.decode()
    return html[html.index('<div class="stream">') :]


def test_first_occurrence_only_across_blocks(client, stream, clsm):
    page = chapter(
        stream,
        ("paragraph", "<p>Le CLSM réunit les partenaires. Le CLSM se réunit deux fois par an.</p>"),
        ("paragraph", "<p>Un CLSM peut aussi s'appeler conseil local de santé mentale.</p>"),
    )
    found = widgets(body_of(client.get(page.url)))
    assert found == [("/glossaire/clsm/", "CLSM")]


def test_never_inside_links_headings_or_abbreviations(clsm, ars):
    html = (
        '<h2>Le CLSM</h2><p><a href="/ailleurs/">voir le CLSM</a> '
        '<abbr title="Agence régionale de santé">ARS</abbr> et enfin le CLSM puis l’ARS.</p>'
    )
    out = jargon.annotate(html)
    assert "<h2>Le CLSM</h2>" in out
    assert '<a href="/ailleurs/">voir le CLSM</a>' in out
    assert '<abbr title="Agence régionale de santé">ARS</abbr>' in out
    assert widgets(out) == [("/glossaire/clsm/", "CLSM"), ("/glossaire/ars/", "ARS")]
    # The widget itself is never nested in a link.
    assert out.index("enfin le ") < out.index('class="jargon"')


def test_acronyms_only_as_whole_words(clsm, ars):
    GlossaryTermFactory(term="Contrat local de santé", acronym="CLS", slug="cls")
    out = jargon.annotate("<p>Le CLSM de la ville. ARSENAL municipal. Les CLSs.</p>")
    assert widgets(out) == [("/glossaire/clsm/", "CLSM")]
    assert jargon.annotate("<p>L'ARS-IDF et le CLS.</p>").count('class="jargon__term"') == 2


def test_acronyms_only_in_capitals(ars):
    assert widgets(jargon.annotate("<p>Les ars et les Ars ne comptent pas.</p>")) == []
    assert widgets(jargon.annotate("<p>Mais l’ARS oui.</p>")) == [("/glossaire/ars/", "ARS")]


def test_expansions_match_without_case_or_accents(clsm):
    out = jargon.annotate("<p>Le conseil local de sante mentale se réunit.</p>")
    assert widgets(out) == [("/glossaire/clsm/", "conseil local de sante mentale")]
    out = jargon.annotate("<p>CONSEIL LOCAL DE SANTÉ MENTALE</p>")
    assert widgets(out) == [("/glossaire/clsm/", "CONSEIL LOCAL DE SANTÉ MENTALE")]
    # Typographic apostrophes and non-breaking spaces are read as plain ones.
    GlossaryTermFactory(term="Groupe d'entraide mutuelle", acronym="GEM", slug="gem")
    out = jargon.annotate("<p>Un groupe d’entraide\u00a0mutuelle.</p>")
    assert widgets(out) == [("/glossaire/gem/", "groupe d’entraide\u00a0mutuelle")]


def test_the_longest_term_wins_at_one_place(clsm):
    GlossaryTermFactory(term="Santé mentale", slug="sante-mentale")
    out = jargon.annotate("<p>Le conseil local de santé mentale parle de santé mentale.</p>")
    assert widgets(out) == [
        ("/glossaire/clsm/", "conseil local de santé mentale"),
        ("/glossaire/sante-mentale/", "santé mentale"),
    ]


def test_rich_text_fields_and_streamfield_text_alike(client, stream, clsm, ars):
    GlossaryTermFactory(term="Centre médico-psychologique", acronym="CMP", slug="cmp")
    sheet = PracticeSheetPageFactory(
        objectives="<p>Comprendre le rôle de l’ARS.</p>",
        steps=stream(("step", {"title": "Le CLSM", "body": "<p>Rencontrer le CLSM.</p>"})),
        body=stream(
            ("callout", {"kind": "info", "title": "", "text": "<p>Le CMP du secteur.</p>"})
        ),
    )
    html = client.get(sheet.url).content.decode()
    assert {href for href, _text in widgets(html)} == {
        "/glossaire/ars/",
        "/glossaire/clsm/",
        "/glossaire/cmp/",
    }
    testimony = TestimonyPageFactory(
        quote="Sans le CLSM, rien n'aurait bougé.", context="<p>Une ville avec une ARS.</p>"
    )
    html = client.get(testimony.url).content.decode()
    assert {href for href, _text in widgets(html)} == {"/glossaire/clsm/", "/glossaire/ars/"}


def test_a_newly_published_term_appears_without_editing_the_page(client, stream):
    page = chapter(stream, ("paragraph", "<p>Le GEM accueille les adhérents.</p>"))
    assert widgets(body_of(client.get(page.url))) == []  # now in the page cache
    term = GlossaryTermFactory(term="Groupe d'entraide mutuelle", acronym="GEM", live=False)
    assert widgets(body_of(client.get(page.url))) == []  # a draft term: nothing yet
    before = GuideChapterPage.objects.values_list("latest_revision_id", "last_published_at").get(
        pk=page.pk
    )
    term.save_revision().publish()
    assert widgets(body_of(client.get(page.url))) == [(term.reader_url, "GEM")]
    after = GuideChapterPage.objects.values_list("latest_revision_id", "last_published_at").get(
        pk=page.pk
    )
    assert after == before  # the page itself was not touched


def test_unpublished_terms_never_appear(client, stream, clsm):
    GlossaryTermFactory(term="Terme en brouillon", acronym="TEB", live=False)
    page = chapter(stream, ("paragraph", "<p>Le TEB, un terme en brouillon, et le CLSM.</p>"))
    assert widgets(body_of(client.get(page.url))) == [("/glossaire/clsm/", "CLSM")]
    # Unpublishing a live term removes it from pages at once.
    GlossaryTerm.objects.get(pk=clsm.pk).unpublish()
    assert widgets(body_of(client.get(page.url))) == []


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.described, self.stack, self.problems = [], [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "aria-describedby" in attrs:
            self.described.append(attrs["aria-describedby"])
        if tag == "a" and "a" in self.stack:
            self.problems.append("a inside a")
        if tag in ("div", "p", "details", "ul") and "p" in self.stack:
            self.problems.append(f"{tag} inside p")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass


def test_markup_is_valid_phrasing_with_a_described_link(client, stream, clsm, ars):
    page = chapter(
        stream,
        ("paragraph", "<p>Le <b>CLSM</b> et l’ARS.</p><ul><li>L’ARS encore</li></ul>"),
    )
    html = client.get(page.url).content.decode()
    parsed = _Markup()
    parsed.feed(html)
    assert parsed.problems == []
    assert len(parsed.ids) == len(set(parsed.ids))  # unique ids
    assert set(parsed.described) >= {"jargon-clsm", "jargon-ars"}
    assert set(parsed.described) <= set(parsed.ids)
    tip = re.search(
        r'<span class="jargon__tip" role="tooltip" id="jargon-clsm">(.*?)</span></span>', html, re.S
    )
    text = re.sub(r"<[^>]+>", "", tip.group(1))
    assert "Conseil local de santé mentale" in text
    assert "Instance de concertation locale entre élus" in text
    assert "<b>" not in tip.group(1)  # the definition as plain text: no markup from the editor


def test_the_body_only_not_the_title_or_the_navigation(client, stream, clsm):
    page = chapter(stream, ("paragraph", "<p>Rien ici.</p>"), title="Le CLSM au quotidien")
    html = client.get(page.url).content.decode()
    assert widgets(html) == []


def test_queries_do_not_grow_with_the_number_of_terms(client, settings, stream):
    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 0

    def measure(count, prefix):
        terms = [
            GlossaryTermFactory(term=f"Dispositif {prefix} {n}", acronym=f"{prefix}{n:02d}X")
            for n in range(count)
        ]
        text = " ".join(
            f"Le {t.acronym} et le dispositif {prefix} {n}." for n, t in enumerate(terms)
        )
        page = chapter(stream, ("paragraph", f"<p>{text}</p>"), title=f"Chapitre {prefix}")
        client.get(page.url)
        # Cold: a new content version, so the terms are read and the body annotated again.
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.url)
        assert len(widgets(response.content.decode())) == count
        return len(captured.captured_queries)

    assert measure(2, "AB") == measure(20, "CD")


def test_body_is_annotated_once_per_content_version(client, stream, clsm, settings, monkeypatch):
    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 0
    page = chapter(stream, ("paragraph", "<p>Le CLSM.</p>"))
    first = client.get(page.url).content.decode()
    calls = []
    original = jargon.annotate
    monkeypatch.setattr(
        jargon, "annotate", lambda html, terms=None: calls.append(1) or original(html, terms)
    )
    second = client.get(page.url).content.decode()
    assert calls == [] and widgets(second) == widgets(first)
    GlossaryTermFactory(term="Autre terme")  # a glossary change: a new version, annotated again
    client.get(page.url)
    assert calls == [1]


def test_the_stream_json_is_plain_text_for_editors(stream, clsm):
    # Editors write plain text: nothing of the widget is stored in the page.
    page = chapter(stream, ("paragraph", "<p>Le CLSM.</p>"))
    stored = json.dumps(list(page.body.raw_data))
    assert "jargon" not in stored


def test_the_tooltip_holds_the_definition_as_short_plain_text():
    term = GlossaryTermFactory(
        term="Atelier santé ville",
        acronym="ASV",
        definition="<p>Une démarche <i>locale</i>.</p><ul><li>Diagnostic</li><li>Actions</li></ul>"
        + "<p>"
        + " ".join(["mot"] * 80)
        + "</p>",
    )
    out = jargon.annotate("<p>L’ASV.</p>")
    tip = re.search(r'role="tooltip" id="jargon-asv">(.*?)</span></span>', out).group(1)
    text = re.sub(r"<[^>]+>", "", tip)
    assert text.startswith("ASV, Atelier santé ville : Une démarche locale. Diagnostic Actions mot")
    assert text.endswith("…") and len(text.split()) < 60
    assert term.reader_url == "/glossaire/asv/"


def test_the_demo_testimony_about_jargon_explains_its_acronyms(client):
    for entry in GLOSSARY:
        GlossaryTermFactory(**{k: entry[k] for k in ("slug", "term", "acronym", "definition")})
    demo = next(t for t in TESTIMONIES if t["slug"] == "trois-mois-pour-comprendre-le-jargon")
    testimony = TestimonyPageFactory(
        **{k: demo[k] for k in ("slug", "title", "quote", "context", "speaker_role")}
    )
    found = {text: href for href, text in widgets(client.get(testimony.url).content.decode())}
    for acronym in ("PRAPS", "CPTS", "PTSM", "DD ARS", "CLS"):
        assert found[acronym] == GlossaryTerm.objects.get(acronym=acronym).reader_url
    assert "ARS" not in found  # inside « DD ARS », the longest term
