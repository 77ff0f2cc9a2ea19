"""The OpenAPI 3.1 document of /api/, assembled from each endpoint's own description.

Nothing here names an endpoint: each class of ``api.views.ENDPOINTS`` adds its operations and
the schemas they use (``describe_openapi``); ``api.openapi`` holds the building blocks.
"""

from api.openapi import OpenAPIDocument
from api.views import ENDPOINTS

INFO = {
    "title": "API de La Boussole",
    "version": "2",
    "description": (
        "Contenus publiés de La Boussole de la démarche locale en santé : chapitres, "
        "fiches pratiques, remontées de terrain, glossaire et taxonomies. Lecture "
        "seule, anonyme ; seuls les contenus en ligne et publics apparaissent."
    ),
}


def build_schema():
    doc = OpenAPIDocument(INFO)
    for endpoint in ENDPOINTS:
        endpoint.describe_openapi(doc)
    return doc.as_dict()
