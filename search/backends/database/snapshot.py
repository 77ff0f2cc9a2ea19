"""Per-process view of the index used for facets, filters and date order, kept as bitmaps.

Each document gets a dense position in date order (newest first); a set of documents is a
Python int whose bit p is set when the document at position p is in it. Facet counts, combined
filters and totals are then a few AND + bit_count() operations instead of GROUP BY queries over
every match — the reason facets stay fast when a query matches the whole corpus.

The snapshot is rebuilt when the index version changes (``SearchIndexState.bump``).
"""

from collections import deque
from itertools import repeat
from operator import sub

from django.db import connection

from search.per_version import PerIndexVersion

DOC = "boussole_search_searchdocument"
FACET = "boussole_search_searchfacet"


def bitmap(positions, size):
    """An int with bit p set for each p (C-level loop: set '1' digits, then parse base 2)."""
    digits = bytearray(b"0") * (size + 1)
    deque(map(digits.__setitem__, positions, repeat(49)), maxlen=0)  # 49 == ord("1")
    return int(digits[::-1], 2)


def membership(bits):
    """A fast ``position in bits`` test for many lookups against the same set."""
    digits = bin(bits)[:1:-1]
    length = len(digits)
    # A full-text row whose document is gone (or predates the snapshot) falls outside: not a member.
    return lambda p: 0 <= p < length and digits[p] == "1"


class Snapshot:
    """Bit ``id - base`` stands for the document ``id`` (ids are dense after a rebuild)."""

    def __init__(self):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM {DOC} ORDER BY date IS NULL, date DESC, id DESC")
            self.by_date = [row[0] for row in cursor.fetchall()]
            self.date_rank = {doc_id: rank for rank, doc_id in enumerate(self.by_date)}
            self.base = min(self.by_date, default=0)
            self.max_id = max(self.by_date, default=-1)
            self.size = self.max_id - self.base + 1
            self.all = self.of_ids(self.by_date)
            cursor.execute(f"SELECT document_id, facet, value FROM {FACET}")
            grouped = {}
            for doc_id, facet, value in cursor.fetchall():
                grouped.setdefault(facet, {}).setdefault(value, []).append(doc_id)
        self.facets = {
            facet: {value: self.of_ids(ids) for value, ids in values.items()}
            for facet, values in grouped.items()
        }

    def of_ids(self, ids):
        if not ids or self.size <= 0:
            return 0
        if max(ids) > self.max_id or min(ids) < self.base:  # indexed since this snapshot
            ids = [i for i in ids if self.base <= i <= self.max_id]
        return bitmap(map(sub, ids, repeat(self.base)), self.size)

    def newest(self, bits, start=0, limit=None):
        """Ids in the set, newest first."""
        member, base, out, skipped = membership(bits), self.base, [], 0
        for doc_id in self.by_date:
            if member(doc_id - base):
                if skipped < start:
                    skipped += 1
                    continue
                out.append(doc_id)
                if limit is not None and len(out) >= limit:
                    break
        return out

    def filter_bits(self, filters, exclude=None):
        """Documents passing every facet filter but ``exclude`` (values of one facet are OR-ed)."""
        bits = self.all
        for facet, values in filters.items():
            if facet == exclude or not values:
                continue
            allowed = 0
            for value in values:
                allowed |= self.facets.get(facet, {}).get(value, 0)
            bits &= allowed
        return bits

    def facet_counts(self, matched, filters, keys):
        """{facet: {value: count}}, each facet counted with the other facets' filters applied."""
        counts = {}
        for key in keys:
            base = matched & self.filter_bits(filters, exclude=key)
            counts[key] = {
                value: n
                for value, bits in self.facets.get(key, {}).items()
                if (n := (base & bits).bit_count())
            }
        return counts


_snapshot = PerIndexVersion(Snapshot)


def get_snapshot(version=None):
    """The snapshot of index ``version`` (by default the current one)."""
    return _snapshot.get(version)
