"""The benchmark's report: one Markdown page from the columns' JSON results.

A result is the dict a column's process wrote (``bench.__main__``), or ``{"engine", "error"}``
when the column could not be measured: its cells then read "—" and its reason is printed under
the table. Match counts are compared query by query across the measured columns ("accord").
"""

from bench.search import (
    LONG_QUERY_TARGET_MS,
    PER_PAGE,
    QUERIES,
    RUNS,
    SERVICE_TARGET_MS,
    STOCK_CAP_SECONDS,
    STOCK_QUERIES,
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
        f"un tour de chauffe ; {PER_PAGE} résultats par page, facettes, extraits surlignés "
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
