"""The database backend keeps answering when its full-text table holds rows the document table
no longer has (a manual clean-up, a restore, a test database flushed by Django: the FTS5 table
is no Django model, so nothing empties it with the documents)."""

import pytest
from django.db import connection

from search.models import SearchDocument
from search.service import search

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 table")


def titles(q):
    return [hit.title for hit in search({"q": q}).results]


@pytest.mark.django_db
def test_full_text_rows_without_their_document_are_ignored(corpus):
    expected = titles("habitants")
    assert expected
    lowest = SearchDocument.objects.order_by("pk").values_list("pk", flat=True).first()
    highest = SearchDocument.objects.order_by("-pk").values_list("pk", flat=True).first()
    matching = SearchDocument.objects.get(title=expected[0]).pk
    with connection.cursor() as cursor:
        for rowid in (lowest - 100_000, highest + 100_000):  # before and after every document
            cursor.execute(  # the indexed text of a document that matches, under another id
                "INSERT INTO boussole_search_fts (rowid, title, body) "
                "SELECT %s, title, body FROM boussole_search_fts WHERE rowid = %s",
                [rowid, matching],
            )

    assert titles("habitants") == expected
