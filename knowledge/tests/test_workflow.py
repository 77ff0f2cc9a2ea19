"""The « Relecture et validation » workflow, through Wagtail's real admin views.

Guarantees (knowledge/workflows.py, knowledge/forms.py, knowledge/migrations/0004):
- the migration assigns the workflow to the whole page tree and to the glossary snippet;
- submit → peer approval → moderator approval → live, for pages and glossary terms;
- the submitter can never approve or reject the peer review (no action offered, item locked,
  refused on a direct POST and on a direct call);
- request changes returns the item to its author, who edits and resubmits;
- an edit during review must be re-approved (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT);
- a testimony without recorded consent is refused at submission and at approval, with a French
  message and never a 500.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import Workflow, WorkflowContentType, WorkflowState

from knowledge.demo.accounts import ensure_demo_accounts
from knowledge.demo.workflow_stages import stage_demo_workflow
from knowledge.factories import (
    GlossaryTermFactory,
    PracticeSheetPageFactory,
    TestimonyPageFactory,
    draft_of,
    home_page,
    sheet_index_page,
)
from knowledge.forms import CONSENT_REQUIRED_MESSAGE
from knowledge.models import GlossaryTerm, PracticeSheetPage, TestimonyPage
from knowledge.workflows import (
    DRAFTERS_GROUP,
    MODERATORS_GROUP,
    PEER_REVIEW_TASK_NAME,
    VALIDATION_TASK_NAME,
    WORKFLOW_NAME,
)
from search.indexing import rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    return {
        "author": make_user("redactrice", DRAFTERS_GROUP),
        "peer": make_user("relecteur", DRAFTERS_GROUP),
        "moderator": make_user("moderatrice", MODERATORS_GROUP),
    }


@pytest.fixture
def submit_new_sheet(sheet_form_data):
    """`submit_new_sheet(client, author, title=...)`: the author creates a sheet and submits it."""

    def create_and_submit(client, author, title="Fiche soumise"):
        client.force_login(author)
        index = sheet_index_page()
        url = reverse("wagtailadmin_pages:add", args=["knowledge", "practicesheetpage", index.pk])
        response = client.post(url, sheet_form_data(title, action="action-submit"))
        assert response.status_code == 302, (
            getattr(response, "context", None) and response.context["form"].errors
        )
        return PracticeSheetPage.objects.get(title=title)

    return create_and_submit


def test_migration_assigns_the_workflow_to_the_page_tree_and_the_glossary():
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert [t.name for t in workflow.tasks] == [PEER_REVIEW_TASK_NAME, VALIDATION_TASK_NAME]
    sheet = PracticeSheetPageFactory()
    assert sheet.get_workflow() == workflow
    assert home_page().get_workflow() == workflow
    assert WorkflowContentType.objects.get(workflow=workflow).content_type.model == "glossaryterm"
    assert GlossaryTermFactory().get_workflow() == workflow


def test_complete_path_submit_peer_then_moderator_then_live(
    client, people, fresh, post_workflow_action, submit_new_sheet, task_name
):
    page = submit_new_sheet(client, people["author"])
    assert not page.live
    assert task_name(page) == PEER_REVIEW_TASK_NAME

    client.force_login(people["peer"])
    post_workflow_action(client, page, "approve")
    assert task_name(page) == VALIDATION_TASK_NAME
    assert not fresh(page).live

    client.force_login(people["moderator"])
    post_workflow_action(client, page, "approve")
    page = fresh(page)
    assert page.live
    assert task_name(page) is None
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == WorkflowState.STATUS_APPROVED
    client.logout()
    assert client.get(page.url).status_code == 200


def test_a_drafter_cannot_approve_the_validation_step(
    client, people, fresh, post_workflow_action, submit_new_sheet, task_name
):
    page = submit_new_sheet(client, people["author"])
    client.force_login(people["peer"])
    post_workflow_action(client, page, "approve")
    assert task_name(page) == VALIDATION_TASK_NAME
    post_workflow_action(client, page, "approve")  # the peer tries the moderators' step
    assert task_name(page) == VALIDATION_TASK_NAME
    assert not fresh(page).live


class TestSelfApproval:
    def test_no_action_offered_and_item_locked_for_the_submitter(
        self, client, people, fresh, submit_new_sheet
    ):
        page = submit_new_sheet(client, people["author"])
        task = fresh(page).current_workflow_task
        assert task.get_actions(page, people["author"]) == []
        assert task.locked_for_user(page, people["author"])
        assert [a[0] for a in task.get_actions(page, people["peer"])] == [
            "reject",
            "approve",
            "approve",
        ]
        assert not task.locked_for_user(page, people["peer"])
        assert not task.get_task_states_user_can_moderate(people["author"]).exists()
        assert task.get_task_states_user_can_moderate(people["peer"]).exists()

    @pytest.mark.parametrize("action", ["approve", "reject"])
    def test_direct_post_to_the_workflow_action_view_is_refused(
        self, client, people, action, fresh, post_workflow_action, submit_new_sheet, task_name
    ):
        page = submit_new_sheet(client, people["author"])
        response = post_workflow_action(client, page, action, comment="Je me relis moi-même.")
        assert response.status_code in (302, 403)
        assert task_name(page) == PEER_REVIEW_TASK_NAME
        state = fresh(page).current_workflow_task_state
        assert state.status == state.STATUS_IN_PROGRESS

    def test_direct_post_to_the_editor_is_refused(
        self, client, people, edit_url, sheet_form_data, submit_new_sheet, task_name
    ):
        page = submit_new_sheet(client, people["author"])
        data = sheet_form_data(page.title, slug=page.slug, **{"action-workflow-action": "1"})
        data["workflow-action-name"] = "approve"
        client.post(edit_url(page), data)
        assert task_name(page) == PEER_REVIEW_TASK_NAME

    def test_direct_call_is_refused_even_for_a_superuser_who_submitted(
        self, people, fresh, make_user, start_review, task_name
    ):
        boss = make_user("cheffe", is_superuser=True)
        page = PracticeSheetPageFactory(live=False)
        start_review(page, boss)
        page = fresh(page)
        with pytest.raises(PermissionDenied):
            page.current_workflow_task.on_action(page.current_workflow_task_state, boss, "approve")
        assert task_name(page) == PEER_REVIEW_TASK_NAME
        # A moderator is a peer too, but not for their own submission.
        mod_page = PracticeSheetPageFactory(live=False)
        start_review(mod_page, people["moderator"])
        mod_page = fresh(mod_page)
        assert mod_page.current_workflow_task.get_actions(mod_page, people["moderator"]) == []


def test_request_changes_returns_to_the_author_who_resubmits(
    client,
    people,
    edit_url,
    fresh,
    post_workflow_action,
    sheet_form_data,
    submit_new_sheet,
    task_name,
):
    page = submit_new_sheet(client, people["author"])
    client.force_login(people["peer"])
    post_workflow_action(client, page, "reject", comment="Ajoutez un exemple concret.")
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Ajoutez un exemple concret."

    client.force_login(people["author"])
    data = sheet_form_data(page.title, slug=page.slug, action="action-submit")
    data["summary"] = "Avec un exemple concret."
    assert client.post(edit_url(page), data).status_code == 302
    page = fresh(page)
    assert task_name(page) == PEER_REVIEW_TASK_NAME
    assert page.get_latest_revision_as_object().summary == "Avec un exemple concret."


def test_an_edit_during_validation_must_be_re_approved_by_a_peer(
    client,
    people,
    settings,
    edit_url,
    fresh,
    post_workflow_action,
    sheet_form_data,
    submit_new_sheet,
    task_name,
):
    assert settings.WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT is True
    page = submit_new_sheet(client, people["author"])
    client.force_login(people["peer"])
    post_workflow_action(client, page, "approve")
    client.force_login(people["moderator"])
    data = sheet_form_data(page.title, slug=page.slug)
    data["summary"] = "Changé pendant la validation."
    client.post(edit_url(page), data)
    post_workflow_action(client, page, "approve")
    page = fresh(page)
    assert not page.live
    assert task_name(page) == PEER_REVIEW_TASK_NAME  # the change goes back to a peer
    client.force_login(people["peer"])
    post_workflow_action(client, page, "approve")
    client.force_login(people["moderator"])
    post_workflow_action(client, page, "approve")
    page = fresh(page)
    assert page.live
    assert page.summary == "Changé pendant la validation."


def test_glossary_term_goes_through_the_same_workflow(client, people, start_review):
    term = GlossaryTermFactory(live=False, term="Atelier santé ville", acronym="ASV")
    start_review(term, people["author"])

    def act(user, action):
        term_now = GlossaryTerm.objects.get(pk=term.pk)
        client.force_login(user)
        url = reverse(
            "wagtailsnippets_knowledge_glossaryterm:workflow_action",
            args=[term.pk, action, term_now.current_workflow_task_state.pk],
        )
        client.post(url, {"comment": ""})
        return GlossaryTerm.objects.get(pk=term.pk)

    assert act(people["author"], "approve").current_workflow_task.name == PEER_REVIEW_TASK_NAME
    assert act(people["peer"], "approve").current_workflow_task.name == VALIDATION_TASK_NAME
    term = act(people["moderator"], "approve")
    assert term.live
    assert term.current_workflow_task is None


class TestConsent:
    def test_submitting_a_testimony_without_consent_is_refused_with_a_message(
        self, client, people, edit_url, form_data_for_testimony, shows, task_name
    ):
        page = TestimonyPageFactory(live=False, consent_given=False, consent_date=None)
        client.force_login(people["author"])
        response = client.post(edit_url(page), form_data_for_testimony(page, "action-submit"))
        assert response.status_code == 200
        assert shows(response, CONSENT_REQUIRED_MESSAGE)
        assert task_name(page) is None

    def test_submitting_with_consent_is_accepted(
        self, client, people, edit_url, form_data_for_testimony, task_name
    ):
        page = TestimonyPageFactory(live=False, consent_given=False, consent_date=None)
        client.force_login(people["author"])
        data = form_data_for_testimony(
            page, "action-submit", consent_given="on", consent_date="2026-05-04"
        )
        assert client.post(edit_url(page), data).status_code == 302
        assert task_name(page) == PEER_REVIEW_TASK_NAME

    def test_requesting_changes_on_a_testimony_without_consent_stays_possible(
        self, client, people, edit_url, form_data_for_testimony, start_review
    ):
        page = TestimonyPageFactory(live=False, consent_given=False, consent_date=None)
        start_review(page, people["author"])
        client.force_login(people["peer"])
        data = form_data_for_testimony(page, "action-workflow-action")
        data["workflow-action-name"] = "reject"
        data["workflow-action-extra-data"] = '{"comment": "Il manque le consentement."}'
        assert client.post(edit_url(page), data).status_code == 302
        state = WorkflowState.objects.get(object_id=str(page.pk))
        assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    def test_approving_from_the_editor_without_consent_shows_the_message(
        self, client, people, edit_url, form_data_for_testimony, shows, start_review, task_name
    ):
        page = TestimonyPageFactory(live=False, consent_given=False, consent_date=None)
        start_review(page, people["author"])
        client.force_login(people["peer"])
        data = form_data_for_testimony(page, "action-workflow-action")
        data["workflow-action-name"] = "approve"
        response = client.post(edit_url(page), data)
        assert response.status_code == 200
        assert shows(response, CONSENT_REQUIRED_MESSAGE)
        assert task_name(page) == PEER_REVIEW_TASK_NAME

    @pytest.mark.parametrize("step", [PEER_REVIEW_TASK_NAME, VALIDATION_TASK_NAME])
    def test_approving_from_the_dashboard_without_consent_is_refused_not_a_500(
        self, client, people, step, fresh, post_workflow_action, shows, start_review, task_name
    ):
        page = TestimonyPageFactory(live=False)  # consent recorded when submitted
        start_review(page, people["author"])
        if step == VALIDATION_TASK_NAME:
            client.force_login(people["peer"])
            post_workflow_action(client, page, "approve")
        # Consent withdrawn in a later draft, while the item waits for `step`.
        draft = fresh(page)
        draft.consent_given = False
        draft.save_revision(user=people["moderator"])
        reviewer = people["peer"] if step == PEER_REVIEW_TASK_NAME else people["moderator"]
        client.force_login(reviewer)

        response = post_workflow_action(client, page, "approve")
        assert response.status_code == 302
        followed = client.get(response["Location"], follow=True)
        assert followed.status_code == 200
        assert shows(followed, CONSENT_REQUIRED_MESSAGE)
        page = fresh(page)
        assert task_name(page) == step
        assert not page.live
        assert not TestimonyPage.objects.live().filter(pk=page.pk).exists()


def test_approved_with_a_go_live_date_waits_for_publish_scheduled(
    client, people, fresh, post_workflow_action, start_review
):
    """Scheduled publication: the moderators' approval schedules, publish_scheduled publishes."""
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    page = PracticeSheetPageFactory(live=False, owner=people["author"])
    page.go_live_at = timezone.now() + datetime.timedelta(days=2)
    start_review(page, people["author"])
    client.force_login(people["peer"])
    post_workflow_action(client, page, "approve")
    client.force_login(people["moderator"])
    post_workflow_action(client, page, "approve")
    page = fresh(page)
    assert not page.live
    revision = page.scheduled_revision
    assert revision is not None

    call_command("publish_scheduled")
    assert not fresh(page).live  # not yet: the date is in two days

    # Time passes: the approved date (and the date inside the revision) is now behind us.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    assert fresh(page).live


class TestNothingUnpublishedReachesReaders:
    """Drafts, items in review and newer draft revisions stay out of every reader channel."""

    SECRET = "confidentielissime"

    @pytest.fixture
    def items(self, people, fresh, start_review):
        draft = PracticeSheetPageFactory(
            title=f"Brouillon {self.SECRET}", live=False, owner=people["author"]
        )
        in_review = PracticeSheetPageFactory(
            title=f"En relecture {self.SECRET}", live=False, owner=people["author"]
        )
        start_review(in_review, people["author"])
        state = fresh(in_review).current_workflow_task_state
        state.task.specific.on_action(state, people["peer"], "approve")  # awaits validation
        live = PracticeSheetPageFactory(title="Fiche publiée", owner=people["author"])
        draft_of(live, title=f"Fiche publiée {self.SECRET}", summary=self.SECRET)
        rebuild()
        return {"draft": draft, "in_review": in_review, "live": live}

    def test_page_urls(self, client, items):
        for key in ("draft", "in_review"):
            assert client.get(f"/fiches-pratiques/{items[key].slug}/").status_code == 404
        response = client.get(items["live"].url)
        assert response.status_code == 200
        assert self.SECRET not in response.content.decode()

    def test_listing(self, client, items):
        response = client.get(sheet_index_page().url)
        content = response.content.decode()
        assert response.status_code == 200
        assert "Fiche publiée" in content
        assert self.SECRET not in content

    def test_search(self, client, items):
        response = client.get("/recherche/", {"q": self.SECRET})
        assert response.status_code == 200
        content = response.content.decode()  # the query itself is echoed back: look for items
        for title in (f"Brouillon {self.SECRET}", f"En relecture {self.SECRET}"):
            assert title not in content
        assert f"Fiche publiée {self.SECRET}" not in content
        for key in ("draft", "in_review", "live"):
            assert f"/fiches-pratiques/{items[key].slug}/" not in content
        # Control: the live version itself is searchable, so the engine did answer.
        found = client.get("/recherche/", {"q": "Fiche publiée"}).content.decode()
        assert f"/fiches-pratiques/{items['live'].slug}/" in found

    def test_api(self, client, items):
        listing = client.get("/api/v2/pages/", {"type": "knowledge.PracticeSheetPage"})
        assert listing.status_code == 200
        titles = {item["title"] for item in listing.json()["items"]}
        assert titles == {"Fiche publiée"}
        for key in ("draft", "in_review"):
            assert client.get(f"/api/v2/pages/{items[key].pk}/").status_code == 404
        detail = client.get(f"/api/v2/pages/{items['live'].pk}/")
        assert detail.status_code == 200
        assert self.SECRET not in detail.content.decode()


class TestDemoWorkflowStages:
    """knowledge/demo/workflow_stages.py: one demo item at each stage, idempotent."""

    @pytest.fixture
    def staged(self, settings, tmp_path):
        from io import StringIO

        settings.BOUSSOLE_DEMO_ACCOUNTS = True
        settings.BOUSSOLE_DEMO_ACCOUNTS_FILE = tmp_path / "demo-accounts.txt"
        sheet_index_page()
        ensure_demo_accounts(StringIO())
        return stage_demo_workflow(StringIO())

    def test_one_item_at_each_stage(self, staged, fresh):
        from django.contrib.auth import get_user_model

        pages = {p.slug: p for p in PracticeSheetPage.objects.filter(slug__in=staged)}
        assert len(pages) == 4
        assert not any(p.live for p in pages.values())
        status = {
            slug: (
                p.current_workflow_state.status if p.current_workflow_state else None,
                p.current_workflow_task.name if p.current_workflow_task else None,
            )
            for slug, p in pages.items()
        }
        assert sorted(status.values(), key=str) == sorted(
            [
                (None, None),
                (WorkflowState.STATUS_IN_PROGRESS, PEER_REVIEW_TASK_NAME),
                (WorkflowState.STATUS_IN_PROGRESS, VALIDATION_TASK_NAME),
                (WorkflowState.STATUS_NEEDS_CHANGES, None),
            ],
            key=str,
        )
        users = {u.username: u for u in get_user_model().objects.all()}
        queue = fresh(
            pages["demo-a-valider-organiser-une-marche-exploratoire"]
        ).current_workflow_task
        assert queue.get_task_states_user_can_moderate(users["moderatrice"]).exists()
        waiting = fresh(pages["demo-a-relire-preparer-un-comite-de-pilotage"]).current_workflow_task
        assert waiting.get_task_states_user_can_moderate(users["relecteur"]).exists()
        returned = pages["demo-a-reprendre-cartographier-les-partenaires"].current_workflow_state
        assert "exemple de carte" in returned.current_task_state.comment

    def test_a_second_run_changes_nothing(self, staged):
        from io import StringIO

        from wagtail.models import TaskState

        counts = (PracticeSheetPage.objects.count(), TaskState.objects.count())
        assert stage_demo_workflow(StringIO()) == []
        assert (PracticeSheetPage.objects.count(), TaskState.objects.count()) == counts

    def test_without_demo_accounts_nothing_is_staged(self):
        from io import StringIO

        sheet_index_page()
        assert stage_demo_workflow(StringIO()) == []
        assert not PracticeSheetPage.objects.exists()


def test_refusal_view_is_admin_only_read_only_and_404_for_unknown_states(
    client, people, edit_url, fresh, shows, start_review, task_name
):
    page = PracticeSheetPageFactory(live=False)
    start_review(page, people["author"])
    state = fresh(page).current_workflow_task_state
    url = reverse("boussole_workflow_refused", args=[state.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert "/admin/login/" in client.get(url)["Location"]
    client.force_login(people["peer"])
    response = client.get(url, {"reason": "invalid"}, follow=True)
    assert response.redirect_chain[-1][0] == edit_url(page)
    assert shows(response, "La validation a échoué")
    assert task_name(page) == PEER_REVIEW_TASK_NAME
    assert fresh(page).current_workflow_task_state.status == state.STATUS_IN_PROGRESS
    missing = reverse("boussole_workflow_refused", args=[state.pk + 1000])
    assert client.get(missing).status_code == 404


def test_a_drafter_submits_a_new_glossary_term_from_the_snippet_editor(client, people):
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    client.force_login(people["author"])
    data = nested_form_data(
        {
            "term": "Programme régional d'accès à la prévention et aux soins",
            "acronym": "PRAPS",
            "definition": rich_text("<p>Volet du projet régional de santé.</p>"),
            "slug": "",
            "action-submit": "1",
        }
    )
    response = client.post(reverse("wagtailsnippets_knowledge_glossaryterm:add"), data)
    assert response.status_code == 302
    term = GlossaryTerm.objects.get(acronym="PRAPS")
    assert not term.live
    assert term.current_workflow_task.name == PEER_REVIEW_TASK_NAME


@pytest.mark.parametrize("role, publishes", [("author", False), ("moderator", True)])
def test_only_moderators_publish_a_glossary_term_from_the_snippet_editor(
    client, people, role, publishes
):
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    term = GlossaryTermFactory(live=False, term="Atelier santé ville", acronym="ASV")
    client.force_login(people[role])
    data = nested_form_data(
        {
            "term": term.term,
            "acronym": term.acronym,
            "definition": rich_text("<p>Démarche locale de santé.</p>"),
            "slug": term.slug,
            "action-publish": "1",
        }
    )
    client.post(reverse("wagtailsnippets_knowledge_glossaryterm:edit", args=[term.pk]), data)
    assert GlossaryTerm.objects.get(pk=term.pk).live is publishes


def test_a_peer_can_preview_the_sheet_under_review(client, people, fresh, start_review):
    page = PracticeSheetPageFactory(live=False, title="Fiche à prévisualiser")
    start_review(page, people["author"])
    client.force_login(people["peer"])
    task = fresh(page).current_workflow_task
    response = client.get(reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task.pk]))
    assert response.status_code == 200
    assert "Fiche à prévisualiser" in response.content.decode()
