"""The OpenSearch backend against a real node (``bash .ci/search-node.sh start``), run with
``BOUSSOLE_SEARCH_BACKEND=opensearch``: index maintenance, failed writes that must not show,
the alias swap of a rebuild, the degraded mode and odd input. Skipped on the database backend.

An unreachable node is simulated for real: the backend is configured with a port nothing
listens on (connection refused), or one that accepts connections and never answers (timeout).
"""

import re
import socket
import threading
import time
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from wagtail.models import Page, PageViewRestriction

from knowledge.factories import (
    GlossaryTermFactory,
    PracticeSheetPageFactory,
    TestimonyPageFactory,
    ThemeFactory,
)
from knowledge.models import TestimonyPage
from search import highlight, indexing, text
from search.backends import (
    BackendQuery,
    SearchBackendError,
    get_database_backend,
    get_search_backend,
)
from search.facets import FACET_LABELS
from search.lexicon import get_lexicon
from search.models import PendingIndexOperation, SearchDocument
from search.query import ParsedQuery, parse
from search.service import InvalidSearch, autocomplete, search
from search.tests import committed

OPENSEARCH = "search.backends.opensearch.OpenSearchBackend"

pytestmark = pytest.mark.skipif(
    (getattr(settings, "BOUSSOLE_SEARCH", None) or {}).get("BACKEND") != OPENSEARCH,
    reason="OpenSearch backend not configured (BOUSSOLE_SEARCH_BACKEND=opensearch)",
)

CLOSED_PORT_URL = "http://127.0.0.1:9"  # discard port: nothing listens, connection refused


@pytest.fixture
def backend(db):
    return get_search_backend()


@contextmanager
def configured_urls(url, timeout=None):
    """The search backend configured on ``url`` instead of the live node, for the block."""
    config = {**settings.BOUSSOLE_SEARCH, "URLS": [url]}
    if timeout is not None:
        config["TIMEOUT"] = timeout
    with override_settings(BOUSSOLE_SEARCH=config):
        yield get_search_backend()


def node_unreachable():
    return configured_urls(CLOSED_PORT_URL)


@contextmanager
def silent_node():
    """A node that accepts connections and never answers (requests time out)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # never accepted: the kernel completes the handshake, nobody replies
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()


def titles(q, **params):
    return [hit.title for hit in search({"q": q, **params}).results]


def keys_on_node(backend, **filters):
    """Every key the node itself holds (no visibility check), straight from the backend."""
    found = backend.search(BackendQuery(parsed=None, filters=filters, limit=50))
    return {hit["key"] for hit in found.hits}


def published_sheet(title, **kwargs):
    with committed():
        sheet = PracticeSheetPageFactory(title=title, live=False, **kwargs)
        sheet.save_revision().publish()
    return sheet


def published_testimony(title):
    with committed():
        testimony = TestimonyPageFactory(title=title, live=False)
        testimony.save_revision().publish()
    return testimony


def unpublish(page):
    with committed():
        Page.objects.get(pk=page.pk).specific.unpublish()


def make_private(page):
    with committed():
        PageViewRestriction.objects.create(
            page=Page.objects.get(pk=page.pk), restriction_type="password", password="x"
        )


def withdraw_consent(page):
    # A live testimony cannot be saved without consent (knowledge/tests/test_consent.py): a
    # withdrawal recorded behind the editor's back is a data fix, then a reindex.
    with committed():
        TestimonyPage.objects.filter(pk=page.pk).update(consent_given=False, consent_date=None)
        indexing.index_pages([Page.objects.get(pk=page.pk)])


REMOVALS = {
    "unpublished": (published_sheet, unpublish),
    "made private": (published_sheet, make_private),
    "consent withdrawn": (published_testimony, withdraw_consent),
}


# --- index maintenance -------------------------------------------------------------------------


@pytest.mark.parametrize("removal", REMOVALS)
def test_published_is_found_and_removed_is_gone(backend, removal):
    publish, remove = REMOVALS[removal]
    page = publish("Cartographier les ressources")
    key = f"page:{page.pk}"
    assert titles("cartographier") == ["Cartographier les ressources"]
    assert key in keys_on_node(backend)

    remove(page)

    assert titles("cartographier") == []
    assert key not in keys_on_node(backend)
    assert not PendingIndexOperation.objects.exists()


@pytest.mark.parametrize("removal", REMOVALS)
def test_a_removal_the_node_missed_never_shows_and_is_replayed(backend, removal, caplog):
    publish, remove = REMOVALS[removal]
    page = publish("Cartographier les ressources")
    key = f"page:{page.pk}"

    with node_unreachable() as dead:
        assert dead is not backend
        remove(page)
        assert PendingIndexOperation.objects.filter(key=key).exists()
        degraded = search({"q": "cartographier"})
        assert degraded.degraded and degraded.results == []
    assert "Search backend write failed" in caplog.text

    # Back on the live node: it still holds the stale document, readers never get it.
    assert key in keys_on_node(backend)
    results = search({"q": "cartographier"})
    assert not results.degraded
    assert results.results == []

    assert indexing.catch_up() == (1, 0)
    assert key not in keys_on_node(backend)
    assert not PendingIndexOperation.objects.exists()


def test_a_rolled_back_publish_never_reaches_the_node(backend):
    page = published_sheet("Cartographier les ressources")
    key = f"page:{page.pk}"
    page = Page.objects.get(pk=page.pk).specific

    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        page.title = "Titre jamais validé"
        page.save_revision().publish()
        # Queued with the change, in its transaction: a commit the process can't follow up on
        # is still replayed by catch_up.
        assert PendingIndexOperation.objects.filter(key=key).exists()
        raise RuntimeError("the worker dies before the commit")

    assert titles("jamais") == []
    assert titles("cartographier") == ["Cartographier les ressources"]
    assert key in keys_on_node(backend)
    assert not PendingIndexOperation.objects.exists()


def test_a_committed_write_leaves_nothing_queued_once_the_node_took_it(backend):
    with committed():
        page = PracticeSheetPageFactory(title="Budget participatif", live=False)
        page.save_revision().publish()
        assert titles("budget") == []  # not sent before the commit
    assert titles("budget") == ["Budget participatif"]
    assert f"page:{page.pk}" in keys_on_node(backend)
    assert not PendingIndexOperation.objects.exists()


def test_writes_missed_while_the_node_was_down_are_replayed_and_searchable(backend):
    with node_unreachable():
        sheet = published_sheet("Budget participatif")
        with committed():
            term = GlossaryTermFactory(term="Budget participatif des habitants", live=False)
            term.save_revision().publish()
        assert indexing.catch_up() == (0, 2)  # still down: nothing lost, still pending
    pending = set(PendingIndexOperation.objects.values_list("key", flat=True))
    assert pending == {f"page:{sheet.pk}", f"glossary:{term.pk}"}
    assert not keys_on_node(backend) & pending
    assert search({"q": "budget"}).total == 0  # the node answers, without them

    assert indexing.catch_up() == (2, 0)

    assert keys_on_node(backend) >= pending
    results = search({"q": "budget"})
    assert not results.degraded
    assert {h.title for h in results.results} == {"Budget participatif", str(term)}
    assert not PendingIndexOperation.objects.exists()


def test_a_new_glossary_term_is_a_synonym_at_once(backend):
    sheet = published_sheet("Le réseau", summary="Un programme de réussite éducative.")
    assert sheet.title not in titles("PRE")
    with committed():
        term = GlossaryTermFactory(
            term="Programme de réussite éducative", acronym="PRE", live=False
        )
        term.save_revision().publish()

    results = search({"q": "PRE"})

    assert not results.degraded
    assert sheet.title in [hit.title for hit in results.results]
    assert f"glossary:{term.pk}" in keys_on_node(backend)


def test_a_renamed_taxonomy_slug_reindexes_its_pages(backend):
    theme = ThemeFactory(name="Vaccination", slug="vaccination")
    sheet = published_sheet("Campagne de rappel", themes=[theme])
    assert titles("rappel", theme="vaccination") == [sheet.title]

    theme.slug = "vaccins"
    with committed():
        theme.save()

    assert titles("rappel", theme="vaccins") == [sheet.title]
    assert keys_on_node(backend, theme=["vaccins"]) == {f"page:{sheet.pk}"}
    assert keys_on_node(backend, theme=["vaccination"]) == set()
    with pytest.raises(InvalidSearch):
        search({"q": "rappel", "theme": "vaccination"})


def test_rebuild_swaps_the_alias_with_no_moment_of_partial_results(corpus, backend):
    transport, alias = backend.transport, backend.alias
    (old_index,) = transport.alias_targets(alias)
    everything = BackendQuery(parsed=None, limit=1)
    sante = BackendQuery(parsed=ParsedQuery(expr=[[("sant",)]], word_expr=[[("sante",)]]))
    items = SearchDocument.objects.count()  # the database index: what the node must hold
    expected = (backend.search(everything).total, backend.search(sante).total)
    assert expected[0] == items and expected[1] > 1
    seen, errors, searched, stop = [], [], threading.Condition(), threading.Event()

    def reader():  # no database access: only the node, as readers see it
        while not stop.is_set():
            try:
                seen.append((backend.search(everything).total, backend.search(sante).total))
            except SearchBackendError as error:  # pragma: no cover - reported below
                errors.append(error)
            with searched:
                searched.notify_all()

    def after_each_batch(done, total):  # let the reader search between every two batches
        with searched:
            before = len(seen)
            searched.wait_for(lambda: len(seen) > before, timeout=5)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        assert indexing.rebuild(batch_size=2, progress=after_each_batch) == items
        time.sleep(0.2)
    finally:
        stop.set()
        thread.join(10)

    assert not errors
    assert len(seen) >= 4
    assert set(seen) == {expected}  # never empty, never partial
    (new_index,) = transport.alias_targets(alias)
    assert new_index != old_index
    assert set(transport.indexes(f"{alias}*")) == {new_index}  # the old index is deleted
    assert backend.count() == items


def test_a_rebuild_with_the_node_down_still_rebuilds_the_database_index(corpus):
    items = SearchDocument.objects.count()
    with node_unreachable(), pytest.raises(indexing.RebuildError):
        indexing.rebuild()
    assert SearchDocument.objects.count() == items


def test_reset_empties_and_keeps_one_index_behind_the_alias(corpus, backend):
    backend.reset()
    assert backend.count() == 0
    assert search({"q": "habitants"}).total == 0
    assert len(backend.transport.alias_targets(backend.alias)) == 1
    # Without an index at all, the first write creates it.
    backend.transport.delete_indexes(sorted(backend.transport.indexes(f"{backend.alias}*")))
    with committed():
        indexing.index_pages([Page.objects.get(pk=corpus["prevention"].pk)])
    assert titles("habitants") == ["Prévention en santé mentale"]
    assert not PendingIndexOperation.objects.exists()


def test_index_mapping_declares_every_facet_and_the_french_analysis(backend):
    indexing.rebuild()
    (index,) = backend.transport.alias_targets(backend.alias)
    info = backend.transport.client.indices.get(index=index)[index]
    facets = info["mappings"]["properties"]["facets"]
    assert set(facets["properties"]) == set(FACET_LABELS)
    assert facets["dynamic"] == "strict"
    analyzer = info["settings"]["index"]["analysis"]["analyzer"]["boussole_french"]
    assert analyzer["tokenizer"] == "standard"
    sample = (
        "L’élu d'Île-de-France, aujourd'hui : 3,5 œuvres jusqu'à l'ÉTÉ, quoiqu'il "
        "lorsqu'on puisqu'elle c'est qu'un snake_case covid-19 M.D.P.H."
    )
    tokens = backend.transport.client.indices.analyze(
        index=index, body={"analyzer": "boussole_french", "text": sample}
    )
    # The same words as the database backend's Python analysis (search.text).
    assert [t["token"] for t in tokens["tokens"]] == text.stems(sample)


# --- same answers as the database backend ---------------------------------------------------

AGREEMENT = [
    {"q": "sante"},
    {"q": "habitants acteurs"},
    {"q": "habitants précarité"},  # relaxed
    {"q": "clsm"},
    {"q": "conseil local de santé mentale"},
    {"q": '"accès aux soins"'},
    {"q": "coordinaton"},
    {"q": "l'élu"},
    {"q": "acteurs", "theme": ["sante-mentale"], "dispositif": ["clsm"]},
    {"q": "sante", "type": ["fiche-pratique", "remontee-de-terrain"], "sort": "date"},
    {"q": "", "theme": ["acces-aux-soins"]},
]


@pytest.mark.parametrize("params", AGREEMENT, ids=lambda p: str(p))
def test_same_documents_counts_and_facets_as_the_database_backend(corpus, backend, params):
    lexicon = get_lexicon()
    query = BackendQuery(
        parsed=parse(params["q"], lexicon) if params["q"] else None,
        filters={k: v for k, v in params.items() if k not in ("q", "sort")},
        sort=params.get("sort", "pertinence"),
        limit=50,
        facet_keys=tuple(FACET_LABELS),
    )
    ours, database = backend.search(query), get_database_backend().search(query)
    assert ours.total == database.total
    assert ours.relaxed == database.relaxed
    assert ours.facet_counts == database.facet_counts
    assert {h["key"] for h in ours.hits} == {h["key"] for h in database.hits}
    if query.sort == "date" or query.parsed is None:
        assert [h["key"] for h in ours.hits] == [h["key"] for h in database.hits]
    for hit in ours.hits:
        assert set(hit) - {"title_html", "excerpt_html"} == set(database.hits[0])
        assert hit["date"] is None or hit["date"].tzinfo is not None


def test_autocomplete_puts_glossary_first_then_title_prefixes_then_words(corpus, backend):
    assert [d["title"] for d in backend.autocomplete("cls", 8)] == [
        "CLS — Contrat local de santé",
        "CLSM — Conseil local de santé mentale",
    ]
    labels = [s["label"] for s in autocomplete("conseil")]
    assert labels[0] == "CLSM — Conseil local de santé mentale"  # a word of the glossary term
    assert "Installer un conseil local de santé mentale" in labels
    assert [s["label"] for s in autocomplete("sante ment")][-1] == "Prévention en santé mentale"
    assert [d["title"] for d in backend.autocomplete("coordination en s", 8)] == [
        "Coordination en Seine-Saint-Denis"
    ]


def test_highlights_come_from_the_node_and_are_html_safe(corpus, backend):
    published_sheet(
        "L'élu et les <b>habitants</b>",
        summary="D'après l'élu, les habitants <i>du</i> quartier & « les autres » ont dit 'oui' 1/2.",
    )
    query = BackendQuery(parsed=parse("l'élu habitants", get_lexicon()))
    hit = next(h for h in backend.search(query).hits if "<b>" in h["title"])
    title, excerpt = str(hit["title_html"]), str(hit["excerpt_html"])
    assert title == "L&#x27;<mark>élu</mark> et les &lt;b&gt;<mark>habitants</mark>&lt;/b&gt;"
    assert "l&#x27;<mark>élu</mark>, les <mark>habitants</mark> &lt;i&gt;du&lt;/i&gt;" in excerpt
    assert "&amp; « les autres » ont dit &#x27;oui&#x27; 1/2." in excerpt
    for html in (title, excerpt):
        assert re.sub(r"</?mark>", "", html).count("<") == 0
        assert "'" not in html
    # Without a title match OpenSearch has no title highlight: the service marks it in Python.
    other = search({"q": "quartier & autres"}).results
    hit = next(h for h in other if "<b>" in h.title)
    assert str(hit.title_html) == "L&#x27;élu et les &lt;b&gt;habitants&lt;/b&gt;"
    assert "<mark>quartier</mark>" in str(hit.excerpt_html)


def test_excerpts_are_cut_where_the_database_backend_cuts_them(corpus, backend):
    """The node marks the words; the window around them is ``search.highlight``'s, so a reader
    sees the same excerpt whichever backend answered."""
    filler = " ".join(f"mot{n}" for n in range(80))
    published_sheet(
        "Repérer les logements anciens",
        summary=f"{filler} le saturnisme touche   les enfants\nde l'habitat ancien. {filler}",
    )
    parsed = parse("saturnisme enfants", get_lexicon())
    hits = backend.search(BackendQuery(parsed=parsed)).hits
    hit = next(h for h in hits if h["title"] == "Repérer les logements anciens")
    excerpt = str(hit["excerpt_html"])
    assert excerpt == str(highlight.excerpt(hit["text"], parsed.highlight_stems))
    assert excerpt.startswith("… ") and excerpt.endswith(" …")
    assert "le <mark>saturnisme</mark> touche les <mark>enfants</mark> de l&#x27;habitat" in excerpt


def test_a_deep_page_beyond_the_result_window_is_the_last_page(corpus, backend):
    results = search({"q": "sante", "page": "99999"})
    assert not results.degraded
    assert results.page == results.num_pages and results.results


# --- the node unreachable ------------------------------------------------------------------


def test_unreachable_node_answers_from_the_database_and_says_so(corpus, client, caplog):
    with node_unreachable():
        results = search({"q": "habitants"})
        api = client.get("/api/v2/search/", {"q": "habitants"})
        page = client.get("/recherche/", {"q": "habitants"})
        suggestions = autocomplete("preven")

    assert results.degraded
    assert [h.title for h in results.results] == ["Prévention en santé mentale"]
    assert api.status_code == 200
    assert api.json()["meta"]["degraded"] is True
    assert [item["title"] for item in api.json()["items"]] == ["Prévention en santé mentale"]
    html = page.content.decode()
    assert page.status_code == 200 and "search-degraded" in html
    assert "La recherche fonctionne en mode réduit" in html
    assert "Prévention en santé mentale" in html
    assert [s["label"] for s in suggestions] == ["Prévention en santé mentale"]
    assert "Search backend unavailable, answering from the database" in caplog.text
    # The node is back: no more degraded answers.
    assert not search({"q": "habitants"}).degraded
    assert '"degraded":false' in client.get("/api/v2/search/", {"q": "habitants"}).content.decode()


def test_a_node_that_never_answers_costs_one_timeout_per_call(corpus):
    with silent_node() as url, configured_urls(url, timeout=0.5) as silent:
        started = time.monotonic()
        with pytest.raises(SearchBackendError):
            silent.search(BackendQuery(parsed=None))
        assert time.monotonic() - started < 1.5  # one attempt, no retry
        results = search({"q": "habitants"})
    assert results.degraded and results.total == 1


def test_every_client_failure_is_a_search_backend_error(backend):
    with node_unreachable() as dead:
        for call in (
            lambda: dead.search(BackendQuery(parsed=None)),
            lambda: dead.autocomplete("sante", 5),
            lambda: dead.replace([], ["page:1"]),
            dead.reset,
            dead.refresh,
            dead.count,
            dead.get_rebuilder().start,
        ):
            with pytest.raises(SearchBackendError):
                call()
        assert dead.transport.ping() is False
    assert backend.transport.ping() is True


# --- odd input -----------------------------------------------------------------------------

ODD_QUERIES = [
    " ".join(f"zorglub{i}" for i in range(40))[:200],  # 200 characters of unknown words
    '"sante mentale',
    '" * - : NEAR OR AND ( )',
    'title:sante "accès" « aux » soins~2 sante^4 /regex/ [a TO z] {x}',
    "sante\x00prevention",
    "\x00",
    "🙂 santé 🙂 mentale",
    "\\\"'; DROP TABLE x; --",
    "l' d' qu' c'",
]


@pytest.mark.parametrize("q", ODD_QUERIES)
def test_odd_queries_are_answered_by_the_node(corpus, client, q):
    results = search({"q": q})
    assert not results.degraded  # OpenSearch took it: no fallback hiding an error
    assert client.get("/api/v2/search/", {"q": q}).status_code == 200
    assert client.get("/recherche/", {"q": q}).status_code == 200
    assert client.get("/recherche/suggestions/", {"q": q}).status_code == 200


def test_odd_words_reach_the_node_as_plain_text(corpus, backend):
    odd = ParsedQuery(
        expr=[["x"]] * 3,
        word_expr=[[('a"b\\*',), ("*:()",)], [("sante", "}{", "~1")], [("\x00",)]],
    )
    assert backend.search(BackendQuery(parsed=odd, facet_keys=tuple(FACET_LABELS))).total == 0
    for folded in ['a"b', "*", "zz \\", "\x00", "🙂" * 50, "x" * 100]:
        assert backend.autocomplete(folded, 8) == []
