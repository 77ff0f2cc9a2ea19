"""The editorial workflow « Relecture et validation », built on Wagtail's Workflow and Task models.

Two steps, created by migration (knowledge/0004) and assigned to the whole page tree and to the
glossary snippet:

1. « Relecture par un pair » (:class:`PeerReviewTask`): a member of « Groupe de travail » (or a
   moderator) approves or requests changes — never the person who submitted the workflow, even
   with a hand-made POST.
2. « Validation » (:class:`ValidationTask`): a member of « Modération » approves (Wagtail then
   publishes the latest revision) or requests changes.

Re-approval on edit (``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True`` in cms/settings/base.py):
Wagtail publishes the *latest* revision when the last step approves. Without re-approval, a text
changed after the peer approved it would go live without any peer having read the change. With it,
a step's approval only counts for the revision it was given on: any edit made during review sends
the item back to the first step whose approval no longer covers the latest revision. What goes
live is therefore exactly what a peer and then a moderator approved. The cost: a moderator who
fixes a typo while validating sends the item back to peer review — for a small fix, request
changes with a comment instead.

A testimony without recorded consent cannot pass any step: both tasks refuse to approve it and
send the reviewer back to the editor with a clear message (instead of the 500 that
TestimonyPage.save() would otherwise cause when publishing).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

from knowledge.forms import CONSENT_REQUIRED_MESSAGE

DRAFTERS_GROUP = "Groupe de travail"
MODERATORS_GROUP = "Modération"
ADMINISTRATORS_GROUP = "Administration"

WORKFLOW_NAME = "Relecture et validation"
PEER_REVIEW_TASK_NAME = "Relecture par un pair"
VALIDATION_TASK_NAME = "Validation"

SELF_APPROVAL_MESSAGE = _(
    "Vous avez soumis ce contenu : la relecture doit être faite par un autre membre du groupe "
    "de travail."
)
PUBLICATION_REFUSED_MESSAGE = _(
    "La validation a échoué : le contenu ne peut pas être publié en l'état. Corrigez-le puis "
    "soumettez-le de nouveau."
)


def consent_missing(obj):
    """True when `obj` is a testimony whose consent is not recorded (it must not go live)."""
    return getattr(obj, "consent_recorded", True) is False


def latest_content(task_state):
    """The version a final approval would publish: Wagtail publishes the latest revision."""
    obj = task_state.workflow_state.content_object
    obj = getattr(obj, "specific", obj)
    revision = obj.get_latest_revision()
    return revision.as_object() if revision else obj


def refusal_url(task_state, reason):
    """Admin URL that explains the refusal to the reviewer, then sends them to the editor."""
    return (
        reverse("boussole_workflow_refused", args=[task_state.pk])
        + "?"
        + urlencode({"reason": reason})
    )


class ConsentGuardMixin:
    """Refuses to approve a testimony without recorded consent, at any step, without a 500."""

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and consent_missing(latest_content(task_state)):
            # The return value is the URL Wagtail's workflow action view redirects to.
            return refusal_url(task_state, "consent")
        try:
            # A savepoint, so a refused publication leaves no half-approved task behind.
            with transaction.atomic():
                return super().on_action(task_state, user, action_name, **kwargs)
        except ValidationError:
            return refusal_url(task_state, "invalid")


class PeerReviewTask(ConsentGuardMixin, AbstractGroupApprovalTask):
    """A group approval that the submitter of the workflow can never approve or reject.

    The groups are « Groupe de travail » and « Modération » (set by migration). Whoever submitted
    the current workflow (``WorkflowState.requested_by``) gets no actions, cannot open the
    editor through the task, finds the item locked while it waits for a peer, and is refused by
    ``on_action`` even when posting the action directly.
    """

    @staticmethod
    def _submitter_id(obj):
        state = obj.current_workflow_state
        return state.requested_by_id if state else None

    def _is_submitter(self, obj, user):
        return user.pk is not None and self._submitter_id(obj) == user.pk

    def _can_review(self, obj, user):
        if self._is_submitter(obj, user):
            return False
        return user.is_superuser or self._user_in_groups(user)

    def user_can_access_editor(self, obj, user):
        return self._can_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self._can_review(obj, user)

    def user_can_lock(self, obj, user):
        return self._can_review(obj, user)

    def get_actions(self, obj, user):
        if not self._can_review(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return (
            super()
            .get_task_states_user_can_moderate(user, **kwargs)
            .exclude(workflow_state__requested_by=user)
        )

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # Wagtail's views check get_actions() first; this also covers any other caller.
        if action_name in ("approve", "reject"):
            if task_state.workflow_state.requested_by_id == user.pk:
                raise PermissionDenied(SELF_APPROVAL_MESSAGE)
            if not (user.is_superuser or self._user_in_groups(user)):
                raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Un membre des groupes choisis, autre que la personne qui a soumis le contenu, "
            "approuve ou demande des modifications."
        )

    class Meta:
        verbose_name = _("relecture par un pair")
        verbose_name_plural = _("relectures par un pair")


class ValidationTask(ConsentGuardMixin, AbstractGroupApprovalTask):
    """Wagtail's group approval (« Modération »), guarded against publishing without consent."""

    @classmethod
    def get_description(cls):
        return _(
            "Les membres des groupes choisis valident le contenu (il est alors publié) ou "
            "demandent des modifications."
        )

    class Meta:
        verbose_name = _("validation par la modération")
        verbose_name_plural = _("validations par la modération")


def workflow_refused_view(request, task_state_id):
    """Explains why an approval was refused, then opens the item's editor.

    Guarantees: admin users only (registered through Wagtail's admin URLs); never changes any
    data; an unknown task state gives a 404; the message names the cause in French.
    """
    from django.contrib import messages
    from django.shortcuts import get_object_or_404, redirect
    from wagtail.admin.admin_url_finder import AdminURLFinder
    from wagtail.models import TaskState

    task_state = get_object_or_404(TaskState, pk=task_state_id)
    reason = request.GET.get("reason")
    messages.error(
        request,
        CONSENT_REQUIRED_MESSAGE if reason == "consent" else PUBLICATION_REFUSED_MESSAGE,
    )
    obj = task_state.workflow_state.content_object
    edit_url = AdminURLFinder(request.user).get_edit_url(getattr(obj, "specific", obj))
    return redirect(edit_url or "wagtailadmin_home")
