"""Search benchmark (``make bench``): not part of the tests, not installed with the product.

    python -m bench [--items 20000] [--engines sqlite,postgresql,opensearch] [--output var/bench.md]

One column per backend, each measured in its own process (``bench.workers.column``) whose
settings come from its environment only (``DJANGO_SETTINGS_MODULE``, ``DJANGO_DEBUG=false``,
``DATABASE_URL``, ``BOUSSOLE_SEARCH_BACKEND``…; ``bench.processes``):

- ``sqlite``: the database backend on a fresh SQLite file (var/bench.sqlite3);
- ``postgresql``: the database backend on a fresh PostgreSQL database ``boussole_bench``;
- ``opensearch``: the OpenSearch backend (node at ``--search-url``, indexes prefixed "bench",
  never the tests' "boussole"), content in a fresh SQLite file (var/bench-opensearch.sqlite3).

This process creates the databases (``bench.databases``) and imports no Django. Each column's
process migrates its database, builds the same corpus, indexes it with
``search.indexing.rebuild()`` (every backend), times the queries and writes its figures as JSON
(var/bench-<column>.json). A column that cannot be measured (no backend, no node, no
PostgreSQL) says why in one French line; the others still run. The report (``bench.report``)
goes to ``--output`` (var/bench.md), every figure to var/bench.json, and the Markdown is printed
at the end. Exit status 1 when a column could not be measured.

After the columns comes the load test (``bench.load``: gunicorn and wrk on the SQLite and
PostgreSQL bench databases, ``--duration`` seconds per URL, 20, or 5 with ``--quick``; figures
in var/bench-load.json). ``--only search|load|faults`` runs one part; ``faults`` is the fault
script (``bench.faults``, var/bench-faults.json), which ``make bench`` runs last. The load test
and the fault script put their own section into ``--output``, replacing an earlier one.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

from bench import databases, faults, load, report
from bench.processes import BASE_DIR, dev_environment, run_worker

ENGINES = ("sqlite", "postgresql", "opensearch")
SEARCH_URL = os.environ.get("BOUSSOLE_BENCH_SEARCH_URL", "http://127.0.0.1:9201")
INDEX_PREFIX = "bench"  # the tests use "boussole": the benchmark never touches their indexes
PARTS = ("search", "load", "faults")


def _log(message):
    print(message, flush=True)  # noqa: T201


def _environment(engine, database_url, search_url):
    if engine != "opensearch":
        return dev_environment(database_url)
    return dev_environment(
        database_url,
        BOUSSOLE_SEARCH_BACKEND="opensearch",
        BOUSSOLE_SEARCH_URL=search_url,
        BOUSSOLE_SEARCH_INDEX_PREFIX=INDEX_PREFIX,
    )


def _run_column(engine, total, var_dir, search_url):
    json_path = var_dir / f"bench-{engine}.json"
    json_path.unlink(missing_ok=True)  # never report an earlier run's figures
    try:
        url = databases.fresh(engine, var_dir)
    except databases.Unreachable as error:
        message = f"colonne non mesurée : {error}"
        _log(f"[{engine}] {message}")
        return {"engine": engine, "error": message}
    result, status = run_worker(
        "column",
        engine,
        "--items",
        total,
        env=_environment(engine, url, search_url),
        json_path=json_path,
    )
    if result is not None:
        return result
    message = (
        f"colonne non mesurée : son processus s'est arrêté (code {status}) "
        "sans résultat, voir sa sortie ci-dessus."
    )
    _log(f"[{engine}] {message}")
    return {"engine": engine, "error": message}


def _run_part(part, args, engines, output):
    """The load test (``bench.load``) or the fault script (``bench.faults``): its JSON to
    var/bench-<part>.json, its section into ``output`` (replacing an earlier one), printed."""
    if part == "load":
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
    args = parser.parse_args(argv)

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
    markdown = report.markdown(results, args.items, time.perf_counter() - started)
    output.write_text(markdown)
    output.with_suffix(".json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    _log("")
    _log(markdown)
    status = 1 if any(r.get("error") for r in results) else 0
    if args.only == "search":
        return status
    return max(status, _run_part("load", args, engines, output))


if __name__ == "__main__":
    sys.exit(main())
