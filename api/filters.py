"""Query-string filters of the headless API, each validating its input (400 in French).

``ServiceSearchFilter`` is ``?search=`` on /api/v2/pages/: it asks the Boussole search service
(never Wagtail's backend) for the matching page ids once, so the API finds what the reader
search finds (accents, stems, acronyms, typos), and the page's filters narrow the search.
"""

from django import forms
from django.db.models import Case, IntegerField, Q, When
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend

from api.errors import bad_request
from knowledge.facets import FACETS, facet_places, faceted_page_models
from knowledge.filters import slug_choice_field
from search.facets import TYPE_KEY
from search.service import MATCHING_PAGES_MAX, PageMatches, matching_page_ids

# The API's taxonomy filters, by public parameter: each facet and where page types store it.
TAXONOMY_FILTERS = {facet.param: facet_places(facet) for facet in FACETS}
FACET_KEYS = {facet.param: facet.key for facet in FACETS}

# Same field as the listings: same French error on an unknown slug.
TaxonomyFilterForm = type(
    "TaxonomyFilterForm",
    (forms.Form,),
    {facet.param: slug_choice_field(facet.model, facet.param) for facet in FACETS},
)


def _slugs(request, name):
    """`?theme=a,b` and `?theme=a&theme=b` both mean "a or b"."""
    return [s for value in request.GET.getlist(name) for s in value.split(",") if s]


class TaxonomyFilter(BaseFilterBackend):
    """?theme=, ?dispositif=, ?departement=, ?audience=, ?etape= (slugs; OR within, AND across).

    Pages of a type that doesn't carry the taxonomy are excluded by a filter on it.
    """

    def filter_queryset(self, request, queryset, view):
        data = {name: _slugs(request, name) for name in TAXONOMY_FILTERS if name in request.GET}
        if not data:
            return queryset
        for name, values in data.items():
            if not values:
                raise bad_request(_("Le filtre « %(name)s » est vide."), name=name)
        form = TaxonomyFilterForm(data)
        if not form.is_valid():
            name, errors = next(iter(form.errors.items()))
            raise bad_request(
                _("Filtre « %(name)s » : %(error)s"), name=name, error=" ".join(errors)
            )
        for name, terms in form.cleaned_data.items():
            if name not in data:
                continue
            condition = Q()
            for page_model, lookup in TAXONOMY_FILTERS[name]:
                matching = page_model.objects.filter(**{f"{lookup}__in": terms}).values("pk")
                condition |= Q(pk__in=matching)
            queryset = queryset.filter(condition)
        return queryset


class ExactFieldFilter(BaseFilterBackend):
    """?slug= on pages, glossary and taxonomy: exact match on a text column."""

    def filter_queryset(self, request, queryset, view):
        for name in getattr(view, "exact_filter_fields", ()):
            if name in request.GET:
                value = request.GET[name]
                if "\x00" in value or len(value) > 255:
                    raise bad_request(_("Valeur invalide pour « %(name)s »."), name=name)
                queryset = queryset.filter(**{name: value})
        return queryset


class OrderingFilter(BaseFilterBackend):
    """?order=field or ?order=-field, among the view's `ordering_fields` only."""

    def filter_queryset(self, request, queryset, view):
        order = request.GET.get("order")
        if order is None:
            return queryset
        allowed = view.ordering_fields
        fields = order.split(",")
        for field in fields:
            if field.lstrip("-") not in allowed or field.count("-") > 1:
                raise bad_request(
                    _("Tri impossible sur « %(field)s ». Valeurs possibles : %(allowed)s."),
                    field=field,
                    allowed=", ".join(allowed),
                )
        return queryset.order_by(*fields, "pk")


def search_filters(request, page_models):
    """The page filters of the request as search index filters ({facet key: [slugs]}), or None
    when the requested page types have nothing in the index."""
    filters = {
        FACET_KEYS[name]: _slugs(request, name) for name in TAXONOMY_FILTERS if name in request.GET
    }
    if page_models:
        types = sorted(
            {m.search_type for m in faceted_page_models() if issubclass(m, tuple(page_models))}
        )
        if not types:
            return None
        filters[TYPE_KEY] = types
    return filters


class ServiceSearchFilter(BaseFilterBackend):
    """?search=: the pages the search service matches (``search.service.matching_page_ids``),
    most relevant first unless ``order`` is given. Runs after the other filters (they have
    validated their parameters) and hands them to the service, so its bound applies to the
    filtered matches; ``view.search_matches`` keeps the answer for the listing's meta."""

    limit = MATCHING_PAGES_MAX  # ids asked of the service at most

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        query = request.GET["search"]
        if not query.strip():
            raise bad_request(_("Le paramètre « search » est vide."))
        filters = search_filters(request, getattr(view, "page_models", None))
        if filters is None:
            view.search_matches = PageMatches(ids=[], limit=self.limit)
            return queryset.none()
        view.search_matches = matches = matching_page_ids(query, filters=filters, limit=self.limit)
        ids = matches.ids
        queryset = queryset.filter(pk__in=ids)
        if "order" in request.GET or not ids:
            return queryset
        relevance = Case(
            *[When(pk=pk, then=rank) for rank, pk in enumerate(ids)],
            output_field=IntegerField(),
        )
        return queryset.order_by(relevance)
