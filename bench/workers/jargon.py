"""The glossary rendering timings, in a process on a fresh SQLite database (started by
``bench.jargon``, which gives it its settings and says what the figures mean):

    python -m bench.workers.jargon --terms 30 --rounds 200 --json PATH

Migrates, publishes the first ``--terms`` terms of the demo glossary and one practice sheet
that mentions each of them twice, then times ``annotate``, ``cached``, ``matcher`` and ``page``
(median and 95th percentile of ``--rounds``) and hands them back as JSON.
"""

import json
import statistics
import time

from django.core.management import call_command
from django.test import Client

from bench.workers.corpus import section
from bench.workers.results import NotMeasured, hand_back, parser
from knowledge import content_version, jargon
from knowledge.demo.glossary import GLOSSARY
from knowledge.demo.pages import fields
from knowledge.models import GlossaryTerm, PracticeSheetPage


def _summary(samples):
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 3),
    }


def _timed(function, rounds, before=None):
    """``function`` timed ``rounds`` times (``before()`` run first each time, not timed)."""
    samples = []
    for _ in range(rounds):
        if before is not None:
            before()
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return _summary(samples)


def _content(count):
    """Publish ``count`` demo terms and a sheet using each twice; returns the sheet."""
    entries = GLOSSARY[:count]
    for entry in entries:
        term = GlossaryTerm.objects.create(
            live=False, **fields(entry, "slug", "term", "acronym", "definition")
        )
        term.save_revision().publish()
    index = section(PracticeSheetPage)

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
    call_command("migrate", verbosity=0)
    sheet = _content(terms)
    client = Client(HTTP_HOST="localhost")
    response = client.get(sheet.url)
    if response.status_code != 200:
        raise NotMeasured(f"la fiche répond {response.status_code}")
    html = response.content.decode()
    marked = html.count('class="jargon__term"')
    start, end = html.index('<section class="sheet__section"'), html.index("</article>")
    body = html[start:end]
    terms_matcher = jargon.matcher()
    annotate = _timed(lambda: jargon.annotate(body, terms_matcher), rounds)
    cached = _timed(lambda: jargon.annotate_cached(body), rounds)
    page = _timed(lambda: client.get(sheet.url), rounds)
    # A new content version before each read, as a publish makes: the matcher is built again.
    matcher = _timed(jargon.matcher, max(10, rounds // 10), before=content_version.bump)
    return {
        "terms": terms,
        "marked": marked,
        "body_chars": len(body),
        "rounds": rounds,
        "annotate": annotate,
        "cached": cached,
        "matcher": matcher,
        "page": page,
        "content_version": bool(content_version.current()),
    }


def main(argv=None):
    arguments = parser("python -m bench.workers.jargon")
    arguments.add_argument("--terms", type=int, required=True)
    arguments.add_argument("--rounds", type=int, required=True)
    args = arguments.parse_args(argv)
    hand_back(
        args.json,
        "sqlite",
        lambda: measure(args.terms, args.rounds),
        "glossaire",
        "glossaire non mesuré : erreur inattendue",
    )


if __name__ == "__main__":
    main()
