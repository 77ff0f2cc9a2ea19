"""Fault script (``python -m bench --only faults``, last step of ``make bench``).

One gunicorn on 127.0.0.1 (``deploy/gunicorn.conf.py``, production settings through
``bench.settings``, page cache and rate limits at their production defaults) on the PostgreSQL
bench database, and on the OpenSearch node when one answers at ``--search-url`` (a small
``bench-documents`` index built for the run). Scenarios, in this order:

a. PostgreSQL stopped (``pg_ctlcluster --skip-systemctl-redirect 15 main stop``) while four
   threads send requests, then started again: 503 with Retry-After (French page, JSON under
   /api/, /health/ 503) during the outage, 200 again after it and never a 500. A publish is in
   flight when the database stops (an ORM transaction in its own process) and another is tried
   during the outage: each must be fully done or not done at all;
b. the search node stopped (``bash .ci/search-node.sh stop``, only when it was running; started
   again with its own options): searches still 200, with the degraded notice / meta.degraded;
c. 2 000-character queries on /recherche/ and the API: 200 or 429, never 5xx;
d. 10 MB POST bodies on /admin/login/ and on a page: 400/403/405/413, never 5xx;
e. 20 slow clients sending their headers one byte per second for 10 s while normal requests
   are timed: those must keep being answered;
f. 30 wrong passwords on /admin/login/ (with the CSRF cookie and token), then the right one:
   locked out (429, the French page).

Data lost is counted from the database before and after (pages, live pages, revisions, search
documents), from the two publishes' outcome and from ``manage.py boussole_check`` (its
findings after the faults compared with those before: the bulk-built corpus has no revisions,
so the command reports every corpus page either way). Whatever happens, PostgreSQL and the
node are started again if this script stopped them, and the gunicorn is stopped. Figures go to
var/bench-faults.json; ``bench.report.faults_markdown`` makes the Markdown section. What needs
the database (set-up, publishes, states) runs in worker processes with the gunicorn's settings
(``bench.workers.faults``); this one imports no Django.
"""

import http.client
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench.load import (
    Gunicorn,
    LoadError,
    collectstatic,
    database_exists,
    free_port,
    new_secret_key,
    production_environment,
    scan_access_log,
)
from bench.processes import BASE_DIR, run_captured, worker_command

PG_STOP = ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "stop"]
PG_START = ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "start"]
NODE_SCRIPT = BASE_DIR / ".ci" / "search-node.sh"
INDEX_PREFIX = "bench"
SUBSET = 1000  # pages in the node's index for the run (the search column's is gone by now)
ITEMS = 20_000
OUTAGE_SECONDS = 6
BEFORE_SECONDS, AFTER_SECONDS = 3, 6
TRAFFIC_THREADS = 4
LONG_QUERY_CHARS = 2000
BODY_BYTES = 10 * 1024 * 1024
SLOW_CLIENTS, SLOW_SECONDS = 20, 10
SLOW_MAX_LATENCY_S = 2.0  # "keeps answering": no normal request waits longer than this
BAD_LOGINS = 30
REQUEST_TIMEOUT = 15
SEARCH_PATH = "/recherche/?q=coordination"
API_SEARCH_PATH = "/api/v2/search/?q=coordination"
API_LIST_PATH = "/api/v2/pages/?type=knowledge.PracticeSheetPage&limit=5"
DEGRADED_NOTICE = "La recherche fonctionne en mode réduit"
LOCKOUT_TEXT = "Connexion suspendue"
UNAVAILABLE_TEXT = "Service momentanément indisponible"


def _log(message):
    print(message, flush=True)  # noqa: T201


# --------------------------------------------------------------------------------------------
# HTTP on 127.0.0.1


class Answer:
    def __init__(self, status=None, headers=None, body=b"", elapsed=0.0, error=None):
        self.status, self.headers, self.body = status, headers or {}, body
        self.elapsed, self.error = elapsed, error

    @property
    def code(self):
        """The status as a string, or the socket error's name."""
        return str(self.status) if self.status is not None else f"socket:{self.error}"

    def header(self, name):
        return self.headers.get(name.lower())


def call(port, method, path, headers=None, body=None, timeout=REQUEST_TIMEOUT):
    """One request on its own connection; never raises (socket errors are in the answer)."""
    start = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers={"Connection": "close", **(headers or {})})
        response = conn.getresponse()
        data = response.read()
        headers = {}
        for name, value in response.getheaders():  # repeated headers (Set-Cookie) kept, joined
            name = name.lower()
            headers[name] = f"{headers[name]}\n{value}" if name in headers else value
        return Answer(response.status, headers, data, time.monotonic() - start)
    except (OSError, http.client.HTTPException) as error:
        return Answer(elapsed=time.monotonic() - start, error=type(error).__name__)
    finally:
        conn.close()


def raw_exchange(port, head, body, timeout=60):
    """Send ``head`` + ``body`` on a raw socket while reading the answer (a server may answer
    and close before the body is sent); (status or None, first error name or None, elapsed)."""
    start = time.monotonic()
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    send_error = []

    def send():
        try:
            sock.sendall(head + body)
        except OSError as error:
            send_error.append(type(error).__name__)

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    received = b""
    try:
        while b"\r\n" not in received:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    except OSError as error:
        send_error.append(type(error).__name__)
    finally:
        sender.join(timeout)
        sock.close()
    match = re.match(rb"HTTP/1\.[01] (\d{3})", received)
    status = int(match.group(1)) if match else None
    return (
        status,
        (send_error[0] if send_error and status is None else None),
        (time.monotonic() - start),
    )


class Tally:
    """Requests sent, status codes seen (counts), 5xx and socket errors."""

    def __init__(self):
        self.codes = {}
        self.lock = threading.Lock()

    def add(self, code):
        with self.lock:
            self.codes[str(code)] = self.codes.get(str(code), 0) + 1

    @property
    def sent(self):
        return sum(self.codes.values())

    @property
    def five_xx(self):
        return sum(n for c, n in self.codes.items() if c.startswith("5"))

    @property
    def socket_errors(self):
        return sum(n for c, n in self.codes.items() if c.startswith("socket:"))

    def as_dict(self):
        return {
            "sent": self.sent,
            "codes": dict(sorted(self.codes.items())),
            "five_xx": self.five_xx,
            "socket_errors": self.socket_errors,
        }


def _scenario(key, label, expected, tally, ok, notes, started, data_lost=0, **extra):
    return {
        "key": key,
        "label": label,
        "expected": expected,
        **tally.as_dict(),
        "data_lost": data_lost,
        "ok": bool(ok),
        "notes": notes,
        "duration_s": round(time.monotonic() - started, 1),
        **extra,
    }


def _skipped(key, label, expected, reason):
    return {
        "key": key,
        "label": label,
        "expected": expected,
        "sent": 0,
        "codes": {},
        "five_xx": 0,
        "socket_errors": 0,
        "data_lost": 0,
        "ok": True,
        "skipped": True,
        "notes": [reason],
        "duration_s": 0,
    }


# --------------------------------------------------------------------------------------------
# The worker processes (same settings as the gunicorn): python -m bench.workers.faults STEP …


def run_helper(env, name, *args, timeout=120):
    """The result of the worker's step ``name`` (its ``RESULT`` line), or a LoadError."""
    completed = run_captured(worker_command("faults", name, *args), env=env, timeout=timeout)
    for line in completed.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    raise LoadError(
        f"l'aide « {name} » s'est arrêtée (code {completed.returncode}) : "
        f"{(completed.stderr or completed.stdout).strip()[-400:]}"
    )


def boussole_check(env):
    completed = run_captured([sys.executable, "manage.py", "boussole_check"], env=env, timeout=120)
    findings = [
        line
        for line in completed.stdout.splitlines()
        if line.strip() and not line.startswith("Contenus et index")
    ]
    return completed.returncode, findings


# --------------------------------------------------------------------------------------------
# Services this script may stop (and always starts again)


def _pg_ready(env):
    return run_captured(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-t", "2"]).returncode == 0


def _run(command, env=None, timeout=90):
    start = time.monotonic()
    completed = run_captured(command, env=env, timeout=timeout)
    return (
        completed.returncode,
        round(time.monotonic() - start, 1),
        (completed.stdout + completed.stderr).strip(),
    )


class SearchNode:
    """The OpenSearch node of .ci/search-node.sh at ``url``: running? with which options?"""

    def __init__(self, url):
        parsed = urllib.parse.urlparse(url)
        self.url, self.port = url.rstrip("/"), parsed.port or 9201
        self.stopped_by_us = False
        self.java_opts = None
        self.start_thread, self.start_result = None, None

    def env(self):
        env = {**os.environ, "BOUSSOLE_SEARCH_NODE_PORT": str(self.port)}
        if self.java_opts:
            env["BOUSSOLE_SEARCH_NODE_JAVA_OPTS"] = self.java_opts
        return env

    def running(self):
        return _run(["bash", str(NODE_SCRIPT), "status"], self.env(), timeout=30)[0] == 0

    def remember_options(self):
        """The JVM options of the running node, so it comes back as it was."""
        pid_file = BASE_DIR / "var" / "opensearch" / "node.pid"
        try:
            args = Path(f"/proc/{pid_file.read_text().strip()}/cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            return
        args = [a.decode() for a in args if a]
        opts = []
        for arg in args[1:]:
            if arg.startswith("-Djava.awt.headless") or arg == "-cp":
                break
            opts.append(arg)
        self.java_opts = " ".join(opts) or None

    def stop(self):
        self.remember_options()
        self.stopped_by_us = True
        return _run(["bash", str(NODE_SCRIPT), "stop"], self.env(), timeout=60)

    def start_in_background(self):
        def start():
            self.start_result = _run(["bash", str(NODE_SCRIPT), "start"], self.env(), timeout=180)

        self.start_thread = threading.Thread(target=start, daemon=True)
        self.start_thread.start()

    def ensure_started(self):
        """Wait for a background start; start it (again) if it did not come back."""
        if not self.stopped_by_us:
            return None
        if self.start_thread is not None:
            self.start_thread.join(200)
        if self.start_result is None or self.start_result[0] != 0 or not self.running():
            self.start_result = _run(["bash", str(NODE_SCRIPT), "start"], self.env(), timeout=180)
        self.stopped_by_us = self.start_result[0] != 0
        return self.start_result

    def drop_bench_indexes(self):
        request = urllib.request.Request(f"{self.url}/{INDEX_PREFIX}-*", method="DELETE")
        try:
            with urllib.request.urlopen(request, timeout=30):
                return True
        except OSError:
            return False

    def document_title(self, key):
        try:
            url = f"{self.url}/{INDEX_PREFIX}-documents/_doc/{urllib.parse.quote(key)}"
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.loads(response.read()).get("_source", {}).get("title")
        except OSError:
            return None


# --------------------------------------------------------------------------------------------
# Scenarios


def fault_database(port, env, setup, node):
    started = time.monotonic()
    tally = Tally()
    records, phase, stop = [], {"name": "avant"}, threading.Event()
    counter = iter(range(10**9))
    kinds = (
        ("page", lambda n: f"/?panne={n}"),  # never in the page cache: rendered from the database
        ("page_cache", lambda n: "/"),  # in the page cache (warmed first)
        ("api", lambda n: API_LIST_PATH),
        ("health", lambda n: "/health/"),
    )
    call(port, "GET", "/")  # the cached page is in the cache before the outage

    def traffic():
        while not stop.is_set():
            n = next(counter)
            kind, path = kinds[n % len(kinds)]
            sent_in = phase["name"]  # the phase when the request left, not when it came back
            answer = call(port, "GET", path(n), timeout=REQUEST_TIMEOUT)
            tally.add(answer.code)
            records.append(
                {
                    "phase": sent_in,
                    "kind": kind,
                    "code": answer.code,
                    "retry_after": answer.header("Retry-After"),
                    "json": (answer.header("Content-Type") or "").startswith("application/json"),
                    "french": UNAVAILABLE_TEXT in answer.body.decode("utf-8", "replace"),
                    "elapsed": round(answer.elapsed, 3),
                }
            )
            time.sleep(0.05)

    threads = [threading.Thread(target=traffic, daemon=True) for _ in range(TRAFFIC_THREADS)]
    notes, stopped, commands = [], False, {}
    inflight = attempt = None
    token = f"{int(time.time())}"
    try:
        for thread in threads:
            thread.start()
        time.sleep(BEFORE_SECONDS)
        # A publish in flight: its transaction is open when the database stops.
        inflight = subprocess.Popen(
            worker_command(
                "faults", "publish", setup["target_id"], f"Publication interrompue {token}", "hold"
            ),
            env=env,
            cwd=BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = inflight.stdout.readline()
            if not line or line.startswith("PUBLISHING"):
                break
        phase["name"] = "arrêt"
        stopped = True
        commands["stop"] = _run(PG_STOP)[:2]
        phase["name"] = "panne"
        outage_started = time.monotonic()
        # A publish tried while the database is down.
        attempt = run_helper(
            env,
            "publish",
            setup["target_id"],
            f"Publication pendant la panne {token}",
            "now",
            timeout=60,
        )
        time.sleep(max(0, OUTAGE_SECONDS - (time.monotonic() - outage_started)))
    finally:
        phase["name"] = "redémarrage"
        if stopped or not _pg_ready(env):
            commands["start"] = _run(PG_START)[:2]
        phase["name"] = "après"
    time.sleep(AFTER_SECONDS)
    stop.set()
    for thread in threads:
        thread.join(REQUEST_TIMEOUT + 5)
    inflight_result = {"outcome": "unknown"}
    if inflight is not None:
        try:
            out, _ = inflight.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            inflight.kill()
            out, _ = inflight.communicate()
        for line in out.splitlines():
            if line.startswith("RESULT "):
                inflight_result = json.loads(line[len("RESULT ") :])

    def phase_codes(name, kind=None):
        out = {}
        for r in records:
            if r["phase"] == name and (kind is None or r["kind"] == kind):
                out[r["code"]] = out.get(r["code"], 0) + 1
        return dict(sorted(out.items()))

    outage = [r for r in records if r["phase"] == "panne"]
    after = [r for r in records if r["phase"] == "après"]
    by_kind = {kind: [r for r in outage if r["kind"] == kind] for kind in ("page", "api", "health")}
    checks = {
        "page_503_retry_after_french": bool(by_kind["page"])
        and all(r["code"] == "503" and r["retry_after"] and r["french"] for r in by_kind["page"]),
        "api_503_json": bool(by_kind["api"])
        and all(r["code"] == "503" and r["json"] and r["retry_after"] for r in by_kind["api"]),
        "health_503": bool(by_kind["health"])
        and all(r["code"] == "503" for r in by_kind["health"]),
        "after_all_200": bool(after) and all(r["code"] == "200" for r in after),
        "no_500": not any(r["code"] == "500" for r in records),
    }
    for name, ok in checks.items():
        if not ok:
            notes.append(f"attente non tenue : {name}")
    cached = phase_codes("panne", "page_cache")
    notes.append(f"page en cache pendant la panne : {cached or 'aucune requête'}")
    by_phase = {
        name: phase_codes(name) for name in ("avant", "arrêt", "panne", "redémarrage", "après")
    }
    first_after = next((r["elapsed"] for r in after), None)
    return _scenario(
        "database",
        "a. PostgreSQL arrêté puis redémarré",
        "503 + Retry-After (page FR, JSON /api/, /health/ 503), puis 200 sans 500",
        tally,
        all(checks.values()),
        notes,
        started,
        checks=checks,
        by_phase=by_phase,
        commands=commands,
        publishes={"in_flight": inflight_result, "during_outage": attempt},
        first_after_elapsed_s=first_after,
    )


def fault_search(port, node, env, setup):
    label, expected = (
        "b. Moteur de recherche arrêté",
        "recherches 200 avec l'avis « mode réduit » / meta.degraded",
    )
    if node is None:
        return _skipped("search", label, expected, "pas de nœud OpenSearch configuré : sauté.")
    if not node.running():
        return _skipped(
            "search", label, expected, f"aucun nœud OpenSearch ne tourne sur {node.url} : sauté."
        )
    started = time.monotonic()
    tally, notes, checks = Tally(), [], {}

    def searches(times):
        page, api = [], []
        for _ in range(times):
            answer = call(port, "GET", SEARCH_PATH)
            tally.add(answer.code)
            page.append((answer.code, DEGRADED_NOTICE in answer.body.decode("utf-8", "replace")))
            answer = call(port, "GET", API_SEARCH_PATH)
            tally.add(answer.code)
            try:
                degraded = json.loads(answer.body)["meta"]["degraded"]
            except (ValueError, KeyError, TypeError):
                degraded = None
            api.append((answer.code, degraded))
        return page, api

    page, api = searches(2)
    checks["before_not_degraded"] = all(c == "200" and not d for c, d in page + api)
    code, seconds, _out = node.stop()
    notes.append(f"arrêt du nœud : code {code} en {seconds} s")
    page, api = searches(4)
    health = call(port, "GET", "/health/")
    tally.add(health.code)
    try:
        health_status = json.loads(health.body)["status"]
    except (ValueError, KeyError, TypeError):
        health_status = None
    checks["page_200_degraded"] = all(c == "200" and d for c, d in page)
    checks["api_200_degraded"] = all(c == "200" and d is True for c, d in api)
    checks["health_200_degraded"] = health.code == "200" and health_status == "degraded"
    notes.append(f"/health/ pendant l'arrêt : {health.code} « {health_status} »")
    node.start_in_background()  # the next scenarios run while the node starts
    for name, ok in checks.items():
        if not ok:
            notes.append(f"attente non tenue : {name}")
    return _scenario(
        "search", label, expected, tally, all(checks.values()), notes, started, checks=checks
    )


def search_recovery(port, node, env, setup, scenario):
    """After the node is back (wiped: its data directory is new on every start), the small
    index again and two searches: meta.degraded false."""
    if node is None or scenario.get("skipped"):
        return
    result = node.ensure_started()
    scenario["notes"].append(
        f"redémarrage du nœud : code {result[0]} en {result[1]} s" if result else "nœud non arrêté"
    )
    if result is None or result[0] != 0:
        scenario["ok"] = False
        return
    run_helper(env, "index", setup["target_id"])
    degraded = []
    for _ in range(2):
        answer = call(port, "GET", API_SEARCH_PATH)
        scenario["codes"][answer.code] = scenario["codes"].get(answer.code, 0) + 1
        scenario["sent"] += 1
        try:
            degraded.append(json.loads(answer.body)["meta"]["degraded"])
        except (ValueError, KeyError, TypeError):
            degraded.append(None)
    recovered = all(d is False for d in degraded)
    scenario["checks"]["recovered_after_restart"] = recovered
    scenario["notes"].append(
        "après redémarrage et réindexation : "
        + ("recherches servies par le nœud" if recovered else f"meta.degraded = {degraded}")
    )
    scenario["ok"] = scenario["ok"] and recovered
    scenario["five_xx"] = sum(n for c, n in scenario["codes"].items() if c.startswith("5"))


def long_query(chars=LONG_QUERY_CHARS, seed=2000):
    rnd = random.Random(seed)
    words = ["coordination", "sante", "quartier", "habitants", "diagnostic", "evaluation"]
    out = []
    while len(" ".join(out)) < chars:
        if rnd.random() < 0.5:
            out.append(rnd.choice(words))
        else:
            out.append(
                "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(4, 14)))
            )
    return " ".join(out)[:chars].strip()


def fault_long_queries(port):
    started = time.monotonic()
    tally, slowest = Tally(), 0.0
    q = urllib.parse.quote(long_query())
    paths = [f"/recherche/?q={q}"] * 5 + [f"/api/v2/search/?q={q}"] * 5
    paths += [f"/api/v2/pages/?type=knowledge.PracticeSheetPage&search={q}"] * 2
    for path in paths:
        answer = call(port, "GET", path, timeout=30)
        tally.add(answer.code)
        slowest = max(slowest, answer.elapsed)
    ok = all(c in ("200", "429") for c in tally.codes)
    return _scenario(
        "long_queries",
        f"c. Requêtes de {LONG_QUERY_CHARS} caractères (/recherche/, API)",
        "200 ou 429, jamais 5xx",
        tally,
        ok,
        [f"réponse la plus lente : {slowest:.2f} s"],
        started,
    )


def _csrf(port):
    """(cookie header, token) from the login page."""
    answer = call(port, "GET", "/admin/login/")
    cookie = re.search(r"csrftoken=([^;]+)", answer.header("Set-Cookie") or "")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', answer.body)
    if not (cookie and token):
        raise LoadError("pas de jeton CSRF sur /admin/login/.")
    return f"csrftoken={cookie.group(1)}", token.group(1).decode()


def fault_big_bodies(port, setup):
    started = time.monotonic()
    tally, notes, results = Tally(), [], []
    cookie, token = _csrf(port)
    filler = b"a" * BODY_BYTES
    form = f"csrfmiddlewaretoken={token}&username=x&password=".encode()
    boundary = "benchboundary7f3a"
    multipart_head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f'{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name="fichier"; '
        'filename="gros.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'
    ).encode()
    multipart_tail = f"\r\n--{boundary}--\r\n".encode()
    page = setup["target_url"]
    # (path, case, cookie, body, content type, capped by DATA_UPLOAD_MAX_MEMORY_SIZE?)
    cases = [
        (path, what, cookie_header, body, "application/x-www-form-urlencoded", True)
        for path, bare in (("/admin/login/", b"username=x&password="), (page, b"x="))
        for what, cookie_header, body in (
            ("urlencodé sans cookie CSRF", None, bare + filler),
            ("urlencodé avec jeton CSRF", cookie, form + filler),
        )
    ]
    cases.append(
        (
            page,
            "multipart, fichier de 10 Mo, jeton CSRF",
            cookie,
            multipart_head + filler + multipart_tail,
            f"multipart/form-data; boundary={boundary}",
            False,
        )
    )
    ok = True
    for path, what, cookie_header, body, content_type, capped in cases:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n"
            + (
                f"Cookie: {cookie_header}\r\nReferer: http://127.0.0.1:{port}/\r\n"
                if cookie_header
                else ""
            )
            + "\r\n"
        ).encode()
        status, error, elapsed = raw_exchange(port, head, body)
        code = str(status) if status is not None else f"socket:{error}"
        tally.add(code)
        results.append({"path": path, "case": what, "code": code, "elapsed_s": round(elapsed, 2)})
        notes.append(f"{path} {what} : {code} en {elapsed:.1f} s")
        if code.startswith(("5", "socket")) or (
            capped and code not in ("400", "403", "405", "413")
        ):
            ok = False
    notes.append(
        "les parties fichier d'un multipart ne comptent pas dans DATA_UPLOAD_MAX_MEMORY_SIZE : "
        "le proxy les plafonne (deploy/nginx.conf, client_max_body_size 20m)"
    )
    return _scenario(
        "big_bodies",
        "d. Corps POST de 10 Mo (/admin/login/, une page)",
        "400/403/405/413, jamais 5xx",
        tally,
        ok,
        notes,
        started,
        cases=results,
    )


def fault_slow_clients(port):
    started = time.monotonic()
    tally, notes = Tally(), []
    normal = ("/", "/health/", "/__trivial__/")
    lock = threading.Lock()

    def timed(i, sink, offset=None):
        answer = call(port, "GET", normal[i % len(normal)], timeout=REQUEST_TIMEOUT + SLOW_SECONDS)
        tally.add(answer.code)
        with lock:
            sink.append((answer.code, answer.elapsed, offset))

    baseline = []
    for i in range(6):
        timed(i, baseline)
        time.sleep(0.2)
    sockets, refused = [], 0
    for _ in range(SLOW_CLIENTS):
        try:
            sockets.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        except OSError:
            refused += 1
    header = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lent: " + b"x" * 64
    dropped = []

    def dribble():
        # One byte per second on every socket for SLOW_SECONDS, then they all hang up.
        for i in range(SLOW_SECONDS):
            for sock in list(sockets):
                try:
                    sock.send(header[i : i + 1])
                except OSError:
                    sockets.remove(sock)
                    dropped.append(i)
            time.sleep(1)
        for sock in sockets:
            sock.close()

    dribbler = threading.Thread(target=dribble, daemon=True)
    dribble_started = time.monotonic()
    dribbler.start()
    time.sleep(1.5)  # every slow client has started its request
    during, probes = [], []
    i = 0
    # A normal request every half second while the slow clients hold on, each on its own thread.
    while time.monotonic() - dribble_started < SLOW_SECONDS - 0.5:
        offset = round(time.monotonic() - dribble_started, 1)
        probe = threading.Thread(target=timed, args=(i, during, offset), daemon=True)
        probe.start()
        probes.append(probe)
        i += 1
        time.sleep(0.5)
    dribbler.join(SLOW_SECONDS + 5)
    for probe in probes:
        probe.join(REQUEST_TIMEOUT + SLOW_SECONDS + 5)
    after = []
    for i in range(3):
        timed(i, after)

    def stats(samples):
        times = sorted(t for _c, t, _o in samples)
        if not times:
            return {"n": 0}
        return {
            "n": len(times),
            "p50_s": round(times[len(times) // 2], 3),
            "max_s": round(times[-1], 3),
            "non_200": sum(1 for c, _t, _o in samples if c != "200"),
        }

    figures = {"before": stats(baseline), "during": stats(during), "after": stats(after)}
    figures["during_samples"] = sorted(
        ({"sent_at_s": o, "code": c, "elapsed_s": round(t, 2)} for c, t, o in during),
        key=lambda s: s["sent_at_s"],
    )
    ok = (
        figures["during"]["n"] > 0
        and figures["during"]["non_200"] == 0
        and figures["during"]["max_s"] <= SLOW_MAX_LATENCY_S
        and tally.five_xx == 0
    )
    answered_at = [
        round(s["sent_at_s"] + s["elapsed_s"], 1)
        for s in figures["during_samples"]
        if s["code"] == "200"
    ]
    notes.append(
        f"requêtes normales, p50 / max : avant {figures['before'].get('p50_s')} / "
        f"{figures['before'].get('max_s')} s ; pendant {figures['during'].get('p50_s')} / "
        f"{figures['during'].get('max_s')} s ({figures['during']['n']} requêtes, une toutes les "
        f"0,5 s) ; après {figures['after'].get('p50_s')} / {figures['after'].get('max_s')} s"
    )
    if answered_at:
        notes.append(
            f"réponses pendant l'attaque reçues entre {min(answered_at)} et {max(answered_at)} s "
            f"après le début des clients lents (ils raccrochent à {SLOW_SECONDS} s)"
        )
    notes.append(
        f"{SLOW_CLIENTS} clients lents ({refused} connexions refusées, {len(dropped)} coupées "
        f"par le serveur) ; seuil : aucune requête normale au-delà de {SLOW_MAX_LATENCY_S:g} s"
    )
    return _scenario(
        "slow_clients",
        f"e. {SLOW_CLIENTS} clients lents (en-têtes à 1 octet/s pendant {SLOW_SECONDS} s)",
        f"les requêtes normales répondent 200 en ≤ {SLOW_MAX_LATENCY_S:g} s",
        tally,
        ok,
        notes,
        started,
        latency=figures,
        slow_sockets_refused=refused,
        slow_sockets_dropped=len(dropped),
    )


def fault_bad_logins(port, setup):
    started = time.monotonic()
    tally, notes = Tally(), []
    cookie, token = _csrf(port)
    headers = {
        "Cookie": cookie,
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"http://127.0.0.1:{port}/admin/login/",
    }
    codes, first_lock = [], None
    for attempt in range(1, BAD_LOGINS + 1):
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": setup["username"],
                "password": f"mauvais-{attempt}",
            }
        )
        answer = call(port, "POST", "/admin/login/", headers=headers, body=body)
        tally.add(answer.code)
        codes.append(answer.code)
        if answer.code == "429" and first_lock is None:
            first_lock = attempt
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": setup["username"], "password": setup["password"]}
    )
    right = call(port, "POST", "/admin/login/", headers=headers, body=body)
    tally.add(right.code)
    french = LOCKOUT_TEXT in right.body.decode("utf-8", "replace")
    logged_in = "sessionid=" in (right.header("Set-Cookie") or "")
    ok = (
        first_lock is not None
        and all(c == "429" for c in codes[first_lock - 1 :])
        and right.code == "429"
        and french
        and not logged_in
        and tally.five_xx == 0
    )
    notes.append(
        f"mauvais mots de passe : {dict(sorted({c: codes.count(c) for c in set(codes)}.items()))}, "
        f"verrouillé dès l'essai {first_lock} ; bon mot de passe ensuite : {right.code}"
        f"{' (page française « ' + LOCKOUT_TEXT + ' »)' if french else ''}"
        f"{', session ouverte !' if logged_in else ''}"
    )
    return _scenario(
        "bad_logins",
        f"f. {BAD_LOGINS} mauvais mots de passe puis le bon (/admin/login/)",
        "verrouillé : 429, page française",
        tally,
        ok,
        notes,
        started,
        first_lockout_attempt=first_lock,
    )


# --------------------------------------------------------------------------------------------
# Data lost


def data_lost(before, after, publishes, check_before, check_after, node_title):
    """(count, notes): pages missing, publishes half done, new boussole_check findings."""
    lost, notes = 0, []
    for key in ("pages", "live_pages", "search_documents"):
        if after[key] < before[key]:
            lost += before[key] - after[key]
            notes.append(f"{key} : {before[key]} → {after[key]}")
    for model, n in before["pages_by_type"].items():
        if after["pages_by_type"].get(model, 0) < n:
            notes.append(f"pages {model} : {n} → {after['pages_by_type'].get(model, 0)}")
    t0, t1 = before["target"], after["target"]
    untouched = (
        t1["title"] == t0["title"]
        and t1["revisions"] == t0["revisions"]
        and t1["live_revision_id"] == t0["live_revision_id"]
        and t1["search_title"] == t0["search_title"]
    )
    published = sum(1 for p in publishes.values() if p and p.get("outcome") == "committed")
    done = (
        t1["revisions"] == t0["revisions"] + published
        and t1["live_revision_id"] is not None
        and t1["live_revision_id"] == t1["latest_revision_id"]
        and t1["search_title"] == t1["title"]
    )
    if published == 0 and untouched:
        notes.append("publications : aucune faite, rien d'écrit à moitié")
    elif published and done:
        notes.append(f"publications : {published} faite(s) entièrement")
    else:
        lost += 1
        notes.append(f"publication à moitié faite : avant {t0}, après {t1}")
    if node_title is not None and node_title != t1["title"]:
        lost += 1
        notes.append(
            f"index OpenSearch : titre « {node_title} » alors que la page s'appelle "
            f"« {t1['title']} » (écriture hors transaction restée après l'annulation)"
        )
    new = sorted(set(check_after[1]) - set(check_before[1]))
    if new:
        lost += len(new)
        notes.append(f"boussole_check : {len(new)} nouvelle(s) incohérence(s) : {new[:5]}")
    return lost, notes


# --------------------------------------------------------------------------------------------
# Orchestration


def _node_for(search_url):
    if not search_url:
        return None
    node = SearchNode(search_url)
    return node if node.running() else None


def run(search_url=None, var_dir=None, items=ITEMS):
    """Every scenario; the figures as a dict (``ok`` false when an expectation failed)."""
    var_dir = Path(var_dir or BASE_DIR / "var").resolve()
    started = time.monotonic()
    summary = {"scenarios": [], "notes": [], "ok": False}
    try:
        if not database_exists("postgresql", var_dir):
            raise LoadError(
                "la base boussole_bench n'existe pas : lancez d'abord la colonne postgresql."
            )
    except LoadError as error:
        summary["error"] = str(error)
        return summary
    node = _node_for(search_url)
    extra = {}
    if node is not None:
        extra = {
            "BOUSSOLE_SEARCH_BACKEND": "opensearch",
            "BOUSSOLE_SEARCH_URL": node.url,
            "BOUSSOLE_SEARCH_INDEX_PREFIX": INDEX_PREFIX,
        }
        summary["notes"].append(
            f"gunicorn sur OpenSearch ({node.url}, index « {INDEX_PREFIX}-documents » de "
            f"{SUBSET} pages construit pour le script)"
        )
    else:
        summary["notes"].append(
            f"pas de nœud OpenSearch sur {search_url} : gunicorn sur le backend base de données"
        )
    try:  # production serves the manifest's static files: a file added since is a 500 otherwise
        collectstatic(var_dir, new_secret_key())
    except LoadError as error:
        summary["error"] = str(error)
        return summary
    cache_dir = var_dir / "cache-bench-faults"
    shutil.rmtree(cache_dir, ignore_errors=True)
    port = free_port()
    env = production_environment(
        "postgresql",
        var_dir,
        page_cache_seconds=3600,  # production's default
        port=port,
        secret_key=new_secret_key(),
        BOUSSOLE_BENCH_CACHE_DIR=str(cache_dir),
        **extra,
    )
    env.pop("BOUSSOLE_API_SEARCH_RATE")  # production's default rate (60/min)
    env.pop("BOUSSOLE_PAGE_CACHE_SECONDS")
    setup = None
    try:
        _log("[pannes] préparation (compte, page cible, index du nœud, état avant)")
        setup = run_helper(env, "setup", items)
        if setup.get("error"):
            raise LoadError(setup["error"])
        check_before = boussole_check(env)
        log_path = var_dir / "bench-faults-gunicorn.log"
        with Gunicorn(env, log_path):
            _log(f"[pannes] gunicorn sur 127.0.0.1:{port}")
            scenarios = summary["scenarios"]
            _log("[pannes] a. PostgreSQL arrêté")
            scenarios.append(fault_database(port, env, setup, node))
            node_title = node.document_title(f"page:{setup['target_id']}") if node else None
            _log(f"  {scenarios[-1]['codes']}")
            _log("[pannes] b. moteur de recherche arrêté")
            scenarios.append(fault_search(port, node, env, setup))
            _log("[pannes] c. requêtes longues")
            scenarios.append(fault_long_queries(port))
            _log("[pannes] d. corps de 10 Mo")
            scenarios.append(fault_big_bodies(port, setup))
            _log("[pannes] e. clients lents")
            scenarios.append(fault_slow_clients(port))
            _log("[pannes] f. mauvais mots de passe")
            scenarios.append(fault_bad_logins(port, setup))
            _log("[pannes] b. (suite) retour du nœud")
            search_recovery(port, node, env, setup, scenarios[1])
        statuses, error_lines = scan_access_log(log_path)
        summary["gunicorn_log"] = {
            "path": os.path.relpath(log_path, BASE_DIR),
            "statuses": statuses,
            "error_lines": error_lines,
        }
        after = run_helper(env, "after", setup["target_id"], setup["username"])
        check_after = boussole_check(env)
        publishes = scenarios[0]["publishes"]
        lost, lost_notes = data_lost(
            setup["before"], after, publishes, check_before, check_after, node_title
        )
        scenarios[0]["data_lost"] = lost
        scenarios[0]["ok"] = scenarios[0]["ok"] and lost == 0  # nothing lost, nothing half done
        scenarios[0]["notes"] += lost_notes
        summary["boussole_check"] = {
            "before": {"exit": check_before[0], "findings": len(check_before[1])},
            "after": {"exit": check_after[0], "findings": len(check_after[1])},
            "new_findings": sorted(set(check_after[1]) - set(check_before[1]))[:20],
        }
        summary["state"] = {"before": setup["before"], "after": after}
        summary["ok"] = all(s["ok"] for s in scenarios) and lost == 0
    except LoadError as error:
        summary["error"] = str(error)
        _log(f"[pannes] interrompu : {error}")
    finally:
        if not _pg_ready(env):  # never left stopped
            summary["notes"].append("PostgreSQL redémarré en sortie : " + str(_run(PG_START)[:2]))
        if node is not None:
            restarted = node.ensure_started()
            if node.stopped_by_us:
                summary["notes"].append(
                    f"ATTENTION : le nœud OpenSearch n'a pas redémarré {restarted}"
                )
            node.drop_bench_indexes()
    summary["total_s"] = round(time.monotonic() - started, 1)
    return summary
