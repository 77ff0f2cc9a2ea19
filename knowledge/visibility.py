"""What readers may see: the single place that says "live and public only" (pages, glossary
terms, and the documents and images those pages use).

Every reader-facing path (page listings, related content, the API, the search index) filters
through these functions instead of re-implementing the rule.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from knowledge import content_version


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
    return queryset.live().exclude(_private_q()).exclude(pk__in=without_consent)


_restricted = {}  # content version → paths of the pages under a view restriction


def _private_q():
    """Wagtail's ``public()`` condition, from the restricted paths read once per content version
    (a restriction saved or deleted changes the version) instead of once per queryset."""
    version = content_version.current()
    paths = _restricted.get(version) if version else None
    if paths is None:
        paths = sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))
        if version:
            _restricted.clear()
            _restricted[version] = paths
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition if condition else Q(pk__in=[])


def is_visible(page):
    return visible_pages(Page.objects.filter(pk=page.pk)).exists()


def visible_glossary_terms():
    return apps.get_model("knowledge", "GlossaryTerm").objects.live()


def _used_by_visible_pages(queryset):
    """The files of ``queryset`` that a visible page refers to (Wagtail's reference index, kept
    from each page's current content: a file only a draft uses is not referred to)."""
    visible_ids = visible_pages().annotate(id_text=Cast("pk", CharField())).values("id_text")
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=visible_ids,
        to_content_type=ContentType.objects.get_for_model(queryset.model),
    ).annotate(target=Cast("to_object_id", IntegerField()))
    return queryset.filter(pk__in=references.values("target"))


def visible_documents(queryset=None):
    """Documents readers may download or list: used by a visible page."""
    return _used_by_visible_pages(
        queryset if queryset is not None else get_document_model().objects.all()
    )


def visible_images(queryset=None):
    """Images readers may list: used by a visible page."""
    return _used_by_visible_pages(
        queryset if queryset is not None else get_image_model().objects.all()
    )
