"""What readers may see: the single place that says "live and public only".

Every reader-facing path (page listings, related content, the API, the search index) filters
through these functions instead of re-implementing the rule.
"""

from wagtail.models import Page


def visible_pages(queryset=None):
    """Live, public pages; testimonies only when their consent is recorded."""
    from knowledge.models import TestimonyPage

    queryset = Page.objects.all() if queryset is None else queryset
    without_consent = TestimonyPage.objects.filter(consent_given=False).values("pk")
    return queryset.live().public().exclude(pk__in=without_consent)


def is_visible(page):
    return visible_pages(Page.objects.filter(pk=page.pk)).exists()


def visible_glossary_terms():
    from knowledge.models import GlossaryTerm

    return GlossaryTerm.objects.live()
