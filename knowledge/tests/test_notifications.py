"""French e-mails of the editorial workflow (knowledge/notifications.py), read from mail.outbox.

Guarantees: the right people are told at each step, in French, with an absolute link to the
item (WAGTAILADMIN_BASE_URL); the reviewer's comment reaches the author; one e-mail per event
and per person (Wagtail's English notifiers are replaced, not doubled); new inline comments
reach the author in French.
"""

import pytest
from django.urls import reverse

from knowledge.factories import PracticeSheetPageFactory, sheet_index_page
from knowledge.models import PracticeSheetPage
from knowledge.workflows import DRAFTERS_GROUP, MODERATORS_GROUP

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


@pytest.fixture
def people(make_user):
    return {
        "author": make_user("redactrice", DRAFTERS_GROUP),
        "peer": make_user("relecteur", DRAFTERS_GROUP),
        "moderator": make_user("moderatrice", MODERATORS_GROUP),
    }


def to(mailoutbox, user):
    return [m for m in mailoutbox if m.to == [user.email]]


@pytest.fixture
def submit(sheet_form_data):
    """`submit(client, author, title=...)`: the author creates a sheet and submits it."""

    def create_and_submit(client, author, title="Fiche à relire"):
        client.force_login(author)
        index = sheet_index_page()
        url = reverse("wagtailadmin_pages:add", args=["knowledge", "practicesheetpage", index.pk])
        client.post(url, sheet_form_data(title, action="action-submit"))
        return PracticeSheetPage.objects.get(title=title)

    return create_and_submit


def test_submission_asks_the_peers_in_french_with_a_link_never_the_submitter(
    client, people, mailoutbox, submit
):
    page = submit(client, people["author"])
    assert to(mailoutbox, people["author"]) == []
    [mail] = to(mailoutbox, people["peer"])
    assert mail.subject == "À relire (Relecture par un pair) : « Fiche à relire »"
    assert f"{BASE}/admin/pages/{page.pk}/edit/" in mail.body
    assert "Redactrice a soumis « Fiche à relire »" in mail.body
    assert "Bonjour Relecteur," in mail.body
    # Moderators are peers too (they may review), so they hear about it once.
    assert len(to(mailoutbox, people["moderator"])) == 1


def test_peer_approval_tells_the_moderators_and_the_author(
    client, people, mailoutbox, post_workflow_action, submit
):
    page = submit(client, people["author"])
    mailoutbox.clear()
    client.force_login(people["peer"])
    post_workflow_action(client, page, "approve", comment="Claire et utile.")
    [to_moderator] = to(mailoutbox, people["moderator"])
    assert to_moderator.subject == "À relire (Validation) : « Fiche à relire »"
    [to_author] = to(mailoutbox, people["author"])
    assert to_author.subject == "Relu et approuvé par un pair : « Fiche à relire »"
    assert "Claire et utile." in to_author.body
    assert "attend maintenant la validation par la modération" in to_author.body
    assert to(mailoutbox, people["peer"]) == []


def test_request_changes_sends_the_reviewers_comment_to_the_author(
    client, people, mailoutbox, post_workflow_action, submit
):
    page = submit(client, people["author"])
    mailoutbox.clear()
    client.force_login(people["peer"])
    post_workflow_action(client, page, "reject", comment="Ajoutez un exemple en QPV.")
    [mail] = to(mailoutbox, people["author"])
    assert mail.subject == "Modifications demandées : « Fiche à relire »"
    assert "Relecteur demande des modifications" in mail.body
    assert "Ajoutez un exemple en QPV." in mail.body
    assert f"{BASE}/admin/pages/{page.pk}/edit/" in mail.body
    assert to(mailoutbox, people["peer"]) == []
    assert len(mailoutbox) == 1  # Wagtail's own notifier does not send a second copy


def test_request_changes_also_reaches_the_owner_when_someone_else_submitted(
    people, mailoutbox, make_user, start_review
):
    page = PracticeSheetPageFactory(live=False, owner=people["author"])
    colleague = make_user("collegue", DRAFTERS_GROUP)
    start_review(page, colleague)
    mailoutbox.clear()
    state = page.current_workflow_task_state
    state.task.specific.on_action(state, people["peer"], "reject", comment="Sources ?")
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted([people["author"].email, colleague.email])
    assert all("Sources ?" in m.body for m in mailoutbox)


def test_publication_gives_the_author_the_public_link(
    client, people, mailoutbox, post_workflow_action, submit
):
    page = submit(client, people["author"])
    client.force_login(people["peer"])
    post_workflow_action(client, page, "approve")
    mailoutbox.clear()
    client.force_login(people["moderator"])
    post_workflow_action(client, page, "approve")
    [mail] = to(mailoutbox, people["author"])
    assert mail.subject == "Validé et publié : « Fiche à relire »"
    assert f"{BASE}/fiches-pratiques/fiche-a-relire/" in mail.body
    assert len(mailoutbox) == 1


def test_a_new_inline_comment_reaches_the_author_in_french(
    client, people, mailoutbox, edit_url, sheet_form_data, submit
):
    page = submit(client, people["author"])  # the creator is subscribed to comments
    mailoutbox.clear()
    client.force_login(people["peer"])
    data = sheet_form_data(page.title, slug=page.slug)
    data.update(
        {
            "comments-TOTAL_FORMS": "1",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
            "comments-0-DELETE": "",
            "comments-0-resolved": "",
            "comments-0-id": "",
            "comments-0-contentpath": "title",
            "comments-0-text": "Le titre pourrait nommer le public visé.",
            "comments-0-position": "",
            "comments-0-replies-TOTAL_FORMS": "0",
            "comments-0-replies-INITIAL_FORMS": "0",
            "comments-0-replies-MIN_NUM_FORMS": "0",
            "comments-0-replies-MAX_NUM_FORMS": "0",
        }
    )
    assert client.post(edit_url(page), data).status_code == 302
    [mail] = to(mailoutbox, people["author"])
    assert mail.subject == "Nouveaux commentaires de Relecteur sur « Fiche à relire »"
    assert "« Le titre pourrait nommer le public visé. »" in mail.body
    assert f"{BASE}/admin/pages/{page.pk}/edit/" in mail.body
