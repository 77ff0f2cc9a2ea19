"""The glossary where the jargon is, in a real browser (Debian chromium through Playwright).

A keyboard-only reader Tabs to a term in a chapter: its definition is shown and is the link's
accessible description; Escape hides it; Enter opens the term's page. With JavaScript disabled
the definition still shows on focus and the link still reaches the term's page; a mouse shows it
on hover, a finger reaches the term's page. axe-core (shipped in node_modules, no CDN) finds no
violation on the chapter with a definition open, on the term page and on the A–Z page, whose
quick filter narrows the list.
"""

import pytest

from cms.tests.browser import AXE, axe_violations, needs_chromium, tab_to
from knowledge.factories import GlossaryTermFactory, GuideChapterPageFactory

DEFINITION = "Instance de concertation entre élus, psychiatrie, usagers et aidants."

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    needs_chromium,
]


sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect


@pytest.fixture
def chapter(stream):
    GlossaryTermFactory(
        term="Conseil local de santé mentale",
        acronym="CLSM",
        slug="clsm",
        definition=f"<p>{DEFINITION}</p>",
    )
    GlossaryTermFactory(term="Médiation en santé", slug="mediation-en-sante")
    GlossaryTermFactory(term="Maison de santé pluriprofessionnelle", acronym="MSP", slug="msp")
    return GuideChapterPageFactory(
        title="Travailler avec la psychiatrie",
        body=stream(
            ("heading", {"text": "Le CLSM"}),
            ("paragraph", "<p>Le CLSM réunit les partenaires du territoire.</p>"),
        ),
    )


def test_keyboard_reader_opens_a_definition(browser, live_server, chapter):
    context = browser.new_context(locale="fr-FR", bypass_csp=True)  # bypass: axe is injected
    page = context.new_page()
    page.goto(f"{live_server.url}{chapter.url}")
    tip = page.locator("#jargon-clsm")
    expect(tip).to_be_hidden()
    tab_to(page, ".jargon__term")
    term = page.locator(".jargon__term:focus")
    expect(term).to_have_text("CLSM")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(DEFINITION)
    expect(term).to_have_accessible_description(
        "CLSM, Conseil local de santé mentale : " + DEFINITION, ignore_case=False
    )
    assert AXE.exists(), "axe-core absent : npm ci"
    assert axe_violations(page) == []
    page.keyboard.press("Escape")  # dismissed without moving the focus (jargon.js)
    expect(tip).to_be_hidden()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/glossaire/clsm/")
    expect(page.locator("h1")).to_contain_text("Conseil local de santé mentale")
    expect(page.locator("main")).to_contain_text(DEFINITION)
    expect(page.get_by_role("link", name=chapter.title)).to_be_visible()
    assert axe_violations(page) == []
    context.close()


def test_without_javascript_the_definition_still_works(browser, live_server, chapter):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}{chapter.url}")
    tip = page.locator("#jargon-clsm")
    tab_to(page, ".jargon__term")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(DEFINITION)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/glossaire/clsm/")
    expect(page.locator("main")).to_contain_text(DEFINITION)
    # A mouse shows the definition on hover.
    page.goto(f"{live_server.url}{chapter.url}")
    page.mouse.move(0, 0)
    expect(tip).to_be_hidden()
    page.locator(".jargon__term").hover()
    expect(tip).to_be_visible()
    context.close()


def test_a_finger_reaches_the_term_page(browser, live_server, chapter):
    context = browser.new_context(locale="fr-FR", has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{live_server.url}{chapter.url}")
    page.locator(".jargon__term").tap()
    page.wait_for_url(f"{live_server.url}/glossaire/clsm/")
    context.close()


def test_glossary_quick_filter(browser, live_server, chapter):
    context = browser.new_context(locale="fr-FR", bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/glossaire/")
    names = page.locator(".glossary dt").all_inner_texts()
    assert names.index("Médiation en santé") < names.index(
        "MSP Maison de santé pluriprofessionnelle"
    )
    search = page.get_by_label("Filtrer les termes")
    expect(search).to_be_visible()
    search.fill("mediation")
    expect(page.locator(".glossary__entry:visible")).to_have_count(1)
    expect(page.locator("#glossary-filter-count")).to_have_text("1 terme correspond.")
    expect(page.locator("#lettre-c")).to_be_hidden()  # a letter with no match is hidden
    assert axe_violations(page) == []
    search.fill("")
    expect(page.locator(".glossary__entry:visible")).to_have_count(3)
    context.close()
    # Without JavaScript the filter stays hidden; the letters still lead to their terms.
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/glossaire/")
    expect(page.get_by_label("Filtrer les termes")).to_be_hidden()
    page.get_by_role("navigation", name="Lettres du glossaire").get_by_role(
        "link", name="M"
    ).click()
    assert page.url.endswith("#lettre-m")
    context.close()


def test_on_a_narrow_screen_the_definition_stays_inside_the_viewport(browser, live_server, chapter):
    context = browser.new_context(locale="fr-FR", viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{live_server.url}{chapter.url}")
    tab_to(page, ".jargon__term")
    tip = page.locator("#jargon-clsm")
    expect(tip).to_be_visible()
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
