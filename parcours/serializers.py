"""The steps of a parcours in the API: the same visible, numbered steps readers see on the site
(``parcours.navigation``), so numbering, visibility and order never differ between the two."""

from django.apps import apps
from rest_framework.fields import ReadOnlyField
from wagtail.api.utils import get_full_url

from parcours import navigation

NULLABLE_STRING = {"type": ["string", "null"]}
STEP_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "number", "introduction", "target"],
    "properties": {
        "id": {"type": "integer"},
        "number": {"type": "integer", "minimum": 1, "description": "Rang parmi les étapes."},
        "introduction": {"type": "string"},
        "target": {
            "type": "object",
            "additionalProperties": False,
            "required": ["kind", "id", "type", "title", "html_url", "detail_url"],
            "properties": {
                "kind": {
                    "type": "string",
                    "enum": [navigation.PAGE_KIND, navigation.GLOSSARY_KIND],
                },
                "id": {"type": "integer"},
                "type": {
                    "type": "string",
                    "description": "app.Modèle, par ex. knowledge.PracticeSheetPage ou "
                    "knowledge.GlossaryTerm",
                },
                "title": {"type": "string"},
                "html_url": NULLABLE_STRING,
                "detail_url": NULLABLE_STRING,
            },
        },
    },
}


class ParcoursStepsField(ReadOnlyField):
    """A parcours' visible steps, in order: number, introduction and target (page or term)."""

    @staticmethod
    def openapi_schema():
        """Read by api.openapi to describe this field (it is not a plain model field)."""
        return {
            "type": "array",
            "items": STEP_SCHEMA,
            "description": "Étapes visibles du parcours, dans l'ordre.",
        }

    def get_attribute(self, instance):
        return instance

    def to_representation(self, parcours):
        request = self.context.get("request")
        router = self.context.get("router")
        path = navigation.paths(request).get(parcours.pk)
        if path is None:
            return []
        return [
            {
                "id": step.id,
                "number": step.number,
                "introduction": step.introduction,
                "target": {
                    "kind": step.kind,
                    "id": step.target_id,
                    "type": step.target_type,
                    "title": step.title,
                    "html_url": step.full_url or None,
                    "detail_url": _detail_url(request, router, step),
                },
            }
            for step in path.steps
        ]


def _detail_url(request, router, step):
    if router is None or request is None:
        return None
    path = router.get_object_detail_urlpath(apps.get_model(step.target_type), step.target_id)
    return get_full_url(request, path) if path else None
