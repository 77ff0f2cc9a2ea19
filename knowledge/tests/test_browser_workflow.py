"""The three personas in a real browser (Debian chromium through Playwright).

A drafter creates a practice sheet and submits it; a second drafter approves it; a moderator
approves it; an anonymous reader then opens it and finds it with the site search.
Run by `make test` (marker `browser`); chromium comes from Debian (`make browser-deps`).
"""

import pytest

from cms.tests.browser import logged_in, needs_chromium
from knowledge.factories import sheet_index_page
from knowledge.models import PracticeSheetPage
from knowledge.workflows import DRAFTERS_GROUP, MODERATORS_GROUP

TITLE = "Accueillir les hirondelles du quartier"
SEARCH_WORD = "hirondelles"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    needs_chromium,
]


def approve_from_dashboard(browser, live_server, username):
    context, page = logged_in(browser, live_server, username)
    row = page.locator("tr", has_text=TITLE)
    row.get_by_role("button", name="Actions").click()
    with page.expect_response(lambda r: "/workflow/action/" in r.url):
        row.get_by_role("button", name="Approuver", exact=True).click()
    page.wait_for_load_state("networkidle")
    context.close()


def test_drafter_submits_peer_and_moderator_approve_reader_finds_it(
    browser, live_server, make_user
):
    make_user("redactrice", DRAFTERS_GROUP)
    make_user("relecteur", DRAFTERS_GROUP)
    make_user("moderatrice", MODERATORS_GROUP)
    index = sheet_index_page()
    index.save_revision().publish()

    # 1. The drafter writes the sheet and submits it to the workflow.
    context, page = logged_in(browser, live_server, "redactrice")
    page.goto(f"{live_server.url}/admin/pages/add/knowledge/practicesheetpage/{index.pk}/")
    page.fill("#id_title", TITLE)
    page.fill(
        "#id_summary",
        "Comment accueillir les hirondelles qui nichent sous les toits des écoles : une fiche "
        "pour associer les habitants à un projet de quartier.",
    )
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    page.click("button[name=action-submit]")
    page.wait_for_url("**/admin/pages/**")
    context.close()
    sheet = PracticeSheetPage.objects.get(title=TITLE)
    assert sheet.current_workflow_task.name == "Relecture par un pair"
    assert not sheet.live

    # 2. A second drafter approves from the dashboard; 3. then a moderator does.
    approve_from_dashboard(browser, live_server, "relecteur")
    sheet = PracticeSheetPage.objects.get(pk=sheet.pk)
    assert sheet.current_workflow_task.name == "Validation"
    approve_from_dashboard(browser, live_server, "moderatrice")
    sheet = PracticeSheetPage.objects.get(pk=sheet.pk)
    assert sheet.live

    # 4. An anonymous reader opens it and finds it by search.
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    response = page.goto(f"{live_server.url}{sheet.url}")
    assert response.status == 200
    assert page.locator("h1").first.inner_text().strip() == TITLE
    page.goto(f"{live_server.url}/recherche/?q={SEARCH_WORD}")
    result = page.get_by_role("link", name=TITLE)
    assert result.count() >= 1
    result.first.click()
    page.wait_for_url(f"{live_server.url}{sheet.url}")
    context.close()
