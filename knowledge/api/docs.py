"""The OpenAPI schema (/api/schema/), its documentation page (/api/docs/) and the JSON 404 for
any other path under /api/."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from knowledge.api.errors import not_found_message
from knowledge.api.schema import build_schema


@require_safe
def openapi_schema(request):
    """The OpenAPI 3 document describing every endpoint under /api/."""
    return JsonResponse(build_schema(), json_dumps_params={"ensure_ascii": False, "indent": 2})


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
                    "parameters": operation.get("parameters", []),
                    "statuses": sorted(operation["responses"]),
                    "response_ref": ok.get("$ref", "").rsplit("/", 1)[-1],
                }
            )
    readable = [
        {
            "name": name,
            # Lists, not dicts: a property named "items" would shadow dict.items in templates.
            "properties": [
                {
                    "name": field,
                    "type": spec.get("type") or spec.get("$ref", "").rsplit("/", 1)[-1],
                    "items": (spec.get("items") or {}).get("type")
                    or (spec.get("items") or {}).get("$ref", "").rsplit("/", 1)[-1],
                    "nullable": spec.get("nullable", False),
                    "description": spec.get("description", ""),
                }
                for field, spec in component.get("properties", {}).items()
            ],
            "any_of": [s["$ref"].rsplit("/", 1)[-1] for s in component.get("anyOf", [])],
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
        "knowledge/api/docs.html",
        {
            "info": schema["info"],
            "operations": operations,
            "components": components,
        },
    )


def api_not_found(request, *args, **kwargs):
    return JsonResponse({"message": not_found_message()}, status=404)
