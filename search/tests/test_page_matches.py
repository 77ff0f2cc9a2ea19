"""search.service.matching_page_ids: the pages a query matches, in one backend call, for the
API's ?search= (never glossary terms, never more than the bound without saying so)."""

import pytest

from search.backends import get_search_backend
from search.service import MATCHING_PAGES_MAX, matching_page_ids, search


@pytest.fixture
def backend_calls(monkeypatch):
    backend = get_search_backend()
    calls, original = [], backend.search

    def counting(query):
        calls.append(query)
        return original(query)

    monkeypatch.setattr(backend, "search", counting)
    return calls


def test_pages_in_the_reader_search_order_in_one_call(corpus, backend_calls):
    reader = [hit.page_id for hit in search({"q": "clsm"}).results if hit.page_id]
    backend_calls.clear()

    matches = matching_page_ids("clsm")

    assert len(backend_calls) == 1 and backend_calls[0].limit == MATCHING_PAGES_MAX
    assert matches.ids == reader  # acronym ↔ expansion, relevance order; no glossary term
    assert corpus["clsm_term"].pk not in matches.ids
    assert matches.truncated is False and matches.total == len(reader)


def test_filters_narrow_the_match_before_the_bound(corpus):
    matches = matching_page_ids("sante", filters={"territory": ["essonne"]})

    assert matches.ids == [corpus["temoignage"].pk]


def test_more_matches_than_the_bound_are_flagged_not_dropped_silently(corpus):
    everything = matching_page_ids("coordination acteurs sante")
    assert len(everything.ids) >= 2

    cut = matching_page_ids("coordination acteurs sante", limit=1)

    assert cut.truncated is True and cut.limit == 1
    assert cut.ids == everything.ids[:1]
    assert cut.total == everything.total


def test_nothing_to_search_and_unknown_types_match_nothing(corpus, backend_calls):
    assert matching_page_ids("« » !? ()").ids == []  # no word at all
    assert matching_page_ids("sante", filters={"type": ["glossaire"]}).ids == []
    assert backend_calls == []


def test_a_hidden_page_is_never_returned_even_if_still_indexed(corpus):
    page = corpus["prevention"]
    type(page).objects.filter(pk=page.pk).update(live=False)  # the index is not told

    assert page.pk not in matching_page_ids("prevention").ids
