"""The endpoints of the headless API (Wagtail API v2), each showing only what readers may see.

Guarantees (each has a test in knowledge/tests/test_api*.py):
- only live, public content: every page query starts from knowledge.visibility.visible_pages()
  (BoussolePagesAPIViewSet.get_base_queryset, the one place), glossary terms from
  visible_glossary_terms(); a draft revision of a live page is never served (the API reads the
  page row, which holds the live version); private pages, unpublished pages and testimonies
  without consent are absent from listings, details, filters and nested relations;
- internal fields (consent, owner, reviewer notes, review dates) are not API fields: asking for
  them with `fields=` is a 400, `fields=*` never includes them;
- every bad parameter (unknown parameter or field, bad type, negative offset, limit above
  WAGTAILAPI_LIMIT_MAX, unknown taxonomy slug, non-numeric id) is a 400 with a French message;
- unknown objects are 404 with a French message, never an HTML page.
"""

from django.db.models import Q
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import NotFound, Throttled
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.filters import AncestorOfFilter, ChildOfFilter, DescendantOfFilter
from wagtail.api.v2.serializers import BaseSerializer
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Site

from knowledge.api.errors import bad_request, french_message, not_found_message
from knowledge.api.filters import (
    TAXONOMY_FILTERS,
    ExactFieldFilter,
    OrderingFilter,
    TaxonomyFilter,
)
from knowledge.api.pagination import BoussolePagination
from knowledge.api.search_filter import ServiceSearchFilter
from knowledge.models import (
    Audience,
    Dispositif,
    GlossaryTerm,
    ProjectStep,
    Territory,
    Theme,
)
from knowledge.serializers import GlossaryHtmlUrlField
from knowledge.visibility import visible_glossary_terms, visible_pages
from search.throttling import SearchRateThrottle, retry_after, throttled_message

PAGINATION_PARAMETERS = frozenset(["limit", "offset", "fields", "order"])


def api_error(message, status_code):
    return Response({"message": message}, status=status_code)


class BoussoleAPIMixin:
    """What every Boussole endpoint shares: JSON only, capped pagination, a whitelist of query
    parameters, French error messages."""

    renderer_classes = [JSONRenderer]
    # Anonymous and read-only: the same answer for everyone, so no session or credentials.
    authentication_classes = []
    permission_classes = []
    pagination_class = BoussolePagination
    listing_parameters = PAGINATION_PARAMETERS
    detail_parameters = frozenset(["fields"])
    find_parameters = frozenset(["id", "fields"])
    ordering_fields = ["id"]
    exact_filter_fields = ()

    def _check_parameters(self, allowed):
        unknown = sorted(set(self.request.GET.keys()) - set(allowed))
        if unknown:
            raise bad_request(
                _("Paramètre inconnu : %(unknown)s. Paramètres acceptés ici : %(allowed)s."),
                unknown=", ".join(name[:50] for name in unknown),
                allowed=", ".join(sorted(allowed)),
            )

    def check_query_parameters(self, queryset):
        self._check_parameters(self.listing_parameters)

    def detail_view(self, request, pk=None, slug=None):
        self._check_parameters(self.detail_parameters)
        return super().detail_view(request, pk)

    def find_view(self, request):
        self._check_parameters(self.find_parameters)
        return super().find_view(request)

    def find_object(self, queryset, request):
        if "id" in request.GET:
            raw = request.GET["id"]
            if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
                raise bad_request(_("« id » doit être un nombre entier positif."))
            return queryset.filter(id=int(raw)).first()
        return None

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            queryset = self.get_queryset()
            if "slug" in self.kwargs and self.kwargs["slug"] is not None:
                obj = queryset.filter(slug=self.kwargs["slug"]).first()
            else:
                obj = queryset.filter(pk=self.kwargs["pk"]).first()
            if obj is None:
                raise Http404(not_found_message())
            self._cached_object = self.specific_object(obj)
        return self._cached_object

    def specific_object(self, obj):
        return obj

    def handle_exception(self, exc):
        if isinstance(exc, (Http404, NotFound)):
            return api_error(not_found_message(), status.HTTP_404_NOT_FOUND)
        if isinstance(exc, BadRequestError):
            return api_error(french_message(str(exc)), status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, Throttled):
            response = api_error(throttled_message(exc.wait), status.HTTP_429_TOO_MANY_REQUESTS)
            response["Retry-After"] = retry_after(exc.wait)
            return response
        return super().handle_exception(exc)

    invalid_id_message = _("L'identifiant doit être un nombre entier positif.")

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
            path("find/", cls.as_view({"get": "find_view"}), name="find"),
            *cls.get_extra_detail_urlpatterns(),
            # Anything else where an id belongs is a clear 400, not a 404 or a 500.
            path("<str:slug>/", cls.as_view({"get": "invalid_id_view"}), name="invalid-id"),
        ]

    @classmethod
    def get_extra_detail_urlpatterns(cls):
        return []

    def invalid_id_view(self, request, slug):
        raise bad_request(self.invalid_id_message)


class BoussolePagesAPIViewSet(BoussoleAPIMixin, PagesAPIViewSet):
    """/api/v2/pages/: chapters, sheets, testimonies (and the guide, listings and home page)."""

    filter_backends = [
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        ExactFieldFilter,
        TaxonomyFilter,
        OrderingFilter,
        ServiceSearchFilter,  # last: it orders by relevance
    ]
    listing_parameters = PAGINATION_PARAMETERS.union(
        ["type", "search", "slug", "child_of", "ancestor_of", "descendant_of"],
        TAXONOMY_FILTERS,
    )
    detail_parameters = frozenset(["fields", "type"])
    find_parameters = frozenset(["id", "html_path", "fields", "type"])
    ordering_fields = ["id", "title", "first_published_at", "last_published_at"]
    exact_filter_fields = ("slug",)
    # alias_of could point at a page readers can't see: not exposed.
    meta_fields = [f for f in PagesAPIViewSet.meta_fields if f != "alias_of"]

    def get_base_queryset(self):
        """THE page queryset of the API: live, public, consented, on this site."""
        queryset = visible_pages()
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
        if len(models) == 1:
            # The specific model, so its own fields can be serialised.
            return models[0].objects.filter(pk__in=self.get_base_queryset().values("pk"))
        return self.get_base_queryset().type(*models)

    def specific_object(self, obj):
        return obj.specific

    def get_throttles(self):
        # ?search= goes through the search service: throttled like /api/v2/search/.
        if "search" in self.request.GET:
            return [SearchRateThrottle()]
        return super().get_throttles()

    def find_object(self, queryset, request):
        if "html_path" in request.GET:
            return PagesAPIViewSet.find_object(self, queryset, _GetWithoutId(request))
        return super().find_object(queryset, request)


class _GetWithoutId:
    """Request proxy hiding ?id= so Wagtail's html_path lookup never falls back to it."""

    def __init__(self, request):
        self._request = request
        self.GET = request.GET.copy()
        self.GET.pop("id", None)

    def __getattr__(self, name):
        return getattr(self._request, name)


def restricted_collection_ids():
    """Collections under any view restriction (password, login, group): never in the API."""
    paths = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    condition = Q()
    for collection_path in paths:
        condition |= Q(path__startswith=collection_path)
    if not condition:
        return []
    return list(Collection.objects.filter(condition).values_list("pk", flat=True))


class BoussoleImagesAPIViewSet(BoussoleAPIMixin, ImagesAPIViewSet):
    filter_backends = [OrderingFilter]
    ordering_fields = ["id", "title", "created_at"]

    def get_queryset(self):
        return self.model.objects.exclude(collection__in=restricted_collection_ids()).order_by("id")


class BoussoleDocumentsAPIViewSet(BoussoleAPIMixin, DocumentsAPIViewSet):
    filter_backends = [OrderingFilter]
    ordering_fields = ["id", "title", "created_at"]

    def get_queryset(self):
        return self.model.objects.exclude(collection__in=restricted_collection_ids()).order_by("id")


class SlugLookupMixin:
    """Detail by id (/themes/3/) or by slug (/themes/sante-mentale/)."""

    listing_parameters = PAGINATION_PARAMETERS.union(["slug"])
    exact_filter_fields = ("slug",)
    filter_backends = [ExactFieldFilter, OrderingFilter]

    invalid_id_message = _(
        "L'identifiant doit être un nombre entier positif ou un slug (lettres, chiffres, tirets)."
    )

    @classmethod
    def get_extra_detail_urlpatterns(cls):
        return [path("<slug:slug>/", cls.as_view({"get": "detail_view"}), name="detail-by-slug")]


class TaxonomyAPIViewSet(SlugLookupMixin, BoussoleAPIMixin, BaseAPIViewSet):
    """A taxonomy (themes, dispositifs, territoires, publics, étapes): list and detail."""

    ordering_fields = ["id", "name", "slug"]

    def get_queryset(self):
        return self.model.objects.all().order_by(*self.model._meta.ordering, "pk")

    @classmethod
    def get_listing_default_fields(cls, model):
        return ["id", "type", "detail_url", *model.api_fields]

    @classmethod
    def get_nested_default_fields(cls, model):
        return ["id", "type", "detail_url", *model.api_fields]


def taxonomy_endpoint(model_class, endpoint_name):
    return type(
        f"{model_class.__name__}APIViewSet",
        (TaxonomyAPIViewSet,),
        {"model": model_class, "name": endpoint_name},
    )


ThemesAPIViewSet = taxonomy_endpoint(Theme, "themes")
DispositifsAPIViewSet = taxonomy_endpoint(Dispositif, "dispositifs")
TerritoriesAPIViewSet = taxonomy_endpoint(Territory, "territoires")
AudiencesAPIViewSet = taxonomy_endpoint(Audience, "publics")
ProjectStepsAPIViewSet = taxonomy_endpoint(ProjectStep, "etapes")


class GlossarySerializer(BaseSerializer):
    html_url = GlossaryHtmlUrlField(read_only=True)


class GlossaryAPIViewSet(SlugLookupMixin, BoussoleAPIMixin, BaseAPIViewSet):
    """/api/v2/glossaire/: live terms only, in their live version (never a draft revision)."""

    model = GlossaryTerm
    name = "glossaire"
    base_serializer_class = GlossarySerializer
    # Body fields: "id" plus GlossaryTerm.api_fields (see_also only links live terms).
    meta_fields = ["type", "detail_url", "html_url"]
    listing_default_fields = ["id", "type", "detail_url", "html_url", "term", "acronym", "slug"]
    nested_default_fields = ["id", "type", "detail_url", "term", "slug"]
    ordering_fields = ["id", "term", "slug"]

    def get_queryset(self):
        return visible_glossary_terms().order_by("term", "pk")


ENDPOINTS = [
    ("pages", BoussolePagesAPIViewSet),
    ("images", BoussoleImagesAPIViewSet),
    ("documents", BoussoleDocumentsAPIViewSet),
    ("themes", ThemesAPIViewSet),
    ("dispositifs", DispositifsAPIViewSet),
    ("territoires", TerritoriesAPIViewSet),
    ("publics", AudiencesAPIViewSet),
    ("etapes", ProjectStepsAPIViewSet),
    ("glossaire", GlossaryAPIViewSet),
]
