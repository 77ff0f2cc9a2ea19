"""The benchmark's own databases, made fresh or checked by the orchestrator (no Django).

- SQLite: a file under the output's folder, var/bench.sqlite3 for the ``sqlite`` column and
  var/bench-<engine>.sqlite3 for another engine's content (``opensearch``);
- PostgreSQL: a database created beside the one ``BOUSSOLE_BENCH_PG_ADMIN_URL`` names (the
  development database by default), ``boussole_bench`` unless told otherwise; never that one.

PostgreSQL's errors come out as ``Unreachable``, one French line.
"""

import os
from contextlib import contextmanager
from pathlib import Path

import psycopg
from dj_database_url import parse

PG_ADMIN_URL = os.environ.get(
    "BOUSSOLE_BENCH_PG_ADMIN_URL", "postgres://boussole:boussole@127.0.0.1:5432/boussole"
)
PG_BENCH_DB = "boussole_bench"


class Unreachable(Exception):
    """PostgreSQL did not do what was asked (one French line, with its first line of error)."""


def sqlite_path(engine, var_dir):
    return Path(var_dir) / ("bench.sqlite3" if engine == "sqlite" else f"bench-{engine}.sqlite3")


def postgres_url(name=PG_BENCH_DB, admin_url=PG_ADMIN_URL):
    """The URL of the database ``name`` on the server (and with the role) of ``admin_url``."""
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def url(engine, var_dir):
    """The URL of ``engine``'s bench database: PostgreSQL's, or its SQLite file's."""
    if engine == "postgresql":
        return postgres_url()
    return f"sqlite:///{sqlite_path(engine, var_dir).resolve()}"


@contextmanager
def _admin(admin_url):
    """An autocommit connection to ``admin_url``'s database."""
    settings = parse(admin_url)
    try:
        with psycopg.connect(
            host=settings["HOST"],
            port=settings["PORT"] or 5432,
            user=settings["USER"],
            password=settings["PASSWORD"],
            dbname=settings["NAME"],
            autocommit=True,
            connect_timeout=5,
        ) as connection:
            yield connection
    except psycopg.Error as error:
        first_line = (str(error).strip() or type(error).__name__).splitlines()[0]
        raise Unreachable(
            f"PostgreSQL injoignable ({first_line}) ; démarrez-le avec « make postgres »."
        ) from error


def fresh_postgres(name=PG_BENCH_DB, admin_url=PG_ADMIN_URL):
    """Drop ``name`` if it exists and create it empty; its URL."""
    with _admin(admin_url) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")
    return postgres_url(name, admin_url)


def drop_postgres(name, admin_url=PG_ADMIN_URL):
    with _admin(admin_url) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")


def exists(engine, var_dir):
    """Whether ``engine``'s bench database is there (PostgreSQL asked, or Unreachable)."""
    if engine != "postgresql":
        return sqlite_path(engine, var_dir).exists()
    with _admin(PG_ADMIN_URL) as connection:
        row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_BENCH_DB])
        return row.fetchone() is not None


def fresh(engine, var_dir):
    """``engine``'s bench database, new and empty (the SQLite file and its journals removed, or
    the PostgreSQL database dropped and created); its URL."""
    if engine == "postgresql":
        return fresh_postgres()
    path = sqlite_path(engine, var_dir)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return url(engine, var_dir)
