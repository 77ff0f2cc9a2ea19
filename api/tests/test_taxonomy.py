"""The glossary and the taxonomies: live terms only, by id or by slug (api/views/taxonomy.py)."""

import pytest

# --- glossary ------------------------------------------------------------------------------


def test_glossary_lists_live_terms_only(client, content):
    listing = client.get("/api/v2/glossaire/").json()

    assert [item["slug"] for item in listing["items"]] == ["clsm"]
    assert client.get(f"/api/v2/glossaire/{content['draft_term'].pk}/").status_code == 404
    assert client.get(f"/api/v2/glossaire/{content['draft_term'].slug}/").status_code == 404


def test_glossary_serves_the_live_version_not_the_draft_revision(client, content):
    by_slug = client.get("/api/v2/glossaire/clsm/").json()
    by_id = client.get(f"/api/v2/glossaire/{content['term'].pk}/").json()

    assert by_slug == by_id
    assert "concertation locale" in by_slug["definition"]
    assert "brouillon" not in by_slug["definition"]
    assert by_slug["meta"]["html_url"].endswith("/glossaire/clsm/")


def test_glossary_see_also_links_only_live_terms(client, content):
    term = client.get("/api/v2/glossaire/clsm/").json()

    assert term["see_also"] == []


# --- taxonomies ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "endpoint,slug",
    [
        ("themes", "sante-mentale"),
        ("dispositifs", "clsm"),
        ("territoires", "essonne"),
        ("publics", "nouveau-coordinateur"),
        ("etapes", "diagnostic"),
    ],
)
def test_taxonomy_list_and_detail_by_slug_or_id(client, content, endpoint, slug):
    listing = client.get(f"/api/v2/{endpoint}/?limit=50").json()
    by_slug = client.get(f"/api/v2/{endpoint}/{slug}/").json()
    by_id = client.get(f"/api/v2/{endpoint}/{by_slug['id']}/").json()

    assert slug in [item["slug"] for item in listing["items"]]
    assert by_slug == by_id
    assert by_slug["name"]
    assert client.get(f"/api/v2/{endpoint}/inexistant/").status_code == 404


def test_each_taxonomy_value_carries_the_label_readers_see(client, content):
    dispositifs = client.get("/api/v2/dispositifs/?limit=50").json()["items"]
    labels = {item["slug"]: item["label"] for item in dispositifs}
    assert labels["clsm"] == "CLSM"  # the acronym, as on listings, facets and pills
    assert client.get("/api/v2/themes/sante-mentale/").json()["label"] == "Santé mentale"
    sheet = content["sheet"]
    item = client.get(f"/api/v2/pages/{sheet.pk}/").json()
    assert {d["label"] for d in item["dispositifs"]} == {str(d) for d in sheet.dispositifs.all()}
