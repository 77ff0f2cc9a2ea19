"""Building and writing index documents: one path for every engine and every trigger.

``index_pages(pages)`` / ``index_glossary_terms(terms)`` (re)index items: a visible item gets its
document replaced, an invisible one (draft, unpublished, private, testimony without consent) has
its document removed. ``rebuild()`` does it for everything. Visibility comes from
``knowledge.visibility`` only; the text comes from each model's declared ``search_fields``.
"""

import logging
import uuid
from collections import Counter, defaultdict

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.search import index

from knowledge.visibility import visible_glossary_terms, visible_pages
from search import text
from search.engines import get_engine
from search.models import SearchDocument, SearchFacet, SearchIndexState, SearchVocabulary

logger = logging.getLogger(__name__)

GLOSSARY_TYPE = "glossaire"
PLACE_SEPARATOR = " › "


def is_indexable_model(model):
    """Reader content: page types that declare facets and a reader label (not the home page)."""
    return hasattr(model, "facet_values") and hasattr(model, "reader_type_label")


def type_slug(model):
    """The "type" facet value of a page model, derived from its reader label."""
    with translation.override("fr"):
        return slugify(str(model.reader_type_label))


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _flatten(item)]
    if isinstance(value, list | tuple | set):
        return [s for item in value for s in _flatten(item)]
    return [str(value)]


def _plain(value):
    # Rich text and StreamField values come tag-free from get_value() (get_searchable_content);
    # plain fields are kept as typed ("<" is text there) and escaped when shown.
    return " ".join(s for s in _flatten(value) if s).strip()


def searchable_text(obj):
    """Title and body text from the model's declared SearchFields (any type, any field kind)."""
    title, parts = "", []
    for field in obj.get_search_fields():
        if not isinstance(field, index.SearchField):
            continue
        value = _plain(field.get_value(obj))
        if not value:
            continue
        if field.field_name == "title":
            title = value
        else:
            parts.append(value)
    return title, "\n".join(parts)


def _place(page, ancestors_titles):
    return PLACE_SEPARATOR.join([*ancestors_titles, page.title])


def _url_builder():
    """page → URL, computed from url_path like Page.get_url() but without a reverse() per page."""
    from django.urls import reverse
    from wagtail.models import Site

    roots = Site.get_site_root_paths()
    if len(roots) != 1:
        return lambda page: page.get_url() or page.url_path
    root, prefix = roots[0].root_path, reverse("wagtail_serve", args=("",))

    def url(page):
        if page.url_path.startswith(root):
            return prefix + page.url_path[len(root) :]
        return page.get_url() or page.url_path

    return url


def _page_document(page, ancestor_titles, url):
    title, body = searchable_text(page)
    title = title or page.title
    facets = {key: list(values) for key, values in page.facet_values().items() if values}
    facets["type"] = [type_slug(type(page))]
    return {
        "key": f"page:{page.pk}",
        "fields": {
            "page_id": page.pk,
            "glossary_term_id": None,
            "content_type": facets["type"][0],
            "type_label": str(page.reader_type_label),
            "title": title[:255],
            "title_folded": text.fold(title)[:255],
            "place": _place(page, ancestor_titles)[:1000],
            "url": url(page),
            "date": page.last_published_at or page.first_published_at,
            "text": body,
        },
        "facets": facets,
        "title_stems": " ".join(text.stems(title)),
        "body_stems": " ".join(text.stems(body)),
    }


def _glossary_document(term):
    title, body = searchable_text(term)
    label = str(term)
    return {
        "key": f"glossary:{term.pk}",
        "fields": {
            "page_id": None,
            "glossary_term_id": term.pk,
            "content_type": GLOSSARY_TYPE,
            "type_label": _("Terme du glossaire"),
            "title": label[:255],
            "title_folded": text.fold(label)[:255],
            "place": PLACE_SEPARATOR.join([_("Glossaire"), label])[:1000],
            "url": f"/glossaire/#{term.slug}",
            "date": term.last_published_at,
            "text": body,
        },
        "facets": {"type": [GLOSSARY_TYPE]},
        "title_stems": " ".join(text.stems(f"{term.term} {term.acronym}")),
        "body_stems": " ".join(text.stems(body)),
    }


def _ancestor_titles(pages):
    """Titles of each page's ancestors below the site root, fetched in one query."""
    paths = set()
    for page in pages:
        # depth 1 is the tree root, depth 2 the home page: the place starts below them.
        for depth in range(3, page.depth):
            paths.add(page.path[: depth * Page.steplen])
    titles = dict(Page.objects.filter(path__in=paths).values_list("path", "title"))
    return {
        page.pk: [
            titles[page.path[: depth * Page.steplen]]
            for depth in range(3, page.depth)
            if page.path[: depth * Page.steplen] in titles
        ]
        for page in pages
    }


def _write(documents, remove_keys, vocabulary=True):
    """Replace the documents (rows, facets, full text, vocabulary) in one transaction."""
    engine = get_engine()
    with transaction.atomic(), connection.cursor() as cursor:
        doomed = list(
            SearchDocument.objects.filter(key__in=[*remove_keys, *[d["key"] for d in documents]])
            .values_list("id", flat=True)
            .iterator()
        )
        if doomed:
            engine.delete(cursor, doomed)
            for start in range(0, len(doomed), 500):
                SearchDocument.objects.filter(id__in=doomed[start : start + 500]).delete()
        rows = SearchDocument.objects.bulk_create(
            [SearchDocument(key=d["key"], **d["fields"]) for d in documents], batch_size=500
        )
        if rows and rows[0].pk is None:  # backends without RETURNING: fetch the ids
            ids = dict(
                SearchDocument.objects.filter(key__in=[d["key"] for d in documents]).values_list(
                    "key", "id"
                )
            )
            for row in rows:
                row.pk = row.id = ids[row.key]
        SearchFacet.objects.bulk_create(
            [
                SearchFacet(document_id=row.pk, facet=facet, value=value)
                for row, d in zip(rows, documents, strict=True)
                for facet, values in d["facets"].items()
                for value in dict.fromkeys(values)
            ],
            batch_size=1000,
        )
        engine.write(
            cursor,
            [
                (row.pk, d["title_stems"], d["body_stems"])
                for row, d in zip(rows, documents, strict=True)
            ],
        )
        if vocabulary:
            _add_vocabulary(documents)
        bump_version()


def _add_vocabulary(documents):
    counts = Counter()
    for d in documents:
        counts.update(set(text.words(d["fields"]["title"])) | set(text.words(d["fields"]["text"])))
    if not counts:
        return
    known = set()
    words = list(counts)
    for start in range(0, len(words), 500):
        known.update(
            SearchVocabulary.objects.filter(word__in=words[start : start + 500]).values_list(
                "word", flat=True
            )
        )
    SearchVocabulary.objects.bulk_create(
        [
            SearchVocabulary(word=w[:100], stem=text.stem(w)[:100], frequency=n)
            for w, n in counts.items()
            if w not in known and len(w) <= 100
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    # Frequencies of known words drift with edits; a full rebuild recounts them exactly.
    for start in range(0, len(words), 500):
        chunk = [w for w in words[start : start + 500] if w in known]
        if chunk:
            SearchVocabulary.objects.filter(word__in=chunk).update(frequency=F("frequency") + 1)


def bump_version():
    token = uuid.uuid4().hex
    if not SearchIndexState.objects.filter(pk=1).update(version=token):
        SearchIndexState.objects.update_or_create(pk=1, defaults={"version": token})


def index_version():
    # Raw SQL: read on every search by each per-process cache, so it must cost next to nothing.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {SearchIndexState._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else ""


def _taxonomy_models():
    from search.facets import TAXONOMY_MODELS

    return {apps.get_model(label) for label in TAXONOMY_MODELS.values()}


def _specific_visible(pages):
    """The visible pages among ``pages``, as their specific type, taxonomy prefetched."""
    ids = [p.pk for p in pages]
    by_type = defaultdict(list)
    # depth > 2: the tree root and the home page are the site itself, not a search result.
    candidates = Page.objects.filter(pk__in=ids, depth__gt=2)
    rows = visible_pages(candidates).values_list("pk", "content_type_id")
    for pk, content_type_id in rows:
        by_type[content_type_id].append(pk)
    taxonomy = _taxonomy_models()
    result = []
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not is_indexable_model(model):
            continue
        many = [f.name for f in model._meta.many_to_many if f.related_model in taxonomy]
        single = [
            f.name
            for f in model._meta.concrete_fields
            if f.many_to_one and f.related_model in taxonomy
        ]
        queryset = model.objects.filter(pk__in=pks).select_related(*single)
        result.extend(queryset.prefetch_related(*many))
    return result


def index_pages(pages, vocabulary=True):
    """(Re)index these pages: documents for the visible ones, removal for the others."""
    pages = list(pages)
    if not pages:
        return
    visible = _specific_visible(pages)
    ancestors = _ancestor_titles(visible)
    url = _url_builder()
    documents = [_page_document(p, ancestors[p.pk], url) for p in visible]
    _write(documents, remove_keys=[f"page:{p.pk}" for p in pages], vocabulary=vocabulary)


def index_page_and_descendants(page):
    """A move, a rename or a privacy change alters every descendant's URL, place or visibility."""
    pages = list(Page.objects.filter(path__startswith=page.path))
    for start in range(0, len(pages), 200):
        index_pages(pages[start : start + 200])


def index_published_page(page):
    """A published page; its descendants too when their place or URL changes with it."""
    if page.depth <= 2:  # the site root and home page: not indexed, not part of any place
        return
    before = SearchDocument.objects.filter(key=f"page:{page.pk}").values("title", "url").first()
    index_pages([page])
    after = SearchDocument.objects.filter(key=f"page:{page.pk}").values("title", "url").first()
    if before != after and page.numchild:
        index_page_and_descendants(page)


def remove_pages(page_ids):
    _write([], remove_keys=[f"page:{pk}" for pk in page_ids])


def index_glossary_terms(terms):
    from knowledge.models import GlossaryTerm

    terms = list(terms)
    if not terms:
        return
    live = GlossaryTerm.objects.filter(
        pk__in=[t.pk for t in terms], id__in=visible_glossary_terms().values("pk")
    )
    _write(
        [_glossary_document(t) for t in live],
        remove_keys=[f"glossary:{t.pk}" for t in terms],
    )


def remove_glossary_terms(term_ids):
    _write([], remove_keys=[f"glossary:{pk}" for pk in term_ids])


def rebuild(batch_size=200, progress=None):
    """Empty the index and index every visible item; ``progress(done, total)`` is called per batch."""

    engine = get_engine()
    with transaction.atomic(), connection.cursor() as cursor:
        engine.clear(cursor)
        SearchFacet.objects.all().delete()
        SearchDocument.objects.all().delete()
        SearchVocabulary.objects.all().delete()
    page_ids = list(
        visible_pages(Page.objects.filter(depth__gt=2))
        .order_by("path")
        .values_list("pk", flat=True)
    )
    terms = list(visible_glossary_terms())
    total = len(page_ids) + len(terms)
    done = 0
    for start in range(0, len(page_ids), batch_size):
        chunk = page_ids[start : start + batch_size]
        index_pages(Page.objects.filter(pk__in=chunk), vocabulary=False)  # recounted below
        done += len(chunk)
        if progress:
            progress(done, total)
    for start in range(0, len(terms), batch_size):
        index_glossary_terms(terms[start : start + batch_size])
    done += len(terms)
    if progress:
        progress(done, total)
    recount_vocabulary()
    with connection.cursor() as cursor:
        engine.optimize(cursor)
    return total


def recount_vocabulary():
    """Exact document frequencies, and no word left from deleted content."""
    counts = Counter()
    for title, body in SearchDocument.objects.values_list("title", "text").iterator():
        counts.update(set(text.words(title)) | set(text.words(body)))
    with transaction.atomic():
        SearchVocabulary.objects.all().delete()
        SearchVocabulary.objects.bulk_create(
            [
                SearchVocabulary(word=w, stem=text.stem(w)[:100], frequency=n)
                for w, n in counts.items()
                if len(w) <= 100
            ],
            batch_size=2000,
        )
        bump_version()
