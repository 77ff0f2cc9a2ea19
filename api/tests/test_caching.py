"""HTTP caching of anonymous reads: ETag, Last-Modified, 304s, no-store errors (api/caching.py)."""

import pytest
from wagtail.models import Page


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
