import pytest

from cms.tests.browser import TEST_PASSWORD, chromium


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
    from search.models import SearchDocument

    backend = get_search_backend()
    if backend.transactional:
        return
    if "transactional_db" not in request.fixturenames:
        request.getfixturevalue("db")
    if _synced_generation.get(id(backend)) != indexing.generation(backend):
        if SearchDocument.objects.exists():  # e.g. a module's demo content, indexed
            indexing.rebuild_backend(backend)
        else:
            backend.reset()  # 4x cheaper than a rebuild of nothing
        _synced_generation[id(backend)] = indexing.generation(backend)


class _Markup:
    """Reads a rendered response: its start tags, its link targets, its text."""

    @staticmethod
    def tags(response):
        """(tag, attributes) for every start tag; attribute values come back unescaped."""
        from html.parser import HTMLParser

        class StartTags(HTMLParser):
            def __init__(self):
                super().__init__()
                self.tags = []

            def handle_starttag(self, tag, attrs):
                self.tags.append((tag, dict(attrs)))

        collector = StartTags()
        collector.feed(response.content.decode())
        return collector.tags

    def hrefs(self, response):
        """The href of every link, in page order."""
        return [
            attrs["href"] for tag, attrs in self.tags(response) if tag == "a" and "href" in attrs
        ]

    @staticmethod
    def text(response):
        """The response as text with HTML entities decoded (Django escapes apostrophes)."""
        from html import unescape

        return unescape(response.content.decode())


@pytest.fixture
def markup():
    """Helpers to read a rendered response: `markup.tags(response)` → [(tag, attrs)],
    `markup.hrefs(response)` → link targets in page order, `markup.text(response)` → the HTML
    with entities decoded."""
    return _Markup()


@pytest.fixture
def stream():
    """`stream(("heading", {...}), ("paragraph", "<p>…</p>"))` → a StreamField value as JSON."""
    import json

    def build(*blocks):
        return json.dumps([{"type": kind, "value": value} for kind, value in blocks])

    return build


@pytest.fixture
def make_user(db):
    """`make_user(username, group_name=None, **extra)` → a user with an e-mail, a first name and
    the test password, in the given group (groups come from migration knowledge/0004)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    def build(username, group_name=None, **extra):
        user = get_user_model().objects.create_user(
            username=username,
            email=f"{username}@example.org",
            password=TEST_PASSWORD,
            first_name=username.capitalize(),
            **extra,
        )
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        return user

    return build


@pytest.fixture
def browser():
    """Debian's Chromium through Playwright (cms/tests/browser.py), closed after the test."""
    with chromium() as running:
        yield running
