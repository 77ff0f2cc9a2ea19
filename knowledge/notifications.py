"""French e-mails for the editorial workflow, sent through Wagtail's own notifier machinery.

Each e-mail names the item and links to it (WAGTAILADMIN_BASE_URL + the admin editor, or the
public page once published). Templates: knowledge/templates/knowledge/emails/.

| event (Wagtail signal)            | who receives it                                         |
|-----------------------------------|---------------------------------------------------------|
| a step starts (task_submitted)    | the step's groups, minus whoever triggered it and, for  |
|                                   | peer review, minus the submitter                        |
| peer approval (task_approved)     | the submitter and the page owner                        |
| changes requested (workflow_rejected) | the submitter and the page owner, with the comment  |
| published (workflow_approved)     | the submitter and the page owner                        |
| new inline comments               | Wagtail's subscribers (the author is subscribed on      |
|                                   | creation) — French template in templates/wagtailadmin/  |

Wagtail connects its English-worded notifiers in wagtail.admin's AppConfig.ready(). Ours are
connected earlier (knowledge comes first in INSTALLED_APPS) under the *same* dispatch_uid, so
Django keeps ours and ignores Wagtail's: one e-mail per event and per person, never two.
"""

from django.conf import settings
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.mail import (
    BaseGroupApprovalTaskStateEmailNotifier,
    EmailNotificationMixin,
    Notifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
)
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.signals import task_approved, task_submitted, workflow_approved, workflow_rejected

from knowledge.workflows import PeerReviewTask

TEMPLATE_DIRECTORY = "knowledge/emails/"


def _base_url():
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")


def _specific(obj):
    return obj.specific if isinstance(obj, Page) else obj


def item_context(obj):
    """Title, type and absolute links of a page or snippet, for every e-mail."""
    if isinstance(obj, Page):
        # Reloaded: the signal's instance may predate the publication it announces.
        obj = Page.objects.get(pk=obj.pk).specific
    if isinstance(obj, Page):
        title = obj.get_admin_display_title()
        edit_url = reverse("wagtailadmin_pages:edit", args=[obj.pk])
        public_url = obj.get_url() if obj.live else None
    else:
        revision = obj.get_latest_revision()
        title = str(revision.as_object() if revision else obj)
        edit_url = AdminURLFinder().get_edit_url(obj)
        public_url = reverse("knowledge:glossary") if getattr(obj, "live", False) else None
    base = _base_url()
    return {
        "object": obj,
        "title": title,
        "model_name": obj._meta.verbose_name,
        "edit_url": f"{base}{edit_url}" if edit_url else "",
        "public_url": f"{base}{public_url}" if public_url else "",
        "dashboard_url": f"{base}{reverse('wagtailadmin_home')}",
        "account_url": f"{base}{reverse('wagtailadmin_account')}",
    }


def author_recipients(workflow_state, triggering_user=None):
    """The person who submitted the item and the page owner, never the one who acted."""
    obj = _specific(workflow_state.content_object)
    people = {workflow_state.requested_by, getattr(obj, "owner", None)}
    return {p for p in people if p is not None and p != triggering_user}


def _workflow_state(instance):
    """The workflow state a notifier's instance (a task state or a workflow state) belongs to."""
    return instance.workflow_state if isinstance(instance, TaskState) else instance


class BoussoleTemplatesMixin:
    """Our French templates instead of Wagtail's, chosen by a fixed name per notifier, with the
    item's title and links in every e-mail (``extra_context``: what a notifier adds)."""

    template_name = None

    def get_template_set(self, instance, **kwargs):
        base = TEMPLATE_DIRECTORY + self.template_name
        return {"subject": f"{base}_subject.txt", "text": f"{base}.txt", "html": f"{base}.html"}

    def get_context(self, instance, **kwargs):
        context = super().get_context(instance, **kwargs)
        context.update(item_context(_workflow_state(instance).content_object))
        context.update(self.extra_context(instance, context, **kwargs))
        return context

    def extra_context(self, instance, context, **kwargs):
        return {}


class ToAuthorMixin(BoussoleTemplatesMixin):
    """The e-mail goes to the author: the submitter and the page owner, not who acted."""

    def get_recipient_users(self, instance, **kwargs):
        return author_recipients(_workflow_state(instance), kwargs.get("user"))


class ReviewRequestedNotifier(BoussoleTemplatesMixin, BaseGroupApprovalTaskStateEmailNotifier):
    """A workflow step starts: its reviewers are asked to review."""

    notification = "submitted"
    template_name = "review_requested"

    def get_recipient_users(self, task_state, **kwargs):
        recipients = super().get_recipient_users(task_state, **kwargs)
        if isinstance(task_state.task.specific, PeerReviewTask):
            submitter = task_state.workflow_state.requested_by_id
            recipients = recipients.exclude(pk=submitter)
        return recipients.distinct()

    def extra_context(self, task_state, context, **kwargs):
        return {"requested_by": task_state.workflow_state.requested_by}


class PeerApprovedNotifier(ToAuthorMixin, EmailNotificationMixin, Notifier):
    """The peer approved: the author learns the item now waits for the moderators."""

    notification = "approved"
    template_name = "peer_approved"

    def __init__(self):
        super().__init__((TaskState,))

    def can_handle(self, instance, **kwargs):
        return super().can_handle(instance, **kwargs) and isinstance(
            instance.task.specific, PeerReviewTask
        )

    def extra_context(self, task_state, context, **kwargs):
        return {"reviewer": task_state.finished_by, "comment": task_state.comment}


class ChangesRequestedNotifier(ToAuthorMixin, WorkflowStateRejectionEmailNotifier):
    """A reviewer requested changes: the author gets the reviewer's comment and a link."""

    template_name = "changes_requested"

    def extra_context(self, workflow_state, context, **kwargs):
        return {"reviewer": context["task_state"].finished_by}


class PublishedNotifier(ToAuthorMixin, WorkflowStateApprovalEmailNotifier):
    """The last step approved and Wagtail published: the author gets the public link."""

    template_name = "published"

    def extra_context(self, workflow_state, context, **kwargs):
        return {"approver": kwargs.get("user")}


review_requested = ReviewRequestedNotifier()
peer_approved = PeerApprovedNotifier()
changes_requested = ChangesRequestedNotifier()
published = PublishedNotifier()


def connect_signals():
    """Called from KnowledgeConfig.ready(), before wagtail.admin connects its own notifiers."""
    # Same dispatch_uid as wagtail/admin/signal_handlers.py: Django keeps the first receiver.
    task_submitted.connect(
        review_requested,
        sender=TaskState,
        dispatch_uid="group_approval_task_submitted_email_notification",
    )
    workflow_rejected.connect(
        changes_requested,
        sender=WorkflowState,
        dispatch_uid="workflow_state_rejected_email_notification",
    )
    workflow_approved.connect(
        published,
        sender=WorkflowState,
        dispatch_uid="workflow_state_approved_email_notification",
    )
    task_approved.connect(
        peer_approved, sender=TaskState, dispatch_uid="boussole_peer_approved_email_notification"
    )
