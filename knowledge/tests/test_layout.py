"""The layout shared by every reader page (templates/base.html and its includes).

Guarantees: the page is in French and its first link is a skip link to the main content; every
search form sends `q` to /recherche/ with GET and a labelled input; the main navigation is built
from live sections only and marks the current section (page, or ancestor of the page); the
breadcrumbs lead from the home page to the current page.
"""

import re

import pytest

from knowledge.factories import PracticeSheetPageFactory, guide_page, sheet_index_page
from knowledge.factories import testimony_index_page as index_of_testimonies


@pytest.mark.django_db
def test_layout_is_french_with_a_skip_link_to_the_main_content(client, markup):
    sheet_index_page()
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    skip = [
        attrs
        for tag, attrs in markup.tags(response)
        if tag == "a" and "skip-link" in attrs.get("class", "")
    ]
    assert skip and skip[0]["href"] == "#contenu"
    assert "Aller au contenu" in html
    assert 'id="contenu"' in html
    # The first link of the page is the skip link, so keyboard users meet it first.
    assert markup.hrefs(response)[0] == "#contenu"


@pytest.mark.django_db
def test_search_form_sends_q_to_the_search_page_with_a_label(client, markup):
    response = client.get("/")
    forms = [
        attrs
        for tag, attrs in markup.tags(response)
        if tag == "form" and attrs.get("role") == "search"
    ]
    assert forms and all(f["action"] == "/recherche/" and f.get("method") == "get" for f in forms)
    inputs = [
        attrs for tag, attrs in markup.tags(response) if tag == "input" and attrs.get("name") == "q"
    ]
    labels = {attrs.get("for") for tag, attrs in markup.tags(response) if tag == "label"}
    assert inputs and all(i["id"] in labels for i in inputs)


@pytest.mark.django_db
def test_main_nav_is_built_from_live_pages_and_marks_the_current_section(client):
    guide_page()
    sheets = sheet_index_page()
    index_of_testimonies()
    sheet = PracticeSheetPageFactory(title="Animer un comité de pilotage")

    on_listing = client.get(sheets.url)
    nav = re.search(r'<nav class="main-nav".*?</nav>', on_listing.content.decode(), re.S).group(0)
    assert 'href="/la-boussole/"' in nav
    assert 'href="/fiches-pratiques/" aria-current="page"' in nav
    assert 'href="/remontees-de-terrain/"' in nav
    assert 'href="/glossaire/"' in nav

    on_sheet = client.get(sheet.url)
    nav = re.search(r'<nav class="main-nav".*?</nav>', on_sheet.content.decode(), re.S).group(0)
    assert 'href="/fiches-pratiques/" aria-current="true"' in nav
    assert nav.count("aria-current") == 1


@pytest.mark.django_db
def test_an_unpublished_section_is_left_out_of_the_main_nav(client, markup):
    guide = guide_page()
    guide.unpublish()
    response = client.get("/glossaire/")
    assert "/la-boussole/" not in markup.hrefs(response)


@pytest.mark.django_db
def test_breadcrumbs_lead_from_home_to_the_current_page(client):
    sheet = PracticeSheetPageFactory(title="Constituer un réseau")
    response = client.get(sheet.url)
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', response.content.decode(), re.S).group(
        0
    )
    assert re.findall(r'href="([^"]+)"', crumbs) == ["/", "/fiches-pratiques/", sheet.url]
    assert 'aria-current="page"' in crumbs
