"""Shared helpers for the workflow tests: people in the migration's groups, real admin POSTs."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from knowledge.workflows import ADMINISTRATORS_GROUP, DRAFTERS_GROUP, MODERATORS_GROUP

ROLE_GROUPS = {
    "drafter": DRAFTERS_GROUP,
    "moderator": MODERATORS_GROUP,
    "administration": ADMINISTRATORS_GROUP,
}


def make_user(username, group_name=None, **extra):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="mot-de-passe-de-test",  # noqa: S106
        first_name=username.capitalize(),
        **extra,
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


def sheet_form_data(title, action=None, **fields):
    """What the practice-sheet editor posts (Wagtail 8 field names), plus an action button."""
    data = {
        "title": title,
        "slug": fields.pop("slug", None) or slugify(title),
        "summary": fields.pop("summary", f"Résumé de {title}."),
        "objectives": rich_text(fields.pop("objectives", "<p>Savoir par où commencer.</p>")),
        "steps": streamfield([]),
        "body": streamfield([]),
        "resources": streamfield([]),
        "comments": inline_formset([]),
        # The editor's « notify me of comments » box, ticked by default in the browser.
        "comment_notifications": "on",
        **fields,
    }
    if action:
        data[action] = "1"
    return nested_form_data(data)


def form_data_for_testimony(page, action=None, **fields):
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "quote": page.quote,
        "context": rich_text("<p>Contexte.</p>"),
        "speaker_role": page.speaker_role,
        "seniority": page.seniority,
        "comments": inline_formset([]),
        **fields,
    }
    if action:
        data[action] = "1"
    return nested_form_data(data)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def workflow_action_url(page, action):
    page = Page.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def post_workflow_action(client, page, action, comment=""):
    """The dashboard / editor modal's POST to Wagtail's workflow action view."""
    return client.post(workflow_action_url(page, action), {"comment": comment})


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def task_name(page):
    task = fresh(page).current_workflow_task
    return task.name if task else None


def start_review(obj, user):
    """What « Soumettre » does: a revision by `user`, then the workflow started by `user`."""
    from wagtail.models import Workflow

    from knowledge.workflows import WORKFLOW_NAME

    obj.save_revision(user=user)
    return Workflow.objects.get(name=WORKFLOW_NAME).start(obj, user)


def shows(response, message):
    """The message appears in the HTML (escaped, as Django renders it)."""
    from django.utils.html import escape

    return escape(str(message)) in response.content.decode()
