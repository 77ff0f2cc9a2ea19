"""Update notes (knowledge.updates), page referents, the stale notice and the userbar."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.models import Page, Revision

from home.models import HomePage
from knowledge.factories import GuideChapterPageFactory, PracticeSheetPageFactory
from knowledge.models import PageUpdate, PracticeSheetPage
from knowledge.workflows import DRAFTERS_GROUP, MODERATORS_GROUP

pytestmark = pytest.mark.django_db


def publish(page, **changes):
    page = Page.objects.get(pk=page.pk).specific
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision()
    revision.publish()
    return Page.objects.get(pk=page.pk).specific, revision


# --- update notes --------------------------------------------------------------------------------


def test_a_published_note_becomes_a_page_update_and_is_emptied(client, markup):
    sheet = PracticeSheetPageFactory(title="Mobiliser les élus")
    live, revision = publish(sheet, update_note="Coordonnées de l'ARS mises à jour.")

    update = PageUpdate.objects.get()
    assert (update.page_id, update.revision_id, update.note) == (
        sheet.pk,
        revision.pk,
        "Coordonnées de l'ARS mises à jour.",
    )
    assert update.published_at == live.last_published_at
    assert live.update_note == ""
    # The editor starts from the latest revision: the next publication starts without the note.
    assert Revision.objects.get(pk=revision.pk).content["update_note"] == ""
    assert live.get_latest_revision_as_object().update_note == ""

    html = markup.text(client.get(live.url))
    history = re.search(r'<section class="update-history".*?</section>', html, re.S).group(0)
    assert "Historique des mises à jour" in history
    assert "Coordonnées de l'ARS mises à jour." in history


def test_a_publication_without_note_adds_nothing_and_history_is_newest_first(client, markup):
    chapter = GuideChapterPageFactory(title="Le diagnostic")
    publish(chapter, update_note="Première note.")
    publish(chapter, summary="Sans note cette fois.")
    publish(chapter, update_note="Deuxième note.")

    assert list(PageUpdate.objects.values_list("note", flat=True)) == [
        "Deuxième note.",
        "Première note.",
    ]
    html = markup.text(client.get(chapter.url))
    assert html.index("Deuxième note.") < html.index("Première note.")


def test_a_draft_note_is_never_shown_to_readers(client, markup):
    sheet = PracticeSheetPageFactory()
    page = Page.objects.get(pk=sheet.pk).specific
    page.update_note = "Note d'un brouillon."
    page.save_revision()
    assert not PageUpdate.objects.exists()
    assert "Note d'un brouillon." not in markup.text(client.get(sheet.url))


def test_the_home_page_lists_updates_with_their_note(client, markup):
    sheet = PracticeSheetPageFactory(title="Animer un comité de pilotage")
    publish(sheet, update_note="Nouvelle trame d'ordre du jour.")
    GuideChapterPageFactory(title="Chapitre sans note")

    html = markup.text(client.get("/"))
    latest = re.search(r'<section class="latest".*?</section>', html, re.S).group(0)
    assert "Animer un comité de pilotage" in latest
    assert "Nouvelle trame d'ordre du jour." in latest
    assert "Chapitre sans note" in latest


def test_the_home_page_never_lists_an_unpublished_pages_note(client, markup):
    sheet = PracticeSheetPageFactory(title="Fiche retirée")
    live, _revision = publish(sheet, update_note="Note de la fiche retirée.")
    live.unpublish()
    html = markup.text(client.get("/"))
    assert "Note de la fiche retirée." not in html


def test_the_home_page_costs_the_same_with_2_or_8_noted_updates(client, settings):
    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 0
    HomePage.objects.update(latest_count=10)

    def cost():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    for n in range(2):
        publish(PracticeSheetPageFactory(), update_note=f"Note {n}.")
    small = cost()
    for n in range(6):
        publish(PracticeSheetPageFactory(), update_note=f"Note {n + 2}.")
    assert cost() == small


# --- freshness: verification date, stale notice, referent ------------------------------------


def test_verified_on_and_the_stale_notice_invite_feedback(client, markup):
    today = timezone.localdate()
    stale = PracticeSheetPageFactory(
        title="Fiche ancienne",
        last_verified_at=datetime.date(2025, 3, 3),
        next_review_at=today - datetime.timedelta(days=45),
    )
    fresh = PracticeSheetPageFactory(
        title="Fiche à jour", next_review_at=today + datetime.timedelta(days=90)
    )

    html = markup.text(client.get(stale.url))
    assert "vérifié le" in html.lower() and "3 mars 2025" in html
    notice = re.search(r'<p class="stale-notice".*?</p>', html, re.S).group(0)
    assert "Cette page n'a pas été revue depuis le" in notice and "3 mars 2025" in notice
    assert 'href="#signaler"' in notice
    assert 'id="signaler"' in html
    assert "stale-notice" not in client.get(fresh.url).content.decode()


def test_the_referent_is_limited_to_the_working_group_and_moderators(make_user):
    drafter = make_user("redac", DRAFTERS_GROUP)
    moderator = make_user("modo", MODERATORS_GROUP)
    outsider = make_user("lecteur")
    form_class = PracticeSheetPage.get_edit_handler().get_form_class()
    choices = form_class(instance=PracticeSheetPageFactory(), for_user=moderator)
    queryset = choices.fields["referent"].queryset
    assert set(queryset) == {drafter, moderator}
    assert outsider not in queryset


def test_the_content_to_review_panel_names_the_referent(client, make_user):
    moderator = make_user("modo", MODERATORS_GROUP, last_name="Martin")
    referent = make_user("camille", DRAFTERS_GROUP, last_name="Durand")
    sheet = PracticeSheetPageFactory(
        next_review_at=timezone.localdate() - datetime.timedelta(days=3), referent=referent
    )
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert "Contenus à relire" in html
    row = html[html.index(sheet.title) :]
    row = row[: row.index("</tr>")]
    assert "Camille Durand" in row


def test_the_referent_is_in_the_page_editor(client, make_user):
    moderator = make_user("modo", MODERATORS_GROUP)
    sheet = PracticeSheetPageFactory()
    client.force_login(moderator)
    html = client.get(f"/admin/pages/{sheet.pk}/edit/").content.decode()
    assert 'name="referent"' in html and 'name="update_note"' in html


# --- userbar ---------------------------------------------------------------------------------


def test_editors_see_the_userbar_on_public_pages_and_anonymous_readers_do_not(client, make_user):
    sheet = PracticeSheetPageFactory()
    anonymous = client.get(sheet.url).content.decode()
    assert "wagtail-userbar" not in anonymous

    client.force_login(make_user("redac", DRAFTERS_GROUP))
    response = client.get(sheet.url)
    html = response.content.decode()
    assert "<wagtail-userbar" in html
    assert f"/admin/pages/{sheet.pk}/edit/" in html  # « Modifier cette page »
    # The strict reader CSP still holds: the userbar's scripts are files of this site.
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    for src in re.findall(r'<script[^>]*src="([^"]+)"', html):
        assert src.startswith(("/", "http://testserver/"))
    # No inline script (JSON data blocks are not executed, so CSP does not apply to them).
    assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>\s*\S", html)
