"""Every bad input from the issue: never a 500, a clear French message or an empty result."""

import pytest

from search.forms import MAX_QUERY_LENGTH
from search.service import InvalidSearch, search

ODD_QUERIES = [
    "",
    "   ",
    "x" * 2000,
    "santé " * 400,
    '"sante mentale',
    'prevention "',
    '" * - : NEAR OR AND ( )',
    "sante AND (prevention OR",
    "NEAR(sante prevention, 2)",
    "title:sante",
    "-sante",
    "sante*",
    "'; DROP TABLE boussole_search_searchdocument; --",
    "sante\x00prevention",
    "\x00",
    "🙂",
    "santé 🙂 mentale",
    "\u202e\u200bsante",
    "{title body} : sante",
    "^sante",
]


def test_odd_queries_never_fail_on_the_page_nor_in_the_service(client, corpus):
    for q in ODD_QUERIES:
        response = client.get("/recherche/", {"q": q})
        assert response.status_code == 200, q
        results = search({"q": q})
        assert len(results.query) <= MAX_QUERY_LENGTH
        assert results.page == 1


def test_operators_are_plain_words_not_syntax(corpus):
    # "sante AND (prevention OR" reads as the words sante + prevention, all required.
    assert [h.title for h in search({"q": "sante AND (prevention OR"}).results] == [
        "Prévention en santé mentale"
    ]


def test_nul_bytes_are_dropped_and_the_words_still_searched(corpus):
    results = search({"q": "habitants\x00"})
    assert results.query == "habitants"
    assert results.total == 1


def test_a_query_of_only_emoji_gives_an_empty_result_with_a_message(corpus):
    results = search({"q": "🙂🙂"})
    assert results.total == 0
    assert "aucun mot" in results.notice


def test_long_query_is_cut_not_refused(corpus):
    results = search({"q": "habitants " + "x" * 2000})
    assert len(results.query) == MAX_QUERY_LENGTH
    assert results.total == 1  # relaxed to any word: "habitants" still finds its sheet
    assert results.relaxed


def test_sql_injection_attempt_is_just_words(corpus):
    search({"q": "'; DROP TABLE boussole_search_searchdocument; --"})
    assert search({"q": "habitants"}).total == 1


BAD_PARAMETERS = [
    ({"theme": "inconnue"}, "n'est pas une valeur connue"),
    ({"type": "page-secrete"}, "n'est pas une valeur connue"),
    ({"departement": "99"}, "n'est pas une valeur connue"),
    ({"dispositif": "'; --"}, "n'est pas une valeur connue"),
    ({"page": "-1"}, "Le numéro de page doit être au moins 1"),
    ({"page": "0"}, "Le numéro de page doit être au moins 1"),
    ({"page": "abc"}, "nombre entier"),
    ({"page": "1e9"}, "nombre entier"),
    ({"page": "10" * 10}, "limité à 100000"),
    ({"per_page": "1000"}, "limité à 50"),
    ({"per_page": "-5"}, "au moins 1"),
    ({"sort": "random"}, "Tri inconnu"),
]


def test_bad_parameters_are_refused_with_a_french_message(client, corpus):
    for params, message in BAD_PARAMETERS:
        with pytest.raises(InvalidSearch) as error:
            search({"q": "sante", **params})
        assert any(message in m for m in error.value.messages), params
        response = client.get("/recherche/", {"q": "sante", **params})
        assert response.status_code == 400, params
        assert message.replace("'", "&#x27;") in response.content.decode()


def test_page_one_billion_is_clamped_to_the_last_page(corpus):
    # 10^9 is beyond MAX_PAGE, so it is refused; any page up to MAX_PAGE past the end is clamped.
    with pytest.raises(InvalidSearch):
        search({"q": "sante", "page": str(10**9)})
    results = search({"q": "sante", "page": "5000", "per_page": "2"})
    assert results.page == results.num_pages
    assert results.results


def test_unknown_parameters_are_ignored(client, corpus):
    response = client.get("/recherche/", {"q": "habitants", "foo": "bar"})
    assert response.status_code == 200
    assert response.context["results"].total == 1
