"""What a search returns to the reader page and the API (``search.service.search``)."""

from dataclasses import dataclass, field


@dataclass
class SearchHit:
    """One result: ``key`` (index document key, e.g. "page:12"), ``page_id`` (None for glossary
    terms), ``glossary_term_id``, ``type`` (facet value, e.g. "fiche-pratique"),
    ``type_label``, ``title``, ``title_html`` and ``excerpt_html`` (HTML-safe, matched words in
    <mark>), ``url``, ``place`` ("Fiches pratiques › Réaliser un diagnostic"), ``date``
    (aware datetime or None)."""

    key: str
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


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetCounts:
    """A facet of the results: ``key`` (index), ``param`` (GET name), ``label``, ``values``."""

    key: str
    param: str
    label: str
    values: list


@dataclass
class SearchResults:
    """``query`` (cleaned text), ``results`` (``SearchHit`` list), ``total``, ``page``,
    ``per_page``, ``num_pages``, ``sort`` ("pertinence"|"date"), ``facets`` (``FacetCounts``
    list), ``filters`` ({facet key: [slugs]}), ``relaxed`` (no item had every word: results
    hold any of them), ``corrections`` ({typed word: indexed word}), ``suggestion`` (a corrected
    query or None), ``glossary`` (dicts: term, acronym, definition, url), ``notice`` (a French
    sentence or ""), ``degraded`` (the configured backend failed: answered by the database)."""

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
    degraded: bool = False

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages
