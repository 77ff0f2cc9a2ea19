"""Admin wiring for the knowledge app: taxonomy and glossary snippets."""

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from knowledge.freshness import ContentToReviewPanel
from knowledge.models import Audience, Dispositif, GlossaryTerm, ProjectStep, Territory, Theme
from knowledge.visibility import visible_documents
from knowledge.workflows import workflow_refused_view


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class DispositifViewSet(SnippetViewSet):
    model = Dispositif
    icon = "site"
    list_display = ["acronym", "name", "slug"]


class TerritoryViewSet(SnippetViewSet):
    model = Territory
    icon = "globe"
    list_display = ["code", "name", "slug"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    list_display = ["name", "slug"]


class ProjectStepViewSet(SnippetViewSet):
    model = ProjectStep
    icon = "list-ol"
    list_display = ["sort_order", "name", "slug"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Classement")
    menu_icon = "tag"
    menu_order = 300
    items = (ThemeViewSet, DispositifViewSet, TerritoryViewSet, AudienceViewSet, ProjectStepViewSet)


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = _("Glossaire")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["term", "acronym", "live"]
    search_fields = ["term", "acronym"]


register_snippet(TaxonomyViewSetGroup)
register_snippet(GlossaryTermViewSet)


@hooks.register("construct_homepage_panels")
def add_content_to_review_panel(request, panels):
    panels.append(ContentToReviewPanel())


@hooks.register("register_admin_urls")
def register_workflow_urls():
    # Where a refused workflow approval sends the reviewer (see knowledge/workflows.py).
    return [
        path(
            "boussole/relecture/refus/<int:task_state_id>/",
            workflow_refused_view,
            name="boussole_workflow_refused",
        )
    ]


@hooks.register("before_serve_document")
def only_documents_of_visible_pages(document, request):
    """Anonymous readers download a document only when a visible page uses it; people who can
    open the admin (editors previewing a draft) may download any."""
    if request.user.has_perm("wagtailadmin.access_admin"):
        return None
    if not visible_documents(type(document).objects.filter(pk=document.pk)).exists():
        raise Http404(_("Ce document n'est pas disponible."))
    return None
