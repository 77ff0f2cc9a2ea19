"""The facet declaration: which taxonomy a page type carries, under which field and public name.

Declared once here and on each page type (``facet_fields``, like Wagtail's ``search_fields``);
everything else is derived from it: listing filter forms, the search form and its facets, the
API's filters and their OpenAPI help, the documents sent to the search index, the benchmark.

Adding a taxonomy: its model (``knowledge.models.taxonomy``), a ``Facet`` below, a
``FacetField`` on the page types (or mixin) that carry it, its admin (``wagtail_hooks``) and a
migration. Nothing else names it.
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Facet:
    """A taxonomy readers filter on.

    ``key`` names it in the search index; ``param`` is its public query-string name (listings,
    /recherche/, /api/v2/); ``model`` the taxonomy snippet whose slugs are its values;
    ``endpoint`` the API endpoint that lists those values; ``help`` the OpenAPI description.
    """

    key: str
    param: str
    label: str
    model_label: str
    endpoint: str
    help: str

    @property
    def model(self):
        return apps.get_model(self.model_label)


@dataclass(frozen=True)
class FacetField:
    """A page type's field (many-to-many or foreign key to ``facet.model``) carrying a facet."""

    facet: Facet
    field_name: str

    def slugs(self, page):
        value = getattr(page, self.field_name)
        if value is None:
            return []
        if hasattr(value, "all"):  # many-to-many (prefetched by the indexer)
            return [term.slug for term in value.all()]
        return [value.slug]


THEME = Facet("theme", "theme", _("Thématique"), "knowledge.Theme", "themes", "Slug de thématique.")
DISPOSITIF = Facet(
    "dispositif",
    "dispositif",
    _("Dispositif"),
    "knowledge.Dispositif",
    "dispositifs",
    "Slug de dispositif (asv, cls, clsm, autre).",
)
TERRITORY = Facet(
    "territory",
    "departement",
    _("Département"),
    "knowledge.Territory",
    "territoires",
    "Slug de territoire (paris, essonne, …).",
)
AUDIENCE = Facet(
    "audience", "audience", _("Public"), "knowledge.Audience", "publics", "Slug de public."
)
PROJECT_STEP = Facet(
    "project_step",
    "etape",
    _("Étape de projet"),
    "knowledge.ProjectStep",
    "etapes",
    "Slug d'étape de projet.",
)

# In display order (search facets, API parameters).
FACETS = (THEME, DISPOSITIF, TERRITORY, AUDIENCE, PROJECT_STEP)
FACETS_BY_PARAM = {facet.param: facet for facet in FACETS}


def faceted_page_models():
    """Concrete page types that declare facet fields and a search type: the reader content."""
    from wagtail.models import get_page_models

    return [
        model
        for model in get_page_models()
        if not model._meta.abstract and getattr(model, "search_type", None)
    ]


def facet_places(facet):
    """(page model, field name) for each page type carrying ``facet``."""
    return [
        (model, field.field_name)
        for model in faceted_page_models()
        for field in model.facet_fields
        if field.facet == facet
    ]


def with_facets(queryset):
    """``queryset`` with its page type's taxonomy loaded in a constant number of queries."""
    select, prefetch = facet_lookups(queryset.model)
    return queryset.select_related(*select).prefetch_related(*prefetch)


def facet_lookups(model, fields=None):
    """(select_related, prefetch_related) names that load a page type's facet fields (or
    ``fields``, some of them) at once."""
    select, prefetch = [], []
    for field in model.facet_fields if fields is None else fields:
        many = model._meta.get_field(field.field_name).many_to_many
        (prefetch if many else select).append(field.field_name)
    return select, prefetch
