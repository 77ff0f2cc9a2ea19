"""/api/v2/pages/: chapters, sheets, testimonies (and the guide, listings and home page).

Guarantees (tests in api/tests/test_pages.py):
- only live, public content: every page query starts from knowledge.visibility.visible_pages()
  (``get_base_queryset``, the one place); a draft revision of a live page is never served (the
  API reads the page row, which holds the live version); private pages, unpublished pages and
  testimonies without consent are absent from listings, details, filters and nested relations;
- internal fields (consent, owner, reviewer notes, review dates) are not API fields: asking for
  them with ``fields=`` is a 400, ``fields=*`` never includes them;
- ``?search=`` goes through the search service once (``api.filters.ServiceSearchFilter``); the
  listing's ``meta.search_truncated`` says whether its bound cut the matches.
"""

from django.utils.translation import gettext as _
from wagtail.api.v2.filters import AncestorOfFilter, ChildOfFilter, DescendantOfFilter
from wagtail.api.v2.utils import page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Site, get_page_models

from api.errors import bad_request
from api.filters import (
    ExactFieldFilter,
    OrderingFilter,
    ServiceSearchFilter,
    TaxonomyFilter,
)
from api.openapi import (
    FIELDS_PARAMETER,
    LISTING_META,
    STRING,
    QueryParameter,
    item_component_name,
    item_schema,
    obj,
)
from api.views.base import BoussoleEndpointMixin
from knowledge.facets import FACETS, with_facets
from knowledge.serializers import prefetch_visible
from knowledge.visibility import visible_pages
from search.service import MATCHING_PAGES_MAX
from search.throttling import SearchRateThrottle


def concrete_page_models():
    """Every concrete page type, by name (each has its own item schema)."""
    return sorted((m for m in get_page_models() if not m._meta.abstract), key=lambda m: m.__name__)


def page_type_names():
    return [f"{m._meta.app_label}.{m.__name__}" for m in concrete_page_models()]


def page_id_parameter(name, description):
    return QueryParameter(name, description, {"type": "integer", "minimum": 1})


LISTING_TYPE_PARAMETER = QueryParameter(
    "type",
    lambda: (
        "Type de page (un ou plusieurs, séparés par des virgules) : "
        + ", ".join(page_type_names())
        + ". Avec un seul type, ses champs propres sont disponibles dans `fields`."
    ),
)
DETAIL_TYPE_PARAMETER = QueryParameter(
    "type",
    "Type(s) de page attendu(s), séparés par des virgules : une page d'un autre type répond 404.",
)
SEARCH_PARAMETER = QueryParameter(
    "search",
    f"Recherche en français via le service de recherche de La Boussole (accents, pluriels, "
    f"sigles, fautes de frappe) ; tri par pertinence sauf `order`. Au plus les "
    f"{MATCHING_PAGES_MAX} pages les plus pertinentes sont retenues : au-delà, "
    f"`meta.search_truncated` vaut true et `meta.notice` le dit.",
)


class BoussolePagesAPIViewSet(BoussoleEndpointMixin, PagesAPIViewSet):
    filter_backends = [
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        ExactFieldFilter,
        TaxonomyFilter,
        OrderingFilter,
        ServiceSearchFilter,  # last: it orders by relevance
    ]
    filter_parameters = (
        LISTING_TYPE_PARAMETER,
        SEARCH_PARAMETER,
        QueryParameter("slug", "Identifiant de page (slug) exact."),
        page_id_parameter("child_of", "Pages enfants de cette page."),
        page_id_parameter("descendant_of", "Pages sous cette page."),
        page_id_parameter("ancestor_of", "Pages au-dessus de cette page."),
        *[
            QueryParameter(
                facet.param, facet.help + " Plusieurs valeurs séparées par des virgules."
            )
            for facet in FACETS
        ],
    )
    detail_parameters = (FIELDS_PARAMETER, DETAIL_TYPE_PARAMETER)
    find_parameters = frozenset(["id", "html_path", "fields", "type"])
    ordering_fields = ["id", "title", "first_published_at", "last_published_at"]
    exact_filter_fields = ("slug",)
    # alias_of could point at a page readers can't see: not exposed.
    meta_fields = [f for f in PagesAPIViewSet.meta_fields if f != "alias_of"]

    openapi_summary = "Pages publiées : chapitres, fiches pratiques, remontées de terrain"
    openapi_detail_summary = "Une page publiée (version en ligne, jamais un brouillon)"
    openapi_throttled = True

    # The page types asked for with ?type= (None: every type), read by the search filter.
    page_models = None

    def get_base_queryset(self, model=None):
        """THE page queryset of the API: live, public, consented, on this site (pages of
        ``model`` only, when given: filtered on its own table, not through a subquery of
        every page, which SQLite materialises for the count and for each page of results)."""
        queryset = visible_pages(model.objects.all() if model is not None else None)
        site = Site.find_for_request(self.request)
        if site is None:
            return queryset.none()
        return queryset.descendant_of(site.root_page, inclusive=True)

    def get_queryset(self):
        raw_type = self.request.GET.get("type")
        if not raw_type:
            return self.get_base_queryset()
        try:
            models = page_models_from_string(raw_type)
        except (LookupError, ValueError) as e:
            raise bad_request(
                _("Type de page inconnu : « %(type)s » (exemple : knowledge.PracticeSheetPage)."),
                type=raw_type[:100],
            ) from e
        self.page_models = models
        if len(models) == 1:
            # The specific model, so its own fields can be serialised; what the items show
            # (taxonomy, related pages, locale) loaded for all of them at once.
            model = models[0]
            queryset = self.get_base_queryset(model)
            return prefetch_visible(model, with_facets(queryset).select_related("locale"))
        return self.get_base_queryset().type(*models)

    def specific_object(self, obj):
        return obj.specific

    def get_throttles(self):
        # ?search= goes through the search service: throttled like /api/v2/search/.
        if "search" in self.request.GET:
            return [SearchRateThrottle()]
        return super().get_throttles()

    def find_object(self, queryset, request):
        if "\x00" in request.GET.get("html_path", ""):  # PostgreSQL text refuses NUL: a 500
            raise bad_request(_("Valeur invalide pour « %(name)s »."), name="html_path")
        if "html_path" in request.GET:
            return PagesAPIViewSet.find_object(self, queryset, _GetWithoutId(request))
        return super().find_object(queryset, request)

    @classmethod
    def openapi_item(cls, doc):
        """Any of the page types' items (each its own schema, none referring back)."""
        return doc.component(
            "PageItem",
            {
                "anyOf": [
                    doc.component(item_component_name(model), item_schema(doc, cls, model))
                    for model in concrete_page_models()
                ]
            },
        )

    @classmethod
    def openapi_listing_meta(cls, doc):
        return obj(
            {
                **LISTING_META["properties"],
                "search_truncated": {
                    "type": "boolean",
                    "description": "Avec `search` seulement : vrai quand plus de "
                    f"{MATCHING_PAGES_MAX} pages correspondent ; seules les plus pertinentes "
                    "sont alors retenues.",
                },
                "notice": {
                    **STRING,
                    "description": "Avec `search`, quand la recherche a été tronquée : "
                    "l'explication en français.",
                },
            },
            required=LISTING_META["required"],
        )


class _GetWithoutId:
    """Request proxy hiding ?id= so Wagtail's html_path lookup never falls back to it."""

    def __init__(self, request):
        self._request = request
        self.GET = request.GET.copy()
        self.GET.pop("id", None)

    def __getattr__(self, name):
        return getattr(self._request, name)
