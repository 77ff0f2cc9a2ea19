"""Site-wide checks of the reader site on the demo content, in Debian's Chromium.

Guarantees, on one live page of every concrete page type present in the demo (derived from the
page models, so a page type added later is checked as soon as the demo has a page of it), the
glossary A–Z, the search page with results and facets (with and without a facet applied), the
API docs page and the 404 page:
- axe-core (node_modules, shipped through package-lock.json) reports no violation at 390 px
  and at 1280 px;
- no page scrolls horizontally at 320 px (WCAG 1.4.10, reflow);
- the Nu HTML checker (vnu-jar, Java 17) reports no error on the HTML the server sends;
- every demo practice sheet prints (Chromium, A4) on at most two pages, each carrying text, with
  links followed by their absolute address and a last line giving the page's address, its
  "vérifié le" date and the print date;
- the demo has a visible page of every page type, so none escapes these checks.

The demo is loaded once for the module and every browser step runs in the module fixture: the
live server needs a transactional database, which is emptied after each test, so the tests only
read what the fixture measured. Tools missing (chromium, node_modules, java): the tests skip and
say which command installs them (`make browser-deps`, `make check-deps`).
"""

import datetime
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from wagtail.models import Page, get_page_models

from cms.tests.browser import AXE, launch, needs_axe, needs_chromium
from home.models import HomePage
from knowledge.models import PracticeSheetPage
from knowledge.visibility import visible_glossary_terms, visible_pages

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WIDTHS = (390, 1280)
REFLOW_WIDTH = 320
SEARCH_QUERY = "participation des habitants"
PRINTED_SHEETS = 3
VERIFIED_ON = datetime.date(2026, 3, 1)
MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback: the migrations' content (root, home page, site, groups) is put back
    # before each test, as the previous transactional test left an empty database.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    needs_chromium,
    needs_axe,
]


def french_date(day):
    """The date as the reader site writes it ("1er mars 2026")."""
    return f"{'1er' if day.day == 1 else day.day} {MONTHS.split()[day.month - 1]} {day.year}"


def squeeze(text):
    return re.sub(r"\s+", "", text)


# --- the pages ---------------------------------------------------------------------------------


def restore_migrated_content():
    """The content the migrations create, when a previous transactional test emptied the
    database: Django's own serialized rollback, which TransactionTestCase uses the same way."""
    if not HomePage.objects.exists():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


def load_demo():
    restore_migrated_content()
    # Publishing indexes each page (search.signals): no separate rebuild is needed.
    call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
    # One sheet with a verification date, published as an editor would, for the print footer.
    sheet = PracticeSheetPage.objects.live().order_by("path").first()
    sheet.last_verified_at = VERIFIED_ON
    sheet.save_revision().publish()
    return sheet


def first_page_of_each_type():
    """{page model: its first visible page in tree order}, for every type the demo has."""
    pages = {}
    for page in visible_pages(Page.objects.filter(depth__gt=1)).order_by("path").specific():
        pages.setdefault(type(page), page)
    return pages


def reader_urls(pages):
    """(label, path, expected status) of every page the checks visit."""
    urls = [(model.__name__, page.get_url(), 200) for model, page in pages.items()]
    term = visible_glossary_terms().order_by("slug").first()
    search = "/recherche/?q=" + SEARCH_QUERY.replace(" ", "+")
    urls += [
        ("glossaire A–Z", "/glossaire/", 200),
        ("terme du glossaire", f"/glossaire/{term.slug}/", 200),
        ("recherche avec résultats et facettes", search, 200),
        ("recherche filtrée", search + "&type=fiche-pratique&dispositif=asv", 200),
        ("documentation de l'API", "/api/docs/", 200),
        ("page introuvable", "/cette-page-n-existe-pas/", 404),
    ]
    return urls


# --- what runs in the browser ------------------------------------------------------------------

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  const rules = result.passes.length + result.violations.length + result.incomplete.length;
  return {violations: result.violations, rules};
}"""

# Opens every closed <details>; says how many there were.
OPEN_DETAILS = """() => {
  const closed = [...document.querySelectorAll('details:not([open])')];
  closed.forEach(details => { details.open = true; });
  return closed.length;
}"""

# The elements that stick out of the viewport, to say where a horizontal scroll comes from.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0) {
      const classes = el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
      out.push(`${el.tagName.toLowerCase()}${classes} (${Math.round(box.right)} px)`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, offenders: out.slice(0, 8)};
}"""


def describe_violations(label, width, violations):
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(
            f"{label} @ {width} px — {violation['id']} ({violation['impact']}): "
            f"{violation['help']} — {len(violation['nodes'])} élément(s) : {targets}"
        )
    return lines


def crawl(browser, base, urls, html_dir):
    """Visit every page at each width: axe violations, overflow at 320 px, and the server's HTML
    saved for the Nu checker."""
    found = {"axe": [], "axe_rules": 0, "reflow": [], "status": [], "html": {}, "results": {}}
    # bypass_csp: axe is injected as an inline script, which the site's strict CSP refuses.
    context = browser.new_context(locale="fr-FR", bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    for index, (label, path, status) in enumerate(urls):
        for width in sorted(WIDTHS, reverse=True):
            page.set_viewport_size({"width": width, "height": 844 if width < 1000 else 900})
            response = page.goto(base + path)
            if response.status != status:
                found["status"].append(f"{label} {path}: {response.status} au lieu de {status}")
            if width == max(WIDTHS):
                found["results"][label] = page.locator(".search-results > *").count()
                html = html_dir / f"{index:02d}.html"
                html.write_bytes(response.body())
                found["html"][html.name] = f"{label} ({path})"
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(AXE_RUN)
            found["axe_rules"] = max(found["axe_rules"], result["rules"])
            found["axe"] += describe_violations(label, width, result["violations"])
            # What a phone folds away (facets, report forms in <details>) is checked unfolded too.
            if width < 1000 and page.evaluate(OPEN_DETAILS):
                result = page.evaluate(AXE_RUN)
                found["axe"] += describe_violations(
                    f"{label} (volets ouverts)", width, result["violations"]
                )
        # The narrowest width last, by resizing the page just checked: media queries apply as
        # they would on a page loaded at that width.
        page.set_viewport_size({"width": REFLOW_WIDTH, "height": 700})
        measure = page.evaluate(OVERFLOWING)
        if measure["scrollWidth"] > measure["width"]:
            found["reflow"].append(
                f"{label} ({path}) : {measure['scrollWidth']} px de large pour {measure['width']} ;"
                f" dépassent : {measure['offenders']}"
            )
    context.close()
    return found


def print_sheets(browser, base, sheets, verified):
    """{sheet path: (page texts, link targets printed)} for the longest demo sheets and the
    verified one, printed to A4 (printing all eleven would add seconds and no case)."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    words = {}  # as a reader counts them on screen
    for sheet in sheets:
        page.goto(base + sheet.get_url())
        words[sheet.get_url()] = len(page.inner_text("main").split())
    longest = sorted(words, key=words.get, reverse=True)[:PRINTED_SHEETS]
    page.emulate_media(media="print")
    printed = {}
    for path in dict.fromkeys([*longest, verified.get_url()]):
        page.goto(base + path)
        # The printed links whose address print.css writes out (not anchors, pills, glossary
        # terms, nor those of hidden navigation).
        links = page.eval_on_selector_all(
            "main a[href]",
            "links => links.filter(a => a.getClientRects().length"
            " && getComputedStyle(a, '::after').content !== 'none').map(a => a.href)",
        )
        reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
        printed[path] = (words[path], [p.extract_text() for p in reader.pages], links)
    context.close()
    return printed


@pytest.fixture(scope="module")
def checks(django_db_setup, django_db_blocker, live_server, tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api")
    with django_db_blocker.unblock():
        verified_sheet = load_demo()
        pages = first_page_of_each_type()
        urls = reader_urls(pages)
        sheets = list(PracticeSheetPage.objects.live().order_by("path"))
        html_dir = tmp_path_factory.mktemp("html")
        with sync_api.sync_playwright() as playwright:
            browser = launch(playwright)
            found = crawl(browser, live_server.url, urls, html_dir)
            found["print"] = print_sheets(browser, live_server.url, sheets, verified_sheet)
            browser.close()
        # ORM calls made while Playwright's loop ran got their own connection; close it.
        connections.close_all()
    found.update(
        pages=pages,
        urls=urls,
        html_dir=html_dir,
        base=live_server.url,
        verified_path=verified_sheet.get_url(),
    )
    return found


# --- the tests ---------------------------------------------------------------------------------


def test_the_demo_has_a_visible_page_of_every_page_type(checks):
    expected = {model for model in get_page_models() if model is not Page}
    assert expected - set(checks["pages"]) == set()
    assert not checks["status"], "\n".join(checks["status"])


def test_axe_reports_no_violation_on_any_reader_page_at_390_and_1280_px(checks):
    assert len(checks["urls"]) >= len(checks["pages"]) + 6
    assert checks["axe_rules"] > 40  # axe really ran its rules on the pages
    # The search pages were checked with results (and so with their facets).
    assert checks["results"]["recherche avec résultats et facettes"] >= 3
    assert checks["results"]["recherche filtrée"] >= 1
    assert not checks["axe"], "axe-core :\n" + "\n".join(checks["axe"])


def test_no_reader_page_scrolls_horizontally_at_320_px(checks):
    assert not checks["reflow"], "défilement horizontal :\n" + "\n".join(checks["reflow"])


@pytest.mark.skipif(not shutil.which("java"), reason="java absent : make check-deps")
def test_the_nu_html_checker_reports_no_error(checks):
    files = sorted(checks["html_dir"].glob("*.html"))
    assert len(files) == len(checks["urls"])
    # One Java start for all the pages: the checker takes a few seconds to start.
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{checks['html'][Path(m.get('url', '')).name]} ligne {m.get('lastLine')} : {m['message']}"
        f" — {m.get('extract', '').strip()}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
    assert not errors, "Nu HTML checker :\n" + "\n".join(errors)


def test_the_longest_demo_sheets_print_on_two_a4_pages_with_absolute_addresses(checks):
    base = checks["base"]
    today = french_date(datetime.date.today())
    assert len(checks["print"]) >= PRINTED_SHEETS
    for path, (words, pages, links) in checks["print"].items():
        text = "\n".join(pages)
        # The PDF's text breaks lines inside words and addresses: compared without blanks.
        flat = squeeze(text)
        assert 1 <= len(pages) <= 2, f"{path} ({words} mots) : {len(pages)} pages"
        # More than the page number in the margin: no blank page.
        assert all(len(page.strip()) > 200 for page in pages), f"{path} : une page presque vide"
        assert links, f"{path} : aucun lien imprimé"
        for link in links:
            assert link.startswith(base) or link.startswith("https://"), link
            assert squeeze(f"({link})") in flat, f"{path} : {link} absent de l'impression"
        assert not re.search(r"\(/[a-z]", text), f"{path} : un lien imprimé sans son adresse"
        assert "Navigation principale" not in text and "Rechercher" not in text
        assert squeeze(f"Imprimé depuis {base}{path}") in flat
        assert squeeze(f"imprimé le {today}") in flat, f"{path} : date d'impression"
    longest = max(words for words, _pages, _links in checks["print"].values())
    assert longest >= 550  # a sheet of about 600 words is among those printed
    _words, pages, _links = checks["print"][checks["verified_path"]]
    assert squeeze(f"vérifié le {french_date(VERIFIED_ON)}") in squeeze("".join(pages))
