"""The headless API shows what readers may see, and nothing more (knowledge/api/views.py)."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page

from knowledge.factories import draft_of
from knowledge.tests.api_fixtures import build_api_content

INTERNAL_FIELDS = [
    "consent_given",
    "consent_date",
    "owner",
    "last_verified_at",
    "next_review_at",
    "latest_revision",
    "locked_by",
    "has_unpublished_changes",
    "draft_title",
]


@pytest.fixture
def content(db):
    cache.clear()
    return build_api_content()


def ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def assert_french_400(response):
    assert response.status_code == 400, response.content
    message = response.json()["message"]
    assert message and message.isascii() is False or "«" in message or " " in message
    # French wording, never Wagtail's English
    for english in ["must be", "unknown fields", "doesn't exist", "not allowed", "query parameter"]:
        assert english not in message
    return message


# --- only live, public, consented content -----------------------------------------------


def test_listing_shows_each_visible_type_and_nothing_else(client, content):
    listed = ids(client.get("/api/v2/pages/?limit=50"))

    assert {content["chapter"].pk, content["sheet"].pk, content["testimony"].pk} <= listed
    assert content["unpublished"].pk not in listed
    assert content["private"].pk not in listed
    assert content["withdrawn"].pk not in listed


@pytest.mark.parametrize("name", ["unpublished", "private", "withdrawn"])
def test_hidden_pages_have_no_detail(client, content, name):
    response = client.get(f"/api/v2/pages/{content[name].pk}/")

    assert response.status_code == 404
    assert response.json()["message"].startswith("Ressource introuvable")


@pytest.mark.parametrize("name", ["unpublished", "private", "withdrawn"])
def test_hidden_pages_cannot_be_found_by_id_or_path(client, content, name):
    page = content[name]
    assert client.get(f"/api/v2/pages/find/?id={page.pk}").status_code == 404
    assert client.get(f"/api/v2/pages/find/?html_path={page.url_path[9:]}").status_code == 404


def test_hidden_pages_are_absent_whatever_the_type_filter(client, content):
    for page_type in ["knowledge.PracticeSheetPage", "knowledge.TestimonyPage"]:
        listed = ids(client.get(f"/api/v2/pages/?type={page_type}&fields=*"))
        assert not listed & {content[n].pk for n in ["unpublished", "private", "withdrawn"]}


def test_private_page_cannot_be_used_as_a_parent_filter(client, content):
    response = client.get(f"/api/v2/pages/?child_of={content['private'].pk}")

    assert_french_400(response)


@pytest.mark.parametrize("name", ["chapter", "sheet", "testimony"])
def test_draft_revision_of_a_live_page_is_never_served(client, content, name):
    page = content[name]
    live_title = page.title
    draft_of(page, title="Brouillon non publié", summary="Résumé du brouillon")

    detail = client.get(f"/api/v2/pages/{page.pk}/?fields=*").json()
    listing = client.get(f"/api/v2/pages/?type=knowledge.{type(page).__name__}&fields=*").json()

    assert detail["title"] == live_title
    assert "brouillon" not in detail["summary"].lower()
    listed = {item["id"]: item for item in listing["items"]}
    assert listed[page.pk]["title"] == live_title
    assert "Brouillon non publié" not in client.get("/api/v2/pages/?limit=50").content.decode()


def test_related_content_lists_only_visible_pages(client, content):
    sheet = client.get(f"/api/v2/pages/{content['sheet'].pk}/").json()

    related = [item["id"] for item in sheet["related_testimonies"]]
    assert related == [content["testimony"].pk]


def test_parent_is_shown_only_when_visible(client, content):
    chapter = client.get(f"/api/v2/pages/{content['chapter'].pk}/").json()

    assert chapter["meta"]["parent"]["title"] == "La Boussole"


# --- internal fields never appear --------------------------------------------------------


@pytest.mark.parametrize("name", ["chapter", "sheet", "testimony"])
def test_fields_star_never_includes_internal_fields(client, content, name):
    page = content[name]
    detail = client.get(f"/api/v2/pages/{page.pk}/?fields=*").json()
    listing = client.get(f"/api/v2/pages/?type=knowledge.{type(page).__name__}&fields=*").json()

    for item in [detail, *listing["items"]]:
        keys = set(item) | set(item["meta"])
        assert not keys & set(INTERNAL_FIELDS), keys & set(INTERNAL_FIELDS)


def test_asking_for_an_internal_field_is_refused(client, content):
    for field in INTERNAL_FIELDS:
        for url in [
            f"/api/v2/pages/?type=knowledge.TestimonyPage&fields={field}",
            f"/api/v2/pages/{content['testimony'].pk}/?fields={field}",
            f"/api/v2/pages/{content['testimony'].pk}/?fields=*,{field}(id)",
            f"/api/v2/glossaire/?fields={field}",
        ]:
            message = assert_french_400(client.get(url))
            assert field in message, url


def test_filtering_on_an_internal_field_is_refused(client, content):
    assert_french_400(client.get("/api/v2/pages/?type=knowledge.TestimonyPage&consent_given=0"))
    assert_french_400(client.get("/api/v2/pages/?order=consent_date"))


# --- typed fields and taxonomy as objects ------------------------------------------------


def test_sheet_has_its_own_fields_and_taxonomy_objects(client, content):
    sheet = client.get(f"/api/v2/pages/{content['sheet'].pk}/").json()

    assert sheet["meta"]["type"] == "knowledge.PracticeSheetPage"
    assert sheet["objectives"].startswith("<p>")
    assert sheet["themes"] == [
        {"id": content["theme"].pk, "name": "Santé mentale", "slug": "sante-mentale"}
    ]
    assert sheet["dispositifs"][0]["slug"] == "clsm"
    assert sheet["dispositifs"][0]["acronym"] == "CLSM"
    assert sheet["audiences"][0]["slug"] == "nouveau-coordinateur"
    assert sheet["project_steps"][0]["slug"] == "diagnostic"


def test_testimony_has_its_own_fields_and_taxonomy_objects(client, content):
    testimony = client.get(f"/api/v2/pages/{content['testimony'].pk}/").json()

    assert testimony["quote"].startswith("Le conseil local")
    assert testimony["speaker_role"] == "Coordinatrice ASV"
    assert testimony["territory"]["slug"] == "essonne"
    assert testimony["territory"]["code"] == "91"
    assert testimony["dispositif"]["slug"] == "asv"


def test_chapter_has_its_body_and_taxonomy_objects(client, content):
    chapter = client.get(f"/api/v2/pages/{content['chapter'].pk}/").json()

    assert chapter["body"][0]["type"] == "heading"
    assert chapter["themes"][0]["slug"] == "sante-mentale"


# --- filters -----------------------------------------------------------------------------


def test_filters_by_type_and_each_taxonomy(client, content):
    sheets = "/api/v2/pages/?type=knowledge.PracticeSheetPage"
    testimonies = "/api/v2/pages/?type=knowledge.TestimonyPage"

    assert ids(client.get(f"{sheets}&theme=sante-mentale")) == {content["sheet"].pk}
    assert ids(client.get(f"{sheets}&theme=habitat")) == {content["other_sheet"].pk}
    assert ids(client.get(f"{sheets}&theme=habitat,sante-mentale")) == {
        content["sheet"].pk,
        content["other_sheet"].pk,
    }
    assert ids(
        client.get(f"{sheets}&dispositif=clsm&audience=nouveau-coordinateur&etape=diagnostic")
    ) == {content["sheet"].pk}
    assert ids(client.get(f"{sheets}&dispositif=asv")) == set()
    assert ids(client.get(f"{testimonies}&departement=essonne&dispositif=asv")) == {
        content["testimony"].pk
    }
    # Without a type: every type carrying the taxonomy.
    assert ids(client.get("/api/v2/pages/?theme=sante-mentale")) == {
        content["chapter"].pk,
        content["sheet"].pk,
        content["testimony"].pk,
    }


def test_unknown_filter_value_is_a_400(client, content):
    message = assert_french_400(client.get("/api/v2/pages/?theme=inconnue"))

    assert "inconnue" in message


def test_search_parameter_goes_through_the_boussole_search_service(client, content):
    # Accent-insensitive and plural-tolerant, as on the reader site.
    found = ids(client.get("/api/v2/pages/?search=sante mentale diagnostics"))

    assert content["sheet"].pk in found
    assert content["private"].pk not in found
    assert content["withdrawn"].pk not in found


def test_search_combines_with_type_and_taxonomy_filters(client, content):
    url = "/api/v2/pages/?search=sante%20mentale&type=knowledge.TestimonyPage&departement=essonne"

    assert ids(client.get(url)) == {content["testimony"].pk}


# --- bad parameters: 400 in French, never a 500 -----------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?nimporte=quoi",
        "/api/v2/pages/?fields=inexistant",
        "/api/v2/pages/?fields=title(",
        "/api/v2/pages/?type=knowledge.Inexistant",
        "/api/v2/pages/?type=knowledge.Theme",
        "/api/v2/pages/?type=pas-un-type",
        "/api/v2/pages/?offset=-1",
        "/api/v2/pages/?offset=abc",
        "/api/v2/pages/?limit=51",
        "/api/v2/pages/?limit=1000000000000",
        "/api/v2/pages/?limit=-5",
        "/api/v2/pages/?order=consent_date",
        "/api/v2/pages/?order=random",
        "/api/v2/pages/?child_of=abc",
        "/api/v2/pages/?child_of=999999",
        "/api/v2/pages/?theme=",
        "/api/v2/pages/?search=",
        "/api/v2/pages/?slug=%00",
        "/api/v2/pages/abc/",
        "/api/v2/pages/find/?id=abc",
        "/api/v2/pages/1/?nimporte=quoi",
        "/api/v2/glossaire/?fields=live",
        "/api/v2/glossaire/?order=-live",
        "/api/v2/themes/?limit=abc",
        "/api/v2/themes/pas%20un%20slug/",
        "/api/v2/documents/?fields=file",
        "/api/v2/images/?offset=-1",
    ],
)
def test_bad_parameters_are_a_french_400(client, db, url):
    assert_french_400(client.get(url))


def test_page_size_is_capped(client, content):
    assert client.get("/api/v2/pages/?limit=50").status_code == 200
    assert "50" in assert_french_400(client.get("/api/v2/pages/?limit=51"))


def test_unknown_api_path_is_a_json_404(client, db):
    response = client.get("/api/v2/inexistant/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


# --- glossary ------------------------------------------------------------------------------


def test_glossary_lists_live_terms_only(client, content):
    listing = client.get("/api/v2/glossaire/").json()

    assert [item["slug"] for item in listing["items"]] == ["clsm"]
    assert client.get(f"/api/v2/glossaire/{content['draft_term'].pk}/").status_code == 404
    assert client.get(f"/api/v2/glossaire/{content['draft_term'].slug}/").status_code == 404


def test_glossary_serves_the_live_version_not_the_draft_revision(client, content):
    by_slug = client.get("/api/v2/glossaire/clsm/").json()
    by_id = client.get(f"/api/v2/glossaire/{content['term'].pk}/").json()

    assert by_slug == by_id
    assert "concertation locale" in by_slug["definition"]
    assert "brouillon" not in by_slug["definition"]
    assert by_slug["meta"]["html_url"].endswith("/glossaire/#clsm")


def test_glossary_see_also_links_only_live_terms(client, content):
    term = client.get("/api/v2/glossaire/clsm/").json()

    assert term["see_also"] == []


# --- taxonomies ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "endpoint,slug",
    [
        ("themes", "sante-mentale"),
        ("dispositifs", "clsm"),
        ("territoires", "essonne"),
        ("publics", "nouveau-coordinateur"),
        ("etapes", "diagnostic"),
    ],
)
def test_taxonomy_list_and_detail_by_slug_or_id(client, content, endpoint, slug):
    listing = client.get(f"/api/v2/{endpoint}/?limit=50").json()
    by_slug = client.get(f"/api/v2/{endpoint}/{slug}/").json()
    by_id = client.get(f"/api/v2/{endpoint}/{by_slug['id']}/").json()

    assert slug in [item["slug"] for item in listing["items"]]
    assert by_slug == by_id
    assert by_slug["name"]
    assert client.get(f"/api/v2/{endpoint}/inexistant/").status_code == 404


# --- documents and images ------------------------------------------------------------------


def test_documents_in_a_restricted_collection_are_absent(client, content, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Document = get_document_model()
    root = Collection.get_first_root_node()
    private = root.add_child(name="Groupe de travail")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
    )
    public_doc = Document.objects.create(
        title="Guide public", file=SimpleUploadedFile("guide.txt", b"public")
    )
    private_doc = Document.objects.create(
        title="Compte rendu interne",
        file=SimpleUploadedFile("interne.txt", b"interne"),
        collection=private,
    )

    assert ids(client.get("/api/v2/documents/")) == {public_doc.pk}
    assert client.get(f"/api/v2/documents/{private_doc.pk}/").status_code == 404


# --- HTTP caching ----------------------------------------------------------------------------


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


# --- CORS ------------------------------------------------------------------------------------


@override_settings(CORS_ALLOWED_ORIGINS=["https://partenaire.example.org"])
def test_cors_header_only_for_allowed_origins(client, content):
    allowed = client.get("/api/v2/pages/", HTTP_ORIGIN="https://partenaire.example.org")
    other = client.get("/api/v2/pages/", HTTP_ORIGIN="https://ailleurs.example.com")
    site = client.get("/glossaire/", HTTP_ORIGIN="https://partenaire.example.org")

    assert allowed["Access-Control-Allow-Origin"] == "https://partenaire.example.org"
    assert "Access-Control-Allow-Origin" not in other
    assert "Access-Control-Allow-Origin" not in site


def test_cors_allow_list_comes_from_the_environment(monkeypatch):
    import importlib

    from cms.settings import base

    monkeypatch.setenv(
        "BOUSSOLE_CORS_ALLOWED_ORIGINS", "https://a.example.org, https://b.example.org"
    )
    try:
        reloaded = importlib.reload(base)
        assert reloaded.CORS_ALLOWED_ORIGINS == ["https://a.example.org", "https://b.example.org"]
    finally:
        monkeypatch.delenv("BOUSSOLE_CORS_ALLOWED_ORIGINS")
        importlib.reload(base)


# --- throttling --------------------------------------------------------------------------------


@override_settings(BOUSSOLE_API_SEARCH_RATE="2/min")
def test_page_search_is_throttled_with_a_french_429(client, content):
    cache.clear()
    for _ in range(2):
        assert client.get("/api/v2/pages/?search=diagnostic").status_code == 200

    response = client.get("/api/v2/pages/?search=diagnostic")

    assert response.status_code == 429
    assert "Trop de recherches" in response.json()["message"]
    assert int(response["Retry-After"]) > 0
    # Plain listings are not throttled.
    assert client.get("/api/v2/pages/").status_code == 200
