import pytest

from search.models import ZeroResultQuery


@pytest.mark.django_db
def test_empty_search_page_shows_the_labelled_form(client):
    response = client.get("/recherche/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_q">' in html
    assert response.context["results"] is None
    assert "Aucun contenu ne correspond" not in html


def test_results_show_type_place_and_marked_excerpt(client, corpus):
    response = client.get("/recherche/", {"q": "habitant"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 résultat" in html
    assert "Fiche pratique" in html
    assert "Fiches pratiques › Prévention en santé mentale" in html
    assert "<mark>habitants</mark>" in html


def test_facets_are_checkboxes_with_counts_and_state_stays_in_the_url(client, corpus):
    response = client.get("/recherche/", {"q": "acteurs", "theme": "sante-mentale"})
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        'type="checkbox" name="theme" value="sante-mentale" id="f-theme-sante-mentale" checked'
        in html
    )
    assert "<fieldset" in html and "<legend>" in html
    # Pagination and suggestion links keep the filters: the URL is the whole state.
    assert client.get("/recherche/?q=acteurs&theme=sante-mentale").content == response.content


def test_bad_parameters_give_a_400_with_french_messages(client, corpus):
    response = client.get("/recherche/", {"q": "sante", "theme": "inconnue", "page": "-1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "n&#x27;est pas une valeur connue" in html or "n'est pas une valeur connue" in html
    assert "Le numéro de page doit être au moins 1" in html


def test_a_page_past_the_end_shows_the_last_page(client, corpus):
    response = client.get("/recherche/", {"q": "sante", "page": "99999"})
    assert response.status_code == 200
    assert response.context["results"].page == response.context["results"].num_pages


def test_no_results_page_offers_help_and_logs_the_query(client, corpus):
    response = client.get("/recherche/", {"q": "saturnisme"})
    assert response.status_code == 200
    assert "Aucun contenu ne correspond" in response.content.decode()
    assert ZeroResultQuery.objects.get().query == "saturnisme"


def test_no_results_page_suggests_a_spelling(client, corpus):
    response = client.get("/recherche/", {"q": "qartir"})
    html = response.content.decode()
    assert "Essayez avec l&#x27;orthographe" in html or "Essayez avec l'orthographe" in html
    assert ">quartier</a>" in html


def test_suggestions_endpoint_returns_titles_and_glossary_terms(client, corpus):
    data = client.get("/recherche/suggestions/", {"q": "cls"}).json()
    labels = [s["label"] for s in data["suggestions"]]
    assert "CLS — Contrat local de santé" in labels
    assert "CLSM — Conseil local de santé mentale" in labels
    data = client.get("/recherche/suggestions/", {"q": "preven"}).json()
    assert [s["label"] for s in data["suggestions"]] == ["Prévention en santé mentale"]


@pytest.mark.parametrize("q", ["", "a", "\x00", "🙂" * 500, '"*:()'])
def test_suggestions_endpoint_never_fails(client, corpus, q):
    response = client.get("/recherche/suggestions/", {"q": q})
    assert response.status_code == 200
    assert response.json()["suggestions"] == []
