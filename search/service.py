"""The Boussole search service: one entry point for the reader page and the API.

``search(form_or_params, *, record_zero_results=True) -> SearchResults`` (``search.results``)
    ``form_or_params``: a bound ``search.forms.SearchForm``, a ``QueryDict`` (``request.GET``) or
    a plain dict (values may be lists). Invalid parameters raise ``InvalidSearch`` whose
    ``messages`` is a list of French messages (and ``form`` the bound form): answer 400.

``autocomplete(q, limit=8) -> list of dicts`` (label, url, type, type_label): titles and glossary
    terms/acronyms starting with (or containing a word starting with) the typed text.

``matching_page_ids(q, *, filters=None, limit=MATCHING_PAGES_MAX) -> PageMatches``: ids of the
    visible pages matching ``q``, most relevant first, in one backend call (the API's
    ``?search=``); ``truncated`` is set when more than ``limit`` match.

Guarantees:
- only live, public (for testimonies, consented) pages and live glossary terms are returned:
  the index holds nothing else, and each result is checked against ``knowledge.visibility``
  before it is served, so a removal the backend missed never shows (fail closed);
- when the configured backend fails (unreachable, timeout, error) the answer comes from the
  database backend, ``degraded`` is set and a warning is logged: never an error for the reader;
- the same analysis for every backend: the query is parsed once (``search.query``: accents,
  elisions, stop words, glossary acronyms ↔ expansions, one typo in words of 5+ letters), the
  backend matches it, filters and counts facets (``search.backends``); highlighting is the
  backend's or, if it has none, ``search.highlight``;
- a query that finds nothing is counted in ``ZeroResultQuery`` for the working group.
"""

import logging
import math
from dataclasses import dataclass

from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from wagtail.models import Page

from knowledge.visibility import visible_glossary_terms, visible_pages
from search import highlight, text
from search.backends import (
    BackendQuery,
    SearchBackendError,
    get_database_backend,
    get_search_backend,
)
from search.facets import FACET_LABELS, GLOSSARY_TYPE, PARAM_FOR_KEY, TYPE_KEY, type_choices
from search.forms import SORT_RELEVANCE, SearchForm, clean_query_text
from search.lexicon import get_lexicon
from search.models import SearchIndexState, ZeroResultQuery
from search.query import parse
from search.results import FacetCounts, FacetValue, SearchHit, SearchResults

logger = logging.getLogger(__name__)

GLOSSARY_SHOWN = 3  # glossary definitions shown beside the results
AUTOCOMPLETE_MAX = 20
AUTOCOMPLETE_QUERY_CHARS = 100
SUGGESTION_MIN_LENGTH = 4  # shorter unknown words get no "did you mean"


class InvalidSearch(ValueError):
    def __init__(self, form):
        self.form = form
        self.messages = form.error_messages_fr()
        super().__init__("; ".join(self.messages))


def _as_form(form_or_params):
    if isinstance(form_or_params, SearchForm):
        return form_or_params
    params = form_or_params or {}
    if not hasattr(params, "getlist"):
        params = MultiValueDict(
            {k: list(v) if isinstance(v, list | tuple) else [v] for k, v in params.items()}
        )
    return SearchForm(params)


def _with_fallback(call):
    """``call(backend)`` on the configured backend, else on the database one: (value, degraded)."""
    backend = get_search_backend()
    try:
        return call(backend), False
    except SearchBackendError as error:
        database = get_database_backend()
        if backend is database:
            raise
        logger.warning("Search backend unavailable, answering from the database: %s", error)
        return call(database), True


def _visible(hits):
    """Only the hits a reader may see now, whatever the index says (fail closed)."""
    page_ids = {h["page_id"] for h in hits if h["page_id"]}
    term_ids = {h["glossary_term_id"] for h in hits if h["glossary_term_id"]}
    if page_ids:
        page_ids = set(
            visible_pages(Page.objects.filter(pk__in=page_ids)).values_list("pk", flat=True)
        )
    if term_ids:
        term_ids = set(
            visible_glossary_terms().filter(pk__in=term_ids).values_list("pk", flat=True)
        )
    return [h for h in hits if h["page_id"] in page_ids or h["glossary_term_id"] in term_ids]


def _facets(counts, filters, choices):
    facets = []
    for key, label in FACET_LABELS.items():
        selected = set(filters.get(key, []))
        values = [
            FacetValue(
                value=slug,
                label=str(name),
                count=counts.get(key, {}).get(slug, 0),
                selected=slug in selected,
            )
            for slug, name in choices[key]
        ]
        values = [v for v in values if v.count or v.selected]
        facets.append(
            FacetCounts(key=key, param=PARAM_FOR_KEY[key], label=str(label), values=values)
        )
    return facets


def _hit(doc, stems):
    return SearchHit(
        key=doc["key"],
        page_id=doc["page_id"],
        glossary_term_id=doc["glossary_term_id"],
        type=doc["content_type"],
        type_label=doc["type_label"],
        title=doc["title"],
        title_html=doc.get("title_html") or highlight.highlight_title(doc["title"], stems),
        excerpt_html=doc.get("excerpt_html") or highlight.excerpt(doc["text"], stems),
        url=doc["url"],
        place=doc["place"],
        date=doc["date"],
    )


def _suggestion(parsed, lexicon):
    replaced, changed = [], False
    for word in parsed.words:
        new = parsed.corrections.get(word)
        if not new and len(word) >= SUGGESTION_MIN_LENGTH and not lexicon.is_known(word):
            new = lexicon.nearest_word(word)
        if new and new != word:
            changed = True
        replaced.append(new or word)
    return " ".join(replaced) if changed else None


def _glossary(parsed):
    return [
        {
            "term": entry.term,
            "acronym": entry.acronym,
            "definition": entry.definition,
            "url": entry.url,
        }
        for entry in parsed.glossary[:GLOSSARY_SHOWN]
    ]


def search(form_or_params, *, record_zero_results=True):
    form = _as_form(form_or_params)
    if not form.is_valid():
        raise InvalidSearch(form)
    data = form.cleaned_data
    filters = form.filters()
    results = SearchResults(
        query=data["q"], per_page=data["per_page"], sort=data["sort"], filters=filters
    )
    lexicon = get_lexicon(form.index_version)
    parsed = parse(data["q"], lexicon) if data["q"] else None
    if parsed is not None and parsed.empty:
        results.notice = _("Votre recherche ne contient aucun mot : essayez avec d'autres termes.")
        results.facets = _facets({}, filters, form.facet_choices)
        return results

    query = BackendQuery(
        parsed=parsed,
        filters=filters,
        sort=data["sort"],
        offset=(data["page"] - 1) * data["per_page"],
        limit=data["per_page"],
        facet_keys=tuple(FACET_LABELS),
        index_version=form.index_version,
    )
    found, results.degraded = _with_fallback(lambda backend: backend.search(query))
    results.num_pages = max(1, math.ceil(found.total / results.per_page))
    results.page = min(data["page"], results.num_pages)
    if results.page != data["page"]:  # past the end: the last page
        query.offset = (results.page - 1) * results.per_page
        found, degraded = _with_fallback(lambda backend: backend.search(query))
        results.degraded = results.degraded or degraded
    results.total = found.total
    results.relaxed = found.relaxed
    results.facets = _facets(found.facet_counts, filters, form.facet_choices)
    stems = parsed.highlight_stems if parsed else set()
    results.results = [_hit(doc, stems) for doc in _visible(found.hits)]
    if parsed:
        results.corrections = dict(parsed.corrections)
        results.glossary = _glossary(parsed)
        if found.total == 0 or parsed.corrections:
            results.suggestion = _suggestion(parsed, lexicon)
        if results.relaxed:
            results.notice = _(
                "Aucun contenu ne contient tous vos mots : voici les contenus qui en contiennent "
                "au moins un."
            )
        if found.total == 0 and record_zero_results:
            ZeroResultQuery.record(data["q"], filters)
    return results


def autocomplete(q, limit=8):
    """Titles and glossary terms matching the start of a word of what the reader typed."""
    folded = " ".join(text.words(q or ""))[:AUTOCOMPLETE_QUERY_CHARS]
    if len(folded) < 2:
        return []
    limit = max(1, min(int(limit), AUTOCOMPLETE_MAX))
    docs, _degraded = _with_fallback(lambda backend: backend.autocomplete(folded, limit))
    return [
        {
            "label": doc["title"],
            "url": doc["url"],
            "type": doc["content_type"],
            "type_label": doc["type_label"],
        }
        for doc in _visible(docs)
    ]


# --- Page ids for the API's ?search= -----------------------------------------------------

#: At most this many page ids come back from ``matching_page_ids()`` (one backend call).
MATCHING_PAGES_MAX = 500


@dataclass
class PageMatches:
    """``ids``: visible matching pages, most relevant first, at most ``limit`` of them;
    ``total``: how many documents the backend matched; ``truncated``: more than ``limit``
    matched, so ``ids`` holds only the ``limit`` most relevant; ``degraded``: answered by the
    database because the configured backend failed."""

    ids: list
    limit: int = MATCHING_PAGES_MAX
    total: int = 0
    truncated: bool = False
    degraded: bool = False


def matching_page_ids(q, *, filters=None, limit=MATCHING_PAGES_MAX, record_zero_results=True):
    """Pages (never glossary terms) matching ``q``, with the reader search's analysis: one
    backend call, relevance order, visibility re-checked. ``filters`` ({facet key: [slugs]},
    e.g. {"theme": ["habitat"]}) narrow the match before ``limit`` applies; an empty ``q``
    matches every page. Never stops silently: ``truncated`` says when ``limit`` cut the list."""
    q = clean_query_text(q)
    parsed = parse(q, get_lexicon(SearchIndexState.current())) if q else None
    requested = dict(filters or {})
    page_types = [value for value, _label in type_choices() if value != GLOSSARY_TYPE]
    types = [t for t in (requested.get(TYPE_KEY) or page_types) if t in page_types]
    if not types or (parsed is not None and parsed.empty):
        return PageMatches(ids=[], limit=limit)
    query = BackendQuery(
        parsed=parsed,
        filters={**requested, TYPE_KEY: types},
        sort=SORT_RELEVANCE,
        offset=0,
        limit=limit,
    )
    found, degraded = _with_fallback(lambda backend: backend.search(query))
    if found.total == 0 and parsed and record_zero_results:
        ZeroResultQuery.record(q, requested)
    return PageMatches(
        ids=[hit["page_id"] for hit in _visible(found.hits) if hit["page_id"]],
        limit=limit,
        total=found.total,
        truncated=found.total > limit,
        degraded=degraded,
    )
