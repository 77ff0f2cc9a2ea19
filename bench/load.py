"""Load test (``python -m bench --only load``, and after the search columns of ``python -m bench``).

For each bench database (SQLite var/bench.sqlite3, PostgreSQL ``boussole_bench``, both filled by
the search columns; built here with ``bench.corpus`` when absent), the site runs under gunicorn
as in production (``gunicorn -c deploy/gunicorn.conf.py``, 2 workers, settings ``bench.settings``
= production + ``/__trivial__/``, everything else from the environment) on 127.0.0.1, and
``wrk -t2 -c10 -d<duration> --latency`` loads one URL after the other:

- twice: page cache warm (``BOUSSOLE_PAGE_CACHE_SECONDS=3600``, one warm-up request first) and
  cold (a second gunicorn with ``BOUSSOLE_PAGE_CACHE_SECONDS=0``);
- the trivial view first in each gunicorn: its req/s is the ceiling every other figure is
  divided by (same gunicorn, same run);
- search is rate-limited per address: ``BOUSSOLE_API_SEARCH_RATE=1000000/min`` for the run;
- wrk's percentiles are 50/75/90/99: a Lua ``done()`` hook prints the 95th from the same
  histogram;
- SQL queries per request: one in-process request (``django.test.Client`` and
  ``CaptureQueriesContext``, cache off, same settings) after one warm-up request per URL.

Figures go to var/bench-load.json; ``bench.report.load_markdown`` makes the Markdown section.
Each database's preparation (corpus check or build, the practice sheet given its related
items, URLs and query counts) runs in its own process, as the search columns do.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
ENGINES = ("sqlite", "postgresql")
DEFAULT_DURATION = 20
QUICK_DURATION = 5
WRK_THREADS, WRK_CONNECTIONS = 2, 10
# wrk's default of 2 s would count a slow but complete answer as a socket error, not a latency.
WRK_TIMEOUT = "10s"
WORKERS = 2
SEARCH_RATE = "1000000/min"
WARM_SECONDS = 3600
RELATED_SHEETS, RELATED_TESTIMONIES = 10, 10  # 20 related items on the loaded practice sheet
SEARCH_QUERY = "coordination"
LISTING_PAGE = 50
START_TIMEOUT = 60
NOT_MEASURED = 3

# (key, kind): the order of the runs; the trivial view first (the ceiling).
URLS = (
    ("trivial", "trivial"),
    ("home", "reader"),
    ("sheet", "reader"),
    ("testimony", "reader"),
    ("listing_filtered", "reader"),
    ("listing_page", "reader"),
    ("search", "reader"),
    ("api_search", "api"),
    ("api_pages", "api"),
)
KINDS = dict(URLS)
# Targets (bench.report shows them met or missed).
WARM_RATIO_TARGET = 0.5
COLD_SHEET_TARGET_RPS = 150  # on PostgreSQL
COLD_API_PAGES_TARGET_RPS = 100
READER_QUERIES_TARGET, API_QUERIES_TARGET = 15, 20

# Everything the settings read is given by the benchmark, never inherited from the caller.
CLEARED_PREFIXES = ("BOUSSOLE_", "DJANGO_", "GUNICORN_", "DATABASE_", "SECURE_", "EMAIL_")
CLEARED_NAMES = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "WAGTAILADMIN_BASE_URL",
    "REDIS_URL",
    "STATIC_ROOT",
    "WEB_CONCURRENCY",
    "SENTRY_DSN",
    "LOG_LEVEL",
    "DEFAULT_FROM_EMAIL",
    "SERVER_EMAIL",
}

WRK_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH-WRK {\\"requests\\": %.0f, \\"duration_us\\": %.0f, \\"p50_us\\": %.0f, "
    .. "\\"p95_us\\": %.0f, \\"p99_us\\": %.0f, \\"max_us\\": %.0f, \\"status_errors\\": %.0f, "
    .. "\\"timeouts\\": %.0f}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.status, e.timeout))
end
"""


class LoadError(Exception):
    """The load test cannot run (one French line for the report)."""


def _log(message):
    print(message, flush=True)  # noqa: T201


# --------------------------------------------------------------------------------------------
# Environment, databases


def _secret_key():
    import secrets

    return secrets.token_urlsafe(64)


def database_url(engine, var_dir):
    from bench.__main__ import PG_ADMIN_URL, PG_BENCH_DB

    if engine == "postgresql":
        return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_BENCH_DB}"
    return f"sqlite:///{(var_dir / 'bench.sqlite3').resolve()}"


def environment(engine, var_dir, *, page_cache_seconds, port=None, secret_key, **extra):
    """The production environment of one gunicorn (or of a process with the same settings)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in CLEARED_NAMES and not k.startswith(CLEARED_PREFIXES)
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        BOUSSOLE_SECURE_COOKIES="false",
        DATABASE_URL=database_url(engine, var_dir),
        BOUSSOLE_VAR_DIR=str(var_dir),
        BOUSSOLE_BENCH_CACHE_DIR=str(var_dir / f"cache-bench-{engine}"),
        STATIC_ROOT=str(var_dir / "bench-static"),
        BOUSSOLE_PAGE_CACHE_SECONDS=str(page_cache_seconds),
        BOUSSOLE_API_SEARCH_RATE=SEARCH_RATE,
        WEB_CONCURRENCY=str(WORKERS),
        PYTHONUNBUFFERED="1",
    )
    if port is not None:
        env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    env.update(extra)
    return env


def _postgres_database_exists():
    """True/False, or a LoadError when PostgreSQL does not answer."""
    import psycopg
    from dj_database_url import parse

    from bench.__main__ import PG_ADMIN_URL, PG_BENCH_DB

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
            row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_BENCH_DB])
            return row.fetchone() is not None
    except psycopg.Error as error:
        raise LoadError(
            f"PostgreSQL injoignable ({str(error).strip().splitlines()[0]})."
        ) from error


def _fresh_database(engine, var_dir):
    from bench.__main__ import ColumnError, _fresh_postgres, _fresh_sqlite

    try:
        if engine == "postgresql":
            _fresh_postgres()
        else:
            _fresh_sqlite(var_dir / "bench.sqlite3")
    except ColumnError as error:
        raise LoadError(str(error)) from error


# --------------------------------------------------------------------------------------------
# Preparation (in its own process: python -m bench.load --prepare ENGINE --json PATH)


def _corpus_count():
    from knowledge import models as km

    return sum(
        m.objects.count() for m in (km.GuideChapterPage, km.PracticeSheetPage, km.TestimonyPage)
    )


def _build(items):
    from django.db import connection

    from bench.corpus import build_corpus
    from search.indexing import rebuild

    _log(f"  corpus de {items} éléments (bench.corpus)")
    start = time.perf_counter()
    build_corpus(items)
    rebuild()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return round(time.perf_counter() - start, 1)


def _set_related(sheet):
    """``sheet`` gets exactly RELATED_SHEETS visible sheets and RELATED_TESTIMONIES visible
    testimonies (the first by tree order), written through the relations' tables."""
    from django.db import transaction

    from knowledge import models as km
    from knowledge.visibility import visible_pages

    chosen = {
        "related_sheets": list(
            visible_pages(km.PracticeSheetPage.objects.exclude(pk=sheet.pk))
            .order_by("path")
            .values_list("pk", flat=True)[:RELATED_SHEETS]
        ),
        "related_testimonies": list(
            visible_pages(km.TestimonyPage.objects.all())
            .order_by("path")
            .values_list("pk", flat=True)[:RELATED_TESTIMONIES]
        ),
    }
    with transaction.atomic():
        for name, pks in chosen.items():
            field = km.PracticeSheetPage._meta.get_field(name)
            through = field.remote_field.through
            source = through._meta.get_field(field.m2m_field_name()).attname
            target = through._meta.get_field(field.m2m_reverse_field_name()).attname
            through.objects.filter(**{source: sheet.pk}).delete()
            through.objects.bulk_create([through(**{source: sheet.pk, target: pk}) for pk in pks])
    return {name: len(pks) for name, pks in chosen.items()}


def _urls():
    """The loaded URLs, and what they show (the sheet's related items, the filter's matches)."""
    from django.core.paginator import Paginator
    from django.db.models import Count

    from bench.urls import TRIVIAL_PATH
    from knowledge import models as km
    from knowledge.visibility import visible_pages

    sheets = visible_pages(km.PracticeSheetPage.objects.all()).order_by("path")
    sheet = sheets.first()
    testimony = visible_pages(km.TestimonyPage.objects.all()).order_by("path").first()
    index = km.PracticeSheetIndexPage.objects.live().first()
    if sheet is None or testimony is None or index is None:
        raise LoadError("le corpus n'a ni fiche pratique, ni remontée de terrain visibles.")
    related = _set_related(sheet)
    theme = km.Theme.objects.order_by("slug").first()
    dispositif = (
        km.Dispositif.objects.filter(sheets__in=sheets.filter(themes=theme))
        .annotate(n=Count("sheets"))
        .order_by("-n", "slug")
        .first()
    )
    matches = sheets.filter(themes=theme, dispositifs=dispositif).distinct().count()
    pages = Paginator(range(sheets.count()), index.paginate_by).num_pages
    if pages < LISTING_PAGE:
        raise LoadError(f"la liste des fiches n'a que {pages} pages (il en faut {LISTING_PAGE}).")
    listing = index.url
    return {
        "trivial": TRIVIAL_PATH,
        "home": "/",
        "sheet": sheet.url,
        "testimony": testimony.url,
        "listing_filtered": f"{listing}?theme={theme.slug}&dispositif={dispositif.slug}",
        "listing_page": f"{listing}?page={LISTING_PAGE}",
        "search": f"/recherche/?q={SEARCH_QUERY}",
        "api_search": f"/api/v2/search/?q={SEARCH_QUERY}",
        "api_pages": "/api/v2/pages/?type=knowledge.PracticeSheetPage&limit=20&fields=*",
    }, {
        "sheet_title": sheet.title,
        "sheet_related": related,
        "listing_filter_matches": matches,
        "listing_pages": pages,
    }


def _query_counts(urls):
    """SQL queries of one request per URL (after a warm-up request), cache off."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    out = {}
    for key, url in urls.items():
        with CaptureQueriesContext(connection) as first:
            client.get(url)
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        elapsed = time.perf_counter() - start
        out[key] = {
            "queries": len(ctx),
            "sql_ms": round(sum(float(q["time"]) for q in ctx.captured_queries) * 1000, 1),
            "request_ms": round(elapsed * 1000, 1),
            "first_request_queries": len(first),
            "status": response.status_code,
            "bytes": len(response.content),
            "statements": [
                {"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"][:300]}
                for q in ctx.captured_queries
            ],
        }
        if response.status_code != 200:
            raise LoadError(f"{url} répond {response.status_code} (attendu : 200).")
    return out


def prepare(engine, items):
    """In a process with the gunicorns' settings (cache off): the figures of ``_prepare``."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from bench.__main__ import _database_version
    from search.models import SearchDocument

    call_command("migrate", verbosity=0)
    result = {
        "engine": engine,
        "vendor": connection.vendor,
        "database_version": _database_version(connection),
        "built_s": None,
    }
    found = _corpus_count()
    if found not in (0, items):
        return {**result, "needs_fresh": True, "pages": found}
    if found == 0:
        result["built_s"] = _build(items)
    elif SearchDocument.objects.filter(page__isnull=False).count() < items:
        from search.indexing import rebuild

        _log("  index de recherche incomplet : rebuild()")
        rebuild()
    result["pages"] = _corpus_count()
    result["urls"], result["content"] = _urls()
    if settings.BOUSSOLE_PAGE_CACHE_SECONDS:
        raise LoadError("les requêtes SQL se comptent cache de pages coupé.")
    result["queries"] = _query_counts(result["urls"])
    return result


def _prepare_process(engine, items, json_path):
    try:
        result = prepare(engine, items)
    except LoadError as error:
        result = {"engine": engine, "error": str(error)}
    Path(json_path).write_text(json.dumps(result, ensure_ascii=False, indent=2))
    if result.get("error"):
        _log(f"[charge {engine}] {result['error']}")
        sys.exit(NOT_MEASURED)


def _run_prepare(engine, items, var_dir, secret_key):
    json_path = var_dir / f"bench-load-prepare-{engine}.json"
    json_path.unlink(missing_ok=True)
    command = [sys.executable, "-m", "bench.load", "--prepare", engine, "--items", str(items)]
    completed = subprocess.run(
        [*command, "--json", str(json_path)],
        env=environment(engine, var_dir, page_cache_seconds=0, secret_key=secret_key),
        cwd=BASE_DIR,
        check=False,
    )
    if not json_path.exists():
        raise LoadError(
            f"la préparation s'est arrêtée (code {completed.returncode}) sans résultat."
        )
    result = json.loads(json_path.read_text())
    json_path.unlink()
    if result.get("error"):
        raise LoadError(result["error"])
    return result


def ensure_prepared(engine, items, var_dir, secret_key):
    """Reuse the bench database the search column left (check it), else build it."""
    if engine == "postgresql":
        exists = _postgres_database_exists()
    else:
        exists = (var_dir / "bench.sqlite3").exists()
    if not exists:
        _log(f"[charge {engine}] base absente : création")
        _fresh_database(engine, var_dir)
    result = _run_prepare(engine, items, var_dir, secret_key)
    if result.get("needs_fresh"):
        _log(
            f"[charge {engine}] la base compte {result['pages']} pages au lieu de {items} : "
            "base neuve"
        )
        _fresh_database(engine, var_dir)
        result = _run_prepare(engine, items, var_dir, secret_key)
    return result


# --------------------------------------------------------------------------------------------
# gunicorn


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url, timeout=30, headers=None):
    """(status, headers, body) of a GET; the status of an HTTP error too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Gunicorn:
    """``gunicorn -c deploy/gunicorn.conf.py`` with ``env``, its output in ``log_path``; a
    context manager that always stops it (TERM, then KILL of its own process group)."""

    def __init__(self, env, log_path, ready_path="/health/"):
        self.env, self.log_path, self.ready_path = env, Path(log_path), ready_path
        self.base = "http://" + env["GUNICORN_BIND"]
        self.process = None

    def __enter__(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", "deploy/gunicorn.conf.py"],
            env=self.env,
            cwd=BASE_DIR,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: stopped as a whole, never anyone else's
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                raise LoadError(
                    f"gunicorn s'est arrêté au démarrage (code {self.process.returncode}), "
                    f"voir {self.log_path}."
                )
            try:
                status, _headers, _body = http_get(self.base + self.ready_path, timeout=5)
            except OSError:
                status = None
            if status == 200:
                return self
            time.sleep(0.3)
        self.stop()
        raise LoadError(f"gunicorn ne répond pas en {START_TIMEOUT} s, voir {self.log_path}.")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            self.log.close()
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.log.close()

    def __exit__(self, *exc):
        self.stop()
        return False


def scan_access_log(path):
    """Status counts of gunicorn's access log, and its error lines (tracebacks, [ERROR])."""
    statuses, errors = {}, 0
    line_re = re.compile(rb'" (\d{3}) ')
    with Path(path).open("rb") as log:
        for line in log:
            match = line_re.search(line)
            if match and line.startswith(b"127.0.0.1 "):
                statuses[match.group(1).decode()] = statuses.get(match.group(1).decode(), 0) + 1
            elif b"Traceback" in line or b"[ERROR]" in line or b"[CRITICAL]" in line:
                errors += 1
    return statuses, errors


# --------------------------------------------------------------------------------------------
# CPU: the gunicorn's processes, wrk, and everything else on the machine during a run


def _clock_ticks():
    return os.sysconf("SC_CLK_TCK")


def process_tree_cpu(root):
    """CPU seconds (user + system) of ``root`` and of its descendants, from /proc."""
    parents, cpu = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        parents[int(entry)] = int(fields[1])
        cpu[int(entry)] = int(fields[11]) + int(fields[12])
    tree, changed = {root}, True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                changed = True
    return sum(cpu.get(pid, 0) for pid in tree) / _clock_ticks()


def machine_busy_cpu():
    """CPU seconds the whole machine spent busy (not idle nor waiting on I/O) since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / _clock_ticks()


def children_cpu():
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --------------------------------------------------------------------------------------------
# wrk


def _ms(microseconds):
    return round(microseconds / 1000, 2)


def _duration_us(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    value, unit = float(match.group(1)), match.group(2)
    return value * {"us": 1, "ms": 1e3, "s": 1e6, "m": 6e7}[unit]


def parse_wrk(output):
    """wrk's text (``--latency``) and our Lua line as a dict of figures."""
    figures = {}
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if not match:
        raise LoadError(f"sortie de wrk illisible : {output.strip()[:200]}")
    figures["rps"] = float(match.group(1))
    for pct in ("50", "75", "90", "99"):
        match = re.search(rf"^\s+{pct}%\s+([\d.]+(?:us|ms|s|m))\s*$", output, re.M)
        figures[f"p{pct}_ms"] = _ms(_duration_us(match.group(1))) if match else None
    match = re.search(r"(\d+) requests in ([\d.]+\w+),", output)
    figures["requests"] = int(match.group(1)) if match else None
    match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    figures["non_2xx_3xx"] = int(match.group(1)) if match else 0
    match = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    keys = ("connect", "read", "write", "timeout")
    figures["socket_errors"] = (
        dict(zip(keys, map(int, match.groups()), strict=True)) if match else dict.fromkeys(keys, 0)
    )
    match = re.search(r"^BENCH-WRK (\{.*\})$", output, re.M)
    if match:
        lua = json.loads(match.group(1))
        figures["p95_ms"] = _ms(lua["p95_us"])
        figures["max_ms"] = _ms(lua["max_us"])
        figures["p50_lua_ms"], figures["p99_lua_ms"] = _ms(lua["p50_us"]), _ms(lua["p99_us"])
    else:
        figures["p95_ms"] = figures["max_ms"] = None
    figures["errors"] = figures["non_2xx_3xx"] + sum(figures["socket_errors"].values())
    return figures


def run_wrk(url, duration, lua_path):
    command = [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{WRK_CONNECTIONS}",
        f"-d{duration}s",
        f"--timeout={WRK_TIMEOUT}",
        "--latency",
        "-s",
        str(lua_path),
        url,
    ]
    completed = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 60, check=False
    )
    if completed.returncode != 0:
        raise LoadError(f"wrk a échoué (code {completed.returncode}) : {completed.stderr.strip()}")
    figures = parse_wrk(completed.stdout)
    figures["command"] = " ".join(command[:-1]) + " <url>"
    return figures


def _measure_mode(engine, mode, prepared, duration, var_dir, secret_key, lua_path):
    """One gunicorn (warm or cold page cache), every URL loaded in turn."""
    seconds = WARM_SECONDS if mode == "warm" else 0
    port = free_port()
    env = environment(engine, var_dir, page_cache_seconds=seconds, port=port, secret_key=secret_key)
    log_path = var_dir / f"bench-load-gunicorn-{engine}-{mode}.log"
    runs = {}
    _log(f"[charge {engine}] gunicorn {mode} sur 127.0.0.1:{port} ({WORKERS} workers)")
    with Gunicorn(env, log_path, ready_path=prepared["urls"]["trivial"]) as server:
        for key, _kind in URLS:
            url = server.base + prepared["urls"][key]
            status, headers, body = http_get(url)  # the warm-up request
            if status != 200:
                raise LoadError(f"{prepared['urls'][key]} répond {status} avant la charge.")
            load_before = os.getloadavg()[0]
            cpu_before = (
                process_tree_cpu(server.process.pid),
                children_cpu(),
                machine_busy_cpu(),
            )
            figures = run_wrk(url, duration, lua_path)
            gunicorn_cpu = process_tree_cpu(server.process.pid) - cpu_before[0]
            wrk_cpu = children_cpu() - cpu_before[1]
            machine_cpu = machine_busy_cpu() - cpu_before[2]
            figures["cpu"] = {
                "gunicorn_s": round(gunicorn_cpu, 2),
                "wrk_s": round(wrk_cpu, 2),
                "others_s": round(max(0.0, machine_cpu - gunicorn_cpu - wrk_cpu), 2),
                "gunicorn_ms_per_request": (
                    round(gunicorn_cpu * 1000 / figures["requests"], 2)
                    if figures["requests"]
                    else None
                ),
            }
            figures["load_before"] = round(load_before, 2)
            figures["load_after"] = round(os.getloadavg()[0], 2)
            figures["warmup_cache"] = headers.get("X-Boussole-Cache")
            figures["after_cache"] = http_get(url)[1].get("X-Boussole-Cache")
            figures["bytes"] = len(body)
            runs[key] = figures
            _log(
                f"  {key:17} {figures['rps']:8.1f} req/s  p50 {figures['p50_ms']} ms  "
                f"p95 {figures['p95_ms']} ms  p99 {figures['p99_ms']} ms  "
                f"erreurs {figures['errors']}  cache {figures['after_cache'] or '—'}  "
                f"CPU {figures['cpu']['gunicorn_ms_per_request']} ms/req, autres "
                f"{figures['cpu']['others_s'] / duration:.2f} cœur"
            )
    ceiling = runs["trivial"]["rps"]
    for figures in runs.values():
        figures["ratio"] = round(figures["rps"] / ceiling, 3) if ceiling else None
    statuses, error_lines = scan_access_log(log_path)
    log = {"statuses": statuses, "error_lines": error_lines, "port": port}
    if error_lines or any(s.startswith("5") for s in statuses):
        log["kept"] = os.path.relpath(log_path, BASE_DIR)  # for whoever reads the report
    else:
        log_path.unlink()
    return runs, log


# --------------------------------------------------------------------------------------------
# Targets


def targets(engine_result):
    """[(label, value shown, met?)] for one measured engine."""
    out = []
    warm, cold, queries = (
        engine_result["runs"]["warm"],
        engine_result["runs"]["cold"],
        engine_result["queries"],
    )
    readers = [k for k, kind in URLS if kind == "reader"]
    apis = [k for k, kind in URLS if kind == "api"]
    worst = min(readers, key=lambda k: warm[k]["ratio"])
    errors = sum(warm[k]["errors"] for k in readers)
    out.append(
        (
            "warm_ratio",
            f"min {warm[worst]['ratio']:.0%} ({worst})",
            all(warm[k]["ratio"] >= WARM_RATIO_TARGET for k in readers),
        )
    )
    out.append(("warm_errors", str(errors), errors == 0))
    if engine_result["engine"] == "postgresql":
        rps = cold["sheet"]["rps"]
        out.append(("cold_sheet", f"{rps:.0f} req/s", rps >= COLD_SHEET_TARGET_RPS))
    rps = cold["api_pages"]["rps"]
    out.append(("cold_api_pages", f"{rps:.0f} req/s", rps >= COLD_API_PAGES_TARGET_RPS))
    most = max(readers, key=lambda k: queries[k]["queries"])
    out.append(
        (
            "reader_queries",
            f"max {queries[most]['queries']} ({most})",
            all(queries[k]["queries"] <= READER_QUERIES_TARGET for k in readers),
        )
    )
    most = max(apis, key=lambda k: queries[k]["queries"])
    out.append(
        (
            "api_queries",
            f"max {queries[most]['queries']} ({most})",
            all(queries[k]["queries"] <= API_QUERIES_TARGET for k in apis),
        )
    )
    return out


# --------------------------------------------------------------------------------------------
# Orchestration


def collectstatic(var_dir, secret_key):
    env = environment("sqlite", var_dir, page_cache_seconds=0, secret_key=secret_key)
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode:
        raise LoadError(f"collectstatic a échoué : {completed.stderr.strip()[-300:]}")
    return round(time.perf_counter() - start, 1)


def measure_engine(engine, items, duration, var_dir, lua_path):
    secret_key = _secret_key()
    shutil.rmtree(var_dir / f"cache-bench-{engine}", ignore_errors=True)  # never a stale page
    _log(f"[charge {engine}] préparation (corpus, fiche à 20 contenus liés, requêtes SQL)")
    result = ensure_prepared(engine, items, var_dir, secret_key)
    result["runs"], result["gunicorn_logs"], result["duration_s"] = {}, {}, duration
    for mode in ("warm", "cold"):
        runs, log = _measure_mode(engine, mode, result, duration, var_dir, secret_key, lua_path)
        result["runs"][mode], result["gunicorn_logs"][mode] = runs, log
    result["targets"] = [
        {"target": name, "value": value, "met": met} for name, value, met in targets(result)
    ]
    return result


def run(engines=ENGINES, items=20_000, duration=DEFAULT_DURATION, var_dir=None):
    """Every engine's figures (a dict per engine, ``error`` when it could not be measured)."""
    var_dir = Path(var_dir or BASE_DIR / "var").resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    summary = {
        "duration_s": duration,
        "wrk": {"threads": WRK_THREADS, "connections": WRK_CONNECTIONS, "timeout": WRK_TIMEOUT},
        "workers": WORKERS,
        "gunicorn_threads": int(os.environ.get("GUNICORN_THREADS", "8")),
        "search_rate": SEARCH_RATE,
        "warm_seconds": WARM_SECONDS,
        "cpus": os.cpu_count(),
        "engines": [],
    }
    if shutil.which("wrk") is None:
        error = "wrk introuvable : apt-get update && apt-get install -y wrk."
        summary["engines"] = [{"engine": e, "error": error} for e in engines]
        return summary
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(WRK_LUA)
    try:
        summary["collectstatic_s"] = collectstatic(var_dir, _secret_key())
        for engine in engines:
            try:
                summary["engines"].append(
                    measure_engine(engine, items, duration, var_dir, lua.name)
                )
            except LoadError as error:
                _log(f"[charge {engine}] non mesuré : {error}")
                summary["engines"].append({"engine": engine, "error": str(error)})
    except LoadError as error:
        summary["engines"] = [{"engine": e, "error": str(error)} for e in engines]
    finally:
        Path(lua.name).unlink(missing_ok=True)
    summary["total_s"] = round(time.perf_counter() - started, 1)
    return summary


def main(argv=None):
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--prepare", choices=ENGINES, required=True)
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--json", required=True)
    args = parser.parse_args(argv)
    _prepare_process(args.prepare, args.items, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
