"""The search page's markup, phone first (search/views.py, search/templates/search/search.html).

Guarantees: one search box on /recherche/ and on the home page (their own, with suggestions;
the header's is left out) and the header box with suggestions everywhere else; the facets wait in a closed
disclosure whose summary counts the active filters, grouped under a labelled role="group";
counts are worded in French ("1 résultat", never "1 résultats"); the active filters can be
removed one by one; the page has a meta description naming the query; facet values carry the
same labels as the listings, sorted by them.
"""

import re
from html import unescape

import pytest

from knowledge.factories import PracticeSheetPageFactory, ThemeFactory, taxonomy
from knowledge.models import Dispositif
from search.facets import clear_cache
from search.indexing import rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 0
    settings.BOUSSOLE_API_SEARCH_RATE = "100000/min"
    clear_cache()


@pytest.fixture
def sheets():
    theme = ThemeFactory(name="Santé mentale", slug="sante-mentale")
    made = [
        PracticeSheetPageFactory(
            title="Les hirondelles du quartier",
            summary="Associer les habitants aux hirondelles.",
            themes=[theme],
            dispositifs=[taxonomy(Dispositif, "clsm")],
        ),
        PracticeSheetPageFactory(
            title="Compter les hirondelles",
            summary="Un diagnostic des hirondelles avec le CLS.",
            dispositifs=[taxonomy(Dispositif, "cls")],
        ),
        PracticeSheetPageFactory(title="Le martinet noir", summary="Un seul martinet."),
    ]
    rebuild()
    return made


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_search_page_has_one_search_box_and_other_pages_the_header_box(client, sheets):
    html = html_of(client, "/recherche/?q=hirondelles")
    assert len(re.findall(r'<input[^>]*name="q"', html)) == 1
    assert 'class="site-search"' not in html
    assert re.search(
        r'<input[^>]*name="q"[^>]*data-suggestions-url="/recherche/suggestions/"', html
    )

    listing = html_of(client, "/fiches-pratiques/")
    assert re.search(r'<input[^>]*id="site-search-q"[^>]*data-suggestions-url=', listing)
    assert '<script src="/static/search/suggestions.js" defer></script>' in listing

    # The home page's own search box takes the header's place, with the same suggestions.
    home = html_of(client, "/")
    assert len(re.findall(r'<input[^>]*name="q"', home)) == 1
    assert re.search(r'<input[^>]*id="home-search-q"[^>]*data-suggestions-url=', home)


def test_facets_wait_in_a_disclosure_counting_the_active_filters(client, sheets):
    html = html_of(client, "/recherche/?q=hirondelles")
    details = re.search(r"<details[^>]*id=\"facettes\"[^>]*>", html).group(0)
    assert " open" not in details
    assert re.search(r'<div class="filters" role="group" aria-labelledby="facettes-titre">', html)
    assert not re.search(r"<div(?![^>]*role=)[^>]*aria-labelledby", html)
    # The results come before the checkboxes' fieldsets would push them down: count first.
    assert html.index('id="nombre-resultats"') < html.index('id="facettes"')
    assert "filtre actif" not in html

    filtered = html_of(client, "/recherche/?q=hirondelles&dispositif=cls")
    assert 'Affiner et trier <span class="facets-disclosure__count">(1 filtre actif)</span>' in (
        filtered
    )
    remove = re.search(r'<a class="tag tag--link tag--active" href="\?([^"]+)">', filtered)
    assert remove and "dispositif" not in remove.group(1) and "q=hirondelles" in remove.group(1)


def test_counts_are_worded_in_french(client, sheets):
    one = html_of(client, "/recherche/?q=martinet")
    assert "1 résultat pour « martinet »" in one
    assert "1 résultats" not in one
    assert '(1<span class="visually-hidden"> résultat</span>)' in one

    two = html_of(client, "/recherche/?q=hirondelles")
    assert "2 résultats pour « hirondelles »" in two

    none = html_of(client, "/recherche/?q=zzzzzzzz")
    assert "0 résultat pour « zzzzzzzz »" in none


def test_the_search_page_has_a_meta_description_naming_the_query(client, sheets):
    html = html_of(client, "/recherche/?q=hirondelles")
    description = re.search(r'<meta name="description" content="([^"]+)"', html).group(1)
    assert "« hirondelles »" in description and "2 résultats" in description
    assert re.search(r'<meta name="description" content="[^"]+"', html_of(client, "/recherche/"))


def test_facet_values_have_the_listing_labels_sorted_by_them(client, sheets):
    html = html_of(client, "/recherche/?q=hirondelles")
    labels = re.findall(r'<label for="f-dispositif-[^"]+">([^<]+?) <span', html)
    assert labels == ["CLS", "CLSM"]
    assert "Conseil Local de Santé Mentale" not in html
