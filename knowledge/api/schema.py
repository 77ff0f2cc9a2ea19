"""The OpenAPI 3 description of /api/, built from the endpoints and the models' api_fields.

Item schemas are derived from what the serializers really output: each endpoint's body and
meta fields (Wagtail's own plus the models' `api_fields`), typed from the Django field or the
custom serializer field behind them. Adding an APIField to a model therefore changes the schema;
knowledge/tests/test_api_schema.py checks the schema against real responses (schemathesis).
"""

from django.db import models
from wagtail.api.conf import get_model_field
from wagtail.fields import RichTextField, StreamField
from wagtail.models import get_page_models

from knowledge.api.pagination import DEFAULT_LIMIT, limit_max
from knowledge.facets import FACETS
from knowledge.serializers import (
    TaxonomyTermField,
    TaxonomyTermsField,
    VisibleGlossaryTermsField,
    VisiblePagesField,
)

REF = "#/components/schemas/"

NULLABLE_STRING = {"type": "string", "nullable": True}
DATE = {"type": "string", "format": "date", "nullable": True}
DATETIME = {"type": "string", "format": "date-time", "nullable": True}


def ref(name):
    return {"$ref": REF + name}


def nullable(schema):
    return {**schema, "nullable": True}


def obj(properties, required=(), additional=False):
    schema = {"type": "object", "properties": properties, "additionalProperties": additional}
    if required:
        schema["required"] = list(required)
    return schema


# --- shared components --------------------------------------------------------------------

ERROR = obj(
    {
        "message": {"type": "string", "description": "Explication en français."},
        "errors": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Le détail, un message par paramètre refusé (recherche).",
        },
    },
    required=["message"],
)

STREAM = {
    "type": "array",
    "description": "Blocs StreamField : type du bloc, valeur, identifiant.",
    "items": obj(
        {"type": {"type": "string"}, "value": {}, "id": {"type": "string"}},
        required=["type", "value"],
        additional=True,
    ),
}

RELATED_PAGE = obj(
    {
        "id": {"type": "integer"},
        "type": {"type": "string"},
        "title": {"type": "string"},
        "html_url": NULLABLE_STRING,
        "detail_url": {"type": "string"},
    },
    required=["id", "type", "title"],
)

GLOSSARY_LINK = obj(
    {
        "id": {"type": "integer"},
        "slug": {"type": "string"},
        "term": {"type": "string"},
        "acronym": {"type": "string"},
    },
    required=["id", "slug", "term", "acronym"],
)

NESTED_PAGE = obj(
    {
        "id": {"type": "integer"},
        "meta": obj(
            {
                "type": {"type": "string"},
                "detail_url": {"type": "string"},
                "html_url": NULLABLE_STRING,
            }
        ),
        "title": {"type": "string"},
    }
)

LISTING_META = obj({"total_count": {"type": "integer", "minimum": 0}}, required=["total_count"])

META_FIELD_SCHEMAS = {
    "type": {"type": "string", "description": "app.Modèle, par ex. knowledge.PracticeSheetPage"},
    "detail_url": {"type": "string"},
    "html_url": NULLABLE_STRING,
    "download_url": {"type": "string"},
    "tags": {"type": "array", "items": {"type": "string"}},
    "slug": {"type": "string"},
    "show_in_menus": {"type": "boolean"},
    "seo_title": {"type": "string"},
    "search_description": {"type": "string"},
    "first_published_at": DATETIME,
    "locale": {"type": "string"},
    "parent": nullable(ref("NestedPage")),
}


def taxonomy_schema_name(model):
    return f"{model.__name__}Term"


def taxonomy_term_schema(model):
    """A taxonomy term as TaxonomyTermsField/TaxonomyTermField output it."""
    properties = {"id": {"type": "integer"}}
    for name in model.api_fields:
        properties[name] = field_schema(model, name)
    return obj(properties, required=list(properties))


def field_schema(model, name, serializer=None):
    """JSON schema of one body field of `model`, as the API serialises it."""
    if isinstance(serializer, TaxonomyTermsField):
        related = get_model_field(model, name).related_model
        return {"type": "array", "items": ref(taxonomy_schema_name(related))}
    if isinstance(serializer, TaxonomyTermField):
        related = get_model_field(model, name).related_model
        return nullable(ref(taxonomy_schema_name(related)))
    if isinstance(serializer, VisiblePagesField):
        return {"type": "array", "items": ref("RelatedPage")}
    if isinstance(serializer, VisibleGlossaryTermsField):
        return {"type": "array", "items": ref("GlossaryLink")}
    if name == "id":
        return {"type": "integer"}
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
        return {"type": "boolean"}
    if isinstance(field, (models.IntegerField, models.AutoField)):
        return {"type": "integer", "nullable": field.null}
    if isinstance(field, (models.CharField, models.TextField)):
        schema = {"type": "string", "nullable": field.null}
        if field.choices:
            schema["enum"] = [value for value, _label in field.choices]
            if field.blank:
                schema["enum"].insert(0, "")
        return schema
    if isinstance(field, models.FileField):
        return {"type": "string"}
    raise ValueError(
        f"No schema for {model.__name__}.{name}: declare it in knowledge/api/schema.py"
    )


def item_schema(endpoint, model):
    """An item of `endpoint` for `model`: every field it can output, none required (the
    `fields` parameter can remove any of them)."""
    overrides = endpoint.get_field_serializer_overrides(model)
    meta_names = endpoint.get_meta_fields_names(model)
    properties = {}
    for name in endpoint.get_body_fields_names(model):
        if name in meta_names:
            continue
        properties[name] = field_schema(model, name, overrides.get(name))
    meta = {}
    for name in meta_names:
        if name in overrides:
            meta[name] = field_schema(model, name, overrides[name])
        else:
            meta[name] = META_FIELD_SCHEMAS[name]
    return obj({**properties, "meta": obj(meta)})


def listing_of(item_ref):
    return obj(
        {"meta": LISTING_META, "items": {"type": "array", "items": item_ref}},
        required=["meta", "items"],
    )


# --- parameters ---------------------------------------------------------------------------


def query(name, description, schema=None, **extra):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
        **extra,
    }


def pagination_parameters():
    return [
        query(
            "limit",
            f"Nombre d'éléments (défaut {DEFAULT_LIMIT}, au plus {limit_max()}).",
            {"type": "integer", "minimum": 0, "maximum": limit_max()},
        ),
        query("offset", "Nombre d'éléments sautés.", {"type": "integer", "minimum": 0}),
        query(
            "fields",
            "Champs à ajouter ou retirer, syntaxe Wagtail : `fields=*`, `fields=title,summary`, "
            "`fields=-title`. Un champ inconnu ou interne est refusé (400).",
        ),
    ]


def order_parameter(fields):
    return query(
        "order",
        "Tri : " + ", ".join(fields) + " (préfixe « - » pour l'ordre décroissant).",
        {"type": "string", "enum": [*fields, *[f"-{f}" for f in fields]]},
    )


ID_PARAMETER = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1},
}
SLUG_PARAMETER = {
    "name": "slug",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]*[-a-zA-Z_][-a-zA-Z0-9_]*$"},
}


def responses(ok_schema, description, not_found=False, throttled=False):
    result = {
        "200": {
            "description": description,
            "content": {"application/json": {"schema": ok_schema}},
            "headers": {
                "ETag": {"schema": {"type": "string"}},
                "Last-Modified": {"schema": {"type": "string"}},
                "Cache-Control": {"schema": {"type": "string"}},
            },
        },
        "304": {"description": "Non modifié depuis la version en cache (If-None-Match)."},
        "400": {
            "description": "Paramètre invalide (message en français).",
            "content": {"application/json": {"schema": ref("Error")}},
        },
    }
    if not_found:
        result["404"] = {
            "description": "Introuvable, ou non publié.",
            "content": {"application/json": {"schema": ref("Error")}},
        }
    if throttled:
        result["429"] = {
            "description": "Trop de requêtes de recherche ; l'en-tête Retry-After dit quand "
            "réessayer.",
            "content": {"application/json": {"schema": ref("Error")}},
        }
    return result


# --- the document -------------------------------------------------------------------------


def build_schema():
    from knowledge.api.views import ENDPOINTS
    from search.api import search_parameters, search_response_schema

    endpoints = dict(ENDPOINTS)
    components = {
        "Error": ERROR,
        "RelatedPage": RELATED_PAGE,
        "GlossaryLink": GLOSSARY_LINK,
        "NestedPage": NESTED_PAGE,
    }
    paths = {}

    # Pages: one schema per page type, an item is any of them.
    pages = endpoints["pages"]
    page_models = sorted(
        (m for m in get_page_models() if not m._meta.abstract), key=lambda m: m.__name__
    )
    page_refs = []
    for model in page_models:
        name = f"{model.__name__}Item"
        components[name] = item_schema(pages, model)
        page_refs.append(ref(name))
    components["PageItem"] = {"anyOf": page_refs}
    type_names = [f"{m._meta.app_label}.{m.__name__}" for m in page_models]
    page_filters = [
        query(
            "type",
            "Type de page (un ou plusieurs, séparés par des virgules) : "
            + ", ".join(type_names)
            + ". Avec un seul type, ses champs propres sont "
            "disponibles dans `fields`.",
        ),
        query(
            "search",
            "Recherche en français via le service de recherche de La Boussole "
            "(accents, pluriels, sigles, fautes de frappe) ; tri par pertinence sauf `order`.",
        ),
        query("slug", "Identifiant de page (slug) exact."),
        query("child_of", "Pages enfants de cette page.", {"type": "integer", "minimum": 1}),
        query("descendant_of", "Pages sous cette page.", {"type": "integer", "minimum": 1}),
        query("ancestor_of", "Pages au-dessus de cette page.", {"type": "integer", "minimum": 1}),
        *[
            query(facet.param, facet.help + " Plusieurs valeurs séparées par des virgules.")
            for facet in FACETS
        ],
    ]
    paths["/api/v2/pages/"] = {
        "get": {
            "operationId": "pages_list",
            "summary": "Pages publiées : chapitres, fiches pratiques, remontées de terrain",
            "tags": ["pages"],
            "parameters": [
                *pagination_parameters(),
                order_parameter(pages.ordering_fields),
                *page_filters,
            ],
            "responses": responses(listing_of(ref("PageItem")), "Liste paginée.", throttled=True),
        }
    }
    paths["/api/v2/pages/{id}/"] = {
        "get": {
            "operationId": "pages_detail",
            "summary": "Une page publiée (version en ligne, jamais un brouillon)",
            "tags": ["pages"],
            "parameters": [
                ID_PARAMETER,
                query("fields", "Champs à ajouter ou retirer (syntaxe Wagtail)."),
            ],
            "responses": responses(ref("PageItem"), "La page.", not_found=True),
        }
    }

    # Images and documents.
    for name, label in [("images", "Images"), ("documents", "Documents")]:
        endpoint = endpoints[name]
        item_name = f"{endpoint.model.__name__}Item"
        components[item_name] = item_schema(endpoint, endpoint.model)
        paths[f"/api/v2/{name}/"] = {
            "get": {
                "operationId": f"{name}_list",
                "summary": f"{label} des collections publiques",
                "tags": [name],
                "parameters": [*pagination_parameters(), order_parameter(endpoint.ordering_fields)],
                "responses": responses(listing_of(ref(item_name)), "Liste paginée."),
            }
        }
        paths[f"/api/v2/{name}/{{id}}/"] = {
            "get": {
                "operationId": f"{name}_detail",
                "summary": label,
                "tags": [name],
                "parameters": [ID_PARAMETER, query("fields", "Champs (syntaxe Wagtail).")],
                "responses": responses(ref(item_name), "L'élément.", not_found=True),
            }
        }

    # Taxonomies and glossary: list, detail by id, detail by slug.
    taxonomy_labels = {
        "themes": "Thématiques",
        "dispositifs": "Dispositifs (ASV, CLS, CLSM, autre)",
        "territoires": "Territoires (départements d'Île-de-France et Région)",
        "publics": "Publics",
        "etapes": "Étapes de projet",
        "glossaire": "Glossaire (termes publiés, version en ligne)",
    }
    for name, label in taxonomy_labels.items():
        endpoint = endpoints[name]
        model = endpoint.model
        if name != "glossaire":
            components[taxonomy_schema_name(model)] = taxonomy_term_schema(model)
        item_name = f"{model.__name__}Item"
        components[item_name] = item_schema(endpoint, model)
        paths[f"/api/v2/{name}/"] = {
            "get": {
                "operationId": f"{name}_list",
                "summary": label,
                "tags": ["taxonomie" if name != "glossaire" else "glossaire"],
                "parameters": [
                    *pagination_parameters(),
                    order_parameter(endpoint.ordering_fields),
                    query("slug", "Slug exact."),
                ],
                "responses": responses(listing_of(ref(item_name)), "Liste paginée."),
            }
        }
        for suffix, parameter, operation in [
            ("{id}", ID_PARAMETER, "detail"),
            ("{slug}", SLUG_PARAMETER, "detail_by_slug"),
        ]:
            paths[f"/api/v2/{name}/{suffix}/"] = {
                "get": {
                    "operationId": f"{name}_{operation}",
                    "summary": f"{label} : un élément",
                    "tags": ["taxonomie" if name != "glossaire" else "glossaire"],
                    "parameters": [parameter, query("fields", "Champs (syntaxe Wagtail).")],
                    "responses": responses(ref(item_name), "L'élément.", not_found=True),
                }
            }

    # Search.
    components["SearchResponse"] = search_response_schema()
    paths["/api/v2/search/"] = {
        "get": {
            "operationId": "search",
            "summary": "Recherche : résultats surlignés et facettes, comme la page /recherche/",
            "tags": ["recherche"],
            "parameters": search_parameters(),
            "responses": responses(ref("SearchResponse"), "Résultats et facettes.", throttled=True),
        }
    }

    return {
        "openapi": "3.0.3",
        "info": {
            "title": "API de La Boussole",
            "version": "2",
            "description": (
                "Contenus publiés de La Boussole de la démarche locale en santé : chapitres, "
                "fiches pratiques, remontées de terrain, glossaire et taxonomies. Lecture "
                "seule, anonyme ; seuls les contenus en ligne et publics apparaissent."
            ),
        },
        "paths": paths,
        "components": {"schemas": components},
    }
