"""Markdown import benchmark: not part of the tests, not installed with the product.

    python -m bench.imports [--items 10000] [--database-url postgres://…/boussole]

Generates ``--items`` testimony files (YAML header + Markdown body, varied texts and taxonomy,
one in ten without consent) in a temporary folder and times ``manage.py
boussole_import_markdown`` on it, as its own process from start to exit (Django start-up
included), on a fresh database:

- SQLite: a new file in a temporary folder, always;
- PostgreSQL, when ``--database-url`` is given: that URL is used to create a separate database
  ``boussole_bench_import`` (dropped again at the end), never the one the URL names.

Each database is migrated and given the testimony section and the demo themes first (not
timed); the import is then checked: as many drafts as files, none live (both in a worker
process, ``bench.workers.imports``; this one imports no Django). ``run(items,
database_url)`` returns the figures as a dict; the command line prints one line per database,
« import Markdown : N remontées en X s », and exits 1 when the target (``TARGET_SECONDS``) is
missed or a database could not be measured. The command's CPU time and the machine's load average are
reported beside the wall-clock time: on a shared machine the latter depends on the neighbours.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import databases
from bench.processes import (
    BASE_DIR,
    children_cpu,
    dev_environment,
    run_captured,
    worker_command,
)

TARGET_SECONDS = 60
PG_DATABASE = "boussole_bench_import"
SEED = 20260312

DISPOSITIFS = ["asv", "cls", "clsm", "autre"]
TERRITORIES = [
    "paris",
    "seine-et-marne",
    "yvelines",
    "essonne",
    "hauts-de-seine",
    "seine-saint-denis",
    "val-de-marne",
    "val-d-oise",
    "region",
]
STEPS = [
    "prise-de-poste",
    "diagnostic",
    "plan-d-action",
    "animation-du-reseau",
    "participation-des-habitants",
    "evaluation",
]
SENIORITIES = ["lt1", "1to3", "4plus"]
ROLES = [
    "Coordinatrice ASV",
    "Coordinateur CLS",
    "Coordinatrice CLSM",
    "Chargée de mission santé",
    "Coordinateur de la démarche locale",
]
SUBJECTS = [
    "le diagnostic partagé",
    "la mobilisation des habitants",
    "le comité de pilotage",
    "les élus du territoire",
    "le conseil local de santé mentale",
    "la médiation en santé",
    "l'accès aux droits",
    "la santé des jeunes",
    "le logement indigne",
    "l'évaluation des actions",
]
SENTENCES = [
    "Nous avons commencé par rencontrer les partenaires un par un, sans ordre du jour chargé.",
    "Les habitants sont venus plus nombreux quand la réunion s'est tenue au centre social.",
    "Le soutien de l'élue a tout changé : les services ont ouvert leurs portes.",
    "Il a fallu six mois pour que le groupe de travail trouve son rythme.",
    "Les chiffres de l'observatoire ont permis d'objectiver ce que tout le monde pressentait.",
    "La PMI et les infirmières scolaires ont été des relais précieux auprès des familles.",
    "Nous avons appris à restituer les résultats dans un langage que chacun comprend.",
    "Le plus difficile a été de tenir la durée quand les financements ont tardé.",
    "Une marche exploratoire a fait remonter des difficultés que personne n'avait nommées.",
    "Le réseau des coordinateurs du département nous a évité bien des erreurs.",
]
QUOTES = [
    "On apprend le métier en marchant, avec les partenaires du quartier.",
    "Le diagnostic n'est pas un rapport : c'est le début d'une conversation.",
    "Sans les habitants, on fabrique des actions pour des gens qu'on ne connaît pas.",
    "Mon premier réflexe a été d'écouter avant de proposer.",
    "Un bon comité de pilotage, c'est d'abord des décisions écrites.",
]
THEME_SLUGS = [
    "sante-mentale",
    "acces-aux-soins",
    "participation-des-habitants",
    "prevention-promotion-sante",
    "partenariats-et-reseau",
    "gouvernance-et-elus",
    "precarite-inegalites",
    "sante-environnement",
    "nutrition-activite-physique",
    "sante-des-jeunes",
    "methodes-et-outils",
]


def _log(message):
    print(message, flush=True)  # noqa: T201


def testimony_file(number, rng):
    subject = rng.choice(SUBJECTS)
    consent = rng.random() >= 0.1
    collected = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    themes = rng.sample(THEME_SLUGS, rng.randint(1, 3))
    paragraphs = [" ".join(rng.sample(SENTENCES, 3)) for _ in range(rng.randint(2, 4))]
    paragraphs[0] = paragraphs[0].replace("partenaires", "**partenaires**", 1)
    body = "\n\n".join(paragraphs)
    if rng.random() < 0.5:
        body += "\n\n- associer les partenaires dès le début\n- restituer aux habitants\n"
    if rng.random() < 0.3:
        body += "\n\nVoir aussi [la fiche diagnostic](https://example.org/fiches/diagnostic).\n"
    header = [
        "---",
        "type: remontee-de-terrain",
        f'title: "Remontée n° {number} : {subject}"',
        f"slug: remontee-{number}",
        f'summary: "Ce que {subject} m\'a appris, en quelques lignes ({number})."',
        f'quote: "{rng.choice(QUOTES)}"',
        f"speaker_role: {rng.choice(ROLES)}",
        f"theme: [{', '.join(themes)}]",
        f"etape: [{rng.choice(STEPS)}]",
        f"dispositif: {rng.choice(DISPOSITIFS)}",
        f"departement: {rng.choice(TERRITORIES)}",
        f"seniority: {rng.choice(SENIORITIES)}",
        f"collected_on: {collected}",
        f"consent_given: {'true' if consent else 'false'}",
    ]
    if consent:
        header.append(f"consent_date: {collected}")
    return "\n".join([*header, "---", body, ""])


def generate(directory, items, seed=SEED):
    """Write ``items`` testimony files into ``directory``; returns their folder."""
    rng = random.Random(seed)
    folder = Path(directory) / "remontees"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, items + 1):
        (folder / f"remontee-{number:05d}.md").write_text(
            testimony_file(number, rng), encoding="utf-8"
        )
    return folder


def _run(env, command, capture=False):
    return subprocess.run(
        command, env=env, cwd=BASE_DIR, check=True, capture_output=capture, text=True
    )


def measure(engine, database_url, folder, items, work_dir):
    """Migrate, set up, time the import, check it; the figures as a dict."""
    # BOUSSOLE_VAR_DIR: media and cache of its own, never the developer's var/.
    env = dev_environment(database_url, BOUSSOLE_VAR_DIR=str(Path(work_dir) / f"var-{engine}"))
    _log(f"[{engine}] migrations")
    _run(env, [sys.executable, "manage.py", "migrate", "--noinput", "-v0"])
    _run(env, worker_command("imports", "setup"))
    _log(f"[{engine}] import de {items} fichiers")
    load_before = round(os.getloadavg()[0], 2)
    cpu_before = children_cpu()
    started = time.perf_counter()
    completed = run_captured(
        [sys.executable, "manage.py", "boussole_import_markdown", str(folder), "-v0"], env=env
    )
    seconds = round(time.perf_counter() - started, 1)
    cpu_seconds = round(children_cpu() - cpu_before, 1)
    if completed.returncode != 0:
        raise RuntimeError(
            f"l'import a échoué (code {completed.returncode}) : "
            f"{(completed.stderr or completed.stdout).strip()[-2000:]}"
        )
    check = json.loads(_run(env, worker_command("imports", "check"), capture=True).stdout)
    if check["drafts"] != items or check["live"] or check["revisions"] != items:
        raise RuntimeError(f"résultat inattendu : {check}")
    return {
        "engine": engine,
        "items": items,
        "seconds": seconds,
        # The command's own CPU time (its reading processes included, the database server's
        # not): what the import costs when other work shares the machine.
        "cpu_seconds": cpu_seconds,
        "load_before": load_before,
        "drafts": check["drafts"],
        "target_s": TARGET_SECONDS,
        "within_target": seconds <= TARGET_SECONDS,
        "output": completed.stdout.strip().splitlines()[-1:],
    }


def run(items=10_000, database_url=None):
    """Time the import of ``items`` testimonies on SQLite, and on PostgreSQL when
    ``database_url`` is given; ``{"sqlite": {...}, "postgresql": {...} or None}``."""
    results = {"items": items, "sqlite": None, "postgresql": None}
    with tempfile.TemporaryDirectory(prefix="boussole-bench-import-") as work_dir:
        _log(f"Génération de {items} fichiers Markdown")
        started = time.perf_counter()
        folder = generate(work_dir, items)
        results["generate_s"] = round(time.perf_counter() - started, 1)
        sqlite_url = f"sqlite:///{Path(work_dir) / 'bench-import.sqlite3'}"
        results["sqlite"] = _measured("sqlite", sqlite_url, folder, items, work_dir)
        if database_url:
            try:
                pg_url = databases.fresh_postgres(PG_DATABASE, database_url)
            except databases.Unreachable as error:
                results["postgresql"] = {"engine": "postgresql", "error": str(error)}
            else:
                try:
                    results["postgresql"] = _measured("postgresql", pg_url, folder, items, work_dir)
                finally:
                    databases.drop_postgres(PG_DATABASE, database_url)
    return results


def _measured(engine, url, folder, items, work_dir):
    try:
        result = measure(engine, url, folder, items, work_dir)
    except (RuntimeError, subprocess.CalledProcessError, ValueError) as error:
        result = {"engine": engine, "error": str(error)}
        _log(f"[{engine}] non mesuré : {error}")
        return result
    _log(
        f"import Markdown : {result['items']} remontées en {result['seconds']} s ({engine} ; "
        f"CPU {result['cpu_seconds']} s, charge {result['load_before']})"
    )
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.imports", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument(
        "--database-url",
        default=None,
        help="PostgreSQL (postgres://…): a database boussole_bench_import is created beside it",
    )
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    results = run(args.items, args.database_url)
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2))
    measured = [r for r in (results["sqlite"], results["postgresql"]) if r]
    failed = any(r.get("error") or not r.get("within_target") for r in measured)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
