"""The search service on a small factory-built corpus: each quality promise of the issue."""

import pytest

from knowledge.factories import GlossaryTermFactory, PracticeSheetPageFactory
from search.indexing import rebuild
from search.service import autocomplete, search


def titles(params):
    return [hit.title for hit in search(params).results]


def test_accent_insensitive(corpus):
    assert titles({"q": "prevention"}) == ["Prévention en santé mentale"]
    assert titles({"q": "ameliorer"}) == ["Améliorer l'accès aux soins"]


def test_stemming_singular_and_plural(corpus):
    assert "Prévention en santé mentale" in titles({"q": "habitant"})
    assert "Prévention en santé mentale" in titles({"q": "coordinateur"})


def test_acronym_finds_the_expansion_and_back(corpus):
    by_acronym = titles({"q": "clsm"})
    by_expansion = titles({"q": "conseil local de santé mentale"})
    assert "Installer un conseil local de santé mentale" in by_acronym
    assert set(by_acronym) == set(by_expansion)


def test_adding_a_glossary_term_changes_results_without_code(corpus):
    sheet = PracticeSheetPageFactory(
        title="Le réseau", summary="Un programme de réussite éducative."
    )
    rebuild()
    assert sheet.title not in titles({"q": "PRE"})
    term = GlossaryTermFactory(term="Programme de réussite éducative", acronym="PRE", live=False)
    term.save_revision().publish()  # the glossary's own publishing path, as in the admin
    assert sheet.title in titles({"q": "PRE"})
    type(term).objects.get(pk=term.pk).unpublish()
    assert sheet.title not in titles({"q": "PRE"})


def test_one_typo_tolerated_in_long_words(corpus):
    results = search({"q": "coordinaton"})
    assert "Coordination en Seine-Saint-Denis" in [h.title for h in results.results]
    assert results.corrections == {"coordinaton": "coordination"}


def test_no_typo_tolerance_for_short_words(corpus):
    assert search({"q": "sote"}).total == 0  # "soin" is one edit away but too short


def test_quoted_phrase(corpus):
    assert titles({"q": '"accès aux soins"'}) == ["Améliorer l'accès aux soins"]
    assert titles({"q": '"soins aux accès"'}) == []


def test_all_words_required_then_relaxed(corpus):
    strict = search({"q": "habitants précarité"})
    assert strict.total == 2 and strict.relaxed  # no item has both: any word, and it says so
    both = search({"q": "habitants acteurs"})
    assert not both.relaxed
    assert [h.title for h in both.results] == ["Prévention en santé mentale"]


def test_facet_filters_combine_and_counts_follow_the_other_filters(corpus):
    results = search({"q": "acteurs", "theme": "sante-mentale", "dispositif": "clsm"})
    assert results.total == 2
    facets = {f.key: {v.value: v.count for v in f.values} for f in results.facets}
    assert facets["type"] == {"fiche-pratique": 1, "remontee-de-terrain": 1}
    # The dispositif counts ignore the dispositif filter but keep the theme filter.
    assert facets["dispositif"] == {"clsm": 2}
    assert facets["territory"] == {"essonne": 1}
    only_testimonies = search(
        {"q": "acteurs", "type": "remontee-de-terrain", "departement": "essonne"}
    )
    assert [h.title for h in only_testimonies.results] == [
        "Installer un conseil local de santé mentale"
    ]


def test_facet_counts_add_up_to_the_total(corpus):
    results = search({"q": "sante"})
    type_facet = next(f for f in results.facets if f.key == "type")
    assert sum(v.count for v in type_facet.values) == results.total


def test_highlights_are_escaped_and_marked(corpus):
    PracticeSheetPageFactory(
        title="<script>alert(1)</script> Habitants",
        summary="Les habitants <b>du</b> quartier & les autres.",
    )
    rebuild()
    hit = next(h for h in search({"q": "habitants"}).results if "script" in h.title)
    assert "<script>" not in hit.title_html
    assert "&lt;script&gt;" in hit.title_html
    assert "<mark>Habitants</mark>" in hit.title_html
    assert "<b>" not in hit.excerpt_html
    assert "&lt;b&gt;du&lt;/b&gt;" in hit.excerpt_html and "&amp;" in hit.excerpt_html
    assert "<mark>habitants</mark>" in hit.excerpt_html


def test_each_result_has_type_and_place(corpus):
    hit = search({"q": "evaluation"}).results[0]
    assert hit.type == "chapitre"
    assert hit.type_label == "Chapitre"
    assert hit.place == "La Boussole › Conduire l'évaluation"
    assert hit.url.endswith("/la-boussole/conduire-levaluation/")


def test_sort_by_date_and_pagination(corpus):
    pages = {
        "q": "sante",
        "sort": "date",
        "per_page": 1,
        "type": ["fiche-pratique", "remontee-de-terrain"],
    }
    first = search(pages)
    second = search({**pages, "page": 2})
    dates = [h.date for h in first.results + second.results]
    assert dates == sorted(dates, reverse=True)
    assert all(d.tzinfo is not None for d in dates)  # aware on every engine
    assert first.has_next and not first.has_previous and second.has_previous
    assert not {h.key for h in first.results} & {h.key for h in second.results}


def test_glossary_terms_are_results_and_shown_as_matches(corpus):
    results = search({"q": "clsm"})
    assert "glossaire" in {h.type for h in results.results}
    assert results.glossary[0]["acronym"] == "CLSM"
    assert results.glossary[0]["url"] == "/glossaire/clsm/"


def test_spelling_suggestion_when_nothing_is_found(corpus):
    results = search({"q": "qartir"})  # two edits away: not tolerated, but suggested
    assert results.total == 0
    assert results.suggestion == "quartier"


def test_autocomplete_titles_and_glossary(corpus):
    assert [s["label"] for s in autocomplete("amel")] == ["Améliorer l'accès aux soins"]
    assert autocomplete("CLSM")[0]["type"] == "glossaire"
    assert autocomplete("x") == []


@pytest.mark.django_db
def test_empty_index_returns_nothing():
    results = search({"q": "sante"})
    assert results.total == 0 and results.results == []
