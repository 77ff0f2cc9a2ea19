"""The role × action matrix, played through Wagtail's real admin views.

Roles come from migration knowledge/0004 (Groupe de travail, Modération, Administration);
readers are anonymous. Each case performs the action as that person with the test client and
then checks the database: the action happened, or nothing changed.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from knowledge.demo.accounts import ensure_demo_accounts
from knowledge.factories import (
    GuideChapterPageFactory,
    PracticeSheetPageFactory,
    draft_of,
    sheet_index_page,
)
from knowledge.models import GlossaryTerm, PracticeSheetPage, Theme
from knowledge.workflows import (
    ADMINISTRATORS_GROUP,
    DRAFTERS_GROUP,
    MODERATORS_GROUP,
    VALIDATION_TASK_NAME,
)

pytestmark = pytest.mark.django_db

ROLES = ["drafter", "moderator", "administration", "anonymous"]
ROLE_GROUPS = {
    "drafter": DRAFTERS_GROUP,
    "moderator": MODERATORS_GROUP,
    "administration": ADMINISTRATORS_GROUP,
}
ACTIONS = [
    "create",
    "edit",
    "submit",
    "approve_own",
    "approve_others",
    "validate_others",
    "request_changes",
    "publish",
    "unpublish",
    "delete",
    "view_draft",
]
ALLOWED = {
    "drafter": {
        "create",
        "edit",
        "submit",
        "approve_others",
        "request_changes",
        "view_draft",
    },
    "moderator": set(ACTIONS) - {"approve_own"},
    "administration": set(),
    "anonymous": set(),
}


@pytest.fixture
def world(make_user):
    other = make_user("autrice", DRAFTERS_GROUP)
    peer = make_user("pair", DRAFTERS_GROUP)
    live = PracticeSheetPageFactory(title="Fiche en ligne", owner=other)
    live.save_revision(user=other)
    draft = PracticeSheetPageFactory(title="Fiche en brouillon", live=False, owner=other)
    draft.save_revision(user=other)
    # Previews of chapters are used for "view draft" (see the report about sheet previews).
    chapter = GuideChapterPageFactory(title="Chapitre en ligne", owner=other)
    return {"other": other, "peer": peer, "live": live, "draft": draft, "chapter": chapter}


@pytest.fixture
def login(make_user):
    """`login(client, role)`: logs the client in as a new member of the role's group."""

    def log_in(client, role):
        if role == "anonymous":
            return AnonymousUser()
        user = make_user(f"personne-{role}", ROLE_GROUPS[role])
        client.force_login(user)
        return user

    return log_in


@pytest.fixture
def actions(edit_url, fresh, post_workflow_action, sheet_form_data, start_review, task_name):
    """Each action as `actions[name](client, user, world)`, True when it took effect."""

    def do_create(client, user, world):
        index = sheet_index_page()
        url = reverse("wagtailadmin_pages:add", args=["knowledge", "practicesheetpage", index.pk])
        client.post(url, sheet_form_data("Fiche toute neuve"))
        return PracticeSheetPage.objects.filter(title="Fiche toute neuve").exists()

    def do_edit(client, user, world):
        page = world["live"]
        data = sheet_form_data(page.title, slug=page.slug, summary="Résumé retouché.")
        client.post(edit_url(page), data)
        return fresh(page).get_latest_revision_as_object().summary == "Résumé retouché."

    def do_submit(client, user, world):
        page = world["draft"]
        client.post(
            edit_url(page), sheet_form_data(page.title, slug=page.slug, action="action-submit")
        )
        return fresh(page).workflow_in_progress

    def do_approve_own(client, user, world):
        page = world["draft"]
        start_review(page, user if user.is_authenticated else world["other"])
        post_workflow_action(client, page, "approve")
        return task_name(page) == VALIDATION_TASK_NAME

    def do_approve_others(client, user, world):
        page = world["draft"]
        start_review(page, world["other"])
        post_workflow_action(client, page, "approve")
        return task_name(page) == VALIDATION_TASK_NAME

    def do_validate_others(client, user, world):
        page = world["draft"]
        start_review(page, world["other"])
        state = fresh(page).current_workflow_task_state
        state.task.specific.on_action(state, world["peer"], "approve")
        assert task_name(page) == VALIDATION_TASK_NAME
        post_workflow_action(client, page, "approve")
        return fresh(page).live

    def do_request_changes(client, user, world):
        page = world["draft"]
        start_review(page, world["other"])
        post_workflow_action(client, page, "reject", comment="À reprendre.")
        state = WorkflowState.objects.get(object_id=str(page.pk))
        return state.status == WorkflowState.STATUS_NEEDS_CHANGES

    def do_publish(client, user, world):
        page = world["draft"]
        client.post(
            edit_url(page), sheet_form_data(page.title, slug=page.slug, action="action-publish")
        )
        return fresh(page).live

    def do_unpublish(client, user, world):
        page = world["live"]
        client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
        return not fresh(page).live

    def do_delete(client, user, world):
        page = world["live"]
        client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        return not Page.objects.filter(pk=page.pk).exists()

    def do_view_draft(client, user, world):
        page = world["chapter"]
        draft_of(page, title="Titre du brouillon confidentiel")
        response = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        return (
            response.status_code == 200
            and "Titre du brouillon confidentiel" in response.content.decode()
        )

    return {
        "create": do_create,
        "edit": do_edit,
        "submit": do_submit,
        "approve_own": do_approve_own,
        "approve_others": do_approve_others,
        "validate_others": do_validate_others,
        "request_changes": do_request_changes,
        "publish": do_publish,
        "unpublish": do_unpublish,
        "delete": do_delete,
        "view_draft": do_view_draft,
    }


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_role_action_matrix(client, world, role, action, actions, login):
    user = login(client, role)
    allowed = actions[action](client, user, world)
    assert allowed is (action in ALLOWED[role]), f"{role} / {action}"


@pytest.mark.parametrize("role", ROLES)
def test_drafts_never_reach_anonymous_or_admin_only_roles_on_the_page_url(
    client, world, role, login
):
    """The public URL always serves the live version, whoever asks."""
    login(client, role)
    draft_of(world["live"], title="Titre du brouillon confidentiel")
    response = client.get(world["live"].url)
    assert response.status_code == 200
    assert "Titre du brouillon confidentiel" not in response.content.decode()
    assert (
        client.get(world["draft"].url or "/fiches-pratiques/fiche-en-brouillon/").status_code == 404
    )


# Snippets and settings go through Wagtail's permission policies (the same the admin views use).

SNIPPET_ALLOWED = {
    "drafter": {"add", "change"},
    "moderator": {"add", "change", "publish", "unpublish", "lock", "unlock", "delete"},
    "administration": set(),
    "anonymous": set(),
}


@pytest.mark.parametrize(
    "action", ["add", "change", "publish", "unpublish", "lock", "unlock", "delete"]
)
@pytest.mark.parametrize("role", ROLES)
def test_glossary_permissions(client, role, action, login):
    user = login(client, role)
    policy = GlossaryTerm.snippet_viewset.permission_policy
    # Wagtail has no separate "unpublish" permission for snippets: it is "publish".
    permission = "publish" if action == "unpublish" else action
    assert policy.user_has_permission(user, permission) is (action in SNIPPET_ALLOWED[role])


@pytest.mark.parametrize("role", ROLES)
def test_taxonomy_users_and_groups_belong_to_administration(client, role, login):
    user = login(client, role)
    expected = role == "administration"
    assert Theme.snippet_viewset.permission_policy.user_has_permission(user, "add") is expected
    assert user.has_perm("auth.change_user") is expected
    assert user.has_perm("auth.change_group") is expected
    assert user.has_perm("wagtailcore.change_workflow") is expected
    response = client.get(reverse("wagtailusers_users:index"))
    assert (response.status_code == 200) is expected


@pytest.mark.parametrize("role", ["drafter", "moderator", "administration"])
def test_every_role_can_open_the_admin_but_readers_cannot(client, role, login):
    login(client, role)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    client.logout()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


class TestDemoAccounts:
    """knowledge/demo/accounts.py: one account per role, dev only, password shown once."""

    def test_nothing_is_created_unless_the_setting_allows_it(self, settings, tmp_path):
        from io import StringIO

        from django.contrib.auth import get_user_model

        settings.BOUSSOLE_DEMO_ACCOUNTS = False
        settings.BOUSSOLE_DEMO_ACCOUNTS_FILE = tmp_path / "demo-accounts.txt"
        assert ensure_demo_accounts(StringIO()) == {}
        assert not get_user_model().objects.exists()
        assert not (tmp_path / "demo-accounts.txt").exists()

    def test_one_account_per_role_password_printed_once_and_kept_in_the_file(
        self, settings, tmp_path
    ):
        from io import StringIO

        from django.contrib.auth import authenticate, get_user_model

        settings.BOUSSOLE_DEMO_ACCOUNTS = True
        settings.BOUSSOLE_DEMO_ACCOUNTS_FILE = tmp_path / "var" / "demo-accounts.txt"
        out = StringIO()
        passwords = ensure_demo_accounts(out)
        users = {u.username: u for u in get_user_model().objects.all()}
        groups = {name: set(u.groups.values_list("name", flat=True)) for name, u in users.items()}
        assert groups == {
            "redactrice": {"Groupe de travail"},
            "relecteur": {"Groupe de travail"},
            "moderatrice": {"Modération"},
            "administratrice": {"Administration"},
            "admin": set(),
        }
        assert users["admin"].is_superuser
        assert not any(u.is_superuser for name, u in users.items() if name != "admin")
        for username, password in passwords.items():
            assert password in out.getvalue()
            assert authenticate(username=username, password=password) is not None
        saved = settings.BOUSSOLE_DEMO_ACCOUNTS_FILE.read_text()
        assert all(f"{u}\t{p}" in saved for u, p in passwords.items())
        assert settings.BOUSSOLE_DEMO_ACCOUNTS_FILE.stat().st_mode & 0o077 == 0

        again = StringIO()
        assert ensure_demo_accounts(again) == {}
        assert not any(p in again.getvalue() for p in passwords.values())
        assert settings.BOUSSOLE_DEMO_ACCOUNTS_FILE.read_text() == saved
        assert get_user_model().objects.count() == 5
