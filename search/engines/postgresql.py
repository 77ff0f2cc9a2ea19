"""PostgreSQL: a tsvector column (created by migration 0002) over the pre-stemmed tokens.

The 'simple' configuration keeps our tokens as they are (no stop words, no second stemming),
so positions, phrases and weights work while the French analysis stays in Python.
"""

DOC_TABLE = "boussole_search_searchdocument"


def _alternative(stems):
    # Stems are word characters only (search.text), so quoting cannot be escaped out of.
    return "(" + " <-> ".join(f"'{s}'" for s in stems) + ")"


def render_weighted(expr, mode, weight):
    def alternative(stems):
        return "(" + " <-> ".join(f"'{s}':{weight}" for s in stems) + ")"

    joiner = " & " if mode == "and" else " | "
    return joiner.join("(" + " | ".join(alternative(a) for a in clause) + ")" for clause in expr)


def render(expr, mode="and"):
    joiner = " & " if mode == "and" else " | "
    return joiner.join("(" + " | ".join(_alternative(a) for a in clause) + ")" for clause in expr)


class PostgresEngine:
    vendor = "postgresql"

    def write(self, cursor, rows):
        if not rows:
            return
        cursor.executemany(
            f"UPDATE {DOC_TABLE} SET search_vector = "
            "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') "
            "WHERE id = %s",
            [(title, body, doc_id) for doc_id, title, body in rows],
        )

    def delete(self, cursor, ids):
        # The vector lives on the document row: deleting the row deletes it.
        return None

    def clear(self, cursor):
        return None

    def match(self, expr, mode="and"):
        return "", "d.search_vector @@ to_tsquery('simple', %s)", [render(expr, mode)]

    def rank(self, expr, mode="and"):
        return (
            "ts_rank(d.search_vector, to_tsquery('simple', %s))",
            [render(expr, mode)],
            "DESC",
        )

    def match_ids(self, cursor, expr, mode="and"):
        cursor.execute(
            f"SELECT id FROM {DOC_TABLE} WHERE search_vector @@ to_tsquery('simple', %s)",
            [render(expr, mode)],
        )
        return [row[0] for row in cursor.fetchall()]

    def scores(self, cursor, expr, mode="and", ids=None, limit=None, title_only=False):
        """(id, score) pairs, higher is better: for ``ids`` only, or the first ``limit`` matches."""
        query = render(expr, mode)
        if title_only:
            # Weight A holds the title: keep only lexemes matched there.
            query = render_weighted(expr, mode, "A")
        sql = (
            "SELECT id, ts_rank(search_vector, q) FROM "
            f"{DOC_TABLE}, to_tsquery('simple', %s) AS q WHERE search_vector @@ q"
        )
        params = [query]
        if ids is not None:
            if not ids:
                return []
            sql += " AND id = ANY(%s)"
            params.append(list(ids))
        if limit is not None:
            sql += " LIMIT %s"
            params.append(limit)
        cursor.execute(sql, params)
        return cursor.fetchall()

    def optimize(self, cursor):
        cursor.execute(f"ANALYZE {DOC_TABLE}")
