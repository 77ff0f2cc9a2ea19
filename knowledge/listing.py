"""Filtered, paginated listings of a page's children for the reader site."""

from django.apps import apps
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from knowledge.facets import facet_lookups
from knowledge.filters import filter_form_for
from knowledge.visibility import visible_pages


class ListingPageMixin:
    """An index page whose children readers filter by taxonomy through the query string.

    Subclasses name the page type they list (``listing_page_type``) and its order."""

    paginate_by = 12
    listing_page_type = None  # "app_label.ModelName"
    listing_ordering = ("title",)

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


def build_listing(index_page, request):
    """Live public children only, filtered by the query string, one page of results.

    Unknown filter values never raise: they come back as `filter_errors` (the view answers
    400 with the message) and the unfiltered listing is still shown.
    """
    model = apps.get_model(index_page.listing_page_type)
    form_class = filter_form_for(model)
    select, prefetch = facet_lookups(model)  # the taxonomy the cards show
    items = (
        visible_pages(model.objects.child_of(index_page))
        .order_by(*index_page.listing_ordering)
        .select_related(*select)
        .prefetch_related(*prefetch)
    )
    form = form_class(request.GET or None)
    filter_errors = []
    active_filters = []
    if form.is_bound:
        if form.is_valid():
            items = form.filter(items)
            active_filters = form.active_filters()
        else:
            filter_errors = [str(e) for errors in form.errors.values() for e in errors]
            form = form_class()
    paginator = Paginator(items, index_page.paginate_by)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    query = request.GET.copy()
    query.pop("page", None)
    for active in active_filters:
        active["remove_query"] = _without(query, active["name"], active["value"])
    return {
        "filter_form": form,
        "filter_errors": filter_errors,
        "active_filters": active_filters,
        "items": page_obj.object_list,
        "page_obj": page_obj,
        "paginator": paginator,
        "result_count": paginator.count,
        "querystring": query.urlencode(),
    }
