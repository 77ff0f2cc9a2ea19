"""Reader feedback in a real browser (Debian chromium through Playwright).

A keyboard-only reader reports an outdated chapter; a moderator sees it counted on the dashboard,
opens it from there and marks it handled with the revision that answered it; with JavaScript
disabled the vote and the report still work; a logged-in editor gets the userbar on the public
page without any Content-Security-Policy violation.
"""

import pytest

from cms.tests.browser import axe_violations, logged_in, needs_axe, needs_chromium, tab_to
from feedback.models import Feedback, HelpfulVote, Status
from knowledge.factories import GuideChapterPageFactory
from knowledge.workflows import MODERATORS_GROUP

pytestmark = [
    pytest.mark.browser,
    # The home page and the roles come from migrations: restored after each test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    needs_chromium,
]


@pytest.fixture
def chapter():
    chapter = GuideChapterPageFactory(title="Prendre son poste")
    chapter.save_revision().publish()
    return chapter


def test_keyboard_reader_reports_and_moderator_handles_it(browser, live_server, make_user, chapter):
    make_user("moderatrice", MODERATORS_GROUP)

    # 1. A reader, keyboard only, reports the chapter as outdated.
    context = browser.new_context(locale="fr-FR")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}{chapter.url}")
    tab_to(page, "input[name=category][value=obsolete]")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "message"
    page.keyboard.type("Le numéro de la délégation départementale a changé.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "email"
    page.keyboard.press("Tab")  # the honeypot is never focused: straight to the button
    assert page.evaluate("document.activeElement.textContent.trim()") == "Envoyer"
    page.keyboard.press("Enter")
    page.wait_for_url("**/merci/**")
    assert "a bien été enregistré" in page.locator("main").inner_text()
    context.close()
    feedback = Feedback.objects.get()
    assert feedback.category == "obsolete" and feedback.status == Status.NEW

    # 2. The moderator sees it on the dashboard, opens it and marks it handled.
    context, page = logged_in(browser, live_server, "moderatrice")
    page.get_by_role("link", name="1 retour nouveau").click()
    page.get_by_role("link", name="Information obsolète").click()
    # Read the report once its page has loaded: right after the click, <main> may still be
    # the one being replaced (an empty text on a loaded machine).
    page.wait_for_url("**/retours-lecteurs/edit/**")
    page.wait_for_load_state()
    assert "délégation départementale" in page.locator("main").inner_text()
    page.select_option("select[name=status]", Status.DONE)
    page.select_option("select[name=answered_by_revision]", index=1)
    page.locator("button[type=submit]", has_text="Enregistrer").first.click()
    page.wait_for_url("**/retours-lecteurs/")
    context.close()
    feedback.refresh_from_db()
    assert feedback.status == Status.DONE
    assert feedback.answered_by_revision_id == chapter.latest_revision_id
    assert feedback.handled_by.username == "moderatrice"


def test_without_javascript_the_vote_and_the_report_still_work(browser, live_server, chapter):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}{chapter.url}")
    page.get_by_role("button", name="Non", exact=True).click()
    page.wait_for_url("**/merci/?envoi=non")
    page.get_by_role("link", name="Signaler une erreur ou proposer une mise à jour").click()
    page.get_by_label("Erreur", exact=True).check()
    page.get_by_label("Votre adresse e-mail (facultatif)").fill("pas-une-adresse")
    page.get_by_role("button", name="Envoyer").click()
    assert "n'est pas valide" in page.locator("main").inner_text()  # re-shown, in French
    assert not Feedback.objects.exists()
    page.get_by_label("Votre adresse e-mail (facultatif)").fill("lectrice@example.org")
    page.get_by_role("button", name="Envoyer").click()
    page.wait_for_url("**/merci/**")
    context.close()
    assert HelpfulVote.objects.get().helpful is False
    assert Feedback.objects.get().email == "lectrice@example.org"


def test_the_userbar_works_for_an_editor_under_the_reader_csp(
    browser, live_server, make_user, chapter
):
    make_user("moderatrice", MODERATORS_GROUP)
    context, page = logged_in(browser, live_server, "moderatrice")
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    page.goto(f"{live_server.url}{chapter.url}")
    # Wait until userbar.js has defined the element and filled its shadow root.
    page.wait_for_function("customElements.get('wagtail-userbar') !== undefined")
    trigger = page.locator("wagtail-userbar").locator("#wagtail-userbar-trigger")
    trigger.wait_for(state="visible")
    edit = page.locator("wagtail-userbar").get_by_role("menuitem", name="Modifier cette page")
    for _ in range(3):  # the first click may land before the trigger's listener is attached
        trigger.click()
        try:
            edit.wait_for(state="visible", timeout=3_000)
            break
        except Exception:
            continue
    assert edit.is_visible()
    assert edit.get_attribute("href").endswith(f"/admin/pages/{chapter.pk}/edit/")
    assert violations == []
    context.close()


@needs_axe
def test_axe_finds_no_violation_in_the_widget_the_errors_and_the_confirmation(
    browser, live_server, chapter
):
    # bypass_csp: axe is injected as an inline script, which the reader CSP rightly refuses.
    context = browser.new_context(locale="fr-FR", bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    found = {}

    def check(label):
        found[label] = axe_violations(page)

    page.goto(f"{live_server.url}{chapter.url}")
    check("chapitre avec le formulaire")
    page.get_by_label("Votre adresse e-mail (facultatif)").fill("pas-une-adresse")
    page.locator("#signaler button[type=submit]").click()
    page.wait_for_load_state()
    check("formulaire réaffiché avec ses erreurs")
    page.get_by_label("Information obsolète").check()
    page.get_by_label("Votre adresse e-mail (facultatif)").fill("")
    page.get_by_role("button", name="Envoyer").click()
    page.wait_for_url("**/merci/**")
    check("confirmation")
    context.close()
    assert found == {label: [] for label in found}
