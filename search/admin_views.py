"""Admin side of the zero-result loop: the dashboard panel and the "handled" action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component

from search.models import ZeroResultQuery

PANEL_LIMIT = 10


def can_follow_up(user):
    """The working group (anyone who may edit pages) follows up on failed searches."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change"])


class ZeroResultPanel(Component):
    """Dashboard panel « Recherches sans résultat ».

    Guarantees: the most frequent unhandled queries first (then the most recent), at most
    PANEL_LIMIT, each with its filters, count and dates and a button to mark it handled; shown
    only to users who may edit pages.
    """

    name = "boussole_zero_result_searches"
    template_name = "search/panels/zero_results.html"
    order = 250

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        pending = ZeroResultQuery.objects.filter(handled=False)
        context.update(
            {
                "rows": list(pending.order_by("-count", "-last_seen")[:PANEL_LIMIT]),
                "total": pending.count(),
                "request": parent_context["request"],
            }
        )
        return context

    def render_html(self, parent_context=None):
        request = parent_context["request"]
        if not can_follow_up(request.user):
            return ""
        # Rendered with the request so the "handled" forms carry their CSRF token.
        return render_to_string(
            self.template_name, self.get_context_data(parent_context), request=request
        )


@require_POST
def mark_handled(request, pk):
    """Mark one failed search handled. POST only (CSRF-protected), working group only."""
    if not can_follow_up(request.user):
        raise PermissionDenied
    entry = get_object_or_404(ZeroResultQuery, pk=pk)
    entry.handled = True
    entry.handled_at = timezone.now()
    entry.save(update_fields=["handled", "handled_at"])
    messages.success(request, _("Recherche « %(q)s » marquée comme traitée.") % {"q": entry.query})
    return redirect("wagtailadmin_home")
