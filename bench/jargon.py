"""Glossary rendering benchmark: not part of the tests, not installed with the product.

    python -m bench.jargon [--terms 30] [--rounds 200] [--json var/bench-jargon.json]

In its own process, on a fresh SQLite database in a temporary folder (``cms.settings.dev``,
``DJANGO_DEBUG=false``, page cache off, file cache in the temporary folder): migrates, publishes
the first ``--terms`` terms of the demo glossary and one practice sheet whose objectives, steps
and body mention every one of them twice (acronym and name, over 3 × 10 blocks), then times
(median and 95th percentile of ``--rounds``):

- ``annotate``: ``knowledge.jargon.annotate`` on the sheet's rendered body, uncached: what the
  first render after a change (a new content version) pays;
- ``cached``: the same through ``annotate_cached`` once cached: what every later render pays;
- ``matcher``: reading the live terms and compiling the matcher (once per content version);
- ``page``: the whole sheet served by Django (GET, page cache off, body annotation cached).

Prints one line, « glossaire : fiche de N termes … », and the figures as JSON with ``--json``.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

CLEARED_ENV = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_DEBUG", "BOUSSOLE_VAR_DIR")


def _log(message):
    print(message, flush=True)  # noqa: T201


def _summary(samples):
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 3),
    }


def _timed(function, rounds):
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return _summary(samples)


def _content(count):
    """Publish ``count`` demo terms and a sheet using each twice; returns the sheet."""
    from home.models import HomePage
    from knowledge.demo.glossary import GLOSSARY
    from knowledge.models import GlossaryTerm, PracticeSheetIndexPage, PracticeSheetPage

    entries = GLOSSARY[:count]
    for entry in entries:
        term = GlossaryTerm(
            slug=entry["slug"],
            term=entry["term"],
            acronym=entry["acronym"],
            definition=entry["definition"],
            live=False,
        )
        term.save()
        term.save_revision().publish()
    index = PracticeSheetIndexPage(title="Fiches pratiques", slug="fiches-pratiques")
    HomePage.objects.get(depth=2).add_child(instance=index)
    index.save_revision().publish()

    def said(entry):
        return entry["acronym"] or entry["term"]

    paragraphs, steps, callouts = [], [], []
    for number in range(10):
        group = entries[number::10]
        paragraphs.append(
            "<p>"
            + " ".join(
                f"Le coordinateur rencontre <b>{said(e)}</b> dès les premières semaines, "
                f"puis présente au comité de pilotage ce que fait {e['term'].lower()}."
                for e in group
            )
            + "</p>"
        )
        steps.append(
            {
                "type": "step",
                "value": {
                    "title": f"Étape {number + 1}",
                    "body": "<p>"
                    + " ".join(f"Prendre contact ({said(e)})." for e in group)
                    + "</p>",
                },
            }
        )
        callouts.append(
            {
                "type": "callout",
                "value": {
                    "kind": "tip",
                    "title": "",
                    "text": f"<p>Un réflexe : noter les sigles entendus, comme {said(group[0])}.</p>",
                },
            }
        )
    body = [{"type": "paragraph", "value": p} for p in paragraphs] + callouts
    sheet = PracticeSheetPage(
        title="Premiers contacts",
        slug="premiers-contacts",
        summary="Une fiche qui nomme tous les sigles du glossaire.",
        objectives="<p>Savoir qui fait quoi : " + ", ".join(said(e) for e in entries) + ".</p>",
        steps=json.dumps(steps),
        body=json.dumps(body),
    )
    index.add_child(instance=sheet)
    sheet.save_revision().publish()
    return sheet


def measure(terms, rounds):
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from knowledge import content_version, jargon

    call_command("migrate", verbosity=0)
    sheet = _content(terms)
    client = Client(HTTP_HOST="localhost")
    response = client.get(sheet.url)
    if response.status_code != 200:
        raise RuntimeError(f"la fiche répond {response.status_code}")
    html = response.content.decode()
    marked = html.count('class="jargon__term"')
    start, end = html.index('<section class="sheet__section"'), html.index("</article>")
    body = html[start:end]
    terms_matcher = jargon.matcher()

    def fresh_matcher():
        jargon._matchers.clear()
        jargon.matcher()

    results = {
        "terms": terms,
        "marked": marked,
        "body_chars": len(body),
        "rounds": rounds,
        "annotate": _timed(lambda: jargon.annotate(body, terms_matcher), rounds),
        "cached": _timed(lambda: jargon.annotate_cached(body), rounds),
        "matcher": _timed(fresh_matcher, max(10, rounds // 10)),
        "page": _timed(lambda: client.get(sheet.url), rounds),
        "content_version": bool(content_version.current()),
    }
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.jargon", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--terms", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="boussole-bench-jargon-") as work_dir:
        for name in CLEARED_ENV:
            os.environ.pop(name, None)
        os.environ.update(
            DATABASE_URL=f"sqlite:///{Path(work_dir) / 'bench-jargon.sqlite3'}",
            DJANGO_SETTINGS_MODULE="cms.settings.dev",
            DJANGO_DEBUG="false",
            BOUSSOLE_VAR_DIR=work_dir,
            BOUSSOLE_PAGE_CACHE_SECONDS="0",
            BOUSSOLE_SEARCH_BACKEND="database",
        )
        results = measure(args.terms, args.rounds)
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
