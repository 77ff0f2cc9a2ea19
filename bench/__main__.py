"""Search benchmark (``make bench``): not part of the tests, not installed with the product.

    python -m bench [--items 20000] [--engines sqlite,postgresql,opensearch] [--output var/bench.md]

One column per backend, each measured in its own process whose settings come from its
environment only (``DJANGO_SETTINGS_MODULE``, ``DJANGO_DEBUG=false``, ``DATABASE_URL``,
``BOUSSOLE_SEARCH_BACKEND``…):

- ``sqlite``: the database backend on a fresh SQLite file (var/bench.sqlite3);
- ``postgresql``: the database backend on a fresh PostgreSQL database ``boussole_bench``;
- ``opensearch``: the OpenSearch backend (node at ``--search-url``, indexes prefixed "bench",
  never the tests' "boussole"), content in a fresh SQLite file (var/bench-opensearch.sqlite3).

Each process migrates its database, builds the same corpus (``bench.corpus``), indexes it with
``search.indexing.rebuild()`` (every backend), times the queries (``bench.search``) and writes
its figures as JSON (var/bench-<column>.json). A column that cannot be measured (no backend, no
node, no PostgreSQL) says why in one French line; the others still run. The report
(``bench.report``) goes to ``--output`` (var/bench.md), every figure to var/bench.json, and the
Markdown is printed at the end. Exit status 1 when a column could not be measured.

After the columns comes the load test (``bench.load``: gunicorn and wrk on the SQLite and
PostgreSQL bench databases, ``--duration`` seconds per URL, 20, or 5 with ``--quick``; figures
in var/bench-load.json). ``--only search|load|faults`` runs one part; ``faults`` is the fault
script (``bench.faults``, var/bench-faults.json), which ``make bench`` runs last. The load test
and the fault script put their own section into ``--output``, replacing an earlier one.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
ENGINES = ("sqlite", "postgresql", "opensearch")
PG_ADMIN_URL = os.environ.get(
    "BOUSSOLE_BENCH_PG_ADMIN_URL", "postgres://boussole:boussole@127.0.0.1:5432/boussole"
)
PG_BENCH_DB = "boussole_bench"
SEARCH_URL = os.environ.get("BOUSSOLE_BENCH_SEARCH_URL", "http://127.0.0.1:9201")
INDEX_PREFIX = "bench"  # the tests use "boussole": the benchmark never touches their indexes
INDEX_BATCH = 500
# What a column's process inherits is replaced, never mixed with the caller's own settings.
CLEARED_ENV = (
    "DATABASE_URL",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_DEBUG",
    "BOUSSOLE_SEARCH_BACKEND",
    "BOUSSOLE_SEARCH_URL",
    "BOUSSOLE_SEARCH_INDEX_PREFIX",
    "BOUSSOLE_SEARCH_USERNAME",
    "BOUSSOLE_SEARCH_PASSWORD",
    "BOUSSOLE_SEARCH_VERIFY_CERTS",
    "BOUSSOLE_SEARCH_CA_CERTS",
)
NOT_MEASURED = 3  # exit status of a column's process that said why in its JSON


class ColumnError(Exception):
    """A column cannot be measured; the message is the one French line the report shows."""


def _log(message):
    print(message, flush=True)  # noqa: T201


# --------------------------------------------------------------------------------------------
# One column (in its own process)


def _node_version(url):
    """The version of the OpenSearch node answering at ``url``, or a ColumnError."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/", timeout=5) as response:
            about = json.loads(response.read())
        return f"OpenSearch {about['version']['number']}"
    except (OSError, ValueError, KeyError) as error:
        reason = getattr(error, "reason", None) or error
        raise ColumnError(
            f"colonne non mesurée : aucun nœud OpenSearch ne répond sur {url} ({reason}) ; "
            "démarrez-le avec « make search-node »."
        ) from error


def _drop_bench_indexes(url):
    """Delete the benchmark's indexes (prefix ``INDEX_PREFIX``) from the node: it is shared with
    the tests and development, which use other prefixes; nothing else is touched."""
    request = urllib.request.Request(f"{url.rstrip('/')}/{INDEX_PREFIX}-*", method="DELETE")
    try:
        with urllib.request.urlopen(request, timeout=30):
            pass
    except OSError as error:
        _log(f"  index « {INDEX_PREFIX}-* » laissés sur le nœud (suppression impossible : {error})")
    else:
        _log(f"  index « {INDEX_PREFIX}-* » supprimés du nœud")


def _check_backend(settings):
    from django.utils.module_loading import import_string

    path = settings.BOUSSOLE_SEARCH["BACKEND"]
    try:
        import_string(path)
    except ImportError as error:
        raise ColumnError(
            f"colonne non mesurée : le backend {path} n'existe pas (encore) ({error})."
        ) from error
    return _node_version(settings.BOUSSOLE_SEARCH["URLS"][0])


def _database_version(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            return cursor.fetchone()[0]
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0].split()[0]


def _progress(engine, step):
    shown = {"next": step}

    def report(done, total):
        if done >= shown["next"] or done == total:
            _log(f"  … {done}/{total} éléments indexés")
            shown["next"] = (done // step + 1) * step

    return report


def measure_column(engine, total):
    """Migrate, build the corpus, index it and time it; the column's figures as a dict."""
    import django

    django.setup()
    from django.conf import settings

    kind = "opensearch" if engine == "opensearch" else "database"
    result = {"engine": engine, "kind": kind, "search_version": None}
    if kind == "database":
        return _measure(engine, kind, total, result)
    result["search_version"] = _check_backend(settings)
    try:
        return _measure(engine, kind, total, result)
    finally:
        _drop_bench_indexes(settings.BOUSSOLE_SEARCH["URLS"][0])


def _measure(engine, kind, total, result):
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from bench import search as timings
    from bench.corpus import build_corpus, vocabulary
    from search.backends import SearchBackendError, get_search_backend
    from search.indexing import RebuildError, rebuild

    started = time.perf_counter()
    _log(f"[{engine}] migrations")
    call_command("migrate", verbosity=0)
    result["vendor"] = connection.vendor
    result["database_version"] = _database_version(connection)

    _log(f"[{engine}] corpus de {total} éléments")
    start = time.perf_counter()
    result["pages"] = build_corpus(total)
    result["create_s"] = round(time.perf_counter() - start, 1)
    _log(f"  {result['pages']} pages en {result['create_s']} s")

    _log(f"[{engine}] index Boussole (rebuild, backend {settings.BOUSSOLE_SEARCH['BACKEND']})")
    start = time.perf_counter()
    try:
        result["documents"] = rebuild(
            batch_size=INDEX_BATCH, progress=_progress(engine, max(INDEX_BATCH, total // 5))
        )
    except (RebuildError, SearchBackendError) as error:
        raise ColumnError(
            f"colonne non mesurée : l'index n'a pu être construit ({error})."
        ) from error
    result["index_s"] = round(time.perf_counter() - start, 1)
    _log(f"  {result['documents']} documents en {result['index_s']} s")
    if kind == "opensearch":
        in_node = get_search_backend().count()
        if in_node != result["documents"]:
            raise ColumnError(
                f"colonne non mesurée : l'index OpenSearch compte {in_node} documents "
                f"au lieu de {result['documents']}."
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    result["stock_index_s"] = None
    if kind == "database":
        start = time.perf_counter()
        call_command("update_index", verbosity=0)
        result["stock_index_s"] = round(time.perf_counter() - start, 1)
        _log(f"  index Wagtail (update_index) : {result['stock_index_s']} s")

    _log(f"[{engine}] mesures")
    result["load_before"] = round(os.getloadavg()[0], 2)
    node_url = settings.BOUSSOLE_SEARCH["URLS"][0] if kind == "opensearch" else None
    try:
        before = node_url and timings.node_search_stats(node_url, f"{INDEX_PREFIX}-*")
        service, result["per_query"], result["degraded"] = timings.time_service(_log)
        if node_url:
            after = timings.node_search_stats(node_url, f"{INDEX_PREFIX}-*")
            searches, node_ms = after[0] - before[0], after[1] - before[1]
            result["node_ms_per_search"] = round(node_ms / max(1, searches), 2)
            _log(f"  dans le nœud : {result['node_ms_per_search']} ms par recherche ({searches})")
        result["service_ms"] = timings.summary(service)
        result["bare_ms"] = timings.summary(timings.time_bare(kind, _log))
        long_query = timings.long_query(known=vocabulary())
        result["long_query"] = timings.time_long_query(long_query, _log)
        result["degraded"] += result["long_query"]["degraded"]
    except SearchBackendError as error:
        raise ColumnError(
            f"colonne non mesurée : le backend a cessé de répondre pendant les mesures ({error})."
        ) from error
    if kind == "opensearch" and result["degraded"]:
        _log(f"  ATTENTION : {result['degraded']} réponses venues du repli base de données")
    result["stock_ms"] = result["stock_per_query_ms"] = result["stock_timeouts"] = None
    if kind == "database":
        stock, result["stock_per_query_ms"], result["stock_timeouts"] = timings.time_stock(
            connection.vendor, _log
        )
        result["stock_ms"] = timings.summary(stock)
    result["load_after"] = round(os.getloadavg()[0], 2)
    result["column_s"] = round(time.perf_counter() - started, 1)
    return result


def _column_process(engine, total, json_path):
    try:
        result = measure_column(engine, total)
    except ColumnError as error:
        result = {"engine": engine, "error": str(error)}
    except Exception as error:  # a traceback for the developer, one line for the report
        traceback.print_exc()
        result = {
            "engine": engine,
            "error": f"colonne non mesurée : erreur inattendue ({type(error).__name__} : {error}).",
        }
    Path(json_path).write_text(json.dumps(result, ensure_ascii=False, indent=2))
    if result.get("error"):
        _log(f"[{engine}] {result['error']}")
        sys.exit(NOT_MEASURED)


# --------------------------------------------------------------------------------------------
# Orchestration


def _fresh_sqlite(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path.resolve()}"


def _fresh_postgres():
    import psycopg
    from dj_database_url import parse

    admin = parse(PG_ADMIN_URL)
    try:
        with psycopg.connect(
            host=admin["HOST"],
            port=admin["PORT"] or 5432,
            user=admin["USER"],
            password=admin["PASSWORD"],
            dbname=admin["NAME"],
            autocommit=True,
            connect_timeout=5,
        ) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
            conn.execute(f"CREATE DATABASE {PG_BENCH_DB}")
    except psycopg.Error as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else error
        raise ColumnError(
            f"colonne non mesurée : PostgreSQL injoignable ({first_line}) ; "
            "démarrez-le avec « make postgres »."
        ) from error
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_BENCH_DB}"


def _environment(engine, database_url, search_url):
    env = {k: v for k, v in os.environ.items() if k not in CLEARED_ENV}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DJANGO_DEBUG="false",  # no query log growing over 20 000 pages
        BOUSSOLE_SEARCH_BACKEND="database",
    )
    if engine == "opensearch":
        env.update(
            BOUSSOLE_SEARCH_BACKEND="opensearch",
            BOUSSOLE_SEARCH_URL=search_url,
            BOUSSOLE_SEARCH_INDEX_PREFIX=INDEX_PREFIX,
        )
    return env


def _run_column(engine, total, var_dir, search_url):
    json_path = var_dir / f"bench-{engine}.json"
    json_path.unlink(missing_ok=True)  # never report an earlier run's figures
    try:
        if engine == "postgresql":
            url = _fresh_postgres()
        else:
            name = "bench.sqlite3" if engine == "sqlite" else f"bench-{engine}.sqlite3"
            url = _fresh_sqlite(var_dir / name)
    except ColumnError as error:
        _log(f"[{engine}] {error}")
        return {"engine": engine, "error": str(error)}
    command = [sys.executable, "-m", "bench", "--column", engine, "--items", str(total)]
    completed = subprocess.run(
        [*command, "--json", str(json_path)],
        env=_environment(engine, url, search_url),
        cwd=BASE_DIR,
        check=False,
    )
    if json_path.exists():
        return json.loads(json_path.read_text())
    message = (
        f"colonne non mesurée : son processus s'est arrêté (code {completed.returncode}) "
        "sans résultat, voir sa sortie ci-dessus."
    )
    _log(f"[{engine}] {message}")
    return {"engine": engine, "error": message}


PARTS = ("search", "load", "faults")


def _run_part(part, args, engines, output):
    """The load test (``bench.load``) or the fault script (``bench.faults``): its JSON to
    var/bench-<part>.json, its section into ``output`` (replacing an earlier one), printed."""
    from bench import report

    if part == "load":
        from bench import load

        duration = args.duration or (load.QUICK_DURATION if args.quick else load.DEFAULT_DURATION)
        chosen = [e for e in engines if e in load.ENGINES]
        if not chosen:
            _log("==> Test de charge : aucune base parmi --engines (sqlite, postgresql), sauté")
            return 0
        _log(f"==> Test de charge ({', '.join(chosen)}, {duration} s par URL)")
        summary = load.run(chosen, args.items, duration, output.parent)
        section, heading = report.load_markdown(summary), report.LOAD_HEADING
        failed = any(r.get("error") for r in summary["engines"]) or not summary["engines"]
    else:
        from bench import faults

        _log("==> Pannes (PostgreSQL, moteur de recherche, requêtes hostiles)")
        summary = faults.run(args.search_url, output.parent, args.items)
        section, heading = report.faults_markdown(summary), report.FAULTS_HEADING
        failed = not summary.get("ok")
    output.parent.joinpath(f"bench-{part}.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2)
    )
    report.replace_section(output, heading, section)
    _log("")
    _log(section)
    return 1 if failed else 0


def main(argv=None):
    from bench.report import markdown

    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(BASE_DIR / "var" / "bench.md"))
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--search-url", default=SEARCH_URL, help="OpenSearch node of the column")
    parser.add_argument(
        "--only", choices=PARTS, help="one part: the search columns, the load test or the faults"
    )
    parser.add_argument("--duration", type=int, help="load test: seconds of wrk per URL (20)")
    parser.add_argument("--quick", action="store_true", help="load test: 5 s per URL")
    parser.add_argument("--column", choices=ENGINES, help=argparse.SUPPRESS)  # a column's process
    parser.add_argument("--json", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.column:
        _column_process(args.column, args.items, args.json)
        return 0

    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = [e for e in engines if e not in ENGINES]
    if unknown or not engines:
        parser.error(f"--engines : valeurs possibles {', '.join(ENGINES)} (reçu : {args.engines})")
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    if args.only in ("load", "faults"):
        return _run_part(args.only, args, engines, output)
    started = time.perf_counter()
    results = []
    for engine in engines:
        _log(f"==> Colonne {engine} ({args.items} éléments)")
        results.append(_run_column(engine, args.items, output.parent, args.search_url))
    report = markdown(results, args.items, time.perf_counter() - started)
    output.write_text(report)
    output.with_suffix(".json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    _log("")
    _log(report)
    status = 1 if any(r.get("error") for r in results) else 0
    if args.only == "search":
        return status
    return max(status, _run_part("load", args, engines, output))


if __name__ == "__main__":
    sys.exit(main())
