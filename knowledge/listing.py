"""Filtered, paginated listings of a page's children for the reader site."""

from django import forms
from django.apps import apps
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, F
from django.utils.functional import cached_property
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from knowledge import content_version
from knowledge.cards import with_card_facets
from knowledge.filters import filter_form_for, taxonomy_choices
from knowledge.visibility import visible_pages

SORT_PARAM = "tri"
SORT_TITLE = ("titre", _("titre (de A à Z)"), ("title",))
SORT_DATE = (
    "date",
    _("date de mise à jour (les plus récentes d'abord)"),
    (F("last_published_at").desc(nulls_last=True), "title"),
)
SORT_COLLECTED = (
    "recueil",
    _("date de recueil (les plus récentes d'abord)"),
    (F("collected_on").desc(nulls_last=True), "title"),
)


class ListingPageMixin:
    """An index page whose children readers filter by taxonomy through the query string.

    Subclasses name the page type they list (``listing_page_type``) and its sorts
    (``listing_sorts``: (query value, label, ordering), the first is the default)."""

    paginate_by = 12
    listing_page_type = None  # "app_label.ModelName"
    listing_sorts = (SORT_TITLE, SORT_DATE)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(build_listing(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if getattr(response, "context_data", {}).get("filter_errors"):
            response.status_code = 400
        return response


def _without(query, name, value):
    """The query string with one filter value removed (and back to the first page)."""
    query = query.copy()
    query.setlist(name, [v for v in query.getlist(name) if v != value])
    return query.urlencode()


def _facet_counts(form, items, name, field):
    """{value: number of items} for one filter, the other selected filters applied (one query)."""
    lookup = form.lookups[name]
    if isinstance(field, forms.ModelMultipleChoiceField):
        lookup = f"{lookup}__slug"
    narrowed = form.filter(items, skip=name) if form.is_bound else items
    rows = (
        narrowed.order_by()
        .values(lookup)
        .annotate(n=Count("pk", distinct=True))
        .values_list(lookup, "n")
    )
    return {value: n for value, n in rows if value is not None}


def _selected(form):
    """{filter name: selected slugs} of a valid bound form (else nothing is selected)."""
    selected = {}
    if form.is_bound and form.is_valid():
        for name in form.fields:
            values = form.cleaned_data.get(name) or []
            selected[name] = {getattr(v, "slug", v) for v in values}
    return selected


def _listing_counts(form, visible, items, index_page, selected):
    """The number of listed ``items`` and {filter name: {value: count}} over ``visible``,
    computed once per content version and filter set: they change only when content does, and
    each is a count or a grouping of every listed page."""
    chosen = sorted((name, sorted(values)) for name, values in selected.items() if values)
    return content_version.per_version_of(
        f"listing-counts:{index_page.pk}",
        repr(chosen),
        lambda _request: {
            "total": items.count(),
            "facets": {
                name: _facet_counts(form, visible, name, field)
                for name, field in form.fields.items()
            },
        },
    )


class _CountedPaginator(Paginator):
    """A paginator given its count (``_listing_counts``) instead of counting again."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.given_count = count

    @cached_property
    def count(self):
        return self.given_count


def _filter_facets(form, selected, all_counts):
    """The filters as the template shows them: per filter its label, then each value with its
    one label (``term_label``), its count and whether it is selected, in display order."""
    facets = []
    for name, field in form.fields.items():
        counts = all_counts[name]
        if isinstance(field, forms.ModelMultipleChoiceField):
            pairs = taxonomy_choices(field.queryset.model)
        else:
            pairs = [(str(v), str(label)) for v, label in field.choices]
        chosen = selected.get(name, set())
        choices = [
            {
                "value": value,
                "label": label,
                "count": counts.get(value, 0),
                "selected": value in chosen,
                "id": f"filtre-{name}-{value}",
            }
            for value, label in pairs
            # A value no item carries is only noise, unless the reader selected it.
            if counts.get(value) or value in chosen
        ]
        if choices:
            facets.append(
                {"name": name, "label": field.label, "choices": choices, "selected": len(chosen)}
            )
    return facets


def _sort(index_page, request):
    """(query value, ordering, error message or None) of the requested sort."""
    sorts = index_page.listing_sorts
    wanted = request.GET.get(SORT_PARAM) or sorts[0][0]
    for value, _label, ordering in sorts:
        if value == wanted:
            return value, ordering, None
    return (
        sorts[0][0],
        sorts[0][2],
        _gettext("Tri inconnu : choisissez %(choices)s.")
        % {"choices": ", ".join(f"« {v} »" for v, _label, _o in sorts)},
    )


def listing_heading(index_page, active_filters, page_obj, count):
    """(title, description) of a listing as filtered: unique per filter set and page, for the
    <title> and the meta description."""
    title = index_page.seo_title or index_page.title
    parts = [title]
    if active_filters:
        parts.append(", ".join(str(a["label"]) for a in active_filters))
    if page_obj.number > 1:
        parts.append(_gettext("page %(n)s") % {"n": page_obj.number})
    # French: 0 and 1 take the singular (gettext's fallback rule is the English one).
    results = ngettext("%(n)s résultat", "%(n)s résultats", 1 if count < 2 else count) % {
        "n": count
    }
    if active_filters:
        filters = " ; ".join(f"{a['field']} : {a['label']}" for a in active_filters)
        description = _gettext(
            "%(title)s de la Boussole filtrées par %(filters)s (%(results)s)."
        ) % {
            "title": title,
            "filters": filters,
            "results": results,
        }
    else:
        description = (
            index_page.search_description
            or index_page.summary
            or (
                _gettext("%(title)s de la Boussole (%(results)s).")
                % {"title": title, "results": results}
            )
        )
    return " — ".join(parts), description


def build_listing(index_page, request):
    """Live public children only, filtered by the query string, one page of results.

    Guarantees: unknown filter values or sort never raise: they come back as `filter_errors`
    (the view answers 400 with the message) and the unfiltered listing is still shown; each
    filter value comes with its count, the other filters applied, in a constant number of
    queries (one per filter, once per content version and filter set); values are sorted by
    their shown label; the pagination links a bounded number of pages (first, last, and two
    either side of this one), however long the listing; the title and description name the
    filters and the page.
    """
    model = apps.get_model(index_page.listing_page_type)
    form_class = filter_form_for(model)
    visible = visible_pages(model.objects.child_of(index_page))
    sort, ordering, sort_error = _sort(index_page, request)
    form = form_class(request.GET or None)
    filter_errors = [sort_error] if sort_error else []
    active_filters = []
    items = visible
    if form.is_bound:
        if form.is_valid():
            items = form.filter(visible)
            active_filters = form.active_filters()
        else:
            filter_errors += [str(e) for errors in form.errors.values() for e in errors]
            form = form_class()
    selected = _selected(form)
    counts = _listing_counts(form, visible, items, index_page, selected)
    facets = _filter_facets(form, selected, counts["facets"])
    # The page's ids first, then their cards: sorting narrow rows is cheap, sorting whole
    # pages (bodies included) to skip 600 of them is what made deep pages slow.
    ids = items.order_by(*ordering).values_list("pk", flat=True)
    paginator = _CountedPaginator(ids, index_page.paginate_by, counts["total"])
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    page_ids = list(page_obj.object_list)
    cards = with_card_facets(model.objects.filter(pk__in=page_ids)).in_bulk()
    page_obj.object_list = [cards[pk] for pk in page_ids if pk in cards]
    query = request.GET.copy()
    query.pop("page", None)
    if sort_error:
        query.pop(SORT_PARAM, None)
    for active in active_filters:
        active["remove_query"] = _without(query, active["name"], active["value"])
    title, description = listing_heading(index_page, active_filters, page_obj, paginator.count)
    return {
        "filter_form": form,
        "filter_facets": facets,
        "filter_errors": filter_errors,
        "active_filters": active_filters,
        "active_filter_count": len(active_filters),
        "sorts": [
            {"value": value, "label": label, "selected": value == sort}
            for value, label, _ordering in index_page.listing_sorts
        ],
        "sort_param": SORT_PARAM,
        "items": page_obj.object_list,
        "page_obj": page_obj,
        "paginator": paginator,
        # First, last and the pages around this one: 20 000 items are 1 700 pages of links.
        "page_numbers": [
            None if number == paginator.ELLIPSIS else number
            for number in paginator.get_elided_page_range(page_obj.number, on_each_side=2)
        ],
        "result_count": paginator.count,
        "querystring": query.urlencode(),
        "listing_title": title,
        "listing_description": description,
    }
