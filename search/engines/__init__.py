"""Full-text engines behind one small interface; settings pick one, nothing else branches on it.

``BOUSSOLE_SEARCH_ENGINE`` may be "sqlite" or "postgresql"; by default the engine follows the
vendor of the default database. Every engine receives already normalised French (folded,
elisions split, Snowball stems: ``search.text``), so quality does not depend on the engine.

An engine implements:
- ``write(cursor, rows)``: rows of (document id, title stems, body stems) — insert or replace;
- ``delete(cursor, ids)`` and ``clear(cursor)``;
- ``match_ids(cursor, expr, mode)`` → ids of every matching document;
- ``scores(cursor, expr, mode, ids=None, limit=None, title_only=False)`` → (id, score) pairs,
  higher is better (bm25 / ts_rank), for all matches or the first ``limit`` of them;
- ``bare_query(expr, limit)`` → (SQL, params) of the full-text query alone (benchmark floor).

A query expression is a list of clauses; a clause is a list of alternatives; an alternative is a
tuple of stems (one stem: a word; several: a phrase). ``mode`` "and" requires every clause,
"or" any of them.
"""

from functools import cache

from django.conf import settings
from django.db import connection


@cache
def _engine_for(name):
    if name == "postgresql":
        from search.engines.postgresql import PostgresEngine

        return PostgresEngine()
    if name == "sqlite":
        from search.engines.sqlite import SQLiteEngine

        return SQLiteEngine()
    raise ValueError(f"Unknown BOUSSOLE_SEARCH_ENGINE: {name!r}")


def get_engine(using=None):
    name = getattr(settings, "BOUSSOLE_SEARCH_ENGINE", None) or (using or connection).vendor
    return _engine_for(name)
