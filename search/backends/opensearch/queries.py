"""Search requests built with the DSL, and their answers read back into backend results.

The query is the shared parse (``ParsedQuery.word_expr``), matched as is: every alternative is a
phrase (one word or several, adjacent and in order) looked for in the title (boosted) and the
body; a clause matches when one of its alternatives does; clauses are all required ("and") or
any is enough ("or", the relaxed mode). Synonyms and typos are already alternatives: nothing is
added here, so every backend finds the same documents.

Filters are a ``post_filter``: each facet is counted on the matches narrowed by the other
facets' filters only (a ``filter`` aggregation around it, none when there are no others), like
the database backend. Answers are read as the plain JSON they are (no DSL response objects).

The words to mark come from OpenSearch (whole fields, html encoder, ``<mark>``); the title and
the excerpt are then rendered by ``search.highlight`` as for the database backend: the same
escaping (``html.escape``), no tag but ``<mark>``, an elided article (« l'élu ») outside the
mark, the same window of about 260 characters, « … » where the text is cut.
"""

import datetime
import html
import re

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from elasticsearch_dsl import A, Q, Search

from search import highlight
from search.backends.opensearch.mapping import TITLE_BOOST
from search.documents import HIT_FIELDS
from search.facets import GLOSSARY_TYPE

SOURCE_FIELDS = (*HIT_FIELDS, "search_title", "facets")
FACET_SIZE = 500  # buckets per facet: more than any taxonomy has values
AUTOCOMPLETE_EXPANSIONS = 1000
NEWEST_FIRST = ({"date": {"order": "desc", "missing": "_last"}}, {"key": {"order": "desc"}})
MOST_RELEVANT_FIRST = (
    {"_score": {"order": "desc"}},
    *NEWEST_FIRST,
)  # words a multi-word autocomplete's last word may stand for

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
_MARK_RE = re.compile(r"(</?mark>)")
_ELIDED_RE = re.compile(r"^((?:jusqu|lorsqu|puisqu|qu|[cdjlmnst])['’])(?=\w)", re.I)


# --- documents -------------------------------------------------------------------------------


def source(document):
    """The JSON stored for a document (dates in ISO 8601 with their offset)."""
    body = {name: document.get(name) for name in SOURCE_FIELDS}
    if body["date"] is not None:
        body["date"] = body["date"].isoformat()
    body["facets"] = {
        key: list(dict.fromkeys(values)) for key, values in (document.get("facets") or {}).items()
    }
    return body


def _aware(value):
    value = parse_datetime(value) if value else None
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def _hit(hit):
    """A hit of the answer (plain JSON: read as is, no DSL objects to build) → document dict."""
    data = hit.get("highlight") or {}
    found = hit.get("_source") or {}
    doc = {name: found.get(name) for name in HIT_FIELDS}
    doc["date"] = _aware(doc["date"])
    doc["text"] = doc["text"] or ""
    if data.get("title"):
        doc["title_html"] = highlight.marked(*_marks("".join(data["title"])))
    if data.get("text"):
        doc["excerpt_html"] = highlight.marked_excerpt(
            *_marks(data["text"][0], highlight.SCAN_CHARS)
        )
    return doc


# --- highlighting ----------------------------------------------------------------------------


def _marks(fragment, limit=None):
    """OpenSearch's html-encoded, marked field → (its text, whitespace collapsed as
    ``search.highlight`` collapses it, cut after ``limit`` characters, and the (start, end) of
    its marks in that text); an elided article (« l'élu ») is left outside the mark."""
    pieces, marks, length, marked = [], [], 0, False
    for piece in _MARK_RE.split(" ".join(fragment.split())):  # no space in a tag or an entity
        if piece in (MARK_OPEN, MARK_CLOSE):
            marked = piece == MARK_OPEN
            continue
        plain = html.unescape(piece)
        if marked:
            elided = _ELIDED_RE.match(plain)
            marks.append((length + (elided.end() if elided else 0), length + len(plain)))
        pieces.append(plain)
        length += len(plain)
        if limit is not None and length >= limit:
            break
    text = "".join(pieces)[:limit]
    return text, [m for m in marks if m[1] <= len(text)]


def _highlight(search, title_query):
    # Whole fields (no fragments): the node marks the words, ``search.highlight`` cuts the
    # excerpt as it does for the database backend. The node's own fragmenter walks the text's
    # sentences and cost about half of a search's time in the node.
    search = search.highlight_options(
        pre_tags=[MARK_OPEN], post_tags=[MARK_CLOSE], encoder="html", type="unified"
    )
    search = search.highlight("title", number_of_fragments=0, highlight_query=title_query)
    return search.highlight("text", number_of_fragments=0)


# --- search ----------------------------------------------------------------------------------


def _phrase(field, words, boost=None):
    options = {"query": " ".join(words)}
    if boost:
        options["boost"] = boost
    return Q("match_phrase", **{field: options})


def _alternative(words):
    return Q(
        "bool",
        should=[_phrase("search_title", words, TITLE_BOOST), _phrase("text", words)],
        minimum_should_match=1,
    )


def match_query(word_expr, mode):
    """``word_expr`` (clauses → alternatives → words): all clauses ("and") or any ("or")."""
    clauses = [
        Q("bool", should=[_alternative(words) for words in clause], minimum_should_match=1)
        for clause in word_expr
    ]
    if mode == "and":
        return Q("bool", must=clauses)
    return Q("bool", should=clauses, minimum_should_match=1)


def _title_highlight_query(word_expr):
    """Any alternative in the title: what its highlight marks, whatever the mode."""
    phrases = [_phrase("title", words) for clause in word_expr for words in clause]
    return Q("bool", should=phrases, minimum_should_match=1).to_dict()


def _facet_filter(key, values):
    return Q("terms", **{f"facets.{key}": list(values)})


def build_search(query, mode="and"):
    """The ``Search`` for a ``BackendQuery`` (``mode`` "and" or "or" for the relaxed retry),
    not yet sliced to the requested page."""
    word_expr = query.parsed.word_expr if query.parsed else []
    search = Search().extra(track_total_hits=True)
    if word_expr:
        search = search.query(match_query(word_expr, mode))
        search = _highlight(search, _title_highlight_query(word_expr))
    else:
        search = search.query(Q("match_all"))
    by_date = query.sort == "date" or not word_expr
    search = search.sort(*(NEWEST_FIRST if by_date else MOST_RELEVANT_FIRST))
    filters = {key: values for key, values in query.filters.items() if values}
    if filters:
        search = search.post_filter(
            Q("bool", filter=[_facet_filter(k, v) for k, v in filters.items()])
        )
    for key in query.facet_keys:
        slugs = A("terms", field=f"facets.{key}", size=FACET_SIZE)
        others = [_facet_filter(k, v) for k, v in filters.items() if k != key]
        if others:  # counted on the matches narrowed by the other facets
            search.aggs.bucket(key, A("filter", filter=Q("bool", filter=others))).bucket(
                "slugs", slugs
            )
        else:  # on every match: no filter to wrap it in (one query less per facet)
            search.aggs.bucket(key, slugs)
    return search.source(list(HIT_FIELDS))


def read_search(raw, facet_keys):
    """(hits, total, facet counts) of a ``build_search`` answer."""
    aggregations = raw.get("aggregations") or {}
    counts = {}
    for key in facet_keys:
        found = aggregations[key]
        buckets = found["slugs"]["buckets"] if "slugs" in found else found["buckets"]
        counts[key] = {bucket["key"]: bucket["doc_count"] for bucket in buckets}
    return [_hit(hit) for hit in raw["hits"]["hits"]], raw["hits"]["total"]["value"], counts


# --- autocomplete ----------------------------------------------------------------------------


def build_autocomplete(folded, limit):
    """Glossary terms whose title starts with ``folded``, then titles starting with it, then
    titles with a word starting with it; alphabetical within each group."""
    title_prefix = Q("prefix", title_folded=folded)
    words = folded.split()
    if len(words) == 1:
        word_prefix = Q("prefix", **{"title.folded": words[0]})
    else:
        word_prefix = Q(
            "match_phrase_prefix",
            **{"title.folded": {"query": folded, "max_expansions": AUTOCOMPLETE_EXPANSIONS}},
        )
    glossary_prefix = Q("bool", filter=[Q("term", content_type=GLOSSARY_TYPE), title_prefix])
    groups = Q(
        "dis_max",
        queries=[
            Q("constant_score", filter=glossary_prefix, boost=3),
            Q("constant_score", filter=title_prefix, boost=2),
            Q("constant_score", filter=word_prefix, boost=1),
        ],
    )
    search = Search().query(groups).sort({"_score": {"order": "desc"}}, "title_folded")
    return search.source(list(HIT_FIELDS))[:limit]


def read_hits(raw):
    return [_hit(hit) for hit in raw["hits"]["hits"]]
