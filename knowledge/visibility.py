"""What readers may see: the single place that says "live and public only".

Every reader-facing path (page listings, related content, the API, the search index) filters
through these functions instead of re-implementing the rule.
"""

from django.apps import apps
from django.db.models import QuerySet
from wagtail.models import Page


def visible_pages(queryset=None):
    """Live, public pages; testimonies only when their consent is recorded.

    Accepts a queryset or, in a preview, modelcluster's in-memory FakeQuerySet of unsaved
    relations: the rule is always applied by the database, on the pages' current live state.
    """
    # Looked up, not imported: the models use this module, so it must not import them.
    testimony_model = apps.get_model("knowledge", "TestimonyPage")
    if queryset is None:
        queryset = Page.objects.all()
    elif not isinstance(queryset, QuerySet):
        queryset = queryset.model.objects.filter(pk__in=[page.pk for page in queryset])
    without_consent = testimony_model.objects.filter(consent_given=False).values("pk")
    return queryset.live().public().exclude(pk__in=without_consent)


def is_visible(page):
    return visible_pages(Page.objects.filter(pk=page.pk)).exists()


def visible_glossary_terms():
    return apps.get_model("knowledge", "GlossaryTerm").objects.live()
