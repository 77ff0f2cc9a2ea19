"""Search backends: the configured one, and the database one that is always kept as fallback.

``BOUSSOLE_SEARCH`` names the backend class (``BACKEND``) and its options, like
``WAGTAILSEARCH_BACKENDS``. The database backend is the default; when another backend is
configured the database index is still maintained, so reader search can answer from it when
the other backend is unreachable (``search.service``).

Adding a backend: subclass ``search.backends.base.BaseSearchBackend``, implement its methods,
and name the class in ``BOUSSOLE_SEARCH["BACKEND"]``.
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from search.backends.base import (
    BackendQuery,
    BackendResults,
    BaseSearchBackend,
    SearchBackendError,
)

DATABASE_BACKEND = "search.backends.database.DatabaseSearchBackend"

__all__ = [
    "BackendQuery",
    "BackendResults",
    "BaseSearchBackend",
    "SearchBackendError",
    "get_database_backend",
    "get_search_backend",
]


@cache
def _load(path, options):
    return import_string(path)(dict(options))


def _config():
    config = dict(getattr(settings, "BOUSSOLE_SEARCH", None) or {})
    path = config.pop("BACKEND", DATABASE_BACKEND)
    return path, tuple(sorted((k, _hashable(v)) for k, v in config.items()))


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value


def get_search_backend():
    """The configured backend (one instance per process and configuration)."""
    path, options = _config()
    return _load(path, options)


def get_database_backend():
    """The database backend: the default, and the fallback of any other."""
    path, options = _config()
    if path == DATABASE_BACKEND:
        return _load(path, options)
    return _load(DATABASE_BACKEND, ())
