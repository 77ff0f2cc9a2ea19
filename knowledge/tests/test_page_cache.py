"""The anonymous page cache and HTTP caching of reader pages (knowledge/page_cache.py)."""

import pytest
from django.db import connection, transaction
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from knowledge import content_version
from knowledge.factories import PracticeSheetPageFactory, sheet_index_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet():
    page = PracticeSheetPageFactory(title="Première version", live=False)
    page.save_revision().publish()
    return page


def test_a_second_anonymous_visit_is_served_from_the_cache_without_the_database(client, sheet):
    first = client.get(sheet.url)
    assert first["X-Boussole-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(sheet.url)
    assert second["X-Boussole-Cache"] == "hit"
    assert second.content == first.content
    assert len(queries.captured_queries) == 0


def test_a_publish_is_seen_on_the_next_request_however_warm_the_cache(client, sheet):
    listing = sheet_index_page().url
    client.get(sheet.url), client.get(listing)
    sheet.title = "Seconde version"
    sheet.save_revision().publish()
    assert "Seconde version" in client.get(sheet.url).content.decode()
    newcomer = PracticeSheetPageFactory(title="Nouvelle fiche", live=False)
    newcomer.save_revision().publish()
    assert "Nouvelle fiche" in client.get(listing).content.decode()
    Page.objects.get(pk=sheet.pk).specific.unpublish()
    assert client.get(sheet.url).status_code == 404


def test_a_page_rendered_while_a_publish_was_committing_is_not_served_after_it(client, sheet):
    # A reader's request, between the publish and its commit, still sees the old content: the
    # version changes again on commit so what it cached is never served afterwards.
    with TestCase.captureOnCommitCallbacks(execute=True), transaction.atomic():
        sheet.title = "Seconde version"
        sheet.save_revision().publish()
        during = content_version.current()
        assert client.get(sheet.url)["X-Boussole-Cache"] == "miss"  # cached under ``during``
    assert content_version.current() != during
    after = client.get(sheet.url)
    assert after["X-Boussole-Cache"] == "miss"
    assert "Seconde version" in after.content.decode()


def test_logged_in_users_and_posts_bypass_the_cache(client, sheet, django_user_model):
    client.get(sheet.url)
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "x"))
    response = client.get(sheet.url)
    assert "X-Boussole-Cache" not in response
    assert "X-Boussole-Cache" not in client.post(sheet.url)


def test_search_and_api_are_not_page_cached(client, sheet):
    for url in ("/recherche/?q=version", "/api/v2/pages/"):
        client.get(url)
        assert "X-Boussole-Cache" not in client.get(url)


def test_reader_pages_answer_304_to_a_conditional_request(client, sheet):
    response = client.get(sheet.url)
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(sheet.url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    since = client.get(sheet.url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304


def test_the_cache_can_be_turned_off(client, sheet, settings):
    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 0
    client.get(sheet.url)
    assert "X-Boussole-Cache" not in client.get(sheet.url)
