"""The Boussole search service: one entry point for the reader page and the API.

Public interface (stable):

``search(form_or_params, *, record_zero_results=True) -> SearchResults``
    ``form_or_params``: a bound ``search.forms.SearchForm``, a ``QueryDict`` (``request.GET``) or
    a plain dict (values may be lists). Invalid parameters raise ``InvalidSearch`` whose
    ``messages`` is a list of French messages (and ``form`` the bound form): answer 400.
    Only live, public (and, for testimonies, consented) content and live glossary terms are ever
    returned: they are the only things indexed (``search.indexing``).

``SearchResults`` attributes:
    ``query`` (cleaned text), ``results`` (list of ``SearchHit``), ``total``, ``page``,
    ``per_page``, ``num_pages``, ``has_previous``, ``has_next``, ``sort`` ("pertinence"|"date"),
    ``facets`` (list of ``Facet``: ``key``, ``param`` (GET name), ``label``, ``values``: list of
    ``FacetValue`` with ``value`` (slug), ``label``, ``count``, ``selected``), ``filters``
    ({facet key: [slugs]}), ``relaxed`` (True when no item had every word and the results hold
    any of them), ``corrections`` ({typed word: indexed word} for tolerated typos),
    ``suggestion`` (a corrected query string or None), ``glossary`` (list of dicts: term, acronym,
    definition, url) and ``notice`` (a French sentence or "").

``SearchHit`` attributes: ``id`` (index document id), ``page_id`` (None for glossary terms),
    ``glossary_term_id``, ``type`` (facet slug, e.g. "fiche-pratique"), ``type_label``,
    ``title``, ``title_html`` and ``excerpt_html`` (HTML-safe, matched words in <mark>), ``url``,
    ``place`` ("Fiches pratiques › Réaliser un diagnostic"), ``date`` (datetime or None).
    ``as_dict()`` gives a JSON-ready dict of the same.

``autocomplete(q, limit=8) -> list of dicts`` (label, url, type, type_label): titles and glossary
    terms/acronyms starting with (or containing a word starting with) the typed text.

How a search runs: the query is parsed into French stems (``search.query``: accents, elisions,
stop words, glossary acronyms ↔ expansions, one typo in words of 5+ letters); the engine returns
the ids of every match (``search.engines``); filters, total and facet counts are bit operations
on a per-process snapshot (``search.snapshot``); the page is ranked exactly (bm25 / ts_rank) when
there are at most ``RANK_LIMIT`` matches, otherwise items whose title matches come first, ranked,
then the others newest first; excerpts are highlighted in Python (``search.highlight``). When no
item holds every word, the query is relaxed to any word (``relaxed``); when nothing is found, the
normalised query is counted in ``ZeroResultQuery`` for the working group.
"""

import datetime
import json
import math
from dataclasses import asdict, dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from search import highlight, text
from search.engines import get_engine
from search.facets import FACET_LABELS, PARAM_FOR_KEY
from search.forms import SORT_DATE, SearchForm
from search.lexicon import get_lexicon
from search.query import parse
from search.snapshot import get_snapshot, membership

DOC = "boussole_search_searchdocument"
FACET = "boussole_search_searchfacet"
RESULT_COLUMNS = (
    "d.id, d.page_id, d.glossary_term_id, d.content_type, d.type_label, d.title, d.url, "
    "d.place, d.date, d.text"
)


class InvalidSearch(ValueError):
    def __init__(self, form):
        self.form = form
        self.messages = form.error_messages_fr()
        super().__init__("; ".join(self.messages))


@dataclass
class SearchHit:
    id: int
    page_id: int | None
    glossary_term_id: int | None
    type: str
    type_label: str
    title: str
    title_html: str
    excerpt_html: str
    url: str
    place: str
    date: object

    def as_dict(self):
        data = asdict(self)
        data["title_html"] = str(self.title_html)
        data["excerpt_html"] = str(self.excerpt_html)
        data["date"] = self.date.isoformat() if self.date else None
        return data


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    key: str
    param: str
    label: str
    values: list


@dataclass
class SearchResults:
    query: str = ""
    results: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = 10
    num_pages: int = 1
    sort: str = "pertinence"
    facets: list = field(default_factory=list)
    filters: dict = field(default_factory=dict)
    relaxed: bool = False
    corrections: dict = field(default_factory=dict)
    suggestion: str | None = None
    glossary: list = field(default_factory=list)
    notice: str = ""

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages


def _as_form(form_or_params):
    if isinstance(form_or_params, SearchForm):
        return form_or_params
    params = form_or_params or {}
    if not hasattr(params, "getlist"):
        params = MultiValueDict(
            {k: list(v) if isinstance(v, list | tuple) else [v] for k, v in params.items()}
        )
    return SearchForm(params)


# Above this many matches, ranking is bounded: items whose title matches come first (ranked
# among the first RANK_LIMIT of them), then the others by date. Below it, ranking is exact.
RANK_LIMIT = 1000


def _page_ids(cursor, engine, snapshot, expr, mode, matched, filtered, offset, limit, sort):
    """Document ids of the requested page, in display order."""
    if sort == SORT_DATE or not expr:
        return snapshot.newest(filtered, offset, limit)
    member, base, date_rank = membership(filtered), snapshot.base, snapshot.date_rank

    def order(scored):
        kept = [(doc_id, score) for doc_id, score in scored if member(doc_id - base)]
        kept.sort(key=lambda row: (-row[1], date_rank.get(row[0], 0)))
        return [doc_id for doc_id, _score in kept]

    if matched.bit_count() <= RANK_LIMIT:  # exact: score every match, keep the filtered ones
        return order(engine.scores(cursor, expr, mode))[offset : offset + limit]
    head = order(engine.scores(cursor, expr, mode, limit=RANK_LIMIT, title_only=True))
    page = head[offset : offset + limit]
    if len(page) < limit:
        rest = filtered & ~snapshot.of_ids(head)
        page += snapshot.newest(rest, max(0, offset - len(head)), limit - len(page))
    return page


def _rows(cursor, ids):
    if not ids:
        return []
    marks = ", ".join(["%s"] * len(ids))
    cursor.execute(f"SELECT {RESULT_COLUMNS} FROM {DOC} d WHERE d.id IN ({marks})", list(ids))
    by_id = {row[0]: row for row in cursor.fetchall()}
    return [by_id[i] for i in ids if i in by_id]


def _facets(counts, filters, choices):
    facets = []
    for key, label in FACET_LABELS.items():
        selected = set(filters.get(key, []))
        values = [
            FacetValue(
                value=slug,
                label=str(name),
                count=counts[key].get(slug, 0),
                selected=slug in selected,
            )
            for slug, name in choices[key]
        ]
        values = [v for v in values if v.count or v.selected]
        facets.append(Facet(key=key, param=PARAM_FOR_KEY[key], label=str(label), values=values))
    return facets


def _hit(row, stems):
    doc_id, page_id, term_id, ctype, type_label, title, url, place, date, body = row[:10]
    if isinstance(date, str):  # SQLite raw rows give text (UTC)
        date = parse_datetime(date)
    if date is not None and timezone.is_naive(date):
        date = timezone.make_aware(date, datetime.UTC)
    return SearchHit(
        id=doc_id,
        page_id=page_id,
        glossary_term_id=term_id,
        type=ctype,
        type_label=type_label,
        title=title,
        title_html=highlight.highlight_title(title, stems),
        excerpt_html=highlight.excerpt(body, stems),
        url=url,
        place=place,
        date=date,
    )


def _suggestion(parsed, lexicon, query):
    words = parsed.words
    replaced, changed = [], False
    for word in words:
        new = parsed.corrections.get(word)
        if not new and len(word) >= 4 and not lexicon.is_known(word):
            new = lexicon.nearest_word(word)
        if new and new != word:
            changed = True
            replaced.append(new)
        else:
            replaced.append(word)
    return " ".join(replaced) if changed else None


def _glossary(parsed):
    return [
        {
            "term": entry.term,
            "acronym": entry.acronym,
            "definition": entry.definition,
            "url": f"/glossaire/#{entry.slug}",
        }
        for entry in parsed.glossary[:3]
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
    lexicon = get_lexicon()
    parsed = parse(data["q"], lexicon) if data["q"] else None
    if parsed is not None and parsed.empty:
        results.notice = _("Votre recherche ne contient aucun mot : essayez avec d'autres termes.")
        results.facets = _facets({key: {} for key in FACET_LABELS}, filters, form.facet_choices)
        return results

    engine = get_engine()
    snapshot = get_snapshot()
    expr = parsed.expr if parsed else []
    stems = parsed.highlight_stems if parsed else set()
    allowed = snapshot.filter_bits(filters)
    mode = "and"
    with connection.cursor() as cursor:
        matched = snapshot.of_ids(engine.match_ids(cursor, expr, mode)) if expr else snapshot.all
        total = (matched & allowed).bit_count()
        if total == 0 and len(expr) > 1:
            relaxed = snapshot.of_ids(engine.match_ids(cursor, expr, "or"))
            if (relaxed & allowed).bit_count():
                matched, mode, results.relaxed = relaxed, "or", True
                total = (matched & allowed).bit_count()
        results.total = total
        results.num_pages = max(1, math.ceil(total / results.per_page))
        results.page = min(data["page"], results.num_pages)
        ids = _page_ids(
            cursor,
            engine,
            snapshot,
            expr,
            mode,
            matched,
            matched & allowed,
            (results.page - 1) * results.per_page,
            results.per_page,
            results.sort,
        )
        rows = _rows(cursor, ids)
    counts = snapshot.facet_counts(matched, filters, FACET_LABELS)
    results.facets = _facets(counts, filters, form.facet_choices)
    results.results = [_hit(row, stems) for row in rows]
    if parsed:
        results.corrections = dict(parsed.corrections)
        results.glossary = _glossary(parsed)
        if total == 0 or parsed.corrections:
            results.suggestion = _suggestion(parsed, lexicon, data["q"])
        if results.relaxed:
            results.notice = _(
                "Aucun contenu ne contient tous vos mots : voici les contenus qui en contiennent "
                "au moins un."
            )
        if total == 0 and record_zero_results:
            record_zero_result(data["q"], filters)
    return results


def normalise_query(query):
    return " ".join(text.words(query))[:255]


def record_zero_result(query, filters):
    """Count a query that found nothing (normalised text and filters only: no personal data)."""
    normalised = normalise_query(query)
    if not normalised:
        return
    filters_key = json.dumps(filters, sort_keys=True, ensure_ascii=False)[:500] if filters else ""
    from search.models import ZeroResultQuery

    now = timezone.now()
    updated = ZeroResultQuery.objects.filter(query=normalised, filters=filters_key).update(
        count=F("count") + 1, last_seen=now
    )
    if not updated:
        try:
            with transaction.atomic():
                ZeroResultQuery.objects.create(query=normalised, filters=filters_key)
        except IntegrityError:  # created meanwhile by a concurrent request
            ZeroResultQuery.objects.filter(query=normalised, filters=filters_key).update(
                count=F("count") + 1, last_seen=now
            )


def autocomplete(q, limit=8):
    """Titles and glossary terms matching the start of a word of what the reader typed."""
    from search.models import SearchDocument

    folded = " ".join(text.words(q or ""))[:100]
    if len(folded) < 2:
        return []
    limit = max(1, min(int(limit), 20))
    seen, out = set(), []
    queries = [
        SearchDocument.objects.filter(content_type="glossaire", title_folded__startswith=folded),
        SearchDocument.objects.filter(title_folded__startswith=folded),
        SearchDocument.objects.filter(title_folded__contains=f" {folded}"),
    ]
    for queryset in queries:
        for doc in queryset.order_by("title_folded")[:limit]:
            if doc.pk in seen:
                continue
            seen.add(doc.pk)
            out.append(
                {
                    "label": doc.title,
                    "url": doc.url,
                    "type": doc.content_type,
                    "type_label": doc.type_label,
                }
            )
            if len(out) >= limit:
                return out
    return out
