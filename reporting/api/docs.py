"""/api/docs: the API's documentation, rendered on the server from the OpenAPI schema.

Not ninja's Swagger page: that needs a script of its own and, without ninja among the
installed apps, a CDN; this page works under the site's CSP, without JavaScript and on a
phone, in the reader's language.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _

from reporting.api.endpoints import api

METHODS = ("get", "post", "put", "patch", "delete")


def _schema_type(schema: dict) -> str:
    if not schema:
        return ""
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"])
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    kind = schema.get("type", "")
    if kind == "array":
        return f"array of {_schema_type(schema.get('items', {}))}"
    if schema.get("format"):
        return f"{kind} ({schema['format']})"
    return kind


def _translated(text: str) -> str:
    return _(text) if text else ""


def operations(schema: dict) -> list[dict]:
    out = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            out.append(
                {
                    "id": op.get("operationId", ""),
                    "method": method.upper(),
                    "path": path,
                    "summary": _translated(op.get("summary", "")),
                    "description": _translated(op.get("description", "")),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "required": p.get("required", False),
                            "type": _schema_type(p.get("schema", {})),
                            "description": _translated(
                                p.get("description") or p.get("schema", {}).get("description", "")
                            ),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "responses": sorted(op.get("responses", {})),
                }
            )
    return out


def api_docs(request):
    schema = api.get_openapi_schema()
    return render(
        request,
        "reporting/api_docs.html",
        {
            "description": _translated(schema["info"].get("description", "")),
            "version": schema["info"].get("version", ""),
            "operations": operations(schema),
        },
    )
