"""/api/v2/pages/ shows what readers may see, and nothing more (api/views/pages.py)."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from api.filters import ServiceSearchFilter
from knowledge.factories import PracticeSheetPageFactory, draft_of
from search.backends import get_search_backend
from search.facets import GLOSSARY_TYPE, TYPE_KEY
from search.service import MATCHING_PAGES_MAX

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


# --- only live, public, consented content -----------------------------------------------


def test_listing_shows_each_visible_type_and_nothing_else(client, content, ids):
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


def test_hidden_pages_are_absent_whatever_the_type_filter(client, content, ids):
    for page_type in ["knowledge.PracticeSheetPage", "knowledge.TestimonyPage"]:
        listed = ids(client.get(f"/api/v2/pages/?type={page_type}&fields=*"))
        assert not listed & {content[n].pk for n in ["unpublished", "private", "withdrawn"]}


def test_private_page_cannot_be_used_as_a_parent_filter(client, content, assert_french_400):
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


def test_asking_for_an_internal_field_is_refused(client, content, assert_french_400):
    for field in INTERNAL_FIELDS:
        for url in [
            f"/api/v2/pages/?type=knowledge.TestimonyPage&fields={field}",
            f"/api/v2/pages/{content['testimony'].pk}/?fields={field}",
            f"/api/v2/pages/{content['testimony'].pk}/?fields=*,{field}(id)",
            f"/api/v2/glossaire/?fields={field}",
        ]:
            message = assert_french_400(client.get(url))
            assert field in message, url


def test_filtering_on_an_internal_field_is_refused(client, content, assert_french_400):
    assert_french_400(client.get("/api/v2/pages/?type=knowledge.TestimonyPage&consent_given=0"))
    assert_french_400(client.get("/api/v2/pages/?order=consent_date"))


# --- typed fields and taxonomy as objects ------------------------------------------------


def test_sheet_has_its_own_fields_and_taxonomy_objects(client, content):
    sheet = client.get(f"/api/v2/pages/{content['sheet'].pk}/").json()

    assert sheet["meta"]["type"] == "knowledge.PracticeSheetPage"
    assert sheet["objectives"].startswith("<p>")
    assert sheet["themes"] == [
        {
            "id": content["theme"].pk,
            "name": "Santé mentale",
            "slug": "sante-mentale",
            "label": "Santé mentale",
        }
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


def test_filters_by_type_and_each_taxonomy(client, content, ids):
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


def test_unknown_filter_value_is_a_400(client, content, assert_french_400):
    message = assert_french_400(client.get("/api/v2/pages/?theme=inconnue"))

    assert "inconnue" in message


def test_search_parameter_goes_through_the_boussole_search_service(client, content, ids):
    # Accent-insensitive and plural-tolerant, as on the reader site.
    found = ids(client.get("/api/v2/pages/?search=sante mentale diagnostics"))

    assert content["sheet"].pk in found
    assert content["private"].pk not in found
    assert content["withdrawn"].pk not in found


def test_search_combines_with_type_and_taxonomy_filters(client, content, ids):
    url = "/api/v2/pages/?search=sante%20mentale&type=knowledge.TestimonyPage&departement=essonne"

    assert ids(client.get(url)) == {content["testimony"].pk}


@pytest.fixture
def backend_queries(monkeypatch):
    """The BackendQuery of every call the search service makes to its backend."""
    backend = get_search_backend()
    calls, search = [], backend.search

    def counting(query):
        calls.append(query)
        return search(query)

    monkeypatch.setattr(backend, "search", counting)
    return calls


def test_search_asks_the_search_service_once_for_pages_only(client, content, backend_queries):
    listing = client.get("/api/v2/pages/?search=clsm&limit=1").json()

    assert len(backend_queries) == 1
    assert GLOSSARY_TYPE not in backend_queries[0].filters[TYPE_KEY]
    assert backend_queries[0].limit == MATCHING_PAGES_MAX
    assert listing["meta"]["total_count"] >= 1 and listing["meta"]["search_truncated"] is False
    assert "notice" not in listing["meta"]


def test_search_hands_the_page_filters_to_the_search_service(client, content, backend_queries):
    url = "/api/v2/pages/?search=sante&type=knowledge.TestimonyPage&departement=essonne"

    assert client.get(url).status_code == 200
    assert backend_queries[0].filters == {
        "territory": ["essonne"],
        TYPE_KEY: ["remontee-de-terrain"],
    }


def test_search_of_a_type_absent_from_the_index_asks_nothing(client, content, backend_queries, ids):
    assert ids(client.get("/api/v2/pages/?search=boussole&type=home.HomePage")) == set()
    assert backend_queries == []


def test_search_says_when_the_bound_cut_the_matches(client, content, monkeypatch, ids):
    ranked = client.get("/api/v2/pages/?search=sante%20mentale")
    everything = ids(ranked)
    assert len(everything) == 2
    monkeypatch.setattr(ServiceSearchFilter, "limit", 1)

    listing = client.get("/api/v2/pages/?search=sante%20mentale").json()

    assert listing["meta"]["search_truncated"] is True
    assert listing["meta"]["total_count"] == len(listing["items"]) == 1
    assert "Plus de 1 pages correspondent" in listing["meta"]["notice"]
    # The most relevant is kept.
    assert [item["id"] for item in listing["items"]] == [ranked.json()["items"][0]["id"]]
    # Plain listings say nothing about search.
    assert "search_truncated" not in client.get("/api/v2/pages/").json()["meta"]


def test_page_size_is_capped(client, content, assert_french_400):
    assert client.get("/api/v2/pages/?limit=50").status_code == 200
    assert "50" in assert_french_400(client.get("/api/v2/pages/?limit=51"))


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


def test_total_count_follows_a_publish_and_an_unpublish_at_once(client, content):
    """Counts are kept per content version (api.pagination.total_count): never stale."""
    url = "/api/v2/pages/?type=knowledge.PracticeSheetPage"
    before = client.get(url).json()["meta"]["total_count"]
    sheet = PracticeSheetPageFactory(title="Nouvelle fiche", live=False)
    sheet.save_revision().publish()
    assert client.get(url).json()["meta"]["total_count"] == before + 1
    sheet.refresh_from_db()  # live now: publish() saved another instance
    sheet.unpublish()
    assert client.get(url).json()["meta"]["total_count"] == before
