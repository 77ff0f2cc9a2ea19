"""The benchmark's report: one Markdown page from the columns' JSON results.

A result is the dict a column's process wrote (``bench.workers.column``), or ``{"engine",
"error"}`` when the column could not be measured: its cells then read "—" and its reason is
printed under the table. Match counts are compared query by query across the measured columns
("accord"). The load test's and the fault script's sections come from their summaries too.
"""

from pathlib import Path

from bench.load import URLS
from bench.queries import (
    LONG_QUERY_TARGET_MS,
    PER_PAGE,
    QUERIES,
    RUNS,
    SERVICE_TARGET_MS,
    STOCK_CAP_SECONDS,
    STOCK_QUERIES,
    WARMUP_PASSES,
)

DASH = "—"
LONG_QUERY_KEY = "(requête longue)"


def _ms(value):
    return f"{value:g} ms"


def _capped(ms):
    return f"≥ {ms / 1000:.0f} s" if ms >= STOCK_CAP_SECONDS * 1000 else f"{ms:.0f} ms"


def _verdict(ok):
    return "atteint" if ok else "**NON atteint**"


def _header(result):
    if result.get("error"):
        return f"{result['engine']} (non mesuré)"
    if result["kind"] == "opensearch":
        return (
            f"{result['engine']} ({result['search_version']}, "
            f"contenu {result['vendor']} {result['database_version']})"
        )
    return f"{result['engine']} ({result['database_version']})"


def _service_target(result):
    return SERVICE_TARGET_MS[result["kind"]]


def _summary_rows(results):
    """(label, function of a measured result → cell) for the main table."""

    def long_cell(r):
        p95 = r["long_query"]["ms"]["p95"]
        return f"{_ms(p95)} ({_verdict(p95 < LONG_QUERY_TARGET_MS)})"

    def bare_cell(r):
        label = "" if r["kind"] == "database" else " (search() sans facettes)"
        return f"{r['bare_ms']['p50']} / {_ms(r['bare_ms']['p95'])}{label}"

    def stock_cell(r):
        if not r.get("stock_ms"):
            return DASH
        return (
            f"{_capped(r['stock_ms']['p50'])} / {_capped(r['stock_ms']['p95'])}"
            f" ({r['stock_timeouts']} au-delà du plafond)"
        )

    def index_cell(r):
        where = " (base + OpenSearch)" if r["kind"] == "opensearch" else ""
        return f"{r['index_s']} s{where}"

    return [
        (
            "**Service Boussole p50 / p95**",
            lambda r: f"**{r['service_ms']['p50']} / {_ms(r['service_ms']['p95'])}**",
        ),
        ("Service Boussole max", lambda r: _ms(r["service_ms"]["max"])),
        (
            "Objectif p95 du service (≤ 50 ms base de données, ≤ 40 ms OpenSearch)",
            lambda r: (
                f"≤ {_service_target(r)} ms : "
                + _verdict(r["service_ms"]["p95"] <= _service_target(r))
            ),
        ),
        (
            "Réponses venues du repli base de données",
            lambda r: str(r["degraded"]) if r["kind"] == "opensearch" else DASH,
        ),
        (
            "Temps passé dans le nœud OpenSearch par recherche du service (moyenne)",
            lambda r: _ms(r["node_ms_per_search"]) if r.get("node_ms_per_search") else DASH,
        ),
        ("Requête seule sous le service p50 / p95", bare_cell),
        (f"Requête longue p95 (objectif < {LONG_QUERY_TARGET_MS} ms)", long_cell),
        (
            f"Wagtail `Page.objects.live().search()` p50 / p95 ({STOCK_QUERIES} requêtes, "
            f"plafond {STOCK_CAP_SECONDS:.0f} s)",
            stock_cell,
        ),
        ("Création du corpus", lambda r: f"{r['create_s']} s"),
        ("Indexation Boussole (`search.indexing.rebuild()`)", index_cell),
        (
            "Indexation Wagtail (`update_index`)",
            lambda r: f"{r['stock_index_s']} s" if r.get("stock_index_s") is not None else DASH,
        ),
        ("Durée de la colonne", lambda r: f"{r['column_s']:.0f} s"),
        (
            "Charge de la machine (1 min) avant / après les mesures",
            lambda r: f"{r['load_before']} / {r['load_after']}",
        ),
    ]


def _summary_table(results):
    lines = [
        "| | " + " | ".join(_header(r) for r in results) + " |",
        "|---|" + "---|" * len(results),
    ]
    for label, cell in _summary_rows(results):
        cells = [DASH if r.get("error") else cell(r) for r in results]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def _agreement(measured):
    """{query key: (totals by engine, agree?)} over the queries every measured column ran."""
    keys = [k for k in measured[0]["per_query"] if all(k in r["per_query"] for r in measured)]
    out = {}
    for key in keys:
        totals = {r["engine"]: r["per_query"][key]["total"] for r in measured}
        out[key] = (totals, len(set(totals.values())) == 1)
    totals = {r["engine"]: r["long_query"]["total"] for r in measured}
    out[LONG_QUERY_KEY] = (totals, len(set(totals.values())) == 1)
    return out


def _per_query_table(measured, agreement):
    compare = len(measured) > 1
    head = [r["engine"] for r in measured] + (["accord"] if compare else [])
    lines = [
        "| requête | " + " | ".join(head) + " |",
        "|---|" + "---|" * len(head),
    ]
    for key in measured[0]["per_query"]:
        cells = []
        for r in measured:
            q = r["per_query"].get(key)
            if q is None:
                cells.append(DASH)
                continue
            relaxed = " (élargie)" if q.get("relaxed") else ""
            cells.append(f"{q['median_ms']} ms / {q['total']}{relaxed}")
        if compare:
            cells.append(_agree_cell(agreement.get(key)))
        lines.append(f"| `{key}` | " + " | ".join(cells) + " |")
    cells = [
        f"{r['long_query']['ms']['p50']} ms / {r['long_query']['total']}"
        + (" (élargie)" if r["long_query"]["relaxed"] else "")
        for r in measured
    ]
    if compare:
        cells.append(_agree_cell(agreement[LONG_QUERY_KEY]))
    lines.append(f"| {LONG_QUERY_KEY} | " + " | ".join(cells) + " |")
    return lines


def _agree_cell(entry):
    if entry is None:
        return DASH
    return "oui" if entry[1] else "**non**"


def _disagreements(measured, agreement):
    if len(measured) < 2:
        return []
    names = ", ".join(r["engine"] for r in measured)
    differing = [(key, totals) for key, (totals, agree) in agreement.items() if not agree]
    if not differing:
        return [
            f"Nombres de résultats : {names} trouvent le même nombre de résultats pour chacune "
            f"des {len(agreement)} requêtes.",
        ]
    listed = " ; ".join(
        f"`{key}` ({', '.join(f'{engine} {total}' for engine, total in totals.items())})"
        for key, totals in differing
    )
    return [
        f"Nombres de résultats : {names} diffèrent sur {len(differing)} requête(s) sur "
        f"{len(agreement)} : {listed}.",
    ]


def _long_query_section(measured):
    first = measured[0]["long_query"]
    lines = [
        "## Requête longue",
        "",
        f"{first['chars']} caractères, {first['words']} pseudo-mots de 10 à 20 lettres absents "
        f"du vocabulaire (graine fixe), {first['clauses']} clauses retenues par l'analyseur ; "
        f"{RUNS} mesures après un tour de chauffe, comme les autres requêtes :",
        "",
        f"`{first['query']}`",
        "",
        "| | " + " | ".join(r["engine"] for r in measured) + " |",
        "|---|" + "---|" * len(measured),
    ]

    def row(label, cell):
        lines.append(f"| {label} | " + " | ".join(cell(r["long_query"]) for r in measured) + " |")

    row("p50 / p95 / max", lambda q: f"{q['ms']['p50']} / {q['ms']['p95']} / {_ms(q['ms']['max'])}")
    row(
        f"objectif < {LONG_QUERY_TARGET_MS} ms",
        lambda q: _verdict(q["ms"]["p95"] < LONG_QUERY_TARGET_MS),
    )
    row("analyse (`search.query.parse`)", lambda q: _ms(q["parse_ms"]))
    row(
        "« vouliez-vous dire » (`Lexicon.nearest_word` sur chaque mot)",
        lambda q: _ms(q["nearest_word_ms"]),
    )
    row("mots connus du vocabulaire", lambda q: str(q["known_words"]))
    row("résultats", lambda q: str(q["total"]))
    row("suggestion", lambda q: f"`{q['suggestion']}`" if q["suggestion"] else "aucune")
    for r in measured:
        profile = r["long_query"].get("profile")
        if not profile:
            continue
        lines += [
            "",
            f"Profil cProfile d'un appel du service ({r['engine']}, p95 au-delà de l'objectif) :",
            "",
            "| fonction | appels | propre | cumulé |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| `{p['function']}` | {p['calls']} | {_ms(p['own_ms'])} | {_ms(p['cumulative_ms'])} |"
            for p in profile
        ]
    return lines


def markdown(results, total, duration_s):
    measured = [r for r in results if not r.get("error")]
    lines = [
        "# Benchmark de la recherche Boussole",
        "",
        f"Corpus : {total} éléments générés (chapitres, fiches pratiques, remontées de terrain), "
        f"{len(QUERIES)} requêtes françaises et une requête longue, {RUNS} mesures chacune après "
        f"{WARMUP_PASSES} tours de chauffe de toutes les requêtes et un de la requête elle-même ; "
        f"{PER_PAGE} résultats par page, facettes, extraits surlignés "
        "compris. Une base neuve par colonne ; la colonne OpenSearch garde son contenu dans "
        "SQLite et interroge le nœud (index préfixés « bench »).",
        "",
        *_summary_table(results),
    ]
    failed = [r for r in results if r.get("error")]
    if failed:
        lines.append("")
        lines += [f"- **{r['engine']}** : {r['error']}" for r in failed]
    if measured:
        agreement = _agreement(measured)
        lines += [
            "",
            "## Détail par requête (service Boussole, médiane en ms / nombre de résultats)",
            "",
            *_per_query_table(measured, agreement),
            "",
            *_disagreements(measured, agreement),
            "",
            *_long_query_section(measured),
        ]
    lines += ["", f"Durée totale du benchmark : {duration_s:.0f} s."]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Sections of the load test (bench.load) and of the fault script (bench.faults), appended to
# the search report (var/bench.md); a later run of the same part replaces its own section.

LOAD_HEADING = "# Test de charge (gunicorn + wrk)"
FAULTS_HEADING = "# Pannes (gunicorn, réglages de production, PostgreSQL)"

LOAD_LABELS = {
    "trivial": "Vue triviale (plafond)",
    "home": "Accueil",
    "sheet": "Fiche pratique à 20 contenus liés",
    "testimony": "Remontée de terrain",
    "listing_filtered": "Liste filtrée (thème + dispositif)",
    "listing_page": "Liste des fiches, page 50",
    "search": "Page de recherche",
    "api_search": "API : recherche",
    "api_pages": "API : 20 fiches, fields=*",
}
LOAD_TARGETS = {
    "warm_ratio": "Cache chaud : chaque page lecteur ≥ 50 % du plafond",
    "warm_errors": "Cache chaud : 0 erreur sur les pages lecteur",
    "cold_sheet": "Cache froid : fiche à 20 contenus liés ≥ 150 req/s (PostgreSQL)",
    "cold_api_pages": "Cache froid : API 20 fiches ≥ 100 req/s",
    "reader_queries": "≤ 15 requêtes SQL par page lecteur",
    "api_queries": "≤ 20 requêtes SQL par réponse de l'API",
}


def replace_section(path, heading, section):
    """``path`` with ``section`` (starting at ``heading``, a level-1 title) in place of an
    earlier section of that title, or appended; the rest of the file is kept."""
    path = Path(path)
    lines = path.read_text().splitlines() if path.exists() else []
    new = section.rstrip().splitlines()
    if heading in lines:
        start = lines.index(heading)
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("# ")), len(lines)
        )
        lines = lines[:start] + new + ([""] if end < len(lines) else []) + lines[end:]
    else:
        while lines and not lines[-1].strip():
            lines.pop()
        lines += ([""] if lines else []) + new
    path.write_text("\n".join(lines) + "\n")


def _latency(figures):
    p95 = figures["p95_ms"] if figures["p95_ms"] is not None else DASH
    return f"{figures['p50_ms']} / {p95} / {figures['p99_ms']} ms"


def _rate(figures):
    return f"{figures['rps']:.0f} ({figures['ratio']:.0%})"


def _errors(figures):
    sockets = figures["socket_errors"]
    detail = ", ".join(f"{k} {v}" for k, v in sockets.items() if v)
    cell = f"{figures['non_2xx_3xx']} non-2xx/3xx"
    return f"{cell}, sockets : {detail}" if detail else (cell if figures["errors"] else "0")


def _load_engine_table(result):
    warm, cold = result["runs"]["warm"], result["runs"]["cold"]
    lines = [
        f"## {result['engine']} ({result['vendor']} {result['database_version']}, "
        f"{result['pages']} pages)",
        "",
        "| URL | SQL : requêtes (ms) | chaud : req/s (% plafond) | chaud : p50 / p95 / p99 | "
        "cache | froid : req/s (% plafond) | froid : p50 / p95 / p99 | "
        "CPU gunicorn ms/req chaud / froid | erreurs chaud / froid |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for key, _kind in URLS:
        q = result["queries"][key]
        lines.append(
            f"| {LOAD_LABELS[key]} `{result['urls'][key]}` | {q['queries']} ({q['sql_ms']:g}) | "
            f"{_rate(warm[key])} | {_latency(warm[key])} | {warm[key]['after_cache'] or DASH} | "
            f"{_rate(cold[key])} | {_latency(cold[key])} | "
            f"{_cpu(warm[key])} / {_cpu(cold[key])} | "
            f"{_errors(warm[key])} / {_errors(cold[key])} |"
        )
    content = result["content"]
    related = content["sheet_related"]
    lines += [
        "",
        f"Fiche chargée : « {content['sheet_title']} », {related['related_sheets']} fiches et "
        f"{related['related_testimonies']} remontées liées ; liste filtrée : "
        f"{content['listing_filter_matches']} fiches ; la liste compte "
        f"{content['listing_pages']} pages. Requêtes SQL : une requête en processus "
        "(`django.test.Client`, `CaptureQueriesContext`, cache de pages coupé) après une "
        "requête de chauffe ; à froid (premier appel du processus) : "
        + ", ".join(f"{k} {q['first_request_queries']}" for k, q in result["queries"].items())
        + ".",
    ]
    logs = result["gunicorn_logs"]
    for mode, label in (("warm", "chaud"), ("cold", "froid")):
        statuses = ", ".join(f"{s} × {n}" for s, n in sorted(logs[mode]["statuses"].items()))
        kept = f" (journal gardé : {logs[mode]['kept']})" if logs[mode].get("kept") else ""
        lines.append(
            f"- Journal gunicorn {label} : {statuses} ; lignes d'erreur : "
            f"{logs[mode]['error_lines']}{kept}."
        )
    loads = [f["load_before"] for mode in (warm, cold) for f in mode.values()]
    others = [
        f["cpu"]["others_s"] / result["duration_s"] for mode in (warm, cold) for f in mode.values()
    ]
    lines.append(
        f"- Charge de la machine (1 min) au début des tirs : de {min(loads)} à {max(loads)} ; "
        "CPU pris par les autres processus (le serveur PostgreSQL compris, et le travail des "
        f"autres sur la machine) pendant les tirs : de {min(others):.2f} à "
        f"{max(others):.2f} cœur (moyenne {sum(others) / len(others):.2f})."
    )
    return lines


def _cpu(figures):
    value = figures.get("cpu", {}).get("gunicorn_ms_per_request")
    return DASH if value is None else f"{value:g}"


def _load_targets_table(measured):
    lines = [
        "## Objectifs",
        "",
        "| Objectif | " + " | ".join(r["engine"] for r in measured) + " |",
        "|---|" + "---|" * len(measured),
    ]
    for name, label in LOAD_TARGETS.items():
        cells = []
        for r in measured:
            target = next((t for t in r["targets"] if t["target"] == name), None)
            cells.append(f"{target['value']} : {_verdict(target['met'])}" if target else DASH)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def load_markdown(summary):
    measured = [r for r in summary["engines"] if not r.get("error")]
    wrk = summary["wrk"]
    lines = [
        LOAD_HEADING,
        "",
        f"gunicorn (`deploy/gunicorn.conf.py`, {summary['workers']} workers gthread × "
        f"{summary['gunicorn_threads']} fils, réglages de production + `/__trivial__/`) sur "
        f"127.0.0.1, {summary['cpus']} cœurs partagés avec wrk et le reste de la machine ; "
        f"`wrk -t{wrk['threads']} -c{wrk['connections']} -d{summary['duration_s']}s "
        f"--timeout={wrk['timeout']} --latency -s <p95.lua>` par URL, l'une après l'autre. "
        f"« Chaud » : cache de pages à {summary['warm_seconds']} s, une requête de chauffe "
        "avant chaque tir ; « froid » : un second gunicorn avec "
        "`BOUSSOLE_PAGE_CACHE_SECONDS=0`. Cache partagé : un cache fichier par base "
        "(var/cache-bench-<base>, sans Redis). La recherche est limitée par adresse : "
        f"`BOUSSOLE_API_SEARCH_RATE={summary['search_rate']}` pendant le test (60/min par "
        "défaut). Le plafond est la vue triviale mesurée dans le même gunicorn ; p95 vient du "
        "même histogramme que les autres percentiles (hook Lua `done()` de wrk). `/recherche/` "
        "et `/api/` ne passent jamais par le cache de pages (choix du produit) : leurs chiffres "
        "« chauds » sont sans cache aussi. La colonne « cache » donne l'en-tête "
        "`X-Boussole-Cache` d'une requête faite après le tir chaud ; « SQL » : requêtes SQL "
        "d'une requête et leur durée cumulée ; « CPU gunicorn ms/req » : temps CPU (utilisateur "
        "+ système) des processus du gunicorn pendant le tir divisé par le nombre de réponses, "
        "le chiffre que le partage de la machine fausse le moins.",
        "",
    ]
    for r in summary["engines"]:
        if r.get("error"):
            lines += [f"- **{r['engine']}** non mesuré : {r['error']}", ""]
            continue
        lines += [*_load_engine_table(r), ""]
    if measured:
        lines += _load_targets_table(measured)
    lines += ["", f"Durée du test de charge : {summary.get('total_s', 0):.0f} s."]
    return "\n".join(lines) + "\n"


def _codes(codes):
    return ", ".join(f"{c} × {n}" for c, n in codes.items()) or DASH


def faults_markdown(summary):
    lines = [
        FAULTS_HEADING,
        "",
        "Un gunicorn (`deploy/gunicorn.conf.py`, réglages de production via `bench.settings`, "
        "cache de pages et limites de débit par défaut) sur 127.0.0.1 et la base PostgreSQL "
        "`boussole_bench` ; scénarios l'un après l'autre, en moins de deux minutes. « Erreurs » : "
        "réponses 5xx (un 503 attendu compris) et erreurs de socket ; « données perdues » : pages "
        "ou documents disparus, publication à moitié faite, nouvelle incohérence de "
        "`manage.py boussole_check`.",
        "",
    ]
    lines += [f"- {note}" for note in summary.get("notes", [])]
    if summary.get("error"):
        lines += ["", f"**Script interrompu** : {summary['error']}"]
    lines += [
        "",
        "| Scénario | Requêtes | Codes vus | Erreurs (5xx + sockets) | Données perdues | Attendu "
        "| Verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in summary.get("scenarios", []):
        verdict = "sauté" if s.get("skipped") else _verdict(s["ok"])
        lines.append(
            f"| {s['label']} | {s['sent']} | {_codes(s['codes'])} | "
            f"{s['five_xx']} + {s['socket_errors']} | {s['data_lost']} | {s['expected']} | "
            f"{verdict} |"
        )
    for s in summary.get("scenarios", []):
        if s.get("by_phase"):
            lines += ["", f"{s['label']}, codes par phase :", ""]
            lines += [f"- {phase} : {_codes(codes)}" for phase, codes in s["by_phase"].items()]
            publishes = s.get("publishes") or {}
            for name, label in (("in_flight", "en cours à l'arrêt"), ("during_outage", "pendant")):
                p = publishes.get(name) or {}
                detail = f" ({p['error']})" if p.get("error") else ""
                lines.append(f"- publication {label} : {p.get('outcome', DASH)}{detail}")
            lines += [f"- commande {k} : code {v[0]} en {v[1]} s" for k, v in s["commands"].items()]
        if s["notes"]:
            lines += ["", f"{s['label']} :", ""]
            lines += [f"- {note}" for note in s["notes"]]
    check = summary.get("boussole_check")
    if check:
        lines += [
            "",
            f"`manage.py boussole_check` : code {check['before']['exit']} avant "
            f"({check['before']['findings']} lignes), code {check['after']['exit']} après "
            f"({check['after']['findings']} lignes), {len(check['new_findings'])} nouvelle(s). "
            "Le corpus est inséré en masse sans révisions : la commande signale chacune de ses "
            "pages (« en ligne sans révision publiée ») avant comme après ; seul l'écart compte.",
        ]
    log = summary.get("gunicorn_log")
    if log:
        lines.append(
            f"Journal gunicorn ({log['path']}) : {_codes(dict(sorted(log['statuses'].items())))} ; "
            f"lignes d'erreur (tracebacks, [ERROR] : des échecs journalisés, pas des réponses) : "
            f"{log['error_lines']}."
        )
    lines += ["", f"Durée du script : {summary.get('total_s', 0):.0f} s."]
    return "\n".join(lines) + "\n"
