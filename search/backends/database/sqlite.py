"""SQLite dialect of the database backend: an FTS5 table (created by migration 0002) over the pre-stemmed title and body."""

FTS_TABLE = "boussole_search_fts"
TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0


def _alternative(stems):
    # Stems are word characters only (search.text), so quoting cannot be escaped out of.
    return '"' + " ".join(stems) + '"'


def render(expr, mode="and"):
    clauses = ["(" + " OR ".join(_alternative(alt) for alt in clause) + ")" for clause in expr]
    return f" {mode.upper()} ".join(clauses)


class SQLiteDialect:
    vendor = "sqlite"

    def write(self, cursor, rows):
        if not rows:
            return
        self.delete(cursor, [row[0] for row in rows])
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)", rows
        )

    def delete(self, cursor, ids):
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)

    def clear(self, cursor):
        cursor.execute(f"DELETE FROM {FTS_TABLE}")

    def bare_query(self, expr, limit=20):
        """The full-text query alone (no ranking, facets or rows): the benchmark's floor."""
        return (
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s",
            [render(expr), limit],
        )

    def match_ids(self, cursor, expr, mode="and"):
        cursor.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [render(expr, mode)]
        )
        return [row[0] for row in cursor.fetchall()]

    def scores(self, cursor, expr, mode="and", ids=None, limit=None, title_only=False):
        """(id, score) pairs, higher is better: for ``ids`` only, or the first ``limit`` matches."""
        match = render(expr, mode)
        # (ids: only for small sets — FTS5 evaluates the match once per listed rowid.)
        if title_only:
            match = f"{{title}} : ({match})"
        sql = (
            f"SELECT rowid, -bm25({FTS_TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT}) "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        )
        params = [match]
        if ids is not None:
            if not ids:
                return []
            sql += f" AND rowid IN ({', '.join(['%s'] * len(ids))})"
            params += list(ids)
        if limit is not None:
            sql += " LIMIT %s"
            params.append(limit)
        cursor.execute(sql, params)
        return cursor.fetchall()

    def optimize(self, cursor):
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
