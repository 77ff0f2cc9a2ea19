"""HTTP caching for anonymous API reads: ETag, Last-Modified, Cache-Control and 304s."""

import functools

from django.conf import settings
from django.db.models import DateTimeField, Subquery
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from knowledge.models import GlossaryTerm

# What changes readable content, each with the column saying when: publications, and every
# logged action (unpublish, move, delete, snippet or media edit).
LAST_CHANGE_SOURCES = {
    "page_published": (Page, "last_published_at"),
    "term_published": (GlossaryTerm, "last_published_at"),
    "page_logged": (PageLogEntry, "timestamp"),
    "model_logged": (ModelLogEntry, "timestamp"),
}


def _newest(model, column):
    """The latest non-null value of ``column``: ORDER BY … DESC LIMIT 1 (an index scan where
    the column is indexed, as the log timestamps are)."""
    newest = model.objects.filter(**{f"{column}__isnull": False}).order_by(f"-{column}")
    return Subquery(newest.values(column)[:1], output_field=DateTimeField())


def content_last_modified():
    """When readable content last changed, in ONE query: the latest of the sources above, each
    a scalar subquery of a single-row select (the tree root, which every site has). None when
    nothing was ever published or logged (then no Last-Modified is sent)."""
    stamps = (
        Page.objects.filter(depth=1)
        .order_by()
        .annotate(**{name: _newest(*source) for name, source in LAST_CHANGE_SOURCES.items()})
        .values_list(*LAST_CHANGE_SOURCES)[:1]
    )
    stamps = [s for row in stamps for s in row if s is not None]
    return max(stamps) if stamps else None


def api_max_age():
    return getattr(settings, "BOUSSOLE_API_CACHE_SECONDS", 60)


def conditional_api_view(view):
    """Wrap an API view: successful GETs get an ETag (hash of the body), Last-Modified and
    Cache-Control, and a matching If-None-Match / If-Modified-Since gets a 304.

    Errors are marked no-store so no cache keeps a 400 or a 429.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD"):
            return response
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        if response.status_code != 200:
            patch_cache_control(response, no_store=True)
            return response
        set_response_etag(response)
        last_modified = content_last_modified()
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        # Only look at the session when there is one: reading it would add "Vary: Cookie".
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        if has_session and request.user.is_authenticated:
            patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
        else:
            patch_cache_control(response, public=True, max_age=api_max_age())
        patch_vary_headers(response, ["Accept-Encoding"])
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=int(last_modified.timestamp()) if last_modified else None,
            response=response,
        )

    return wrapped
