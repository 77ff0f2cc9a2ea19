"""Fixtures of the editorial tests: real admin POSTs and the state of a page's workflow.

Each fixture returns a function named like the fixture, so a test asks for `edit_url` and calls
`edit_url(page)`. Site-wide fixtures (`make_user`, `markup`, `stream`) live in the root
conftest.py.
"""

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Page, Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from knowledge.workflows import WORKFLOW_NAME


@pytest.fixture
def sheet_form_data():
    """`sheet_form_data(title, action=None, **fields)` → what the practice-sheet editor posts
    (Wagtail 8 field names), plus an action button such as "action-submit"."""

    def build(title, action=None, **fields):
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

    return build


@pytest.fixture
def form_data_for_testimony():
    """`form_data_for_testimony(page, action=None, **fields)` → what the testimony editor posts
    for `page`, plus an action button."""

    def build(page, action=None, **fields):
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

    return build


@pytest.fixture
def edit_url():
    """`edit_url(page)` → the page's admin editor URL."""

    def url(page):
        return reverse("wagtailadmin_pages:edit", args=[page.pk])

    return url


@pytest.fixture
def post_workflow_action():
    """`post_workflow_action(client, page, action, comment="")` → the dashboard / editor modal's
    POST to Wagtail's workflow action view, for the page's current task."""

    def post(client, page, action, comment=""):
        page = Page.objects.get(pk=page.pk)
        task_state = page.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
        return client.post(url, {"comment": comment})

    return post


@pytest.fixture
def fresh():
    """`fresh(page)` → the page as the database holds it now (specific)."""

    def reload(page):
        return Page.objects.get(pk=page.pk).specific

    return reload


@pytest.fixture
def task_name(fresh):
    """`task_name(page)` → the name of the workflow task the page waits for, or None."""

    def name(page):
        task = fresh(page).current_workflow_task
        return task.name if task else None

    return name


@pytest.fixture
def start_review(db):
    """`start_review(obj, user)` → what « Soumettre » does: a revision by `user`, then the
    workflow started by `user` (returns the WorkflowState)."""

    def start(obj, user):
        obj.save_revision(user=user)
        return Workflow.objects.get(name=WORKFLOW_NAME).start(obj, user)

    return start


@pytest.fixture
def shows():
    """`shows(response, message)` → True when the message appears in the HTML (escaped, as
    Django renders it)."""

    def appears(response, message):
        return escape(str(message)) in response.content.decode()

    return appears
