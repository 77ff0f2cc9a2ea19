"""Content freshness: the default review date set on publication, and the list of pages to re-read.

One place answers "which pages are due for review?" for the admin dashboard panel and the
`boussole_freshness_report` command, so both always show the same list in the same order.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.signals import page_published

from knowledge.models import FreshnessMixin

# A review falls due one year after publication unless the editor chose another date.
DEFAULT_REVIEW_MONTHS = 12
# The dashboard warns this many days ahead of the due date.
DUE_SOON_DAYS = 30
# The panel shows at most this many rows; the total count is always given.
PANEL_LIMIT = 10


def add_months(day, months):
    """`day` plus `months` calendar months, clamped to the month's last day (29 Feb → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has at least 28 days")


def default_next_review(published_at):
    """Twelve months after the publication day, in the site's time zone."""
    return add_months(timezone.localdate(published_at), DEFAULT_REVIEW_MONTHS)


def set_default_next_review(sender, instance, revision=None, **kwargs):
    """On publication, fill an empty "prochaine relecture" with its default.

    The live row is written with a queryset update (no save(), so no second publish and no
    signal loop), and the same value is written into the published revision's content — and into
    the page's latest revision when that is a newer draft also left empty — so the edit form and
    the live page agree. A date the editor chose is never touched.
    """
    if kwargs.get("alias") or not _has_freshness(instance):
        return
    if instance.next_review_at is not None or not instance.live or not instance.last_published_at:
        return  # editor's value kept; scheduled (not yet live) publications wait for go-live
    due = default_next_review(instance.last_published_at)
    type(instance).objects.filter(pk=instance.pk).update(next_review_at=due)
    instance.next_review_at = due
    revisions = [revision] if revision is not None else []
    latest = Page.objects.filter(pk=instance.pk).values_list("latest_revision", flat=True).first()
    if latest and (revision is None or latest != revision.pk):
        revisions += list(instance.revisions.filter(pk=latest))
    for rev in revisions:
        if not rev.content.get("next_review_at"):
            # Updating the dict in place also reaches the aliases Wagtail syncs after this signal.
            rev.content["next_review_at"] = due.isoformat()
            rev.save(update_fields=["content"])


def connect_signals():
    page_published.connect(set_default_next_review, dispatch_uid="boussole_default_next_review")


def _has_freshness(obj):
    return isinstance(obj, FreshnessMixin)


def freshness_page_models():
    """Every concrete page type that carries the freshness fields."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and issubclass(model, FreshnessMixin)
    ]


@dataclass(frozen=True)
class DueReview:
    """One page to re-read, as the panel and the report show it."""

    page: Page
    due_on: datetime.date
    days: int  # negative: overdue by -days; zero: due today; positive: due in `days`

    @property
    def overdue(self):
        return self.days < 0

    @property
    def type_label(self):
        return self.page.specific_class._meta.verbose_name

    @property
    def owner_label(self):
        # The named referent (BoussolePage.referent); the page's creator until one is chosen.
        owner = getattr(self.page, "referent", None) or self.page.owner
        if owner is None:
            return _("sans responsable")
        return owner.get_full_name().strip() or owner.get_username()

    @property
    def delay_label(self):
        if self.days < 0:
            return ngettext(
                "en retard de %(days)d jour", "en retard de %(days)d jours", -self.days
            ) % {"days": -self.days}
        if self.days == 0:
            return _("aujourd’hui")
        return ngettext("dans %(days)d jour", "dans %(days)d jours", self.days) % {
            "days": self.days
        }


def due_reviews(user=None, today=None, horizon_days=DUE_SOON_DAYS):
    """Live pages whose review is overdue or due within `horizon_days`, most at risk first.

    Order: the most overdue first, then the soonest due; ties by title. Only live pages (a draft
    or an unpublished page has no reader to mislead; deleted pages no longer exist). With `user`,
    only pages that user may edit.
    """
    today = today or timezone.localdate()
    limit = today + datetime.timedelta(days=horizon_days)
    editable_ids = None
    if user is not None:
        from wagtail.permission_policies.pages import PagePermissionPolicy

        editable_ids = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
        editable_ids = editable_ids.values("pk")

    rows = []
    for model in freshness_page_models():
        queryset = model.objects.live().filter(next_review_at__lte=limit)
        has_referent = any(field.name == "referent" for field in model._meta.concrete_fields)
        related = ["owner", *(["referent"] if has_referent else [])]
        queryset = queryset.select_related(*related)
        if editable_ids is not None:
            queryset = queryset.filter(pk__in=editable_ids)
        for page in queryset:
            rows.append(DueReview(page, page.next_review_at, (page.next_review_at - today).days))
    rows.sort(key=lambda row: (row.due_on, row.page.title.casefold(), row.page.pk))
    return rows


class ContentToReviewPanel(Component):
    """Dashboard panel « Contenus à relire » for whoever edits pages (working group, moderation).

    Guarantees: lists only live pages the current user may edit whose review is overdue or due
    within DUE_SOON_DAYS, most overdue first then soonest due, each with its owner; at most
    PANEL_LIMIT rows plus the total count; renders nothing for users who can edit no page.
    """

    name = "boussole_content_to_review"
    template_name = "knowledge/panels/content_to_review.html"
    order = 240  # after Wagtail's moderation panels, before "recent edits"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        rows = due_reviews(user=parent_context["request"].user)
        context.update(
            {
                "rows": rows[:PANEL_LIMIT],
                "total": len(rows),
                "truncated": len(rows) > PANEL_LIMIT,
                "horizon_days": DUE_SOON_DAYS,
            }
        )
        return context

    def render_html(self, parent_context=None):
        from wagtail.permission_policies.pages import PagePermissionPolicy

        user = parent_context["request"].user
        if not PagePermissionPolicy().user_has_any_permission(user, ["add", "change"]):
            return ""
        return super().render_html(parent_context)
