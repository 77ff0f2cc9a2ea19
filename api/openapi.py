"""Building blocks of the OpenAPI 3.1 document: each endpoint describes itself with them
(``describe_openapi(doc)`` on the view classes) and ``api.schema`` assembles the document.

Item schemas are derived from what the serializers really output: each endpoint's body and
meta fields (Wagtail's own plus the models' ``api_fields``), typed from the Django field or the
custom serializer field behind them. Adding an APIField to a model therefore changes the schema;
api/tests/test_schema.py checks the document with standard tools and against real responses.

``OpenAPIDocument`` refuses what standard tools can't use: two schemas under one name (the
second would replace the first, or refer to itself) and two paths that are the same template
(``/x/{id}/`` and ``/x/{slug}/``).
"""

import re
from dataclasses import dataclass

from django.db import models
from wagtail.api.conf import get_model_field
from wagtail.fields import RichTextField, StreamField

from api.pagination import DEFAULT_LIMIT, limit_max
from knowledge.serializers import (
    TaxonomyTermField,
    TaxonomyTermsField,
    VisibleGlossaryTermsField,
    VisiblePagesField,
    api_fields_of,
)

REF = "#/components/schemas/"
NULL = {"type": "null"}
STRING = {"type": "string"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
# Slugs as Django's <slug:> converter takes them, with at least one non-digit (all digits is an
# id: the <int:> route comes first).
SLUG_PATTERN = "^[-a-zA-Z0-9_]*[-a-zA-Z_][-a-zA-Z0-9_]*$"


def ref(name):
    return {"$ref": REF + name}


def nullable(schema):
    """``schema`` or null (OpenAPI 3.1: a type list, or anyOf with null around a $ref)."""
    if isinstance(schema.get("type"), str) and "enum" not in schema:
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, NULL]}


def obj(properties, required=(), additional=False):
    schema = {"type": "object", "properties": properties, "additionalProperties": additional}
    if required:
        schema["required"] = list(required)
    return schema


def array(items):
    return {"type": "array", "items": items}


DATE = nullable({"type": "string", "format": "date"})
DATETIME = nullable({"type": "string", "format": "date-time"})
NULLABLE_STRING = nullable(STRING)


# --- the document -------------------------------------------------------------------------


class OpenAPIDocument:
    """Paths and component schemas, added by the endpoints."""

    def __init__(self, info, openapi="3.1.0"):
        self.info, self.openapi = info, openapi
        self.paths, self.schemas = {}, {}
        self._templates = {}

    def component(self, name, schema):
        """Register ``schema`` as ``name`` (again is fine if identical) and return its $ref."""
        if name in self.schemas and self.schemas[name] != schema:
            raise ValueError(f"Two different OpenAPI schemas named {name!r}")
        self.schemas[name] = schema
        return ref(name)

    def operation(self, path, method, operation):
        template = re.sub(r"\{[^}]*\}", "{}", path)
        if self._templates.setdefault(template, path) != path:
            raise ValueError(f"{path} and {self._templates[template]} are the same template")
        if method in self.paths.setdefault(path, {}):
            raise ValueError(f"{method.upper()} {path} is described twice")
        self.paths[path][method] = operation

    def as_dict(self):
        return {
            "openapi": self.openapi,
            "info": self.info,
            "paths": self.paths,
            "components": {"schemas": self.schemas},
        }


# --- parameters ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryParameter:
    """A query parameter an endpoint accepts: its name (the endpoint's whitelist is the names of
    its parameters) and its OpenAPI description; ``description`` and ``schema`` may be
    callables when they depend on settings or on the registered page types."""

    name: str
    description: object
    schema: object = None
    style: str = None

    def as_openapi(self):
        description = self.description() if callable(self.description) else self.description
        schema = self.schema() if callable(self.schema) else self.schema
        spec = {
            "name": self.name,
            "in": "query",
            "required": False,
            "description": description,
            "schema": schema or STRING,
        }
        if self.style:
            spec.update(style=self.style, explode=True)
        return spec


def names(parameters):
    return [parameter.name for parameter in parameters]


FIELDS_PARAMETER = QueryParameter(
    "fields",
    "Champs à ajouter ou retirer, syntaxe Wagtail : `fields=*`, `fields=title,summary`, "
    "`fields=-title`. Un champ inconnu ou interne est refusé (400).",
)
PAGINATION_PARAMETERS = (
    QueryParameter(
        "limit",
        lambda: f"Nombre d'éléments (défaut {DEFAULT_LIMIT}, au plus {limit_max()}).",
        lambda: {"type": "integer", "minimum": 0, "maximum": limit_max()},
    ),
    QueryParameter("offset", "Nombre d'éléments sautés.", {"type": "integer", "minimum": 0}),
    FIELDS_PARAMETER,
)


def order_parameter(fields):
    return QueryParameter(
        "order",
        "Tri : " + ", ".join(fields) + " (préfixe « - » pour l'ordre décroissant).",
        {"type": "string", "enum": [*fields, *[f"-{f}" for f in fields]]},
    )


def path_parameter(name, schema, description):
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": schema,
    }


ID_PARAMETER = path_parameter(
    "id", {"type": "integer", "minimum": 1}, "Identifiant numérique de l'élément."
)
ID_OR_SLUG_PARAMETER = path_parameter(
    "id_or_slug",
    {"oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": SLUG_PATTERN}]},
    "Identifiant numérique ou slug de l'élément (par ex. 3 ou sante-mentale).",
)


# --- responses ----------------------------------------------------------------------------

ERROR = obj(
    {
        "message": {"type": "string", "description": "Explication en français."},
        "errors": {
            **array(STRING),
            "description": "Le détail, un message par paramètre refusé (recherche).",
        },
    },
    required=["message"],
)

CACHE_HEADERS = {
    "ETag": {"schema": STRING},
    "Last-Modified": {"schema": STRING},
    "Cache-Control": {"schema": STRING},
}


def responses(doc, ok_schema, description, not_found=False, throttled=False):
    error = doc.component("Error", ERROR)
    result = {
        "200": {
            "description": description,
            "content": {"application/json": {"schema": ok_schema}},
            "headers": CACHE_HEADERS,
        },
        "304": {"description": "Non modifié depuis la version en cache (If-None-Match)."},
        "400": {
            "description": "Paramètre invalide (message en français).",
            "content": {"application/json": {"schema": error}},
        },
    }
    if not_found:
        result["404"] = {
            "description": "Introuvable, ou non publié.",
            "content": {"application/json": {"schema": error}},
        }
    if throttled:
        result["429"] = {
            "description": "Trop de requêtes de recherche ; l'en-tête Retry-After dit quand "
            "réessayer.",
            "content": {"application/json": {"schema": error}},
            "headers": {"Retry-After": {"schema": STRING, "description": "En secondes."}},
        }
    return result


def listing_of(item, meta):
    return obj({"meta": meta, "items": array(item)}, required=["meta", "items"])


LISTING_META = obj({"total_count": {"type": "integer", "minimum": 0}}, required=["total_count"])


# --- items: typed from the serializers and the models' api_fields --------------------------

STREAM = {
    **array(
        obj(
            {"type": STRING, "value": {}, "id": STRING},
            required=["type", "value"],
            additional=True,
        )
    ),
    "description": "Blocs StreamField : type du bloc, valeur, identifiant.",
}

RELATED_PAGE = obj(
    {
        "id": INTEGER,
        "type": STRING,
        "title": STRING,
        "html_url": NULLABLE_STRING,
        "detail_url": NULLABLE_STRING,
    },
    required=["id", "type", "title"],
)

GLOSSARY_LINK = obj(
    {"id": INTEGER, "slug": STRING, "term": STRING, "acronym": STRING},
    required=["id", "slug", "term", "acronym"],
)

NESTED_PAGE = obj(
    {
        "id": INTEGER,
        "meta": obj({"type": STRING, "detail_url": STRING, "html_url": NULLABLE_STRING}),
        "title": STRING,
    }
)


def meta_field_schema(doc, name):
    """Schema of one of Wagtail's meta fields."""
    if name == "parent":
        return nullable(doc.component("NestedPage", NESTED_PAGE))
    return {
        "type": {
            "type": "string",
            "description": "app.Modèle, par ex. knowledge.PracticeSheetPage",
        },
        "detail_url": STRING,
        "html_url": NULLABLE_STRING,
        "download_url": STRING,
        "tags": array(STRING),
        "slug": STRING,
        "show_in_menus": BOOLEAN,
        "seo_title": STRING,
        "search_description": STRING,
        "first_published_at": DATETIME,
        "locale": STRING,
    }[name]


def taxonomy_term_schema(model):
    """A taxonomy term as TaxonomyTermsField/TaxonomyTermField output it."""
    properties = {"id": INTEGER}
    for field in api_fields_of(model):
        properties[field.name] = field_schema(None, model, field.name, field.serializer)
    return obj(properties, required=list(properties))


def taxonomy_term_ref(doc, model):
    return doc.component(f"{model.__name__}Term", taxonomy_term_schema(model))


def field_schema(doc, model, name, serializer=None):
    """JSON schema of one body field of ``model``, as the API serialises it."""
    if hasattr(serializer, "openapi_schema"):  # a serializer field that describes itself
        return serializer.openapi_schema()
    if isinstance(serializer, TaxonomyTermsField):
        return array(taxonomy_term_ref(doc, get_model_field(model, name).related_model))
    if isinstance(serializer, TaxonomyTermField):
        return nullable(taxonomy_term_ref(doc, get_model_field(model, name).related_model))
    if isinstance(serializer, VisiblePagesField):
        return array(doc.component("RelatedPage", RELATED_PAGE))
    if isinstance(serializer, VisibleGlossaryTermsField):
        return array(doc.component("GlossaryLink", GLOSSARY_LINK))
    if name == "id":
        return INTEGER
    field = get_model_field(model, name)
    if isinstance(field, StreamField):
        return STREAM
    if isinstance(field, RichTextField):
        return {"type": "string", "description": "HTML"}
    if isinstance(field, models.DateTimeField):
        return DATETIME
    if isinstance(field, models.DateField):
        return DATE
    if isinstance(field, models.BooleanField):
        return BOOLEAN
    if isinstance(field, models.IntegerField | models.AutoField):
        return nullable(INTEGER) if field.null else INTEGER
    if isinstance(field, models.CharField | models.TextField):
        schema = dict(STRING)
        if field.choices:
            schema["enum"] = [value for value, _label in field.choices]
            if field.blank:
                schema["enum"].insert(0, "")
        return nullable(schema) if field.null else schema
    if isinstance(field, models.FileField):
        return STRING
    raise ValueError(f"No schema for {model.__name__}.{name}: declare it in api/openapi.py")


def item_schema(doc, endpoint, model):
    """An item of ``endpoint`` for ``model``: every field it can output, none required (the
    ``fields`` parameter can remove any of them)."""
    overrides = endpoint.get_field_serializer_overrides(model)
    meta_names = endpoint.get_meta_fields_names(model)
    properties = {}
    for name in endpoint.get_body_fields_names(model):
        if name in meta_names:
            continue
        properties[name] = field_schema(doc, model, name, overrides.get(name))
    meta = {}
    for name in meta_names:
        if name in overrides:
            meta[name] = field_schema(doc, model, name, overrides[name])
        else:
            meta[name] = meta_field_schema(doc, name)
    return obj({**properties, "meta": obj(meta)})


def item_component_name(model):
    """``PracticeSheetPageItem``, ``ImageItem``; Wagtail's base page is ``WagtailPageItem``, so
    that it never takes the name of the union of every page type (``PageItem``)."""
    prefix = "Wagtail" if model._meta.app_label == "wagtailcore" else ""
    return f"{prefix}{model.__name__}Item"
