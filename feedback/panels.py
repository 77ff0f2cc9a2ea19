"""The dashboard panel « Retours des lecteurs »: how many new reports await, and the votes."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.permission_policies import ModelPermissionPolicy

from feedback.models import Feedback, HelpfulVote, Status

VOTES_DAYS = 30


def can_handle_feedback(user):
    return ModelPermissionPolicy(Feedback).user_has_any_permission(user, ["change"])


class NewFeedbackPanel(Component):
    """Guarantees: shown only to people who may handle feedback (working group, moderators);
    counts the reports still « nouveau » and in progress, and the votes of the last 30 days, in
    constant queries; links to the inbox filtered on new reports."""

    name = "boussole_new_feedback"
    template_name = "feedback/panels/new_feedback.html"
    order = 230  # just before « Contenus à relire »

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        counts = Feedback.objects.aggregate(
            new=Count("pk", filter=Q(status=Status.NEW)),
            in_progress=Count("pk", filter=Q(status=Status.IN_PROGRESS)),
        )
        since = timezone.now() - datetime.timedelta(days=VOTES_DAYS)
        votes = HelpfulVote.objects.filter(created_at__gte=since).aggregate(
            yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
        )
        context.update({**counts, "votes": votes, "votes_days": VOTES_DAYS, "Status": Status})
        return context

    def render_html(self, parent_context=None):
        if not can_handle_feedback(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)
