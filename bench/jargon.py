"""Glossary rendering benchmark: not part of the tests, not installed with the product.

    python -m bench.jargon [--terms 30] [--rounds 200] [--json var/bench-jargon.json]

In a worker process (``bench.workers.jargon``), on a fresh SQLite database in a temporary folder
(``cms.settings.dev``, ``DJANGO_DEBUG=false``, page cache off, file cache in the temporary
folder, all through its environment): migrates, publishes the first ``--terms`` terms of the
demo glossary and one practice sheet whose objectives, steps and body mention every one of them
twice (acronym and name, over 3 × 10 blocks), then times (median and 95th percentile of
``--rounds``):

- ``annotate``: ``knowledge.jargon.annotate`` on the sheet's rendered body, uncached: what the
  first render after a change (a new content version) pays;
- ``cached``: the same through ``annotate_cached`` once cached: what every later render pays;
- ``matcher``: reading the live terms and compiling the matcher (once per content version: a
  new version before each round, not timed);
- ``page``: the whole sheet served by Django (GET, page cache off, body annotation cached).

Prints one line, « glossaire : fiche de N termes … », and the figures as JSON with ``--json``.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

from bench.processes import dev_environment, run_worker


def _log(message):
    print(message, flush=True)  # noqa: T201


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.jargon", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--terms", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="boussole-bench-jargon-") as work_dir:
        env = dev_environment(
            f"sqlite:///{Path(work_dir) / 'bench-jargon.sqlite3'}",
            BOUSSOLE_VAR_DIR=work_dir,
            BOUSSOLE_PAGE_CACHE_SECONDS="0",
        )
        results, status = run_worker(
            "jargon",
            "--terms",
            args.terms,
            "--rounds",
            args.rounds,
            env=env,
            json_path=Path(work_dir) / "bench-jargon.json",
        )
    if results is None:
        _log(f"glossaire non mesuré : le processus s'est arrêté (code {status}) sans résultat.")
        return 1
    if results.get("error"):
        return 1  # the worker said why
    _log(
        f"glossaire : fiche de {results['terms']} termes ({results['marked']} marqués, "
        f"{results['body_chars']} caractères) : annotation {results['annotate']['median_ms']} ms "
        f"(p95 {results['annotate']['p95_ms']}), en cache {results['cached']['median_ms']} ms, "
        f"lecture du glossaire {results['matcher']['median_ms']} ms, page entière "
        f"{results['page']['median_ms']} ms (p95 {results['page']['p95_ms']})"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
