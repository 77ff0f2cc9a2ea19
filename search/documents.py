"""Index documents: what the search index holds for a page or a glossary term.

Search reads content only through what the content declares: each page type's
``search_fields`` (text), ``search_type`` and ``reader_type_label`` (type), ``facet_fields``
(facets, via ``facet_values()``); glossary terms their ``search_fields`` and ``reader_url``.
Visibility comes from ``knowledge.visibility`` only. See ``search.backends.base`` for the shape.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page, Site
from wagtail.search import index

from knowledge.facets import facet_lookups
from knowledge.visibility import visible_glossary_terms, visible_pages
from search import text
from search.facets import GLOSSARY_TYPE, GLOSSARY_TYPE_LABEL, TYPE_KEY

# What a search hit carries back: every document field but those only searched by.
HIT_FIELDS = (
    "key",
    "page_id",
    "glossary_term_id",
    "content_type",
    "type_label",
    "title",
    "title_folded",
    "place",
    "url",
    "date",
    "text",
)
PLACE_SEPARATOR = " › "
# Column sizes of the database backend's SearchDocument (other backends store the same values).
TITLE_CHARS, PLACE_CHARS = 255, 1000
# Depth 1 is the tree root, depth 2 the home page: neither is a result, places start below.
FIRST_CONTENT_DEPTH = 3


def page_key(pk):
    return f"page:{pk}"


def glossary_key(pk):
    return f"glossary:{pk}"


def is_indexed_model(model):
    """Reader content: page types that declare a search type (not the home page)."""
    return bool(getattr(model, "search_type", None))


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


def _url_builder():
    """page → URL, computed from url_path like Page.get_url() but without a reverse() per page."""
    roots = Site.get_site_root_paths()
    if len(roots) != 1:
        return lambda page: page.get_url() or page.url_path
    root, prefix = roots[0].root_path, reverse("wagtail_serve", args=("",))

    def url(page):
        if page.url_path.startswith(root):
            return prefix + page.url_path[len(root) :]
        return page.get_url() or page.url_path

    return url


def _ancestor_titles(pages):
    """Titles of each page's ancestors below the site root, fetched in one query."""

    def prefixes(page):
        return [
            page.path[: depth * Page.steplen] for depth in range(FIRST_CONTENT_DEPTH, page.depth)
        ]

    titles = dict(
        Page.objects.filter(path__in={p for page in pages for p in prefixes(page)}).values_list(
            "path", "title"
        )
    )
    return {page.pk: [titles[p] for p in prefixes(page) if p in titles] for page in pages}


def page_document(page, ancestor_titles, url):
    title, body = searchable_text(page)
    title = title or page.title
    facets = {key: values for key, values in page.facet_values().items() if values}
    facets[TYPE_KEY] = [page.search_type]
    return {
        "key": page_key(page.pk),
        "page_id": page.pk,
        "glossary_term_id": None,
        "content_type": page.search_type,
        "type_label": str(page.reader_type_label),
        "title": title[:TITLE_CHARS],
        "title_folded": text.fold(title)[:TITLE_CHARS],
        "search_title": title,
        "place": PLACE_SEPARATOR.join([*ancestor_titles, page.title])[:PLACE_CHARS],
        "url": url(page),
        "date": page.last_published_at or page.first_published_at,
        "text": body,
        "facets": facets,
    }


def glossary_document(term):
    _title, body = searchable_text(term)
    label = str(term)
    return {
        "key": glossary_key(term.pk),
        "page_id": None,
        "glossary_term_id": term.pk,
        "content_type": GLOSSARY_TYPE,
        "type_label": str(GLOSSARY_TYPE_LABEL),
        "title": label[:TITLE_CHARS],
        "title_folded": text.fold(label)[:TITLE_CHARS],
        "search_title": f"{term.term} {term.acronym}",
        "place": PLACE_SEPARATOR.join([_("Glossaire"), label])[:PLACE_CHARS],
        "url": term.reader_url,
        "date": term.last_published_at,
        "text": body,
        "facets": {TYPE_KEY: [GLOSSARY_TYPE]},
    }


def visible_specific_pages(pages):
    """The indexed, visible pages among ``pages``, as their specific type, taxonomy prefetched."""
    by_type = defaultdict(list)
    candidates = Page.objects.filter(pk__in=[p.pk for p in pages], depth__gte=FIRST_CONTENT_DEPTH)
    for pk, content_type_id in visible_pages(candidates).values_list("pk", "content_type_id"):
        by_type[content_type_id].append(pk)
    result = []
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not is_indexed_model(model):
            continue
        select, prefetch = facet_lookups(model)
        queryset = model.objects.filter(pk__in=pks).select_related(*select)
        result.extend(queryset.prefetch_related(*prefetch))
    return result


def page_documents(pages):
    """Documents of the visible pages among ``pages`` (the others have none)."""
    visible = visible_specific_pages(pages)
    ancestors = _ancestor_titles(visible)
    url = _url_builder()
    return [page_document(page, ancestors[page.pk], url) for page in visible]


def glossary_documents(terms):
    """Documents of the live terms among ``terms``."""
    live = visible_glossary_terms().filter(pk__in=[t.pk for t in terms])
    return [glossary_document(term) for term in live]
