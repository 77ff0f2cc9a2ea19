"""HTTP caching of anonymous reads: ETag, Last-Modified, 304s, no-store errors (api/caching.py)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from api.caching import content_last_modified
from knowledge.models import GlossaryTerm, Theme


@pytest.mark.parametrize(
    "url",
    ["/api/v2/pages/", "/api/v2/glossaire/clsm/", "/api/v2/themes/", "/api/schema/"],
)
def test_anonymous_reads_carry_validators_and_answer_304(client, content, url):
    first = client.get(url)

    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_publishing_a_change_invalidates_the_etag(client, content):
    url = f"/api/v2/pages/{content['sheet'].pk}/"
    first = client.get(url)

    page = Page.objects.get(pk=content["sheet"].pk).specific
    page.title = "Nouveau titre publié"
    page.save_revision().publish()

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.json()["title"] == "Nouveau titre publié"
    assert again["ETag"] != first["ETag"]


def test_errors_are_not_cacheable(client, content):
    response = client.get("/api/v2/pages/?limit=abc")

    assert "no-store" in response["Cache-Control"]


def test_last_modified_costs_one_query_and_is_the_latest_change(content):
    with CaptureQueriesContext(connection) as queries:
        stamp = content_last_modified()

    assert len(queries) == 1
    expected = [
        model.objects.aggregate(m=Max(column))["m"]
        for model, column in [
            (Page, "last_published_at"),
            (GlossaryTerm, "last_published_at"),
            (PageLogEntry, "timestamp"),
            (ModelLogEntry, "timestamp"),
        ]
    ]
    assert stamp == max(s for s in expected if s is not None)


def test_a_logged_action_moves_last_modified(client, content):
    first = client.get("/api/v2/themes/")
    later = timezone.now() + datetime.timedelta(hours=1)
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Theme),
        label="Habitat",
        action="wagtail.edit",
        timestamp=later,
        object_id=str(content["theme"].pk),
    )

    again = client.get("/api/v2/themes/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 200
    assert again["Last-Modified"] == http_date(later.timestamp())


def test_a_response_reads_the_last_change_once(client, content):
    client.get("/api/v2/themes/")  # warm: site, content types
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v2/themes/").status_code == 200

    log_reads = [q["sql"] for q in queries if "logentry" in q["sql"].lower()]
    assert len(log_reads) == 1, log_reads
