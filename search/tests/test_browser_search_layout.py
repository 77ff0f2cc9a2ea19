"""The search page and the header search box in a real browser (Debian chromium, Playwright),
on the demo content.

Guarantees (search/views.py, templates/base.html, search/static/search/*.js):
- on a phone (390 × 844), for a query with facets, the first result starts inside the first
  screen: the facets wait in a one-line disclosure after it;
- the header search box offers suggestions by keyboard (ARIA combobox: ArrowDown selects an
  option, Enter opens it) and Escape closes them;
- without JavaScript the header box still searches;
- ticking a facet applies it at once: the URL follows, the focus stays on the box and a live
  region says how many results are left;
- on a wide screen (1280 px) the results column takes at least 55 % of the viewport;
- at 320 px the search page, a listing and a sheet never scroll sideways.
"""

import io

import pytest
from django.core.management.color import no_style

from cms.tests.browser import needs_chromium
from knowledge.demo.loader import DemoLoader
from knowledge.factories import home_page
from search.indexing import rebuild

QUERY = "participation des habitants"
SEARCH_URL = "/recherche/?q=participation+des+habitants"

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback: the home page created by the migrations is back for the next test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    needs_chromium,
]


@pytest.fixture
def demo(settings):
    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 0
    settings.BOUSSOLE_API_SEARCH_RATE = "100000/min"
    settings.BOUSSOLE_SEARCH_SUGGEST_RATE = "100000/min"
    DemoLoader(io.StringIO(), no_style(), verbosity=0).load(home_page())
    rebuild()


def open_page(browser, width, height, **options):
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="fr-FR", **options
    )
    context.set_default_timeout(15_000)
    return context, context.new_page()


def test_on_a_phone_the_first_result_is_on_the_first_screen(browser, live_server, demo):
    context, page = open_page(browser, 390, 844)
    page.goto(live_server.url + SEARCH_URL)
    first = page.locator(".search-results > li").first
    assert page.locator(".search-results > li").count() >= 2
    assert page.locator("input[type=checkbox]").count() >= 5  # the query has facets
    top = first.evaluate("e => e.getBoundingClientRect().top")
    assert 0 < top <= 844
    # One search box: the page's own, not the header's as well.
    assert page.locator("input[name=q]").count() == 1
    # The facets are in a closed disclosure after the count, not before the results.
    assert page.locator("details#facettes").get_attribute("open") is None
    assert "Affiner et trier" in page.locator("details#facettes > summary").inner_text()
    context.close()


def test_header_search_suggests_by_keyboard_and_enter_opens_the_suggestion(
    browser, live_server, demo
):
    context, page = open_page(browser, 390, 844)
    page.goto(live_server.url + "/fiches-pratiques/")
    box = page.locator("#site-search-q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    box.focus()
    box.press_sequentially("habitant", delay=30)
    option = page.locator("#site-search-q-suggestions [role=option]").first
    option.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == "site-search-q-suggestions"

    box.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    label = option.locator(".combobox__label").inner_text()

    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None

    box.press("ArrowDown")  # opens the list again and selects the first suggestion
    assert option.get_attribute("aria-selected") == "true"
    with page.expect_navigation():
        box.press("Enter")
    assert "/recherche/" not in page.url
    assert page.locator("h1").first.inner_text().strip() == label
    context.close()


def test_without_javascript_the_header_box_still_searches(browser, live_server, demo):
    context, page = open_page(browser, 390, 844, java_script_enabled=False)
    page.goto(live_server.url + "/glossaire/")
    page.fill("#site-search-q", QUERY)
    with page.expect_navigation():
        page.press("#site-search-q", "Enter")
    assert "/recherche/?q=participation" in page.url
    assert page.locator(".search-results > li").count() >= 2
    context.close()


def test_a_facet_applies_at_once_and_a_live_region_says_what_changed(browser, live_server, demo):
    context, page = open_page(browser, 390, 844)
    page.goto(live_server.url + SEARCH_URL)
    before = page.locator(".search-results > li").count()
    page.locator("details#facettes > summary").click()
    box = page.locator("input[name=type][value=fiche-pratique]")
    box.check()
    page.wait_for_url("**type=fiche-pratique**")
    live = page.locator("#annonce-recherche")
    page.wait_for_function(
        "() => document.getElementById('annonce-recherche').textContent.includes('résultat')"
    )
    assert f"pour « {QUERY} »" in live.inner_text()
    assert "Type de contenu : Fiche pratique" in live.inner_text()
    after = page.locator(".search-results > li").count()
    assert 0 < after < before
    assert page.evaluate("document.activeElement.id") == "f-type-fiche-pratique"
    assert page.locator("input[name=type][value=fiche-pratique]").is_checked()
    context.close()


def test_on_a_wide_screen_the_results_use_the_width(browser, live_server, demo):
    context, page = open_page(browser, 1280, 900)
    page.goto(live_server.url + SEARCH_URL)
    width = page.locator(".search-layout__results").evaluate("e => e.getBoundingClientRect().width")
    assert width >= 0.55 * 1280
    # The facets stand open beside the results.
    assert page.locator("input[type=checkbox]").first.is_visible()
    context.close()


def test_at_320_px_nothing_scrolls_sideways(browser, live_server, demo):
    context, page = open_page(browser, 320, 700)
    for path in (SEARCH_URL, "/fiches-pratiques/", "/la-boussole/comprendre-les-dispositifs/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 320, path
    context.close()
