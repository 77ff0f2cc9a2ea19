"""Every endpoint of the API, in the order of the OpenAPI document.

``VIEWSETS`` are Wagtail API endpoints (registered on the router by their ``endpoint_name``);
``ENDPOINTS`` adds the search view. Each class describes its own operations
(``describe_openapi``), which ``api.schema`` assembles.
"""

from api.views.media import BoussoleDocumentsAPIViewSet, BoussoleImagesAPIViewSet
from api.views.pages import BoussolePagesAPIViewSet
from api.views.search import SearchAPIView
from api.views.taxonomy import TAXONOMY_ENDPOINTS, GlossaryAPIViewSet

VIEWSETS = [
    BoussolePagesAPIViewSet,
    BoussoleImagesAPIViewSet,
    BoussoleDocumentsAPIViewSet,
    *TAXONOMY_ENDPOINTS,
    GlossaryAPIViewSet,
]
ENDPOINTS = [*VIEWSETS, SearchAPIView]
