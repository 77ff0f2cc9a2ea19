"""Search never serves what readers may not see, and cannot be used to stall the site.

- fail closed: an index entry the removal missed is never served (search, suggestions, API);
- /recherche/ and its suggestions are rate-limited per address, sharing the API's budget;
- long queries of unknown words cost a bounded number of database queries.
"""

import random
import string

import pytest
from django.test import override_settings
from wagtail.models import Page

from knowledge.models import TestimonyPage
from search.service import autocomplete, search


def titles(q):
    return [hit.title for hit in search({"q": q}).results]


@pytest.mark.parametrize(
    "hide",
    [
        lambda page: Page.objects.filter(pk=page.pk).update(live=False),
        lambda page: TestimonyPage.objects.filter(pk=page.pk).update(consent_given=False),
    ],
    ids=["unpublished", "consent-withdrawn"],
)
def test_a_stale_index_entry_is_never_served(client, corpus, hide):
    page = corpus["temoignage"]
    assert page.title in titles("conseil local")
    hide(page)  # behind the index's back: no signal, the document stays in the index
    assert page.title not in titles("conseil local")
    assert page.title not in [s["label"] for s in autocomplete("installer")]
    data = client.get("/api/v2/search/", {"q": "conseil local"}).json()
    assert page.title not in [item["title"] for item in data["items"]]


@override_settings(BOUSSOLE_API_SEARCH_RATE="3/min")
def test_reader_search_is_rate_limited_with_the_api(client, corpus):
    assert client.get("/recherche/", {"q": "sante"}).status_code == 200
    assert client.get("/api/v2/search/", {"q": "sante"}).status_code == 200
    assert client.get("/recherche/", {"q": "sante"}).status_code == 200
    response = client.get("/recherche/", {"q": "sante"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "Merci de patienter" in response.content.decode()
    assert client.get("/api/v2/search/", {"q": "sante"}).status_code == 429
    assert client.get("/recherche/").status_code == 200  # the empty form is not a search
    other = client.get("/recherche/", {"q": "sante"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200  # counted per address


@override_settings(BOUSSOLE_SEARCH_SUGGEST_RATE="2/min")
def test_suggestions_are_rate_limited(client, corpus):
    for _ in range(2):
        assert client.get("/recherche/suggestions/", {"q": "prev"}).status_code == 200
    response = client.get("/recherche/suggestions/", {"q": "prev"})
    assert response.status_code == 429
    assert "Merci de patienter" in response.json()["message"]
    assert response["Retry-After"]


def _unknown_words(length=200, seed=8):
    rnd = random.Random(seed)
    words = []
    while len(" ".join(words)) < length:
        words.append("".join(rnd.choices(string.ascii_lowercase, k=rnd.randint(10, 20))))
    return " ".join(words)[:length]


def test_long_query_of_unknown_words_is_answered_with_bounded_work(client, corpus):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(q):
        with CaptureQueriesContext(connection) as captured:
            results = search({"q": q})
        assert results.total == 0
        return len(captured.captured_queries)

    search({"q": "sante"})  # warm the per-process caches (vocabulary, snapshot)
    # As many queries for 12 unknown words (the clause cap) as for two: no work per word.
    assert queries(_unknown_words()) == queries(_unknown_words(length=30))
    response = client.get("/recherche/", {"q": _unknown_words()})
    assert response.status_code == 200
