"""The search backend interface, shaped like Wagtail's own search backends.

A backend stores index documents and answers parsed queries. It never sees a model, a queryset
or a cursor: documents are plain dicts (``search.documents``) and queries a ``BackendQuery``
(the French analysis is done once, by ``search.query``). Settings pick the backend::

    BOUSSOLE_SEARCH = {"BACKEND": "search.backends.database.DatabaseSearchBackend"}
    BOUSSOLE_SEARCH = {
        "BACKEND": "search.backends.opensearch.OpenSearchBackend",
        "URLS": ["http://127.0.0.1:9201"], "INDEX_PREFIX": "boussole", "TIMEOUT": 2,
    }

A document (dict) has ``key`` ("page:12", "glossary:3"), ``page_id``, ``glossary_term_id``,
``content_type`` (the "type" facet value), ``type_label``, ``title`` (as shown),
``title_folded`` (for autocomplete), ``search_title`` (the words the title is searched by),
``place``, ``url``, ``date`` (aware datetime or None), ``text`` (plain body text) and ``facets``
({facet key: [slugs]}, "type" included).
"""

from dataclasses import dataclass, field


class SearchBackendError(Exception):
    """The backend could not answer or write (unreachable, timeout, error): callers degrade."""


@dataclass
class BackendQuery:
    """What to search: ``parsed`` (``search.query.ParsedQuery`` or None for "everything"),
    ``filters`` ({facet key: [slugs]}: values OR-ed, facets AND-ed), ``sort`` ("pertinence" or
    "date"), the page (``offset``, ``limit``), the facets to count (``facet_keys``) and the
    index version the request read (``index_version``: per-process caches need not read it
    again; None: read it)."""

    parsed: object = None
    filters: dict = field(default_factory=dict)
    sort: str = "pertinence"
    offset: int = 0
    limit: int = 10
    facet_keys: tuple = ()
    index_version: str | None = None


@dataclass
class BackendResults:
    """``hits``: documents of the page, in order (dicts as indexed, plus optional
    ``title_html``/``excerpt_html`` when the backend highlights itself); ``total`` matches after
    filters; ``facet_counts`` {key: {value: count}}, each facet counted with the other facets'
    filters applied; ``relaxed`` when no document had every word and any word was used."""

    hits: list = field(default_factory=list)
    total: int = 0
    facet_counts: dict = field(default_factory=dict)
    relaxed: bool = False


class Rebuilder:
    """Rebuilds a backend's index in place: empty it, add every batch (the default)."""

    def __init__(self, backend):
        self.backend = backend

    def start(self):
        self.backend.reset()

    def add_documents(self, documents):
        self.backend.add_documents(documents)

    def finish(self):
        self.backend.refresh()


class BaseSearchBackend:
    """Subclasses implement every method; ``params`` are the BOUSSOLE_SEARCH options."""

    #: True when writes happen in the database transaction of the caller (rolled back with it).
    transactional = False

    def __init__(self, params=None):
        self.params = dict(params or {})

    def replace(self, documents, remove_keys=()):
        """Remove the documents with ``remove_keys`` (missing ones are no error), then insert or
        replace ``documents`` (by key): one write, all or nothing where the backend allows."""
        raise NotImplementedError

    def add_documents(self, documents):
        self.replace(documents)

    def delete_documents(self, keys):
        self.replace([], keys)

    def reset(self):
        """Empty the index."""
        raise NotImplementedError

    def get_rebuilder(self):
        """A ``Rebuilder``: ``start()``, ``add_documents(batch)`` as often as needed,
        ``finish()``. Readers keep the previous index until ``finish()`` where the backend can."""
        raise NotImplementedError

    def refresh(self):
        """Make every write so far visible to searches."""
        raise NotImplementedError

    def search(self, query):
        """``BackendQuery`` → ``BackendResults``."""
        raise NotImplementedError

    def autocomplete(self, folded, limit):
        """Documents whose title (folded) starts with ``folded`` or has a word starting with it:
        glossary terms first, then title prefixes, then word prefixes; at most ``limit``."""
        raise NotImplementedError

    def count(self):
        """Number of documents in the index."""
        raise NotImplementedError

    def ping(self):
        """Raise ``SearchBackendError`` unless the backend answers (health report)."""
        self.count()
