"""The database backend (default): the project's own index tables, on SQLite or PostgreSQL.

``SearchDocument`` rows hold what a result shows, ``SearchFacet`` rows its facet values, and a
dialect holds the full text: an FTS5 table on SQLite, a ``tsvector`` column with GIN indexes on
PostgreSQL (``sqlite.py``, ``postgresql.py``), both fed the same pre-stemmed French
(``search.text``), so quality does not depend on the database. Filters, totals, facet counts and
date order are bit operations on a per-process snapshot (``snapshot.py``), reloaded when the
index version changes; ranking is exact (bm25 / ts_rank) up to ``RANK_LIMIT`` matches, then
title matches first and the others newest first.

Writes share the caller's database transaction: the index can never disagree with the content
it was built from. Option ``DIALECT`` ("sqlite" or "postgresql") defaults to the database's.
"""

import datetime

from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from search import text
from search.backends.base import BackendResults, BaseSearchBackend, Rebuilder
from search.backends.database.postgresql import PostgresDialect
from search.backends.database.snapshot import get_snapshot, membership
from search.backends.database.sqlite import SQLiteDialect
from search.documents import HIT_FIELDS
from search.facets import GLOSSARY_TYPE
from search.models import SearchDocument, SearchFacet, SearchIndexState

DIALECTS = {"sqlite": SQLiteDialect, "postgresql": PostgresDialect}
DOCUMENT_FIELDS = HIT_FIELDS[1:]  # the SearchDocument columns besides the key
HIT_COLUMNS = HIT_FIELDS
# Above this many matches, ranking is bounded: items whose title matches come first (ranked
# among the first RANK_LIMIT of them), then the others by date. Below it, ranking is exact.
RANK_LIMIT = 1000
# Rows per statement when deleting or inserting (SQLite's bound-parameter limit).
WRITE_BATCH = 500


def _aware(value):
    if isinstance(value, str):  # SQLite raw rows give text (UTC)
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


class DatabaseRebuilder(Rebuilder):
    """In place, each batch committed on its own (autocommit): a 20 000-item rebuild holds no
    long write lock on SQLite. Readers may see a partial index meanwhile."""

    def finish(self):
        with connection.cursor() as cursor:
            self.backend.dialect.optimize(cursor)


class DatabaseSearchBackend(BaseSearchBackend):
    transactional = True

    def __init__(self, params=None):
        super().__init__(params)
        self._dialect = None

    @property
    def dialect(self):
        if self._dialect is None:
            name = self.params.get("DIALECT") or connection.vendor
            if name not in DIALECTS:
                raise ValueError(f"No search dialect for database {name!r}")
            self._dialect = DIALECTS[name]()
        return self._dialect

    # --- writes -----------------------------------------------------------------------

    def _replace(self, documents, remove_keys):
        dialect = self.dialect
        keys = [*remove_keys, *(d["key"] for d in documents)]
        with transaction.atomic(), connection.cursor() as cursor:
            doomed = []
            for start in range(0, len(keys), WRITE_BATCH):
                doomed += SearchDocument.objects.filter(
                    key__in=keys[start : start + WRITE_BATCH]
                ).values_list("id", flat=True)
            if doomed:
                dialect.delete(cursor, doomed)
                for start in range(0, len(doomed), WRITE_BATCH):
                    SearchDocument.objects.filter(
                        id__in=doomed[start : start + WRITE_BATCH]
                    ).delete()
            rows = SearchDocument.objects.bulk_create(
                [
                    SearchDocument(key=d["key"], **{name: d[name] for name in DOCUMENT_FIELDS})
                    for d in documents
                ],
                batch_size=WRITE_BATCH,
            )
            if rows and rows[0].pk is None:  # backends without RETURNING: fetch the ids
                ids = dict(
                    SearchDocument.objects.filter(
                        key__in=[d["key"] for d in documents]
                    ).values_list("key", "id")
                )
                for row in rows:
                    row.pk = row.id = ids[row.key]
            SearchFacet.objects.bulk_create(
                [
                    SearchFacet(document_id=row.pk, facet=facet, value=value)
                    for row, d in zip(rows, documents, strict=True)
                    for facet, values in d["facets"].items()
                    for value in dict.fromkeys(values)
                ],
                batch_size=WRITE_BATCH * 2,
            )
            dialect.write(
                cursor,
                [
                    (
                        row.pk,
                        " ".join(text.stems(d["search_title"])),
                        " ".join(text.stems(d["text"])),
                    )
                    for row, d in zip(rows, documents, strict=True)
                ],
            )
            SearchIndexState.bump()  # per-process snapshots reload

    def replace(self, documents, remove_keys=()):
        self._replace(list(documents), list(remove_keys))

    def reset(self):
        with transaction.atomic(), connection.cursor() as cursor:
            self.dialect.clear(cursor)
            SearchFacet.objects.all().delete()
            SearchDocument.objects.all().delete()
            SearchIndexState.bump()

    def get_rebuilder(self):
        return DatabaseRebuilder(self)

    def refresh(self):
        return None  # writes are visible when their transaction commits

    def count(self):
        return SearchDocument.objects.count()

    # --- reads ------------------------------------------------------------------------

    def _page_keys(self, cursor, snapshot, expr, mode, matched, filtered, query):
        """Document ids of the requested page, in display order."""
        offset, limit = query.offset, query.limit
        if query.sort == "date" or not expr:
            return snapshot.newest(filtered, offset, limit)
        member, base, date_rank = membership(filtered), snapshot.base, snapshot.date_rank

        def order(scored):
            kept = [(doc_id, score) for doc_id, score in scored if member(doc_id - base)]
            kept.sort(key=lambda row: (-row[1], date_rank.get(row[0], 0)))
            return [doc_id for doc_id, _score in kept]

        if matched.bit_count() <= RANK_LIMIT:  # exact: score every match, keep the filtered ones
            return order(self.dialect.scores(cursor, expr, mode))[offset : offset + limit]
        head = order(self.dialect.scores(cursor, expr, mode, limit=RANK_LIMIT, title_only=True))
        page = head[offset : offset + limit]
        if len(page) < limit:
            rest = filtered & ~snapshot.of_ids(head)
            page += snapshot.newest(rest, max(0, offset - len(head)), limit - len(page))
        return page

    def _hits(self, ids):
        rows = SearchDocument.objects.filter(id__in=ids).values("id", *HIT_COLUMNS)
        by_id = {row.pop("id"): row for row in rows}
        hits = [by_id[i] for i in ids if i in by_id]
        for hit in hits:
            hit["date"] = _aware(hit["date"])
        return hits

    def search(self, query):
        snapshot = get_snapshot(query.index_version)
        expr = query.parsed.expr if query.parsed else []
        allowed = snapshot.filter_bits(query.filters)
        results, mode = BackendResults(), "and"
        with connection.cursor() as cursor:
            if expr:
                matched = snapshot.of_ids(self.dialect.match_ids(cursor, expr, mode))
            else:
                matched = snapshot.all
            total = (matched & allowed).bit_count()
            if total == 0 and len(expr) > 1:
                relaxed = snapshot.of_ids(self.dialect.match_ids(cursor, expr, "or"))
                if (relaxed & allowed).bit_count():
                    matched, mode, results.relaxed = relaxed, "or", True
                    total = (matched & allowed).bit_count()
            results.total = total
            ids = self._page_keys(cursor, snapshot, expr, mode, matched, matched & allowed, query)
        results.hits = self._hits(ids)
        results.facet_counts = snapshot.facet_counts(matched, query.filters, query.facet_keys)
        return results

    def autocomplete(self, folded, limit):
        seen, out = set(), []
        querysets = [
            SearchDocument.objects.filter(
                content_type=GLOSSARY_TYPE, title_folded__startswith=folded
            ),
            SearchDocument.objects.filter(title_folded__startswith=folded),
            SearchDocument.objects.filter(title_folded__contains=f" {folded}"),
        ]
        for queryset in querysets:
            for doc in queryset.order_by("title_folded").values(*HIT_COLUMNS)[:limit]:
                if doc["key"] in seen:
                    continue
                seen.add(doc["key"])
                out.append(doc)
                if len(out) >= limit:
                    return out
        return out
