"""When a shared part is down: 503 with Retry-After (French page, JSON under /api/), and a health
report for load balancers. The database outage is real: a subprocess whose DATABASE_URL points
at a port where no PostgreSQL listens."""

import json
import subprocess
import sys
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]
DOWN_SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client()
out = {}
for url in ["/health/", "/", "/api/v2/pages/", "/recherche/?q=sante"]:
    r = client.get(url)
    out[url] = {"status": r.status_code, "retry": r.get("Retry-After"),
                "type": r["Content-Type"], "body": r.content.decode()}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def database_down():
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        # Port 9 (discard): nothing answers, the connection is refused at once.
        "DATABASE_URL": "postgres://boussole:x@127.0.0.1:9/boussole",
    }
    done = subprocess.run(
        [sys.executable, "-c", DOWN_SCRIPT],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_readers_get_a_french_503_page_with_retry_after(database_down):
    for url in ("/", "/recherche/?q=sante"):
        answer = database_down[url]
        assert answer["status"] == 503, url
        assert int(answer["retry"]) > 0
        assert "text/html" in answer["type"]
        assert "Service momentanément indisponible" in answer["body"]


def test_api_clients_get_a_json_503(database_down):
    answer = database_down["/api/v2/pages/"]
    assert answer["status"] == 503 and int(answer["retry"]) > 0
    assert "indisponible" in json.loads(answer["body"])["message"]


def test_health_says_the_database_is_down(database_down):
    answer = database_down["/health/"]
    assert answer["status"] == 503 and int(answer["retry"]) > 0
    report = json.loads(answer["body"])
    assert report["status"] == "unavailable"
    assert report["checks"]["database"] == "error"
    assert "127.0.0.1" not in answer["body"]  # no error detail leaks


@pytest.mark.django_db
def test_health_is_ok_when_everything_answers(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "search": "ok"},
    }
    assert response["Cache-Control"] == "no-store"


def _wsgi_get(path):
    """A request through Django's WSGI handler as a production server sends it: unlike the test
    client, request_started/request_finished manage the persistent connection."""
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET"}
    setup_testing_defaults(environ)
    environ["HTTP_HOST"] = "testserver"
    statuses = []
    body = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    try:
        return int(statuses[0].split()[0]), b"".join(body)
    finally:
        body.close()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_connection_the_database_dropped_is_replaced_instead_of_failing_a_request():
    """After a silent database restart each worker kept a dead persistent connection and served
    one error with it; health checks (CONN_HEALTH_CHECKS) replace it before the request uses it."""
    connection.settings_dict["CONN_MAX_AGE"] = 60  # as in production: kept between requests
    try:
        assert _wsgi_get("/health/")[0] == 200
        pid = connection.connection.info.backend_pid  # still open: persistent
        with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [pid])  # what a restart does to it

        status, body = _wsgi_get("/health/")

        assert status == 200, body
        assert json.loads(body)["checks"]["database"] == "ok"
        assert connection.connection.info.backend_pid != pid
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = 0
        connection.close()
