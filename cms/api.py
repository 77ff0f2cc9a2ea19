"""The headless API: Wagtail API v2 endpoints, the search endpoint, the OpenAPI schema and its
documentation page, all under /api/.

Every endpoint answers JSON only; successful anonymous GETs carry ETag, Last-Modified and
Cache-Control (knowledge.api.caching); any other path under /api/ is a JSON 404.
"""

from django.urls import include, path, re_path
from wagtail.api.v2.router import WagtailAPIRouter

from knowledge.api.caching import conditional_api_view
from knowledge.api.docs import api_docs, api_not_found, openapi_schema
from knowledge.api.views import ENDPOINTS
from search.api import search_api


class BoussoleAPIRouter(WagtailAPIRouter):
    def wrap_view(self, func):
        return conditional_api_view(super().wrap_view(func))


api_router = BoussoleAPIRouter("wagtailapi")
for endpoint_name, endpoint_class in ENDPOINTS:
    api_router.register_endpoint(endpoint_name, endpoint_class)

urlpatterns = [
    path("v2/search/", conditional_api_view(search_api), name="api-search"),
    path("v2/", include((api_router.get_urlpatterns(), "wagtailapi"), namespace="wagtailapi")),
    path("schema/", conditional_api_view(openapi_schema), name="api-schema"),
    path("docs/", api_docs, name="api-docs"),
    re_path(r"^", api_not_found),
]
