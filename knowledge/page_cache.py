"""A page cache for anonymous readers, shared by every worker (the default cache), invalidated by
the content version (``knowledge.content_version``: any publish, unpublish, move, deletion,
privacy, taxonomy or glossary change makes every cached page stale at once).

Guarantees:
- only anonymous GET/HEAD requests for reader pages are served from or stored in the cache;
  logged-in users, previews and the admin, the API (its own caching), search (rate-limited,
  per query), documents (permission checks), POSTs and responses that set a cookie, use the CSRF
  token or carry messages never are;
- only complete 200 HTML responses are stored, with their content type, language and
  Last-Modified;
- a publish is seen by the next request, however warm the cache;
- when the cache is down, pages are rendered as if nothing were cached.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.http import http_date

from knowledge import content_version

logger = logging.getLogger(__name__)

UNCACHED_PREFIXES = ("/admin/", "/api/", "/recherche/", "/documents/", "/_util/", "/health/")
KEPT_HEADERS = ("Content-Type", "Content-Language", "Last-Modified")
CACHED_HEADER = "X-Boussole-Cache"


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(UNCACHED_PREFIXES)
        and not request.user.is_authenticated
        and not getattr(request, "is_preview", False)
    )


def _key(request, version):
    return f"boussole:page:{version}:{request.get_host()}:{request.get_full_path()}"


class ReaderPageCacheMiddleware:
    """After the session, authentication and messages middlewares (it reads their state)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # BOUSSOLE_PAGE_CACHE_SECONDS: 0 turns the cache off (the benchmark's cold figures).
        seconds = settings.BOUSSOLE_PAGE_CACHE_SECONDS
        if not seconds or not _cacheable_request(request):
            return self.get_response(request)
        version = content_version.current()
        if version is None:  # the cache is down
            return self.get_response(request)
        key = _key(request, version)
        try:
            stored = cache.get(key)
        except Exception as error:
            logger.warning("Page cache unavailable: %s", error)
            return self.get_response(request)
        if stored is not None:
            response = HttpResponse(stored["content"], status=200)
            for name, value in stored["headers"].items():
                response[name] = value
            response[CACHED_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.has_header("Last-Modified"):
            # Nothing a reader sees has changed since then (304s for If-Modified-Since).
            response["Last-Modified"] = http_date(content_version.changed_at(version))
        if self._storable(request, response):
            stored = {
                "content": response.content,
                "headers": {h: response[h] for h in KEPT_HEADERS if h in response},
            }
            try:
                cache.set(key, stored, seconds)
            except Exception as error:
                logger.warning("Page cache unavailable: %s", error)
            response[CACHED_HEADER] = "miss"
        return response

    @staticmethod
    def _storable(request, response):
        messages = getattr(request, "_messages", None)
        return (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_USED")
            and not (messages is not None and len(messages))
            and not request.user.is_authenticated  # logged in during the request
        )
