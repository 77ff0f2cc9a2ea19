"""BoussolePage.route: a reader URL resolved in a constant number of queries, with Wagtail's
answers (the page at that path, 404 when missing or not live)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge.factories import PracticeSheetPageFactory, sheet_index_page
from knowledge.models import PracticeSheetPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 0


def test_a_deep_page_is_served_at_its_path(client):
    sheet = PracticeSheetPageFactory(title="Cartographier les ressources")
    response = client.get(sheet.url)
    assert response.status_code == 200
    assert response.context["page"] == sheet
    assert isinstance(response.context["page"], PracticeSheetPage)


def test_a_missing_or_unpublished_page_is_a_404(client):
    sheet = PracticeSheetPageFactory(title="Brouillon", live=False)
    assert client.get(sheet.url or "/fiches-pratiques/brouillon/").status_code == 404
    assert client.get(f"{sheet_index_page().url}inexistante/").status_code == 404
    assert client.get("/inexistante/brouillon/").status_code == 404


def test_a_slug_found_elsewhere_in_the_tree_is_not_served_at_another_path(client):
    sheet = PracticeSheetPageFactory(title="Cartographier", slug="cartographier")
    assert client.get(sheet.url).status_code == 200
    assert client.get("/remontees-de-terrain/cartographier/").status_code == 404
    assert client.get("/cartographier/").status_code == 404


def test_one_lookup_finds_a_page_at_any_depth_then_none_until_the_content_changes(client):
    sheet = PracticeSheetPageFactory(title="Cartographier")

    def slug_lookups():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(sheet.url).status_code == 200
        return [q["sql"] for q in queries if '"wagtailcore_page"."slug" =' in q["sql"]]

    # Wagtail's walk looks up each level's slug (the index, then the sheet): one lookup here,
    # then the place is remembered for the content version.
    assert len(slug_lookups()) == 1
    assert slug_lookups() == []
    PracticeSheetPageFactory(title="Une autre fiche")  # any page saved: a new version
    assert len(slug_lookups()) == 1


def test_a_remembered_place_still_follows_unpublishing_and_moves(client):
    sheet = PracticeSheetPageFactory(title="Cartographier", slug="cartographier")
    old_url = sheet.url
    assert client.get(old_url).status_code == 200
    sheet.unpublish()
    assert client.get(old_url).status_code == 404
    sheet.save_revision().publish()
    assert client.get(old_url).status_code == 200
    sheet.slug = "cartographier-les-ressources"
    sheet.save_revision().publish()
    sheet.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(sheet.url).status_code == 200
