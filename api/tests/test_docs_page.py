"""The API docs page (/api/docs/) documents every endpoint's response.

Guarantees: each operation's 200 response is either a link, with its name as text, to a schema
described on the page, or the fields of the inline object it answers ({meta, items} for the
lists, items linking to their schema); no link on the page is empty; parameter tables carry the
column labels the narrow-screen layout shows. (Accessibility and reflow at 320 px are checked in
a browser by cms/tests/test_reader_quality.py.)
"""

import re

import pytest

from api.docs import _operations
from api.schema import build_schema


@pytest.fixture
def docs(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    return response.content.decode()


def test_every_list_endpoint_documents_its_fields_and_links_its_items(db):
    operations, components = _operations(build_schema())
    names = {component["name"] for component in components}
    lists = [op for op in operations if not op["response"]["ref"]]
    assert {op["path"] for op in lists} >= {"/api/v2/pages/", "/api/v2/themes/"}
    for op in operations:
        if op["response"]["ref"]:
            assert op["response"]["ref"] in names, op["path"]
            continue
        fields = {field["name"]: field for field in op["response"]["fields"]}
        assert set(fields) == {"meta", "items"}, op["path"]
        assert "total_count" in {field["name"] for field in fields["meta"]["fields"]}
        assert fields["items"]["link"] in names, op["path"]


def test_no_link_of_the_page_is_empty_and_every_anchor_exists(docs):
    links = re.findall(r'<a href="([^"]*)">(.*?)</a>', docs, flags=re.S)
    assert links
    assert all(re.sub(r"<[^>]+>", "", text).strip() for _href, text in links)
    ids = set(re.findall(r' id="([^"]+)"', docs))
    anchors = {href[1:] for href, _text in links if href.startswith("#")}
    assert anchors and anchors <= ids
    assert "Réponse : un objet JSON" in docs
    assert '<a href="#schema-PageItem"><code>PageItem</code></a>' in docs


def test_parameter_cells_carry_their_column_label(docs):
    assert 'data-label="Nom"' in docs and 'data-label="Description"' in docs
    assert 'href="/static/api/docs.css"' in docs
