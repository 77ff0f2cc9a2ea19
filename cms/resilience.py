"""Project-wide answers when a shared part is down: the database (503 with Retry-After, French
page or JSON for the API) and the health report used by load balancers (``/health/``)."""

import logging

from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from search.backends import get_search_backend

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
HEALTH_CACHE_KEY = "boussole:health"


class DatabaseUnavailableMiddleware:
    """Guarantees: a request that fails because the database cannot be reached gets a 503 with
    ``Retry-After`` — a French page for readers, ``{"message": …}`` under /api/ — never a 500;
    the failure is logged once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        return database_unavailable(request, exception)


DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable(request, exception):
    """The 503 a reader (French page) or an API client (JSON) gets while the database is down."""
    logger.error("Database unavailable: %s", exception)
    message = _(
        "La Boussole est momentanément indisponible (base de données injoignable). "
        "Réessayez dans une minute."
    )
    if request.path.startswith("/api/"):
        response = JsonResponse({"message": message}, status=503)
    else:
        response = TemplateResponse(request, "503.html", status=503).render()
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache():
    cache.set(HEALTH_CACHE_KEY, "ok", 10)
    if cache.get(HEALTH_CACHE_KEY) != "ok":
        raise RuntimeError("cache read back nothing")


def _search():
    get_search_backend().ping()


CHECKS = {"database": _database, "cache": _cache, "search": _search}
# A down search engine degrades search (answers come from the database): still serving.
REQUIRED = {"database", "cache"}


def health(request):
    """``/health/``: {"status": "ok"|"degraded"|"unavailable", "checks": {name: "ok"|"error"}}.

    Guarantees: 200 while the database and the cache answer (``degraded`` if the search engine
    does not), 503 with ``Retry-After`` otherwise; never cached; no detail of the errors leaks
    (they are logged).
    """
    checks = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure of the part is its status, never a 500
            logger.warning("Health check %s failed: %s", name, error)
            checks[name] = "error"
        else:
            checks[name] = "ok"
    failed = {name for name, state in checks.items() if state != "ok"}
    status = "unavailable" if failed & REQUIRED else "degraded" if failed else "ok"
    response = JsonResponse(
        {"status": status, "checks": checks}, status=503 if status == "unavailable" else 200
    )
    response["Cache-Control"] = "no-store"
    if status == "unavailable":
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
