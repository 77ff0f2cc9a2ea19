"""The OpenAPI document at /api/schema/ is one standard tools accept, and matches what the API
really answers.

Guarantees: the document validates as OpenAPI 3.1 (openapi-spec-validator); no schema refers
to itself and no two paths are the same template; real responses of every endpoint (listings
with filters, details, search, 304, 400, 404, 429) validate against it (openapi-core); a
standard generator (openapi-python-client) builds a client from it, offline, and that client
calls the API; a bounded schemathesis run (real requests through the Django WSGI app, on a
database holding every content type) finds no 5xx, no undocumented status code and no response
body that breaks the schema.
"""

import importlib
import re
import sys
from pathlib import Path

import httpx
import pytest
import schemathesis
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_python_client import generate
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.documents import get_document_model

from api.schema import build_schema
from cms.wsgi import application
from knowledge.factories import TestimonyPageFactory

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


# --- standard tooling accepts the document --------------------------------------------------


@pytest.fixture
def schema(db):
    return build_schema()


def test_document_validates_as_openapi_3_1(schema):
    assert schema["openapi"] == "3.1.0"
    validate(schema)  # raises on the first error


def _refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"].rsplit("/", 1)[-1]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_no_schema_refers_to_itself(schema):
    """No cycle at all in the $ref graph: validators and generators never recurse."""
    components = schema["components"]["schemas"]
    graph = {name: set(_refs(component)) for name, component in components.items()}
    assert set().union(*graph.values()) <= set(components)

    def reachable(start):
        seen, todo = set(), list(graph[start])
        while todo:
            name = todo.pop()
            if name not in seen:
                seen.add(name)
                todo.extend(graph[name])
        return seen

    assert [name for name in components if name in reachable(name)] == []


def test_no_two_paths_are_the_same_template(schema):
    templates = [re.sub(r"\{[^}]*\}", "{}", path) for path in schema["paths"]]

    assert len(templates) == len(set(templates))


def test_operation_ids_are_unique_and_every_listed_parameter_is_accepted(client, schema):
    operations = [op for methods in schema["paths"].values() for op in methods.values()]
    assert len({op["operationId"] for op in operations}) == len(operations)
    # The same URLs as before: one template, both routes (id and slug) answer.
    assert client.get("/api/v2/themes/1/").status_code == 404
    assert client.get("/api/v2/themes/inexistant/").status_code == 404


# --- real responses validate against the document (openapi-core) --------------------------


class _Request(DjangoOpenAPIRequest):
    """The request as sent; openapi-core matches its path against the document's templates
    (Django's own route, "^pages/<int:pk>/", names parameters differently)."""

    path_pattern = None

    def __init__(self, request):
        super().__init__(request)
        self.parameters.path = {}


@pytest.fixture
def openapi(client, db):
    return OpenAPI.from_dict(client.get("/api/schema/").json())


def check(openapi, response, status, valid_request=True):
    """The response has ``status`` and validates against the document (and so does the request
    when it is a valid one)."""
    assert response.status_code == status, response.content
    request = _Request(response.wsgi_request)
    if valid_request:
        openapi.validate_request(request)
    openapi.validate_response(request, DjangoOpenAPIResponse(response))
    return response.json() if response.content else None


def test_listings_with_filters_and_details_validate(client, content, openapi, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    get_document_model().objects.create(
        title="Guide public", file=SimpleUploadedFile("guide.txt", b"public")
    )
    anonymous = TestimonyPageFactory(title="Sans département", territory=None, dispositif=None)

    for url in [
        "/api/v2/pages/",
        "/api/v2/pages/?type=knowledge.PracticeSheetPage&fields=*&theme=sante-mentale",
        "/api/v2/pages/?type=knowledge.TestimonyPage&fields=*&order=-title&limit=5&offset=0",
        "/api/v2/pages/?type=knowledge.GuideChapterPage,knowledge.PracticeSheetPage&etape=diagnostic",
        "/api/v2/pages/?search=sante%20mentale&departement=essonne",
        f"/api/v2/pages/?child_of={content['sheet'].get_parent().pk}&slug={content['sheet'].slug}",
        "/api/v2/images/?order=-created_at",
        "/api/v2/documents/?fields=*",
        "/api/v2/themes/?slug=sante-mentale",
        "/api/v2/dispositifs/?order=name",
        "/api/v2/territoires/",
        "/api/v2/publics/",
        "/api/v2/etapes/",
        "/api/v2/glossaire/?fields=*",
    ]:
        data = check(openapi, client.get(url), 200)
        assert "total_count" in data["meta"], url
    for name in ["chapter", "sheet", "testimony"]:
        check(openapi, client.get(f"/api/v2/pages/{content[name].pk}/?fields=*"), 200)
    assert check(openapi, client.get(f"/api/v2/pages/{anonymous.pk}/"), 200)["territory"] is None
    check(openapi, client.get("/api/v2/themes/sante-mentale/"), 200)
    check(openapi, client.get(f"/api/v2/themes/{content['theme'].pk}/?fields=name"), 200)
    check(openapi, client.get("/api/v2/glossaire/clsm/"), 200)
    check(openapi, client.get(f"/api/v2/glossaire/{content['term'].pk}/"), 200)


def test_search_responses_validate(client, content, openapi):
    check(openapi, client.get("/api/v2/search/?q=sante+mentale&theme=sante-mentale"), 200)
    check(openapi, client.get("/api/v2/search/?q=clsm&type=glossaire&per_page=5"), 200)
    check(openapi, client.get("/api/v2/search/?q=diagnostiqe&sort=date&page=3"), 200)
    data = check(openapi, client.get("/api/v2/pages/?search=diagnostic"), 200)
    assert data["meta"]["search_truncated"] is False


def test_not_modified_and_error_responses_validate(client, content, openapi):
    first = client.get("/api/v2/themes/")
    check(openapi, client.get("/api/v2/themes/", HTTP_IF_NONE_MATCH=first["ETag"]), 304)
    for url in ["/api/v2/pages/?nimporte=quoi", "/api/v2/pages/?limit=abc", "/api/v2/themes/a b/"]:
        check(openapi, client.get(url), 400, valid_request=False)
    for url in ["/api/v2/search/?nimporte=quoi", "/api/v2/search/?per_page=1000"]:
        check(openapi, client.get(url), 400, valid_request=False)
    errors = check(openapi, client.get("/api/v2/search/?theme=inconnue"), 400)["errors"]
    assert errors
    check(openapi, client.get("/api/v2/pages/999999/"), 404)
    check(openapi, client.get("/api/v2/glossaire/inexistant/"), 404)
    check(openapi, client.get(f"/api/v2/glossaire/{content['draft_term'].pk}/"), 404)


@override_settings(BOUSSOLE_API_SEARCH_RATE="1/min")
def test_throttled_responses_validate(client, content, openapi):
    cache.clear()
    for url in ["/api/v2/search/?q=habitat", "/api/v2/pages/?search=habitat"]:
        cache.clear()
        check(openapi, client.get(url), 200)
        throttled = client.get(url)
        check(openapi, throttled, 429)
        assert int(throttled["Retry-After"]) >= 1


# --- a standard generator builds a working client (openapi-python-client, offline) ---------


def test_a_standard_generator_builds_a_client_that_calls_the_api(
    client, content, tmp_path, wsgi_keeps_test_connection
):
    # No network: httpx talks to the Django WSGI app in-process (the test client would switch
    # Django's connection-closing signals back on after its request).
    wsgi = httpx.Client(base_url="http://testserver", transport=httpx.WSGITransport(application))
    document = tmp_path / "openapi.json"
    document.write_bytes(wsgi.get("/api/schema/").content)
    config = Config.from_sources(
        ConfigFile(post_hooks=[], package_name_override="boussole_client"),
        MetaType.NONE,
        document_source=document,
        file_encoding="utf-8",
        overwrite=True,
        output_path=tmp_path / "boussole_client",
    )

    errors = generate(config=config)

    assert [f"{e.header}: {e.detail}" for e in errors] == []
    sys.path.insert(0, str(tmp_path))
    try:
        package = importlib.import_module("boussole_client")
        themes_detail = importlib.import_module("boussole_client.api.taxonomie.themes_detail")
        pages_list = importlib.import_module("boussole_client.api.pages.pages_list")
        search = importlib.import_module("boussole_client.api.recherche.search")
        api = package.Client(base_url="http://testserver")
        api.set_httpx_client(wsgi)

        theme = themes_detail.sync("sante-mentale", client=api)
        assert theme.name == "Santé mentale"
        assert themes_detail.sync(theme.id, client=api).slug == "sante-mentale"
        listing = pages_list.sync(
            client=api, type_="knowledge.PracticeSheetPage", search="diagnostic"
        )
        assert content["sheet"].pk in [item.id for item in listing.items]
        found = search.sync(client=api, q="diagnostic")
        assert found.meta.total_count >= 1
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m.split(".")[0] == "boussole_client"]:
            del sys.modules[name]
    assert Path(package.__file__).is_relative_to(tmp_path)


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
