"""The OpenAPI schema (/api/schema/), its documentation page (/api/docs/) and the JSON 404 for
any other path under /api/."""

import re

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from api.errors import not_found_message
from api.schema import build_schema


@require_safe
def openapi_schema(request):
    """The OpenAPI 3.1 document describing every endpoint under /api/."""
    return JsonResponse(build_schema(), json_dumps_params={"ensure_ascii": False, "indent": 2})


def _inline_code(text):
    """A description from the schema, where `backquotes` (Markdown, as OpenAPI allows) mark code:
    escaped first, then the quoted parts set as <code>."""
    return mark_safe(re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text or "")))


def _ref_name(spec):
    return spec.get("$ref", "").rsplit("/", 1)[-1]


def _describe(spec):
    """(type, nullable) of a schema for readers: "string", "integer", a schema's name, or the
    alternatives joined by " ou "."""
    alternatives = spec.get("anyOf") or spec.get("oneOf")
    if alternatives:
        kinds = [_describe(s) for s in alternatives if s.get("type") != "null"]
        nullable = any(s.get("type") == "null" for s in alternatives)
        return " ou ".join(kind for kind, _null in kinds), nullable
    kind = spec.get("type")
    if isinstance(kind, list):
        return " ou ".join(k for k in kind if k != "null"), "null" in kind
    return kind or _ref_name(spec), False


def _field(name, spec):
    """One field of a schema as the docs page lists it: its type in words, the component it
    links to (if any) and, for an inline object or a list of inline objects, its own fields."""
    kind, nullable = _describe(spec)
    items = spec.get("items", {})
    alternatives = spec.get("anyOf") or spec.get("oneOf") or []
    target = next((s for s in [spec, items, *alternatives] if "$ref" in s), {})
    nested = spec if "properties" in spec else items if "properties" in items else {}
    return {
        "name": name,
        "type": kind,
        "items": _describe(items)[0] if items else "",
        "link": _ref_name(target) if target else "",
        "nullable": nullable,
        "description": _inline_code(spec.get("description", "")),
        "fields": [_field(key, value) for key, value in nested.get("properties", {}).items()],
    }


def _response(spec):
    """The 200 response of an operation: a component to link to, or the fields of the inline
    object (the list endpoints answer {meta, items} without a component of their own)."""
    if "$ref" in spec:
        return {"ref": _ref_name(spec), "fields": []}
    return {
        "ref": "",
        "fields": [_field(key, value) for key, value in spec.get("properties", {}).items()],
    }


def _operations(schema):
    """(path, operation) pairs with parameters and responses made readable for the template;
    every 200 response is described, by a link to its component or by its own fields."""
    components = schema["components"]["schemas"]
    rows = []
    for url, methods in schema["paths"].items():
        for method, operation in methods.items():
            ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
            rows.append(
                {
                    "method": method.upper(),
                    "path": url,
                    "summary": operation.get("summary", ""),
                    "tag": (operation.get("tags") or [""])[0],
                    "parameters": [
                        {
                            **parameter,
                            "type": _describe(parameter["schema"])[0],
                            "description": _inline_code(parameter.get("description", "")),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "statuses": sorted(operation["responses"]),
                    "response": _response(ok),
                }
            )
    readable = [
        {
            "name": name,
            # Lists, not dicts: a property named "items" would shadow dict.items in templates.
            "properties": [
                _field(field, spec) for field, spec in component.get("properties", {}).items()
            ],
            "any_of": [_ref_name(s) for s in component.get("anyOf", [])],
        }
        for name, component in sorted(components.items())
    ]
    return rows, readable


@require_safe
def api_docs(request):
    """A readable page generated from the same schema, with the project's own CSS (no CDN)."""
    schema = build_schema()
    operations, components = _operations(schema)
    return render(
        request,
        "api/docs.html",
        {
            "info": schema["info"],
            "operations": operations,
            "components": components,
        },
    )


def api_not_found(request, *args, **kwargs):
    return JsonResponse({"message": not_found_message()}, status=404)
