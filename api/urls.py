"""The headless API: Wagtail API v2 endpoints, the search endpoint, the OpenAPI schema and its
documentation page, all under /api/ (cms.urls includes this module).

Every endpoint answers JSON only; successful anonymous GETs carry ETag, Last-Modified and
Cache-Control (api.caching); any other path under /api/ is a JSON 404.
"""

from django.urls import include, path, re_path
from wagtail.api.v2.router import WagtailAPIRouter

from api.caching import conditional_api_view
from api.docs import api_docs, api_not_found, openapi_schema
from api.views import VIEWSETS, SearchAPIView
from api.views.base import URL_NAMESPACE


class BoussoleAPIRouter(WagtailAPIRouter):
    def wrap_view(self, func):
        return conditional_api_view(super().wrap_view(func))


api_router = BoussoleAPIRouter(URL_NAMESPACE)
for endpoint in VIEWSETS:
    api_router.register_endpoint(endpoint.endpoint_name, endpoint)

urlpatterns = [
    path(
        "v2/search/",
        conditional_api_view(SearchAPIView.as_view()),
        name=SearchAPIView.url_name,
    ),
    path("v2/", include((api_router.get_urlpatterns(), URL_NAMESPACE), namespace=URL_NAMESPACE)),
    path("schema/", conditional_api_view(openapi_schema), name="api-schema"),
    path("docs/", api_docs, name="api-docs"),
    re_path(r"^", api_not_found),
]
