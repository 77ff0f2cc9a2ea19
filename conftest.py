import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files from a test never land in the project's var/ folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters and cached pages of one test never reach the next."""
    from django.core.cache import cache

    cache.clear()


_synced_generation = {}


@pytest.fixture(autouse=True)
def _search_backend_matches_database(request):
    """A backend outside the database (OpenSearch) is not rolled back with each test: before a
    database test, if anything was written to it since it was last synced, rebuild it from the
    database as the test finds it (empty, or a module's demo content)."""
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "_django_db_helper",
    } & set(request.fixturenames)
    if not uses_db:
        return
    from search import indexing
    from search.backends import get_search_backend

    backend = get_search_backend()
    if backend.transactional:
        return
    if "transactional_db" not in request.fixturenames:
        request.getfixturevalue("db")
    if _synced_generation.get(id(backend)) != indexing.generation(backend):
        indexing.rebuild_backend(backend)
        _synced_generation[id(backend)] = indexing.generation(backend)
