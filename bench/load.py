"""Load test (``python -m bench --only load``, and after the search columns of ``python -m bench``).

For each bench database (SQLite var/bench.sqlite3, PostgreSQL ``boussole_bench``, both filled by
the search columns; built by ``bench.workers.corpus`` when absent), the site runs under gunicorn
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
items, URLs and query counts) runs in its own process (``bench.workers.load``), as the search
columns do; this one imports no Django.
"""

import json
import os
import re
import secrets
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

from bench import databases
from bench.processes import BASE_DIR, children_cpu, environment, run_captured, run_worker

ENGINES = ("sqlite", "postgresql")
DEFAULT_DURATION = 20
QUICK_DURATION = 5
WRK_THREADS, WRK_CONNECTIONS = 2, 10
# wrk's default of 2 s would count a slow but complete answer as a socket error, not a latency.
WRK_TIMEOUT = "10s"
WORKERS = 2
SEARCH_RATE = "1000000/min"
WARM_SECONDS = 3600
START_TIMEOUT = 60

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


def new_secret_key():
    return secrets.token_urlsafe(64)


def production_environment(engine, var_dir, *, page_cache_seconds, port=None, secret_key, **extra):
    """The production environment of one gunicorn (or of a process with the same settings)."""
    env = environment(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        BOUSSOLE_SECURE_COOKIES="false",
        DATABASE_URL=databases.url(engine, var_dir),
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


def database_exists(engine, var_dir):
    """Whether ``engine``'s bench database is there, or a LoadError when PostgreSQL does not
    answer."""
    try:
        return databases.exists(engine, var_dir)
    except databases.Unreachable as error:
        raise LoadError(str(error)) from error


def _fresh_database(engine, var_dir):
    try:
        databases.fresh(engine, var_dir)
    except databases.Unreachable as error:
        raise LoadError(str(error)) from error


def _run_prepare(engine, items, var_dir, secret_key):
    """The preparation's figures (``bench.workers.load``), in a process with the gunicorns'
    settings, page cache off."""
    json_path = var_dir / f"bench-load-prepare-{engine}.json"
    result, status = run_worker(
        "load",
        engine,
        "--items",
        items,
        env=production_environment(engine, var_dir, page_cache_seconds=0, secret_key=secret_key),
        json_path=json_path,
    )
    if result is None:
        raise LoadError(f"la préparation s'est arrêtée (code {status}) sans résultat.")
    json_path.unlink()
    if result.get("error"):
        raise LoadError(result["error"])
    return result


def ensure_prepared(engine, items, var_dir, secret_key):
    """Reuse the bench database the search column left (check it), else build it."""
    if not database_exists(engine, var_dir):
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
    completed = run_captured(command, timeout=duration + 60)
    if completed.returncode != 0:
        raise LoadError(f"wrk a échoué (code {completed.returncode}) : {completed.stderr.strip()}")
    figures = parse_wrk(completed.stdout)
    figures["command"] = " ".join(command[:-1]) + " <url>"
    return figures


def _measure_mode(engine, mode, prepared, duration, var_dir, secret_key, lua_path):
    """One gunicorn (warm or cold page cache), every URL loaded in turn."""
    seconds = WARM_SECONDS if mode == "warm" else 0
    port = free_port()
    env = production_environment(
        engine, var_dir, page_cache_seconds=seconds, port=port, secret_key=secret_key
    )
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
    env = production_environment("sqlite", var_dir, page_cache_seconds=0, secret_key=secret_key)
    start = time.perf_counter()
    completed = run_captured(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], env=env
    )
    if completed.returncode:
        raise LoadError(f"collectstatic a échoué : {completed.stderr.strip()[-300:]}")
    return round(time.perf_counter() - start, 1)


def measure_engine(engine, items, duration, var_dir, lua_path):
    secret_key = new_secret_key()
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
        summary["collectstatic_s"] = collectstatic(var_dir, new_secret_key())
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
