"""The zero-result loop: logged without personal data, shown to the working group, marked handled."""

import pytest
from django.urls import reverse

from knowledge.workflows import ADMINISTRATORS_GROUP, DRAFTERS_GROUP
from search.models import ZeroResultQuery
from search.service import search


def test_queries_without_results_are_counted_normalised_with_their_filters(corpus):
    search({"q": "Saturnisme"})
    search({"q": "  saturnisme  "})
    search({"q": "saturnisme", "departement": "essonne"})
    search({"q": "habitants"})  # found: not logged
    rows = {(z.query, z.filters): z.count for z in ZeroResultQuery.objects.all()}
    assert rows == {("saturnisme", ""): 2, ("saturnisme", '{"territory": ["essonne"]}'): 1}
    # Nothing about the reader is stored: only text, filters, counts and dates.
    assert {f.name for f in ZeroResultQuery._meta.fields} == {
        "id",
        "query",
        "filters",
        "count",
        "first_seen",
        "last_seen",
        "handled",
        "handled_at",
    }


def test_record_can_be_turned_off_for_internal_callers(corpus):
    search({"q": "saturnisme"}, record_zero_results=False)
    assert not ZeroResultQuery.objects.exists()


@pytest.mark.django_db
def test_dashboard_panel_lists_the_most_frequent_first_for_the_working_group(client, make_user):
    ZeroResultQuery.objects.create(query="saturnisme", count=2)
    ZeroResultQuery.objects.create(query="teleconsultation", count=7)
    ZeroResultQuery.objects.create(query="deja traite", count=50, handled=True)
    client.force_login(make_user("redactrice", DRAFTERS_GROUP))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Recherches sans résultat" in html
    assert html.index("teleconsultation") < html.index("saturnisme")
    assert "deja traite" not in html


@pytest.mark.django_db
def test_panel_hidden_from_users_who_edit_no_page(client, make_user):
    ZeroResultQuery.objects.create(query="saturnisme")
    client.force_login(make_user("admin-comptes", ADMINISTRATORS_GROUP))
    response = client.get(reverse("wagtailadmin_home"))
    assert "Recherches sans résultat" not in response.content.decode()


@pytest.mark.django_db
def test_working_group_marks_a_query_handled(client, make_user):
    entry = ZeroResultQuery.objects.create(query="saturnisme")
    client.force_login(make_user("redacteur", DRAFTERS_GROUP))
    url = reverse("boussole_search_zero_result_handled", args=[entry.pk])
    assert client.get(url).status_code == 405  # POST only
    response = client.post(url)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.handled and entry.handled_at
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Aucune recherche sans résultat à traiter." in html


@pytest.mark.django_db
def test_marking_handled_is_refused_to_others(client, make_user):
    entry = ZeroResultQuery.objects.create(query="saturnisme")
    client.force_login(make_user("admin-comptes", ADMINISTRATORS_GROUP))
    response = client.post(reverse("boussole_search_zero_result_handled", args=[entry.pk]))
    assert response.status_code in (302, 403)
    entry.refresh_from_db()
    assert not entry.handled
