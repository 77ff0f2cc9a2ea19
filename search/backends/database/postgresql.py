"""PostgreSQL dialect of the database backend: a tsvector column (created by migration 0002) over the pre-stemmed tokens.

The 'simple' configuration keeps our tokens as they are (no stop words, no second stemming), and
queries are cast straight to tsquery, so the French analysis stays in Python (search.text).
Adjacent stem pairs are added as extra lexemes ("sant mental"): a phrase becomes an AND of pairs
that the GIN index answers alone, instead of re-reading every matching vector to check positions.
"""

from django.db import transaction

DOC_TABLE = "boussole_search_searchdocument"


def _pairs(stems):
    return [f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False)]


def _lexeme(token):
    # Stems are word characters only (search.text), so quoting cannot be escaped out of.
    return f"'{token}'"


def _alternative(stems):
    if len(stems) == 1:
        return _lexeme(stems[0])
    return "(" + " & ".join(_lexeme(pair) for pair in dict.fromkeys(_pairs(stems))) + ")"


def render(expr, mode="and"):
    joiner = " & " if mode == "and" else " | "
    return joiner.join("(" + " | ".join(_alternative(a) for a in clause) + ")" for clause in expr)


class PostgresDialect:
    vendor = "postgresql"

    def write(self, cursor, rows):
        if not rows:
            return
        cursor.executemany(
            f"UPDATE {DOC_TABLE} SET search_vector = "
            "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
            " || array_to_tsvector(%s::text[]), "
            "title_vector = to_tsvector('simple', %s) || array_to_tsvector(%s::text[]) "
            "WHERE id = %s",
            [
                (
                    title,
                    body,
                    sorted(set(_pairs(title.split())) | set(_pairs(body.split()))),
                    title,
                    sorted(set(_pairs(title.split()))),
                    doc_id,
                )
                for doc_id, title, body in rows
            ],
        )

    def delete(self, cursor, ids):
        # The vector lives on the document row: deleting the row deletes it.
        return None

    def clear(self, cursor):
        return None

    def _fetch(self, cursor, sql, params):
        # Common words match most rows; the planner would then read every vector (seq scan)
        # where the GIN index alone answers.
        with transaction.atomic():
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(sql, params)
            return cursor.fetchall()

    def bare_query(self, expr, limit=20):
        """The full-text query alone (no ranking, facets or rows): the benchmark's floor."""
        return (
            f"SELECT id FROM {DOC_TABLE} WHERE search_vector @@ %s::tsquery LIMIT %s",
            [render(expr), limit],
        )

    def match_ids(self, cursor, expr, mode="and"):
        rows = self._fetch(
            cursor,
            f"SELECT id FROM {DOC_TABLE} WHERE search_vector @@ %s::tsquery",
            [render(expr, mode)],
        )
        return [row[0] for row in rows]

    def scores(self, cursor, expr, mode="and", ids=None, limit=None, title_only=False):
        """(id, score) pairs, higher is better: for ``ids`` only, or the first ``limit`` matches."""
        # Normalisation 1 divides by 1 + log(length): a short glossary entry is not drowned.
        # Title-only ranking reads the small title vector, never the body's.
        column = "title_vector" if title_only else "search_vector"
        sql = (
            f"SELECT id, ts_rank({column}, q, 1) FROM "
            f"{DOC_TABLE}, CAST(%s AS tsquery) AS q WHERE {column} @@ q"
        )
        params = [render(expr, mode)]
        if ids is not None:
            if not ids:
                return []
            sql += " AND id = ANY(%s)"
            params.append(list(ids))
        if limit is not None:
            sql += " LIMIT %s"
            params.append(limit)
        return self._fetch(cursor, sql, params)

    def optimize(self, cursor):
        cursor.execute(f"ANALYZE {DOC_TABLE}")
