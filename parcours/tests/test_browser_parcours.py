"""A reader walks a parcours in a real browser (Debian chromium through Playwright): progress is
kept in the browser across reloads, shown on the steps and the parcours page, and can be
cleared; « ce qui a changé » shows the notes published since the previous visit.
Run by `make test` (marker `browser`); chromium comes from Debian (`make browser-deps`).
"""

import datetime

import pytest
from django.utils import timezone

from cms.tests.browser import needs_chromium
from knowledge.factories import (
    GlossaryTermFactory,
    GuideChapterPageFactory,
    PracticeSheetPageFactory,
)
from knowledge.models import PageUpdate

pytestmark = [
    pytest.mark.browser,
    # Serialized rollback: the home page made by a migration is back for the second test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    needs_chromium,
]


@pytest.fixture
def walk(make_parcours, settings):
    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 0  # notes are added between visits below
    chapter = GuideChapterPageFactory(title="Prendre son poste")
    sheet = PracticeSheetPageFactory(title="Les cent premiers jours")
    term = GlossaryTermFactory(term="Agence régionale de santé", acronym="ARS")
    PageUpdate.objects.create(
        page=sheet, published_at=timezone.now() - datetime.timedelta(days=2), note="Calendrier."
    )
    parcours = make_parcours("Parcours du nouveau", [chapter, sheet, term])
    return {"parcours": parcours, "chapter": chapter, "sheet": sheet}


def test_a_reader_walks_two_steps_reloads_and_finds_the_progress_kept(browser, live_server, walk):
    context = browser.new_context(locale="fr-FR")
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    url = live_server.url

    # The parcours page, first visit: nothing seen yet; the recent note shows.
    page.goto(url + walk["parcours"].url)
    progress = page.locator(".parcours__progress")
    assert progress.inner_text() == "Aucune étape vue pour l’instant dans ce navigateur."
    assert page.locator("[data-parcours-reset]").is_hidden()
    assert page.get_by_text("Calendrier.").is_visible()

    # Step 1, with the keyboard: focus its link and press Enter.
    page.get_by_role("link", name="Prendre son poste", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(url + walk["chapter"].url)
    nav = page.locator(".parcours-nav")
    assert "Étape 1 sur 3 du parcours" in nav.inner_text()
    assert nav.locator("[data-parcours-progress]").inner_text() == (
        "1 étape vue sur 3 dans ce navigateur."
    )

    # Step 2 through the navigation's « Étape suivante ».
    nav.get_by_role("link", name="Étape suivante").click()
    page.wait_for_url(url + walk["sheet"].url)
    assert "Étape 2 sur 3 du parcours" in page.locator(".parcours-nav").inner_text()
    step_progress = page.locator(".parcours-nav [data-parcours-progress]")
    assert step_progress.inner_text() == "2 étapes vues sur 3 dans ce navigateur."

    # Reloaded, the progress is still there: it lives in the browser.
    page.reload()
    assert step_progress.inner_text() == "2 étapes vues sur 3 dans ce navigateur."

    # Back on the parcours page: steps 1 and 2 marked seen, « reprendre » points at step 3.
    page.goto(url + walk["parcours"].url)
    seen = page.locator(".parcours-step--seen")
    assert seen.count() == 2
    assert seen.first.locator("[data-parcours-seen]").inner_text() == "Déjà vue dans ce navigateur"
    assert progress.inner_text() == "2 étapes vues sur 3 dans ce navigateur."
    resume = page.locator("[data-parcours-resume]")
    assert resume.inner_text() == "Reprendre à l’étape 3 : ARS — Agence régionale de santé"

    # Clearing the progress: nothing marked, the button goes, focus lands on the status line.
    page.get_by_role("button", name="Effacer ma progression").click()
    assert seen.count() == 0
    assert progress.inner_text() == "Aucune étape vue pour l’instant dans ce navigateur."
    assert page.evaluate("document.activeElement.classList.contains('parcours__progress')")
    assert errors == []
    context.close()


def test_what_changed_since_the_last_visit(browser, live_server, walk):
    context = browser.new_context(locale="fr-FR")
    context.set_default_timeout(15_000)
    url = live_server.url + walk["parcours"].url

    first = context.new_page()
    first.goto(url)
    assert first.get_by_text("Calendrier.").is_visible()  # first visit: the recent notes
    first.close()

    # A later visit (a new tab: a new browsing session): the old note is gone, a new one shows.
    PageUpdate.objects.create(page=walk["chapter"], published_at=timezone.now(), note="Nouveau.")
    later = context.new_page()
    later.goto(url)
    assert later.get_by_text("Nouveau.").is_visible()
    assert later.get_by_text("Calendrier.").is_hidden()
    scope = later.locator("[data-parcours-updates-scope]").inner_text()
    assert scope.startswith("Mises à jour des étapes depuis votre dernière visite, le ")

    # Nothing new since: the section says so.
    again = context.new_page()
    again.goto(url)
    assert again.get_by_text("Nouveau.").is_hidden()
    assert again.get_by_text("Rien de nouveau sur les étapes de ce parcours.").is_visible()
    context.close()
