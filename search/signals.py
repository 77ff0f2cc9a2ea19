"""Index maintenance: every publishing event goes through ``search.indexing``, whatever the engine.

Indexing runs inside a savepoint: if it fails the editor's action still succeeds and the error is
logged (``boussole_search_index`` repairs the index).
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from search import indexing

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
    from knowledge.models import GlossaryTerm

    if isinstance(instance, GlossaryTerm):
        _safely(indexing.index_glossary_terms, [instance])


def on_glossary_deleted(sender, instance, **kwargs):
    _safely(indexing.remove_glossary_terms, [instance.pk])


def connect():
    from django.apps import apps

    from knowledge.models import GlossaryTerm
    from search.facets import TAXONOMY_MODELS, clear_cache

    for label in TAXONOMY_MODELS.values():
        model = apps.get_model(label)
        post_save.connect(clear_cache, sender=model, dispatch_uid=f"boussole_search_{label}_s")
        post_delete.connect(clear_cache, sender=model, dispatch_uid=f"boussole_search_{label}_d")

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
