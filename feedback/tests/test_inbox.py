"""The admin inbox of reader feedback (feedback.wagtail_hooks) and its dashboard panel."""

import re

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import Page

from feedback.models import Feedback, HelpfulVote, Status
from knowledge.factories import PracticeSheetPageFactory
from knowledge.workflows import DRAFTERS_GROUP, MODERATORS_GROUP

pytestmark = pytest.mark.django_db

INBOX = "/admin/retours-lecteurs/"


@pytest.fixture
def report(chapter):
    return Feedback.objects.create(
        page=chapter, category="erreur", message="Message très personnel", email="l@example.org"
    )


@pytest.mark.parametrize("group", [DRAFTERS_GROUP, MODERATORS_GROUP])
def test_working_group_and_moderators_see_the_inbox(client, make_user, report, group):
    client.force_login(make_user("membre", group))
    response = client.get(INBOX)
    assert response.status_code == 200
    assert "Prendre son poste" in response.content.decode()
    edit = client.get(f"{INBOX}edit/{report.pk}/")
    assert edit.status_code == 200
    assert "Message très personnel" in edit.content.decode()


def test_anonymous_readers_are_sent_to_the_login(client, report):
    for url in (INBOX, f"{INBOX}edit/{report.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_account_outside_the_working_group_never_sees_feedback(client, make_user, report):
    reader = make_user("lecteur")  # an account, no group: not even the admin
    client.force_login(reader)
    for url in (INBOX, f"{INBOX}edit/{report.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Message très personnel" not in response.content.decode()
    # With admin access but no feedback permission (e.g. a future role): refused too.
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for url in (INBOX, f"{INBOX}edit/{report.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Message très personnel" not in response.content.decode()
    assert "Retours des lecteurs" not in client.get("/admin/").content.decode()


def test_the_inbox_filters_by_status_category_and_page(client, make_user, chapter, report):
    sheet = PracticeSheetPageFactory(title="Fiche sur le diagnostic")
    Feedback.objects.create(page=sheet, category="obsolete", status=Status.DONE)
    client.force_login(make_user("modo", MODERATORS_GROUP))

    def titles(query):
        html = client.get(INBOX + query).content.decode()
        # The results table only: the page filter's own list names every page with feedback.
        html = "".join(re.findall(r"<tbody.*?</tbody>", html, re.S))
        return {
            title for title in ("Prendre son poste", "Fiche sur le diagnostic") if title in html
        }

    assert titles("") == {"Prendre son poste", "Fiche sur le diagnostic"}
    assert titles("?status=nouveau") == {"Prendre son poste"}
    assert titles("?category=obsolete") == {"Fiche sur le diagnostic"}
    assert titles(f"?page={sheet.pk}") == {"Fiche sur le diagnostic"}


def test_the_dashboard_counts_new_feedback_for_the_working_group(client, make_user, report):
    Feedback.objects.create(page=report.page, category="autre", status=Status.IN_PROGRESS)
    HelpfulVote.objects.create(page=report.page, helpful=False)
    client.force_login(make_user("redac", DRAFTERS_GROUP))
    html = client.get("/admin/").content.decode()
    assert "1 retour nouveau" in html
    assert "1 en cours" in html
    assert "0 oui, 1 non" in html
    assert f"{INBOX}?status=nouveau" in html


def test_marking_handled_links_a_revision_of_that_page(client, markup, make_user, chapter, report):
    moderator = make_user("modo", MODERATORS_GROUP)
    chapter = Page.objects.get(pk=chapter.pk).specific
    revision = chapter.save_revision(user=moderator)
    other_revision = PracticeSheetPageFactory().save_revision()
    client.force_login(moderator)
    url = f"{INBOX}edit/{report.pk}/"

    wrong_page = client.post(
        url, {"status": Status.DONE, "answered_by_revision": other_revision.pk}
    )
    assert wrong_page.status_code == 200  # re-shown with the error
    assert "Sélectionnez un choix valide" in markup.text(wrong_page)
    not_done = client.post(url, {"status": Status.IN_PROGRESS, "answered_by_revision": revision.pk})
    assert "ne peut être liée qu'à un retour « traité »" in markup.text(not_done)
    report.refresh_from_db()
    assert report.status == Status.NEW

    done = client.post(url, {"status": Status.DONE, "answered_by_revision": revision.pk})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.DONE
    assert report.answered_by_revision == revision
    assert report.handled_by == moderator and report.handled_at is not None
    # The reader's own words are read-only: a forged POST cannot change them.
    client.post(url, {"status": Status.DONE, "message": "réécrit", "email": "x@example.org"})
    report.refresh_from_db()
    assert report.message == "Message très personnel" and report.email == "l@example.org"
    assert client.post(url, {"status": Status.IN_PROGRESS}).status_code == 302
    report.refresh_from_db()
    assert report.handled_at is None and report.handled_by is None


def test_nobody_adds_feedback_from_the_admin(client, make_user):
    client.force_login(make_user("modo", MODERATORS_GROUP))
    assert client.get(f"{INBOX}new/").status_code in (302, 403)
