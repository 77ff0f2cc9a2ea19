"""Query-string filters of the headless API, each validating its input (400 in French)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend

from knowledge.api.errors import bad_request
from knowledge.facets import FACETS, facet_places
from knowledge.filters import slug_choice_field

# The API's taxonomy filters, by public parameter: each facet and where page types store it.
TAXONOMY_FILTERS = {facet.param: facet_places(facet) for facet in FACETS}

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
