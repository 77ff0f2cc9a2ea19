"""Admin wiring: the inbox of reader feedback (a ModelViewSet) and its dashboard panel.

Who sees it: the working group and the moderators (their groups get change_feedback by
migration feedback/0002; moderators also delete_feedback, for spam). Anyone else with admin
access gets Wagtail's permission refusal; readers never reach the admin.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from feedback.admin_forms import FeedbackAdminForm
from feedback.models import Category, Feedback, Status
from feedback.panels import NewFeedbackPanel


def pages_with_feedback(request):
    return Page.objects.filter(boussole_feedback__isnull=False).distinct().order_by("title")


class FeedbackFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Statut"), choices=Status.choices)
    category = django_filters.ChoiceFilter(label=_("Catégorie"), choices=Category.choices)
    page = django_filters.ModelChoiceFilter(label=_("Page"), queryset=pages_with_feedback)

    class Meta:
        model = Feedback
        fields = ["status", "category", "page"]


class FeedbackIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page")


class FeedbackViewSet(ModelViewSet):
    model = Feedback
    name = "feedback_inbox"
    url_prefix = "retours-lecteurs"
    icon = "mail"
    menu_label = _("Retours des lecteurs")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    filterset_class = FeedbackFilterSet
    list_per_page = 50
    ordering = ["-created_at"]
    list_display = [
        TitleColumn(
            "category",
            label=_("Catégorie"),
            accessor="get_category_display",
            url_name="feedback_inbox:edit",
        ),
        Column("page", label=_("Page"), accessor="page.title"),
        Column("status", label=_("Statut"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Reçu le")),
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("page", read_only=True),
                    FieldPanel("category", read_only=True),
                    FieldPanel("message", read_only=True),
                    FieldPanel("email", read_only=True),
                    FieldPanel("created_at", read_only=True),
                ],
                heading=_("Le retour du lecteur"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("answered_by_revision"),
                    FieldPanel("handled_at", read_only=True),
                    FieldPanel("handled_by", read_only=True),
                ],
                heading=_("Traitement"),
            ),
        ],
        base_form_class=FeedbackAdminForm,
    )

    index_view_class = FeedbackIndexView


feedback_viewset = FeedbackViewSet()


@hooks.register("register_admin_viewset")
def register_feedback_inbox():
    return feedback_viewset


@hooks.register("construct_homepage_panels")
def add_new_feedback_panel(request, panels):
    panels.append(NewFeedbackPanel())
