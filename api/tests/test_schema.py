"""The OpenAPI schema at /api/schema/ matches what the API really answers.

Guarantees: the schema describes every endpoint; a bounded schemathesis run (real requests
through the Django WSGI app, on a database holding every content type) finds no 5xx, no
undocumented status code and no response body that breaks the schema.
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cms.wsgi import application

EXAMPLES_PER_OPERATION = 12


@pytest.mark.django_db
def test_schema_lists_every_endpoint(client):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in [
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/api/v2/themes/",
        "/api/v2/dispositifs/{id_or_slug}/",
        "/api/v2/territoires/{id_or_slug}/",
        "/api/v2/publics/",
        "/api/v2/etapes/",
        "/api/v2/glossaire/{id_or_slug}/",
        "/api/v2/search/",
    ]:
        assert path in schema["paths"], path


@pytest.mark.django_db
def test_schema_types_every_api_field_of_each_content_type(client):
    schemas = client.get("/api/schema/").json()["components"]["schemas"]

    sheet = schemas["PracticeSheetPageItem"]["properties"]
    assert sheet["dispositifs"]["items"] == {"$ref": "#/components/schemas/DispositifTerm"}
    testimony = schemas["TestimonyPageItem"]["properties"]
    # A testimony may have no territory: the term, or null.
    assert testimony["territory"] == {
        "anyOf": [{"$ref": "#/components/schemas/TerritoryTerm"}, {"type": "null"}]
    }
    assert "consent_given" not in testimony and "consent_date" not in testimony
    assert "see_also" in schemas["GlossaryTermItem"]["properties"]


@pytest.mark.django_db
def test_docs_page_is_served_with_the_projects_own_assets(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v2/search/" in html and "PracticeSheetPageItem" in html
    assert "http://" not in html.replace("http://testserver", "").split("<body")[0]
    assert "cdn" not in html.lower()


# --- schemathesis: generated requests against the document ---------------------------------

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.django_db
@override_settings(BOUSSOLE_API_SEARCH_RATE="100000/min")
def test_api_conforms_to_its_schema(content, wsgi_keeps_test_connection):
    """Bounded: a few derandomised examples per operation (about 20 operations)."""
    cache.clear()  # throttle counters
    api = schemathesis.openapi.from_wsgi("/api/schema/", application)
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 19

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(checks=CHECKS)

        check()


def _ok(operation, **kwargs):
    response = operation.Case(**kwargs).call_and_validate(checks=CHECKS)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.django_db
def test_real_content_of_every_type_matches_the_schema(content, wsgi_keeps_test_connection):
    """Random ids rarely hit real pages: every visible item, with all its fields, is checked."""
    cache.clear()
    api = schemathesis.openapi.from_wsgi("/api/schema/", application)
    page_detail = api["/api/v2/pages/{id}/"]["GET"]
    pages = api["/api/v2/pages/"]["GET"]
    for name in ["chapter", "sheet", "testimony"]:
        page = content[name]
        for query in [{}, {"fields": "*"}]:
            _ok(page_detail, path_parameters={"id": page.pk}, query=query)
        listing = _ok(pages, query={"type": f"knowledge.{type(page).__name__}", "fields": "*"})
        assert listing["meta"]["total_count"] >= 1
    assert _ok(pages, query={"search": "santé mentale"})["meta"]["total_count"] >= 1
    glossary_detail = api["/api/v2/glossaire/{id_or_slug}/"]["GET"]
    _ok(glossary_detail, path_parameters={"id_or_slug": content["term"].slug})
    _ok(api["/api/v2/glossaire/"]["GET"], query={"fields": "*"})
    theme_detail = api["/api/v2/themes/{id_or_slug}/"]["GET"]
    _ok(theme_detail, path_parameters={"id_or_slug": "sante-mentale"})
    found = _ok(
        api["/api/v2/search/"]["GET"], query={"q": "sante mentale", "theme": ["sante-mentale"]}
    )
    assert found["items"]
