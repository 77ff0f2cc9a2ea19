"""How a worker hands its figures back to the orchestrator: one JSON file (``--json``), read by
``bench.processes.run_worker``; when it cannot measure, ``{"engine", "error"}`` in that file (the
one French line the report shows) and exit status ``NOT_MEASURED``."""

import argparse
import json
import sys
import traceback
from pathlib import Path

NOT_MEASURED = 3


class NotMeasured(Exception):
    """The figures cannot be measured; the message is the one French line the report shows."""


def log(message):
    print(message, flush=True)  # noqa: T201


def parser(prog):
    """The worker's command line, with the ``--json`` every worker is given."""
    arguments = argparse.ArgumentParser(prog=prog)
    arguments.add_argument("--json", required=True, help="where the figures go")
    return arguments


def hand_back(json_path, engine, measure, label, unexpected):
    """``measure()``'s figures to ``json_path``. When it raises NotMeasured (its message is the
    reason) or anything else (``unexpected``, then the error, after a traceback for the
    developer), ``{"engine", "error"}`` instead: said (``[label] …``), exit ``NOT_MEASURED``."""
    try:
        result = measure()
    except NotMeasured as error:
        result = {"engine": engine, "error": str(error)}
    except Exception as error:
        traceback.print_exc()
        result = {"engine": engine, "error": f"{unexpected} ({type(error).__name__} : {error})."}
    Path(json_path).write_text(json.dumps(result, ensure_ascii=False, indent=2))
    if result.get("error"):
        log(f"[{label}] {result['error']}")
        sys.exit(NOT_MEASURED)


def engine_main(prog, measure, label, unexpected, argv=None):
    """The command line of a worker that measures one engine's bench database (``ENGINE --items
    N --json PATH``): ``measure(engine, items)`` handed back, ``label`` formatted with the
    engine."""
    arguments = parser(prog)
    arguments.add_argument("engine", help="sqlite, postgresql or opensearch")
    arguments.add_argument("--items", type=int, required=True)
    args = arguments.parse_args(argv)
    hand_back(
        args.json,
        args.engine,
        lambda: measure(args.engine, args.items),
        label.format(engine=args.engine),
        unexpected,
    )


def database_version(connection):
    """The version of the database ``connection`` is on, as the report shows it."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            return cursor.fetchone()[0]
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0].split()[0]
