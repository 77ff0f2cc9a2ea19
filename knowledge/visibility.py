"""What readers may see: the single place that says "live and public only" (pages, glossary
terms, and the documents and images those pages use).

Every reader-facing path (page listings, related content, the API, the search index) filters
through these functions instead of re-implementing the rule.
"""

import threading

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


_restricted = {}  # content version → (paths of the pages under a view restriction, any alias?)


def _restrictions():
    """(restricted paths, whether any page is an alias), read once per content version (a
    restriction or a page saved changes the version) instead of once per queryset or request."""
    version = content_version.current()
    found = _restricted.get(version) if version else None
    if found is None:
        paths = sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))
        found = (paths, Page.objects.filter(alias_of__isnull=False).exists())
        if version:
            _restricted.clear()
            _restricted[version] = found
    return found


def _private_q():
    """Wagtail's ``public()`` condition, from the restricted paths of the content version."""
    condition = Q()
    for path in _restrictions()[0]:
        condition |= Q(path__startswith=path)
    return condition if condition else Q(pk__in=[])


def may_be_restricted(page):
    """Whether a view restriction may apply to ``page`` (on it or an ancestor; an alias takes
    its source's): when not, Wagtail's own check can be skipped without a query."""
    paths, any_alias = _restrictions()
    return any_alias or any(page.path.startswith(path) for path in paths)


_visible = {}  # content version → {page id: visible?}
_expected = set()  # ids of pages likely to be checked next (chosen in a body being read)
VISIBLE_MEMO_SIZE = 5000


_expected_lock = threading.Lock()  # worker threads load bodies and check pages concurrently


def expect_visibility_checks(pages):
    """Note ``pages`` as likely to be checked by ``is_visible`` (the page chooser blocks of a
    body do it as they load): the first check then answers for all of them in one query."""
    with _expected_lock:
        if len(_expected) < VISIBLE_MEMO_SIZE:
            _expected.update(page.pk for page in pages)


def _take_expected():
    with _expected_lock:
        taken = set(_expected)
        _expected.clear()
    return taken


def is_visible(page):
    """Whether readers may see ``page``, remembered per content version in this process (a
    page saved anywhere, a restriction or a consent changes the version): a body citing ten
    pages queries once, not ten times, and not at all the next time."""
    version = content_version.current()
    memo = _visible.get(version) if version else None
    if memo is not None and page.pk in memo:
        return memo[page.pk]
    ids = {page.pk, *_take_expected()}
    shown = set(visible_pages(Page.objects.filter(pk__in=ids)).values_list("pk", flat=True))
    if version:
        if memo is None or len(memo) >= VISIBLE_MEMO_SIZE:
            _visible.clear()
            memo = _visible[version] = {}
        memo.update((pk, pk in shown) for pk in ids)
    return page.pk in shown


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
