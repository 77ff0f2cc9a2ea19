"""The OpenSearch backend: the reader search on an OpenSearch cluster (2.x).

Readers query the alias ``{INDEX_PREFIX}-documents``; the documents live in an index behind it,
``{INDEX_PREFIX}-documents-<creation time>-<random>``. Guarantees:

- every write (``replace``) is one ``_bulk`` request, refreshed before it returns: what an
  editor publishes is searchable on the next request; the first write creates the index;
- a rebuild fills a new index and then swaps the alias in one atomic ``_aliases`` request, so
  readers keep the complete previous index until the new one is complete; the old is deleted;
- the French analysis happens in OpenSearch (``mapping.py``) and finds the same words as the
  database backend; matching, facet counts, relaxing and ordering follow the same rules
  (``queries.py``); highlights are OpenSearch's, HTML-safe;
- every failure is a ``SearchBackendError`` (``transport.py``): the service then answers from
  the database and indexing queues the write.

Options (``BOUSSOLE_SEARCH``): ``URLS``, ``INDEX_PREFIX`` ("boussole"), ``USERNAME``,
``PASSWORD``, ``VERIFY_CERTS``, ``CA_CERTS``, ``TIMEOUT`` (seconds per request, 2).
"""

import uuid

from django.utils import timezone

from search.backends.base import BackendResults, BaseSearchBackend, Rebuilder, SearchBackendError
from search.backends.opensearch import queries
from search.backends.opensearch.mapping import MAX_RESULT_WINDOW, index_body
from search.backends.opensearch.transport import MissingIndexError, OpenSearchTransport


def bulk_actions(documents, remove_keys=()):
    """Bulk lines: removals first (those not re-indexed anyway), then documents by key."""
    documents = list(documents)
    indexed = {document["key"] for document in documents}
    actions = [{"delete": {"_id": key}} for key in dict.fromkeys(remove_keys) if key not in indexed]
    for document in documents:
        actions += [{"index": {"_id": document["key"]}}, queries.source(document)]
    return actions


class OpenSearchRebuilder(Rebuilder):
    """Builds a new index (not refreshed meanwhile: nobody reads it) and swaps the alias."""

    index = None

    def start(self):
        self.index = self.backend.create_index(building=True)

    def add_documents(self, documents):
        self.backend.transport.bulk(self.index, bulk_actions(documents), maintenance=True)

    def finish(self):
        transport = self.backend.transport
        transport.put_settings(self.index, {"refresh_interval": None})  # back to the default
        transport.refresh(self.index, maintenance=True)
        self.backend.point_alias_at(self.index)


class OpenSearchBackend(BaseSearchBackend):
    transactional = False

    def __init__(self, params=None):
        super().__init__(params)
        options = self.params
        self.alias = f"{options.get('INDEX_PREFIX') or 'boussole'}-documents"
        self.transport = OpenSearchTransport(
            urls=options.get("URLS") or ["http://127.0.0.1:9201"],
            username=options.get("USERNAME") or "",
            password=options.get("PASSWORD") or "",
            verify_certs=options.get("VERIFY_CERTS", True),
            ca_certs=options.get("CA_CERTS") or "",
            timeout=options.get("TIMEOUT") or 2,
        )

    # --- indexes --------------------------------------------------------------------------

    def create_index(self, building=False):
        """A new, empty index (not behind the alias yet); returns its name."""
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}-{uuid.uuid4().hex[:6]}"
        self.transport.create_index(name, index_body(building=building))
        return name

    def point_alias_at(self, index):
        """Readers move to ``index`` at once; the indexes they used, and older leftovers of
        interrupted builds, are deleted (a newer build under way is left alone)."""
        previous = self.transport.alias_targets(self.alias)
        self.transport.swap_alias(self.alias, index, [name for name in previous if name != index])
        older = [name for name in self.transport.indexes(f"{self.alias}-*") if name < index]
        self.transport.delete_indexes(sorted({*older, *previous} - {index}))

    def reset(self):
        """Empty the index. When the alias is the prefix's only index, its documents are
        deleted in place (4x faster than a new index: tests reset often); otherwise every index
        of the prefix is deleted and a fresh one put behind the alias."""
        indexes = self.transport.indexes(f"{self.alias}*")
        if len(indexes) == 1 and self.alias in next(iter(indexes.values())):
            self.transport.delete_all_documents(next(iter(indexes)))
            return
        self.transport.delete_indexes(sorted(indexes))
        self.point_alias_at(self.create_index())

    def get_rebuilder(self):
        return OpenSearchRebuilder(self)

    # --- writes ---------------------------------------------------------------------------

    def replace(self, documents, remove_keys=()):
        actions = bulk_actions(documents, remove_keys)
        if not actions:
            return
        try:
            self.transport.bulk(self.alias, actions, refresh=True, require_alias=True)
        except MissingIndexError:  # the very first write: no index yet
            self.point_alias_at(self.create_index())
            self.transport.bulk(self.alias, actions, refresh=True, require_alias=True)

    def refresh(self):
        self.transport.refresh(self.alias)

    def count(self):
        return self.transport.count(self.alias)

    def ping(self):
        if not self.transport.ping():
            raise SearchBackendError("OpenSearch: no answer")

    # --- reads ----------------------------------------------------------------------------

    def _search(self, query, mode):
        search = queries.build_search(query, mode)
        start, end = query.offset, query.offset + query.limit
        if end <= MAX_RESULT_WINDOW:
            search = search[start:end]
            raw = self.transport.search(self.alias, search.to_dict())
            return queries.read_search(raw, query.facet_keys)
        # Past OpenSearch's result window: fine when past the end (the service then asks for
        # the last page), else the database backend serves such a deep page.
        search = search[0:0]
        raw = self.transport.search(self.alias, search.to_dict())
        _hits, total, counts = queries.read_search(raw, query.facet_keys)
        if total > start:
            raise SearchBackendError(f"OpenSearch: page beyond {MAX_RESULT_WINDOW} results")
        return [], total, counts

    def search(self, query):
        clauses = query.parsed.word_expr if query.parsed else []
        hits, total, counts = self._search(query, "and")
        relaxed = False
        if total == 0 and len(clauses) > 1:
            any_word = self._search(query, "or")
            if any_word[1]:
                (hits, total, counts), relaxed = any_word, True
        return BackendResults(hits=hits, total=total, facet_counts=counts, relaxed=relaxed)

    def autocomplete(self, folded, limit):
        search = queries.build_autocomplete(folded, limit)
        return queries.read_hits(self.transport.search(self.alias, search.to_dict()))
