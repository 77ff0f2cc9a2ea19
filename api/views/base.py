"""What every endpoint shares, and the Wagtail endpoints' common behaviour and description.

Guarantees (each has a test in api/tests/):
- JSON only, anonymous, read-only;
- every bad parameter (unknown parameter or field, bad type, negative offset, limit above
  WAGTAILAPI_LIMIT_MAX, unknown taxonomy slug, non-numeric id) is a 400 with a French message;
  unknown objects are a 404 with a French message, never an HTML page; too many searches are a
  429 with a French message and Retry-After (``api.errors``);
- the query parameters an endpoint accepts are the ones it describes in the OpenAPI document:
  both come from the same ``QueryParameter`` list.
"""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from rest_framework.renderers import JSONRenderer

from api.errors import api_exception_response, bad_request, not_found_message
from api.openapi import (
    FIELDS_PARAMETER,
    ID_PARAMETER,
    LISTING_META,
    PAGINATION_PARAMETERS,
    item_component_name,
    item_schema,
    listing_of,
    names,
    order_parameter,
    responses,
)
from api.pagination import BoussolePagination

# Namespace of the Wagtail router's URLs (api.urls): "wagtailapi:pages:detail".
URL_NAMESPACE = "wagtailapi"


class BoussoleAPIMixin:
    """Every endpoint, Wagtail's and the search view: JSON only, no session or credentials (the
    same answer for everyone), a whitelist of query parameters, French 400/404/429."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = []
    unknown_parameter_message = _(
        "Paramètre inconnu : %(unknown)s. Paramètres acceptés ici : %(allowed)s."
    )

    def check_parameters(self, allowed):
        """400 unless every query parameter is in ``allowed`` (listed in that order)."""
        unknown = sorted(set(self.request.GET.keys()) - set(allowed))
        if unknown:
            raise bad_request(
                self.unknown_parameter_message,
                unknown=", ".join(name[:50] for name in unknown),
                allowed=", ".join(allowed),
            )

    def handle_exception(self, exc):
        response = api_exception_response(exc)
        if response is None:
            return super().handle_exception(exc)
        return response


class BoussoleEndpointMixin(BoussoleAPIMixin):
    """A Wagtail API endpoint (listing, detail, find) with capped pagination; it describes its
    own operations in the OpenAPI document (``describe_openapi``)."""

    pagination_class = BoussolePagination
    ordering_fields = ["id"]
    exact_filter_fields = ()
    find_parameters = frozenset(["id", "fields"])
    # Extra listing parameters (filters) beyond pagination and order.
    filter_parameters = ()
    detail_parameters = (FIELDS_PARAMETER,)
    detail_path_parameter = ID_PARAMETER
    invalid_id_message = _("L'identifiant doit être un nombre entier positif.")

    # The OpenAPI description: tag (default: the endpoint's name) and summaries.
    openapi_tag = None
    openapi_summary = ""
    openapi_detail_summary = ""
    # Listings that may answer 429 (those that search).
    openapi_throttled = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # The endpoint's name ("pages", "themes"), read now: DRF's as_view() resets ``name``
        # (its display name) to None on the class.
        cls.endpoint_name = cls.name

    @classmethod
    def get_listing_parameters(cls):
        return [
            *PAGINATION_PARAMETERS,
            order_parameter(cls.ordering_fields),
            *cls.filter_parameters,
        ]

    def check_query_parameters(self, queryset):
        self.check_parameters(sorted(names(self.get_listing_parameters())))

    def detail_view(self, request, pk=None, slug=None):
        self.check_parameters(sorted(names(self.detail_parameters)))
        return super().detail_view(request, pk)

    def find_view(self, request):
        self.check_parameters(sorted(self.find_parameters))
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

    # --- OpenAPI ------------------------------------------------------------------------

    @classmethod
    def openapi_item(cls, doc):
        """$ref of the schema of one item (listing and detail)."""
        return doc.component(item_component_name(cls.model), item_schema(doc, cls, cls.model))

    @classmethod
    def openapi_listing_meta(cls, doc):
        return LISTING_META

    @classmethod
    def describe_openapi(cls, doc):
        """Add this endpoint's listing and detail operations to ``doc``."""
        name = cls.endpoint_name
        url = reverse(f"{URL_NAMESPACE}:{name}:listing")
        tags = [cls.openapi_tag or name]
        item = cls.openapi_item(doc)
        doc.operation(
            url,
            "get",
            {
                "operationId": f"{name}_list",
                "summary": str(cls.openapi_summary),
                "tags": tags,
                "parameters": [p.as_openapi() for p in cls.get_listing_parameters()],
                "responses": responses(
                    doc,
                    listing_of(item, cls.openapi_listing_meta(doc)),
                    "Liste paginée.",
                    throttled=cls.openapi_throttled,
                ),
            },
        )
        detail = cls.detail_path_parameter
        doc.operation(
            f"{url}{{{detail['name']}}}/",
            "get",
            {
                "operationId": f"{name}_detail",
                "summary": str(cls.openapi_detail_summary or cls.openapi_summary),
                "tags": tags,
                "parameters": [detail, *(p.as_openapi() for p in cls.detail_parameters)],
                "responses": responses(doc, item, "L'élément.", not_found=True),
            },
        )
