"""Timings, in a column's process, set up for one backend (``bench.workers.column``).

- the Boussole search service (``search.service.search``: count, ranked page of 20, facet
  counts, highlights, typo/synonym analysis), ``RUNS`` times per query after ``WARMUP_PASSES``
  passes over every query and one more run of its own: the figure that matters;
- the query underneath: the database dialect's bare full-text query (match + LIMIT 20, no
  ranking, facets or rows) on SQLite and PostgreSQL; on OpenSearch the backend's ``search()``
  with no facets to count (one round trip to the node);
- a crafted long query, 200 characters of pseudo-words the index does not know (the "did you
  mean" worst case), timed like the others;
- Wagtail's stock ``Page.objects.live().search(q)[:20]`` on a subset, each query capped (the
  database columns only: the OpenSearch column's Wagtail backend is its SQLite one).
"""

import cProfile
import io
import json
import pstats
import random
import statistics
import time
import urllib.request

from django.db import OperationalError, connection, transaction
from django.db.utils import DatabaseError
from wagtail.models import Page

from bench.queries import (
    LONG_QUERY_CHARS,
    LONG_QUERY_SEED,
    LONG_QUERY_TARGET_MS,
    LONG_QUERY_WORDS,
    PER_PAGE,
    QUERIES,
    RUNS,
    STOCK_CAP_SECONDS,
    STOCK_QUERIES,
    WARMUP_PASSES,
    query_key,
)
from search.backends import BackendQuery, get_database_backend, get_search_backend
from search.lexicon import get_lexicon
from search.query import parse
from search.service import search


def percentile(samples, p):
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(samples):
    return {
        "n": len(samples),
        "p50": round(percentile(samples, 50), 2),
        "p95": round(percentile(samples, 95), 2),
        "max": round(max(samples), 2),
    }


def node_search_stats(url, pattern):
    """(searches, ms spent in their query and fetch phases) so far on the node's indexes
    ``pattern``: what the node itself spent, apart from HTTP and Python."""
    with urllib.request.urlopen(f"{url.rstrip('/')}/{pattern}/_stats/search", timeout=10) as r:
        stats = json.loads(r.read())["_all"]["primaries"]["search"]
    return stats["query_total"], stats["query_time_in_millis"] + stats["fetch_time_in_millis"]


# --------------------------------------------------------------------------------------------
# The long query

_ONSETS = ["b", "br", "ch", "cl", "d", "f", "fr", "g", "gl", "j", "l", "m", "n", "p", "pl"]
_ONSETS += ["qu", "r", "s", "t", "tr", "v", "z"]
_NUCLEI = ["a", "e", "i", "o", "u", "ou", "ai", "eu", "au", "oi", "on", "an", "in"]


def _pseudo_word(rnd, length):
    word = ""
    while len(word) < length:
        word += rnd.choice(_ONSETS) + rnd.choice(_NUCLEI)
    return word[:length]


def long_query(known=(), chars=LONG_QUERY_CHARS, count=LONG_QUERY_WORDS, seed=LONG_QUERY_SEED):
    """``count`` French-sounding pseudo-words of 10 to 20 letters, none in ``known``, joined by
    spaces into exactly ``chars`` characters (fixed seed: the same query for every backend)."""
    rnd = random.Random(seed)
    letters = chars - (count - 1)  # what the words share once the spaces are counted
    if not 10 * count <= letters <= 20 * count:
        raise ValueError(f"{count} mots de 10 à 20 lettres ne font pas {chars} caractères")
    while True:
        lengths = [rnd.randint(10, 20) for _ in range(count - 1)]
        last = letters - sum(lengths)
        if 10 <= last <= 20:
            break
    words = []
    for length in [*lengths, last]:
        word = _pseudo_word(rnd, length)
        while word in known or word in words:
            word = _pseudo_word(rnd, length)
        words.append(word)
    return " ".join(words)


# --------------------------------------------------------------------------------------------
# Timings


def _params(q, filters):
    return {"q": q, "per_page": PER_PAGE, **filters}


def _time_search(q, filters):
    """(result of the warm-up, ``RUNS`` timings in ms, answers that came from the fallback)."""
    result = search(_params(q, filters), record_zero_results=False)  # warm-up
    times, degraded = [], int(result.degraded)
    for _ in range(RUNS):
        start = time.perf_counter()
        again = search(_params(q, filters), record_zero_results=False)
        times.append((time.perf_counter() - start) * 1000)
        degraded += int(again.degraded)
    return result, times, degraded


def time_service(log):
    """Every query of ``QUERIES``: all samples, per-query medians and totals, fallbacks."""
    samples, per_query, degraded = [], {}, 0
    for _ in range(WARMUP_PASSES):
        for q, filters in QUERIES:
            search(_params(q, filters), record_zero_results=False)
    log(f"  service : {WARMUP_PASSES} tours de chauffe des {len(QUERIES)} requêtes")
    for number, (q, filters) in enumerate(QUERIES, 1):
        result, times, fallbacks = _time_search(q, filters)
        samples.extend(times)
        degraded += fallbacks
        per_query[query_key(q, filters)] = {
            "median_ms": round(statistics.median(times), 2),
            "total": result.total,
            "relaxed": result.relaxed,
        }
        if number % 10 == 0:
            log(f"  … service : {number}/{len(QUERIES)} requêtes")
    log(f"  service : p50 {percentile(samples, 50):.1f} ms, p95 {percentile(samples, 95):.1f} ms")
    return samples, per_query, degraded


def _bare_database(parsed):
    """The dialect's bare full-text query: (warm-up, then a function timing one run)."""
    sql, params = get_database_backend().dialect.bare_query(parsed.expr, PER_PAGE)

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return run


def _bare_backend(parsed):
    """The configured backend's search, with no facets to count and no filters."""
    backend, query = get_search_backend(), BackendQuery(parsed=parsed, limit=PER_PAGE)
    return lambda: backend.search(query)


def time_bare(kind, log):
    """The query underneath the service, for every query of ``QUERIES`` that has words."""
    lexicon, samples = get_lexicon(), []
    make = _bare_database if kind == "database" else _bare_backend
    for q, _filters in QUERIES:
        parsed = parse(q, lexicon)
        if parsed.empty:
            continue
        run = make(parsed)
        run()  # warm-up
        for _ in range(RUNS):
            start = time.perf_counter()
            run()
            samples.append((time.perf_counter() - start) * 1000)
    label = "requête plein texte seule" if kind == "database" else "search() sans facettes"
    log(f"  {label} : p50 {percentile(samples, 50):.2f} ms, p95 {percentile(samples, 95):.2f} ms")
    return samples


def _profile(q, top=12):
    """cProfile of one service call: the functions that took the most time (cumulative)."""
    profiler = cProfile.Profile()
    profiler.enable()
    search(_params(q, {}), record_zero_results=False)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    rows = []
    for (filename, line, name), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():
        if "/search/" not in filename or "/site-packages/" in filename:
            continue
        module = filename.rsplit("/search/", 1)[1]
        rows.append(
            {
                "function": f"search/{module}:{line} {name}",
                "calls": calls,
                "own_ms": round(tottime * 1000, 2),
                "cumulative_ms": round(cumtime * 1000, 2),
            }
        )
    rows.sort(key=lambda row: -row["cumulative_ms"])
    return rows[:top]


def time_long_query(q, log):
    """The crafted long query through the service, plus where its time goes."""
    result, times, degraded = _time_search(q, {})
    lexicon = get_lexicon()
    words = q.split()
    start = time.perf_counter()
    parsed = parse(q, lexicon)
    parse_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    for word in words:  # what the "did you mean" step asks the lexicon for each unknown word
        if not lexicon.is_known(word):
            lexicon.nearest_word(word)
    nearest_ms = (time.perf_counter() - start) * 1000
    stats = summary(times)
    log(
        f"  requête longue ({len(q)} caractères, {len(words)} mots) : p95 {stats['p95']:.1f} ms"
        f" (analyse {parse_ms:.1f} ms, « vouliez-vous dire » {nearest_ms:.1f} ms)"
    )
    out = {
        "query": q,
        "chars": len(q),
        "words": len(words),
        "known_words": sum(1 for w in words if lexicon.is_known(w)),
        "clauses": len(parsed.expr),
        "corrections": len(parsed.corrections),
        "ms": stats,
        "total": result.total,
        "relaxed": result.relaxed,
        "suggestion": result.suggestion,
        "degraded": degraded,
        "parse_ms": round(parse_ms, 2),
        "nearest_word_ms": round(nearest_ms, 2),
        "profile": None,
    }
    if stats["p95"] > LONG_QUERY_TARGET_MS:
        out["profile"] = _profile(q)
        log("  requête longue au-delà de l'objectif : profil cProfile joint au rapport")
    return out


def _capped(vendor, function, cap):
    """Run ``function``; give up after ``cap`` seconds (SQLite progress handler, PG timeout)."""
    start = time.perf_counter()
    if vendor == "sqlite":
        connection.ensure_connection()
        raw = connection.connection
        raw.set_progress_handler(lambda: int(time.perf_counter() - start > cap), 10_000)
        try:
            function()
        except OperationalError:
            return None
        finally:
            raw.set_progress_handler(None, 0)
    else:
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(f"SET LOCAL statement_timeout = {int(cap * 1000)}")
                function()
        except DatabaseError:
            return None
    elapsed = time.perf_counter() - start
    return None if elapsed > cap else elapsed * 1000


def time_stock(vendor, log):
    """Wagtail's own search on the first ``STOCK_QUERIES`` queries, each capped."""
    samples, per_query = [], {}
    for q, _filters in QUERIES[:STOCK_QUERIES]:
        times = []
        for _ in range(3):
            ms = _capped(
                vendor, lambda q=q: list(Page.objects.live().search(q)[:20]), STOCK_CAP_SECONDS
            )
            times.append(ms)
            if ms is None:
                break  # already over the cap: do not spend more time on it
        per_query[q] = [None if t is None else round(t, 1) for t in times]
        samples.extend(STOCK_CAP_SECONDS * 1000 if t is None else t for t in times)
    timeouts = sum(1 for t in per_query.values() if None in t)
    log(
        f"  Wagtail d'origine : p50 {percentile(samples, 50):.0f} ms, p95 "
        f"{percentile(samples, 95):.0f} ms ({timeouts}/{len(per_query)} au-delà de "
        f"{STOCK_CAP_SECONDS:.0f} s)"
    )
    return samples, per_query, timeouts
