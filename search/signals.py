"""Index maintenance: every publishing event goes through ``search.indexing``, whatever the engine.

Indexing runs inside a savepoint: if it fails the editor's action still succeeds and the error is
logged (``boussole_search_index`` repairs the index). A taxonomy slug renamed reindexes the pages
that carry it (facet values are slugs).
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from knowledge.facets import FACETS
from knowledge.models import GlossaryTerm
from search import facets, indexing

FACETS_BY_MODEL = {}  # taxonomy model → its facet (filled by connect(), when apps are ready)

logger = logging.getLogger(__name__)


def _safely(action, *args):
    try:
        with transaction.atomic():
            action(*args)
    except Exception:
        logger.exception("Search indexing failed; run `manage.py boussole_search_index`.")


def on_page_published(sender, instance, **kwargs):
    _safely(indexing.index_published_page, instance)


def on_page_unpublished(sender, instance, **kwargs):
    # Trust the signal, not the database: Wagtail also sends it just before deleting a live page,
    # while the row still says live.
    _safely(indexing.remove_pages, [instance.pk])


def on_page_moved(sender, instance, **kwargs):
    _safely(indexing.index_page_and_descendants, instance)


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _safely(indexing.remove_pages, [instance.pk])


def on_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page:
        _safely(indexing.index_page_and_descendants, page)


def on_glossary_changed(sender, instance, **kwargs):
    if isinstance(instance, GlossaryTerm):
        _safely(indexing.index_glossary_terms, [instance])


def remember_taxonomy_slug(sender, instance, **kwargs):
    instance._slug_before_save = (
        sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        if instance.pk
        else None
    )


def on_taxonomy_saved(sender, instance, created, **kwargs):
    facets.clear_cache()
    before = getattr(instance, "_slug_before_save", None)
    if not created and before is not None and before != instance.slug:
        _safely(indexing.index_pages_with_term, FACETS_BY_MODEL[sender], instance)


def on_taxonomy_deleted(sender, instance, **kwargs):
    facets.clear_cache()


def on_glossary_deleted(sender, instance, **kwargs):
    _safely(indexing.remove_glossary_terms, [instance.pk])


def connect():
    FACETS_BY_MODEL.update({facet.model: facet for facet in FACETS})
    for model in FACETS_BY_MODEL:
        uid = f"boussole_search_{model._meta.label_lower}"
        pre_save.connect(remember_taxonomy_slug, sender=model, dispatch_uid=f"{uid}_pre")
        post_save.connect(on_taxonomy_saved, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(on_taxonomy_deleted, sender=model, dispatch_uid=f"{uid}_deleted")

    page_published.connect(on_page_published, dispatch_uid="boussole_search_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="boussole_search_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="boussole_search_moved")
    pre_delete.connect(on_page_deleted, dispatch_uid="boussole_search_page_deleted")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="boussole_search_restr"
    )
    post_delete.connect(
        on_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="boussole_search_restr_del",
    )
    published.connect(on_glossary_changed, dispatch_uid="boussole_search_glossary_published")
    unpublished.connect(on_glossary_changed, dispatch_uid="boussole_search_glossary_unpublished")
    post_delete.connect(
        on_glossary_deleted, sender=GlossaryTerm, dispatch_uid="boussole_search_glossary_deleted"
    )
