"""The OpenAPI schema (/api/schema/), its documentation page (/api/docs/) and the JSON 404 for
any other path under /api/."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from api.errors import not_found_message
from api.schema import build_schema


@require_safe
def openapi_schema(request):
    """The OpenAPI 3.1 document describing every endpoint under /api/."""
    return JsonResponse(build_schema(), json_dumps_params={"ensure_ascii": False, "indent": 2})


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


def _operations(schema):
    """(path, operation) pairs with parameters and responses made readable for the template."""
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
                        {**parameter, "type": _describe(parameter["schema"])[0]}
                        for parameter in operation.get("parameters", [])
                    ],
                    "statuses": sorted(operation["responses"]),
                    "response_ref": _ref_name(ok),
                }
            )
    readable = []
    for name, component in sorted(components.items()):
        properties = []
        for field, spec in component.get("properties", {}).items():
            kind, nullable = _describe(spec)
            properties.append(
                {
                    "name": field,
                    "type": kind,
                    "items": _describe(spec["items"])[0] if "items" in spec else "",
                    "nullable": nullable,
                    "description": spec.get("description", ""),
                }
            )
        readable.append(
            {
                "name": name,
                # Lists, not dicts: a property named "items" would shadow dict.items in templates.
                "properties": properties,
                "any_of": [_ref_name(s) for s in component.get("anyOf", [])],
            }
        )
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
