"""Pages shown as cards (listings, related content, featured pages, quoted testimonies): what a
card shows of a page's taxonomy, and loading a set of cards in a number of queries that does
not grow with the number of cards."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from knowledge.facets import AUDIENCE, DISPOSITIF, THEME, facet_lookups
from knowledge.filters import ordered_terms, term_label
from knowledge.visibility import visible_pages

# The facets a card shows as pills, in their order; the page itself shows every facet.
CARD_FACETS = (DISPOSITIF, THEME, AUDIENCE)
CARD_TAGS_MAX = 3


def card_fields(model):
    """The page type's facet fields a card shows, in pill order."""
    fields = getattr(model, "facet_fields", [])
    return [field for facet in CARD_FACETS for field in fields if field.facet == facet]


def with_card_facets(queryset):
    """``queryset`` with the taxonomy its cards show loaded, whatever the number of pages: one
    query per many-to-many card facet; every foreign-key facet joined (a testimony's card
    names its département too), which costs no query."""
    model = queryset.model
    select, _prefetch = facet_lookups(model, getattr(model, "facet_fields", []))
    _select, prefetch = facet_lookups(model, card_fields(model))
    return queryset.select_related(*select).prefetch_related(*prefetch)


def visible_cards(pages):
    """The pages of ``pages`` readers may see, as their specific type, in the given order, with
    their card taxonomy loaded.

    Guarantees: hidden pages (draft, private, testimony without consent) are left out, even if
    the caller holds them; one query for the visibility of them all, then one per page type
    and per many-to-many card facet: the count does not grow with the number of pages.
    """
    pages = [page for page in pages if page is not None]
    if not pages:
        return []
    ids_by_type = defaultdict(list)
    visible = visible_pages(Page.objects.filter(pk__in={page.pk for page in pages}))
    for pk, content_type_id in visible.values_list("pk", "content_type"):
        ids_by_type[content_type_id].append(pk)
    loaded = {}
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        loaded.update(with_card_facets(model.objects.filter(pk__in=ids)).in_bulk())
    return [loaded[page.pk] for page in pages if page.pk in loaded]


def card_tags(item):
    """At most ``CARD_TAGS_MAX`` taxonomy pills for a card, in ``CARD_FACETS`` order, each term
    with its one label (``term_label``) and sorted by it; ``more`` counts the rest, which the
    page itself shows. Reads the loaded relations (``with_card_facets``): no query of its own."""
    tags = []
    for field in card_fields(type(item)):
        value = getattr(item, field.field_name)
        terms = value.all() if hasattr(value, "all") else [value] if value else []
        tags += [{"kind": field.facet.key, "label": term_label(t)} for t in ordered_terms(terms)]
    return {"shown": tags[:CARD_TAGS_MAX], "more": max(0, len(tags) - CARD_TAGS_MAX)}
