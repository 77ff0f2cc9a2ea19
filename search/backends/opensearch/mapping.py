"""The OpenSearch index: French analysis, field mapping and settings, declared with the DSL.

``boussole_french`` analyses like ``search.text`` does for the database backend: standard
tokenizer, elided articles removed (l', d', qu', jusqu'…), then every remaining apostrophe or
other joiner splits a word (« aujourd'hui » → aujourd, hui, as ``text.words`` does), lower case,
accents and ligatures folded, Snowball French stems. No stop words are removed at index time:
the shared parser drops them from queries, except inside quoted phrases which must match them.
``boussole_folded`` is the same without stems, for title autocomplete.

Fields are those of a document (``search.backends.base``); facets get one keyword field per
facet key, derived from ``search.facets.FACET_LABELS``, and the mapping is strict: a document
with an unknown field is refused instead of silently mapped.
"""

from elasticsearch_dsl import (
    Date,
    Index,
    Integer,
    Keyword,
    Mapping,
    Object,
    Text,
    analyzer,
    token_filter,
)

from search.facets import FACET_LABELS

# Title matches weigh like the database backend's bm25 column weights (title 10, body 1).
TITLE_BOOST = 10
# Deepest hit a search may page to (OpenSearch's index.max_result_window default).
MAX_RESULT_WINDOW = 10_000

# The elisions ``search.text`` splits off, no more: with "quoiqu" here, « quoiqu'il » would
# lose a word the database backend indexes, and a phrase quoting it would match only there.
ELISION = token_filter(
    "boussole_elision",
    type="elision",
    articles_case=True,
    articles=["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "lorsqu", "puisqu"],
)
# What the standard tokenizer keeps in one token but ``text.words`` splits: apostrophes left
# after elision, underscores, dots and commas between letters or digits ("3,5", "a.b").
WORD_PARTS = token_filter(
    "boussole_word_parts",
    type="word_delimiter_graph",
    generate_word_parts=True,
    generate_number_parts=True,
    catenate_words=False,
    catenate_numbers=False,
    catenate_all=False,
    split_on_case_change=False,
    split_on_numerics=False,
    preserve_original=False,
    stem_english_possessive=False,
)
FRENCH_STEMMER = token_filter("boussole_snowball", type="snowball", language="French")

FOLDED = analyzer(
    "boussole_folded",
    tokenizer="standard",
    filter=[ELISION, WORD_PARTS, "lowercase", "asciifolding"],
)
FRENCH = analyzer(
    "boussole_french",
    tokenizer="standard",
    filter=[ELISION, WORD_PARTS, "lowercase", "asciifolding", FRENCH_STEMMER],
)


def facet_keys():
    return list(FACET_LABELS)


def document_mapping():
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    stored = {"index": False, "doc_values": False}  # shown, never searched nor sorted
    mapping.field("key", Keyword())
    mapping.field("page_id", Integer())
    mapping.field("glossary_term_id", Integer())
    mapping.field("content_type", Keyword())
    mapping.field("type_label", Keyword(**stored))
    mapping.field(
        "title",
        Text(
            analyzer=FRENCH,
            index_options="offsets",
            fields={"folded": Text(analyzer=FOLDED)},
        ),
    )
    mapping.field("title_folded", Keyword())
    mapping.field("search_title", Text(analyzer=FRENCH))
    mapping.field("place", Keyword(**stored))
    mapping.field("url", Keyword(**stored))
    mapping.field("date", Date())
    # Offsets in the postings: the unified highlighter needs no re-analysis of long chapters.
    mapping.field("text", Text(analyzer=FRENCH, index_options="offsets"))
    mapping.field(
        "facets",
        Object(dynamic="strict", properties={key: Keyword() for key in facet_keys()}),
    )
    return mapping


def index_body(building=False):
    """Settings and mappings of a new index; ``building``: no refresh until the build ends."""
    index = Index("boussole-documents")
    # One shard holds 20 000 items easily; a replica wherever a second node can take it.
    settings = {
        "number_of_shards": 1,
        "auto_expand_replicas": "0-1",
        "max_result_window": MAX_RESULT_WINDOW,
    }
    if building:
        settings["refresh_interval"] = "-1"
    index.settings(**settings)
    index.mapping(document_mapping())
    return index.to_dict()
