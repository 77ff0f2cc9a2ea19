"""French search quality on the demo content: query → expected result, the same on every engine.

The demo content (``load_demo_content``) is loaded once for this module inside a transaction that
is rolled back at the end; each test runs in its own savepoint on top of it.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Page

from knowledge.factories import draft_of
from search.service import autocomplete, search


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
        call_command("boussole_search_index", verbosity=0, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def site(demo, db):
    return None


def titles(q, **filters):
    return [hit.title for hit in search({"q": q, "per_page": 50, **filters}).results]


def title_set(q, **filters):
    return set(titles(q, **filters))


# (query, a title that must be among the results) — accents, stems, elisions, acronyms, typos.
FINDS = [
    # Accent-insensitive
    ("prevention", "Prévention"),
    ("sante", "Promotion de la santé"),
    ("evaluation", "Évaluer la démarche"),
    ("elus", "Se positionner auprès des élus et de sa hiérarchie"),
    ("precarite", "Agir sur le renoncement aux soins"),
    ("hierarchie", "Présenter la démarche aux élus et à sa hiérarchie"),
    ("mediatrice", "La médiatrice en santé ouvre des portes"),
    ("PRÉVENTION", "Prévention"),
    # Stemming: singular / plural and close forms
    ("coordinateur", "Réussir ses cent premiers jours de coordinateur"),
    ("coordinatrice", "Réussir ses cent premiers jours de coordinateur"),
    ("habitant", "Faire participer les habitants"),
    ("acteur", "Cartographier les acteurs du territoire"),
    ("jardins", "Le jardin partagé, meilleur atelier nutrition"),
    ("diagnostics", "Réaliser un diagnostic local de santé"),
    ("évaluer", "Évaluation"),
    # Elisions
    ("l'élu", "L'élu qui a changé d'avis sur la santé mentale"),
    ("d’habitants", "Associer les habitants à une démarche de santé"),
    # Acronyms → expansion (titles without the acronym)
    ("clsm", "Installer ou relancer un conseil local de santé mentale"),
    ("cls", "Préparer le renouvellement d'un contrat local de santé"),
    ("qpv", "QPV — Quartier prioritaire de la politique de la ville"),
    # Expansion → acronym (titles with the acronym only)
    ("conseil local de santé mentale", "Le CLSM désamorce des situations avant la crise"),
    ("conseil local de sante mentale", "Les usagers au comité de pilotage du CLSM"),
    ("atelier sante ville", "ASV — Atelier santé ville"),
    # One typo in words of 5 letters or more (substitution, deletion, insertion, transposition)
    ("coordinaton", "Réussir ses cent premiers jours de coordinateur"),
    ("diagnostik", "Réaliser un diagnostic local de santé"),
    ("medicatrice", "La médiatrice en santé ouvre des portes"),
    ("habitnats", "Faire participer les habitants"),
    ("renoncemment", "Agir sur le renoncement aux soins"),
    # Phrases
    ('"comité de pilotage"', "Préparer et animer un comité de pilotage"),
    ('"accès aux soins"', "Accès aux soins"),
]


@pytest.mark.parametrize(("q", "expected"), FINDS)
def test_query_finds(site, q, expected):
    assert expected in titles(q)


# (query, query): both must give exactly the same results.
SAME = [
    ("prevention", "prévention"),
    ("sante", "santé"),
    ("coordinateur", "coordinateurs"),
    ("habitant", "habitants"),
    ("acteur", "acteurs"),
    ("clsm", "CLSM"),
    ("clsm", "conseil local de santé mentale"),
    ("cls", "contrat local de santé"),
    ("asv", "atelier santé ville"),
    ("d'habitants", "habitants"),
    ("coordinaton", "coordination"),
]


@pytest.mark.parametrize(("first", "second"), SAME)
def test_queries_are_equivalent(site, first, second):
    assert title_set(first) == title_set(second)
    assert title_set(first)


def test_acronym_query_shows_the_glossary_definition(site):
    results = search({"q": "clsm"})
    # Ranking differs a little between engines (bm25, ts_rank): the definition is near the top.
    assert "CLSM — Conseil local de santé mentale" in [h.title for h in results.results[:3]]
    assert results.glossary[0]["acronym"] == "CLSM"
    assert results.glossary[0]["url"] == "/glossaire/clsm/"


def test_typo_is_reported(site):
    assert search({"q": "coordinaton"}).corrections == {"coordinaton": "coordination"}


def test_no_typo_tolerance_under_five_letters(site):
    assert search({"q": "elux"}).total == 0


def test_phrase_word_order_matters(site):
    assert titles('"pilotage comité"') == []


def test_all_words_are_required_by_default(site):
    results = search({"q": "habitants nutrition"})
    assert not results.relaxed
    assert "Le jardin partagé, meilleur atelier nutrition" in [h.title for h in results.results]
    assert "Associer les habitants à une démarche de santé" not in [
        h.title for h in results.results
    ]


def test_relaxed_to_any_word_when_nothing_has_them_all(site):
    results = search({"q": "jargon xyzabc"})
    assert results.relaxed
    assert results.notice
    assert [h.title for h in results.results] == ["Trois mois pour comprendre le jargon"]


def test_most_relevant_first(site):
    assert set(titles("renoncement soins")[:2]) == {
        "Repérer le renoncement aux soins",
        "Agir sur le renoncement aux soins",
    }


def test_spelling_suggestion_for_no_results(site):
    results = search({"q": "jargom xyz"})
    assert results.suggestion and "jargon" in results.suggestion


def test_type_facet_filters(site):
    hits = search({"q": "santé mentale", "type": "remontee-de-terrain"}).results
    assert hits and {h.type for h in hits} == {"remontee-de-terrain"}
    hits = search({"q": "elus", "type": ["fiche-pratique", "chapitre"]}).results
    assert hits and {h.type for h in hits} == {"fiche-pratique", "chapitre"}


def _facet_values(hit):
    return Page.objects.get(pk=hit.page_id).specific.facet_values()


def test_territory_and_dispositif_filters_combine(site):
    results = search({"q": "sante", "departement": "essonne", "dispositif": ["clsm", "asv"]})
    assert results.total
    for hit in results.results:
        values = _facet_values(hit)
        assert "essonne" in values["territory"]
        assert set(values["dispositif"]) & {"clsm", "asv"}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "sante"},
        {"q": "sante", "departement": "essonne"},
        {"q": "habitants", "theme": "participation-des-habitants"},
        {"q": "clsm", "type": "remontee-de-terrain", "dispositif": "clsm"},
        {"q": "", "etape": "diagnostic"},
    ],
)
def test_facet_counts_are_consistent_with_the_filtered_results(site, params):
    results = search({**params, "per_page": 50})
    facets = {f.key: {v.value: v.count for v in f.values} for f in results.facets}
    if "type" not in results.filters:
        assert sum(facets["type"].values()) == results.total
    for key, values in results.filters.items():
        # A selected value counts exactly the results (the facet ignores its own filter).
        assert sum(facets[key].get(v, 0) for v in values) >= results.total
    # Each count is what selecting that value would give.
    for value, count in list(facets["type"].items())[:3]:
        narrowed = dict(params, type=value)
        if "type" in results.filters:
            continue
        assert search(narrowed).total == count


def test_drafts_in_the_workflow_are_not_findable(site):
    assert "Organiser une marche exploratoire avec les habitants" not in titles(
        "marche exploratoire"
    )
    assert "Cartographier les partenaires du territoire" not in titles("cartographier")


def test_draft_revision_of_a_live_page_is_not_findable(site):
    chapter = Page.objects.get(title="Prendre son poste")
    draft_of(chapter, summary="Un mot introuvable : zygomatique.")
    assert titles("zygomatique") == []
    assert "Prendre son poste" in titles("tuteur")


def test_unpublished_page_is_gone(site):
    sheet = Page.objects.get(title="Installer ou relancer un conseil local de santé mentale")
    sheet.specific.unpublish()
    assert sheet.title not in titles("clsm")


def test_highlights_are_marked_and_escaped(site):
    hits = search({"q": "l'élu avis"}).results
    assert hits
    for hit in hits:
        assert re.sub(r"</?mark>", "", str(hit.excerpt_html)).count("<") == 0
        assert "'" not in str(hit.excerpt_html)  # escaped as &#x27;
    assert re.search(
        r"<mark>[ée]lu</mark>", str(hits[0].excerpt_html) + str(hits[0].title_html), re.I
    )


def test_each_result_has_type_label_and_place(site):
    hit = next(h for h in search({"q": "diagnostic"}).results if h.type == "chapitre")
    assert hit.type_label == "Chapitre"
    assert hit.place.startswith("La Boussole › ")
    sheet = next(h for h in search({"q": "diagnostic"}).results if h.type == "fiche-pratique")
    assert sheet.place.startswith("Fiches pratiques › ")


def test_sort_by_date(site):
    hits = search(
        {"q": "sante", "sort": "date", "per_page": 50, "type": "remontee-de-terrain"}
    ).results
    dates = [h.date for h in hits]
    assert dates == sorted(dates, reverse=True)


def test_autocomplete_titles_and_glossary(site):
    assert "Réaliser un diagnostic local de santé" in [s["label"] for s in autocomplete("diag")]
    assert autocomplete("clsm")[0]["label"] == "CLSM — Conseil local de santé mentale"
