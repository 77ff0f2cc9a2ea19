"""What the browser tests share: Debian's Chromium driven by Playwright, never a downloaded
browser (``make browser-deps`` installs it). The ``browser`` fixture (root conftest) opens it."""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connections

# Playwright's sync API runs an event loop in the test's thread; the ORM calls made between
# browser steps are ordinary synchronous ones, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The password the root conftest's ``make_user`` gives every account.
TEST_PASSWORD = "mot-de-passe-de-test"  # noqa: S105
needs_chromium = pytest.mark.skipif(
    not shutil.which(CHROMIUM), reason="chromium absent : make browser-deps"
)
# axe-core from package-lock.json (make check-deps), injected into the page under test.
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
needs_axe = pytest.mark.skipif(
    not AXE.exists(), reason="axe-core absent : make check-deps (npm ci)"
)
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map(n => n.target.join(' ')).slice(0, 3)}`);
}"""


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@contextmanager
def chromium():
    """A running Chromium; on the way out the connections the ORM opened while Playwright's
    loop ran are closed too (asgiref sees another context), or PostgreSQL can't drop the test
    database."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()
            connections.close_all()


def axe_violations(page):
    """axe-core's violations on the page as it is now, one readable line each. The context
    needs ``bypass_csp=True``: the reader CSP rightly refuses the injected script."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


def logged_in(browser, live_server, username):
    """A fresh French browser context logged in through the admin login form."""
    context = browser.new_context(locale="fr-FR")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return context, page


def tab_to(page, selector, limit=250):
    """Press Tab until the element matching ``selector`` has the focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} jamais atteint au clavier")
