"""When to index: one path for every trigger (publish, unpublish, move, delete, privacy,
consent, taxonomy, glossary) and every backend.

``index_pages(pages)`` / ``index_glossary_terms(terms)`` (re)index items: a visible item gets
its document replaced, an invisible one (draft, unpublished, private, testimony without consent)
has its document removed. ``rebuild()`` does it for everything.

Every write goes to the database index, in the caller's transaction (it is the fallback of any
other backend), then to the configured backend if it is another one, once that transaction has
committed: a publish that rolls back leaves no trace in the search engine. The keys are queued
(``PendingIndexOperation``) in the same transaction and dequeued when the engine took the write, so a
write it fails to take, or one lost with the process between the commit and the send, is replayed
by ``catch_up()``: never dropped.
"""

import logging
from collections import Counter
from functools import partial

from django.db import transaction
from wagtail.models import Page

from knowledge.facets import facet_places, faceted_page_models
from knowledge.visibility import visible_glossary_terms, visible_pages
from search import documents as docs
from search import vocabulary
from search.backends import SearchBackendError, get_database_backend, get_search_backend
from search.models import PendingIndexOperation, SearchDocument

logger = logging.getLogger(__name__)

# Items per write: bounds memory and statement sizes on 20 000-item rebuilds.
BATCH_SIZE = 200


def _other_backend():
    backend = get_search_backend()
    return None if backend is get_database_backend() else backend


_generations = {}


def generation(backend):
    """How many writes this process sent to ``backend`` (lets tests know it changed)."""
    return _generations.get(id(backend), 0)


def _wrote(backend):
    _generations[id(backend)] = generation(backend) + 1


def _write_other(backend, documents, remove_keys):
    """Write to a non-database backend; on failure remember every key touched."""
    keys = [*remove_keys, *(d["key"] for d in documents)]
    _wrote(backend)
    try:
        backend.replace(documents, remove_keys)
    except SearchBackendError as error:
        logger.warning("Search backend write failed, %d key(s) queued: %s", len(keys), error)
        PendingIndexOperation.record(keys, error)
        return False
    PendingIndexOperation.objects.filter(key__in=keys).delete()  # superseded by this write
    return True


def _write(documents, remove_keys, count_vocabulary=True):
    with transaction.atomic():
        if count_vocabulary:
            vocabulary.add(documents)
        get_database_backend().replace(documents, remove_keys)
        other = _other_backend()
        if other is not None:
            PendingIndexOperation.enqueue([*remove_keys, *(d["key"] for d in documents)])
            transaction.on_commit(partial(_write_other, other, documents, remove_keys), robust=True)


def index_pages(pages, count_vocabulary=True):
    """(Re)index these pages: documents for the visible ones, removal for the others."""
    pages = list(pages)
    if pages:
        _write(
            docs.page_documents(pages),
            [docs.page_key(p.pk) for p in pages],
            count_vocabulary=count_vocabulary,
        )


def index_page_and_descendants(page):
    """A move, a rename or a privacy change alters every descendant's URL, place or visibility."""
    pages = list(Page.objects.filter(path__startswith=page.path))
    for start in range(0, len(pages), BATCH_SIZE):
        index_pages(pages[start : start + BATCH_SIZE])


def index_published_page(page):
    """A published page; its descendants too when their place or URL changes with it."""
    if page.depth < docs.FIRST_CONTENT_DEPTH:  # the site root and home page: never results
        return
    key = docs.page_key(page.pk)
    before = SearchDocument.objects.filter(key=key).values("title", "url").first()
    index_pages([page])
    after = SearchDocument.objects.filter(key=key).values("title", "url").first()
    if before != after and page.numchild:
        index_page_and_descendants(page)


def index_pages_with_term(facet, term):
    """Pages carrying a taxonomy term, after its slug changed (facet values are slugs)."""
    ids = set()
    for model, field_name in facet_places(facet):
        ids.update(model.objects.filter(**{field_name: term}).values_list("pk", flat=True))
    ids = sorted(ids)
    for start in range(0, len(ids), BATCH_SIZE):
        index_pages(Page.objects.filter(pk__in=ids[start : start + BATCH_SIZE]))


def remove_pages(page_ids):
    _write([], [docs.page_key(pk) for pk in page_ids])


def index_glossary_terms(terms):
    terms = list(terms)
    if terms:
        _write(docs.glossary_documents(terms), [docs.glossary_key(t.pk) for t in terms])


def remove_glossary_terms(term_ids):
    _write([], [docs.glossary_key(pk) for pk in term_ids])


def all_documents(batch_size=BATCH_SIZE):
    """(item count, iterator of document batches) for everything visible now."""
    page_ids = list(
        visible_pages(Page.objects.filter(depth__gte=docs.FIRST_CONTENT_DEPTH))
        .order_by("path")
        .values_list("pk", flat=True)
    )
    terms = list(visible_glossary_terms())
    total = len(page_ids) + len(terms)

    def batches():
        for start in range(0, len(page_ids), batch_size):
            yield docs.page_documents(
                Page.objects.filter(pk__in=page_ids[start : start + batch_size])
            )
        for start in range(0, len(terms), batch_size):
            yield docs.glossary_documents(terms[start : start + batch_size])

    return total, batches()


class RebuildError(Exception):
    """The database index was rebuilt but the configured backend's was not."""


def rebuild(batch_size=BATCH_SIZE, progress=None):
    """Index every visible item anew, in every backend; ``progress(done, total)`` per batch.

    The configured backend builds a new index and switches readers to it when complete (an
    alias swap on OpenSearch); the database index is rebuilt in place. Returns the item count;
    raises ``RebuildError`` if the configured backend failed (the database index is complete).
    """
    total, batches = all_documents(batch_size)
    database, other = get_database_backend(), _other_backend()
    failed, rebuilders = None, []
    if other is not None:  # first: if it cannot start, the database index is still rebuilt
        _wrote(other)
        try:
            rebuilder = other.get_rebuilder()
            rebuilder.start()
            rebuilders.append(rebuilder)
        except SearchBackendError as error:
            failed = error
    rebuilder = database.get_rebuilder()
    rebuilder.start()
    rebuilders.insert(0, rebuilder)
    counts = Counter()
    done = 0
    for batch in batches:
        counts.update(vocabulary.count_words(batch))
        for rebuilder in list(rebuilders):
            try:
                rebuilder.add_documents(batch)
            except SearchBackendError as error:
                failed = error
                rebuilders.remove(rebuilder)
        done += len(batch)
        if progress:
            progress(done, total)
    for rebuilder in rebuilders:
        try:
            rebuilder.finish()
        except SearchBackendError as error:
            failed = error
    vocabulary.replace(counts)
    get_database_backend().refresh()
    if failed is not None:
        raise RebuildError(str(failed))
    if other is not None:
        PendingIndexOperation.objects.all().delete()  # everything was just written
    return total


def rebuild_backend(backend, batch_size=BATCH_SIZE):
    """Rebuild one backend's index alone from the content (the vocabulary is left as is)."""
    _wrote(backend)
    rebuilder = backend.get_rebuilder()
    rebuilder.start()
    _total, batches = all_documents(batch_size)
    for batch in batches:
        rebuilder.add_documents(batch)
    rebuilder.finish()


def catch_up(progress=None):
    """Replay pending writes to the configured backend from the content as it is now.

    Returns (replayed, still pending). A key whose item no longer exists is a removal.
    """
    other = _other_backend()
    if other is None:
        return 0, 0
    keys = list(PendingIndexOperation.objects.order_by("queued_at").values_list("key", flat=True))
    replayed = 0
    for start in range(0, len(keys), BATCH_SIZE):
        chunk = keys[start : start + BATCH_SIZE]
        page_ids = [int(k.split(":")[1]) for k in chunk if k.startswith("page:")]
        term_ids = [int(k.split(":")[1]) for k in chunk if k.startswith("glossary:")]
        documents = docs.page_documents(Page.objects.filter(pk__in=page_ids))
        documents += docs.glossary_documents(visible_glossary_terms().filter(pk__in=term_ids))
        if not _write_other(other, documents, chunk):
            break
        replayed += len(chunk)
        if progress:
            progress(replayed, len(keys))
    return replayed, len(keys) - replayed


def index_discrepancies():
    """(visible page ids missing from the database index, indexed page ids no longer visible)."""
    content = Page.objects.filter(depth__gte=docs.FIRST_CONTENT_DEPTH).type(*faceted_page_models())
    expected = set(visible_pages(content).values_list("pk", flat=True))
    indexed = set(
        SearchDocument.objects.filter(page__isnull=False).values_list("page_id", flat=True)
    )
    return sorted(expected - indexed), sorted(indexed - expected)
