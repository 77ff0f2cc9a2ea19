"""/api/v2/search/ (api/views/search.py): the reader search as JSON, same form, same service."""

import datetime

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.test import override_settings

from search.service import search
from search.tests import committed


def test_results_have_type_title_url_highlighted_excerpt_and_place(client, content):
    response = client.get("/api/v2/search/?q=diagnostic")

    assert response.status_code == 200
    data = response.json()
    hit = next(item for item in data["items"] if item["page_id"] == content["sheet"].pk)
    assert hit["type"] == "fiche-pratique"
    assert hit["type_label"] == "Fiche pratique"
    assert hit["title"] == "Réaliser un diagnostic local de santé mentale"
    assert hit["url"].endswith(content["sheet"].url)
    assert "<mark>diagnostic</mark>" in hit["excerpt"]
    assert hit["place"] == "Fiches pratiques › Réaliser un diagnostic local de santé mentale"
    assert hit["detail_url"].endswith(f"/api/v2/pages/{content['sheet'].pk}/")


def test_excerpt_is_html_safe(client, content):
    page = content["other_sheet"]
    page.summary = "<script>alert(1)</script> habitat"
    with committed():
        page.save_revision().publish()

    response = client.get("/api/v2/search/?q=habitat")

    assert "<script>" not in response.content.decode()
    hit = next(item for item in response.json()["items"] if item["page_id"] == page.pk)
    # Dates carry their offset on every engine (SQLite's raw rows are naive UTC).
    assert datetime.datetime.fromisoformat(hit["date"]).utcoffset() is not None


def test_facets_come_with_counts_consistent_with_the_filters(client, content):
    data = client.get("/api/v2/search/?q=sante%20mentale&type=fiche-pratique").json()

    facets = {facet["key"]: facet for facet in data["facets"]}
    types = {value["value"]: value for value in facets["type"]["values"]}
    assert types["fiche-pratique"]["selected"] is True
    # The type facet ignores its own filter: the testimony and chapter still count.
    assert types["remontee-de-terrain"]["count"] == 1
    themes = {value["value"]: value["count"] for value in facets["theme"]["values"]}
    assert themes["sante-mentale"] == data["meta"]["total_count"] == 1


def test_same_parameters_and_results_as_the_reader_search_service(client, content):
    query = "q=sante+mentale&theme=sante-mentale&sort=date&per_page=5"

    api = client.get(f"/api/v2/search/?{query}").json()
    direct = search(QueryDict(query), record_zero_results=False)

    assert [item["title"] for item in api["items"]] == [hit.title for hit in direct.results]
    assert api["meta"]["total_count"] == direct.total
    assert api["meta"]["sort"] == "date"
    assert api["meta"]["per_page"] == 5


def test_only_visible_content_is_found(client, content):
    body = client.get("/api/v2/search/?q=fiche+temoignage+brouillon+reservee&per_page=50")

    text = body.content.decode()
    assert body.status_code == 200
    for hidden in [
        "Fiche en préparation",
        "réservée au groupe",
        "Témoignage retiré",
        "Titre du brouillon",
    ]:
        assert hidden not in text


def test_glossary_terms_are_found_in_their_live_version(client, content):
    data = client.get("/api/v2/search/?q=clsm&type=glossaire").json()

    assert [item["glossary_term_id"] for item in data["items"]] == [content["term"].pk]
    assert "brouillon" not in data["items"][0]["excerpt"].lower()


@pytest.mark.parametrize(
    "query",
    [
        "nimporte=quoi",
        "theme=inconnue",
        "type=pas-un-type",
        "page=0",
        "page=-1",
        "page=abc",
        "per_page=1000",
        "sort=hasard",
    ],
)
def test_bad_parameters_are_a_french_400(client, content, query):
    response = client.get(f"/api/v2/search/?{query}")

    assert response.status_code == 400
    message = response.json()["message"]
    assert message
    assert "must" not in message and "invalid" not in message.lower()


@pytest.mark.parametrize(
    "q", ['"non ferme', "NEAR OR AND ( ) * - :", "x" * 2000, "\x00nul", "🙂 santé", ""]
)
def test_awkward_queries_never_fail(client, content, q):
    response = client.get("/api/v2/search/", {"q": q})

    assert response.status_code == 200


def test_search_answers_304_to_a_matching_etag(client, content):
    first = client.get("/api/v2/search/?q=diagnostic")

    assert "public" in first["Cache-Control"]
    again = client.get("/api/v2/search/?q=diagnostic", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


@override_settings(BOUSSOLE_API_SEARCH_RATE="3/min")
def test_search_is_throttled_with_a_french_429(client, content):
    cache.clear()
    for _ in range(3):
        assert client.get("/api/v2/search/?q=diagnostic").status_code == 200

    response = client.get("/api/v2/search/?q=diagnostic")

    assert response.status_code == 429
    assert response.json()["message"].startswith("Trop de recherches en peu de temps")
    assert int(response["Retry-After"]) >= 1
    assert "no-store" in response["Cache-Control"]


@override_settings(BOUSSOLE_API_SEARCH_RATE="1/min")
def test_throttle_ignores_a_forged_forwarded_for_header(client, content):
    cache.clear()
    assert client.get("/api/v2/search/?q=a", HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 200

    response = client.get("/api/v2/search/?q=a", HTTP_X_FORWARDED_FOR="2.2.2.2")

    assert response.status_code == 429
