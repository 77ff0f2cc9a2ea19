"""Listing filters on the sheet and testimony indexes, read from what the view hands the template
and from the rendered page.

Guarantees (knowledge/listing.py): each taxonomy filter keeps the matching items and only them;
values of one filter add up (OR), different filters combine (AND); pagination never fails;
an unknown value answers 400 with a French message and the full listing; drafts, private pages
and testimonies without consent are never listed.
On the rendered listing: the checked boxes, the active-filter summary and the count reflect the
query string; pagination links keep the filters; the number of database queries does not grow
with the number of cards.
"""

import re
from html import unescape

import pytest
from wagtail.models import PageViewRestriction

from knowledge import factories
from knowledge.factories import (
    PracticeSheetPageFactory,
    TestimonyPageFactory,
    ThemeFactory,
    taxonomy,
)
from knowledge.factories import TestimonyPageFactory as TestimonyFactory
from knowledge.factories import testimony_index_page as index_of_testimonies
from knowledge.models import (
    Audience,
    Dispositif,
    PracticeSheetIndexPage,
    ProjectStep,
    Territory,
    TestimonyPage,
)

pytestmark = pytest.mark.django_db

SHEETS_URL = "/fiches-pratiques/"
TESTIMONIES_URL = "/remontees-de-terrain/"


@pytest.fixture
def themes():
    return {
        "a": ThemeFactory(name="Santé mentale", slug="sante-mentale"),
        "b": ThemeFactory(name="Accès aux soins", slug="acces-aux-soins"),
    }


@pytest.fixture
def sheets(themes):
    def sheet(title, theme_keys, dispositif, audience, step):
        return PracticeSheetPageFactory(
            title=title,
            themes=[themes[k] for k in theme_keys],
            dispositifs=[taxonomy(Dispositif, dispositif)],
            audiences=[taxonomy(Audience, audience)],
            project_steps=[taxonomy(ProjectStep, step)],
        )

    return [
        sheet("Fiche un", "a", "asv", "nouveau-coordinateur", "diagnostic"),
        sheet("Fiche deux", "b", "clsm", "partenaires", "evaluation"),
        sheet("Fiche trois", "ab", "cls", "elus-et-hierarchie", "plan-d-action"),
    ]


@pytest.fixture
def testimonies(themes):
    def testimony(title, theme_key, dispositif, territory, seniority):
        return TestimonyPageFactory(
            title=title,
            themes=[themes[theme_key]],
            dispositif=taxonomy(Dispositif, dispositif),
            territory=taxonomy(Territory, territory),
            seniority=seniority,
        )

    return [
        testimony("Remontée un", "a", "asv", "paris", "lt1"),
        testimony("Remontée deux", "b", "clsm", "essonne", "4plus"),
        testimony("Remontée trois", "a", "cls", "val-d-oise", "1to3"),
    ]


def listed(response):
    assert response.status_code == 200, response.status_code
    return {page.title for page in response.context["items"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=sante-mentale", {"Fiche un", "Fiche trois"}),
        ("theme=acces-aux-soins", {"Fiche deux", "Fiche trois"}),
        ("dispositif=asv", {"Fiche un"}),
        ("dispositif=clsm", {"Fiche deux"}),
        ("dispositif=autre", set()),
        ("audience=partenaires", {"Fiche deux"}),
        ("audience=elus-et-hierarchie", {"Fiche trois"}),
        ("etape=diagnostic", {"Fiche un"}),
        ("etape=evaluation", {"Fiche deux"}),
        ("", {"Fiche un", "Fiche deux", "Fiche trois"}),
    ],
)
def test_sheet_listing_filters_by_each_taxonomy(client, sheets, query, expected):
    assert listed(client.get(f"{SHEETS_URL}?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=sante-mentale", {"Remontée un", "Remontée trois"}),
        ("theme=acces-aux-soins", {"Remontée deux"}),
        ("dispositif=cls", {"Remontée trois"}),
        ("departement=paris", {"Remontée un"}),
        ("departement=essonne", {"Remontée deux"}),
        ("departement=seine-saint-denis", set()),
        ("anciennete=lt1", {"Remontée un"}),
        ("anciennete=1to3", {"Remontée trois"}),
        ("anciennete=4plus", {"Remontée deux"}),
    ],
)
def test_testimony_listing_filters_by_each_taxonomy(client, testimonies, query, expected):
    assert listed(client.get(f"{TESTIMONIES_URL}?{query}")) == expected


def test_values_of_one_filter_add_up_and_different_filters_combine(client, sheets, testimonies):
    assert listed(client.get(f"{SHEETS_URL}?dispositif=asv&dispositif=clsm")) == {
        "Fiche un",
        "Fiche deux",
    }
    assert listed(client.get(f"{SHEETS_URL}?theme=sante-mentale&dispositif=cls")) == {"Fiche trois"}
    assert listed(
        client.get(f"{SHEETS_URL}?theme=acces-aux-soins&audience=partenaires&etape=evaluation")
    ) == {"Fiche deux"}
    assert listed(client.get(f"{SHEETS_URL}?theme=sante-mentale&etape=evaluation")) == set()
    assert listed(
        client.get(f"{TESTIMONIES_URL}?theme=sante-mentale&anciennete=1to3&anciennete=lt1")
    ) == {
        "Remontée un",
        "Remontée trois",
    }
    assert listed(client.get(f"{TESTIMONIES_URL}?theme=sante-mentale&departement=essonne")) == set()


@pytest.mark.parametrize(
    ("url", "shown_value"),
    [
        (f"{SHEETS_URL}?theme=inconnue", "inconnue"),
        (f"{SHEETS_URL}?dispositif=asv&dispositif=xyz", "xyz"),
        (f"{SHEETS_URL}?audience=%3Cscript%3E", "<script>"),
        (f"{SHEETS_URL}?etape=diagnostic%27%20OR%201=1", "diagnostic' OR 1=1"),
        (f"{TESTIMONIES_URL}?departement=2A", "2A"),
        (f"{TESTIMONIES_URL}?anciennete=10ans", "10ans"),
    ],
)
def test_an_unknown_value_answers_400_with_a_french_message_and_the_full_listing(
    client, sheets, testimonies, url, shown_value
):
    response = client.get(url)

    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "Ces filtres n'ont pas pu être appliqués" in html
    assert f"« {shown_value} » n'est pas une valeur connue pour ce filtre." in html
    assert response.context["result_count"] == 3  # the unfiltered listing is still shown
    assert "<script>" not in response.content.decode()  # the value is echoed escaped


def test_an_empty_filter_value_is_handled_without_a_500(client, sheets):
    # The form never sends one (unchecked boxes send nothing); a hand-made URL may.
    response = client.get(f"{SHEETS_URL}?etape=&theme=")
    assert response.status_code in (200, 400)
    assert response.context["result_count"] == 3


def test_a_nul_byte_in_a_filter_is_refused_without_a_500(client, testimonies):
    assert client.get(f"{TESTIMONIES_URL}?theme=%00").status_code == 400


@pytest.mark.parametrize("page", ["abc", "999", "0", "-1", "1.5", "99999999999999999999"])
def test_odd_page_numbers_never_fail(client, monkeypatch, sheets, page):
    monkeypatch.setattr(PracticeSheetIndexPage, "paginate_by", 2)
    response = client.get(f"{SHEETS_URL}?page={page}")
    assert response.status_code == 200
    assert response.context["page_obj"].number in (1, 2)


def test_pagination_splits_the_filtered_results(client, monkeypatch, sheets):
    monkeypatch.setattr(PracticeSheetIndexPage, "paginate_by", 2)
    first = client.get(SHEETS_URL)
    second = client.get(f"{SHEETS_URL}?page=2")
    assert first.context["paginator"].num_pages == 2
    assert len(listed(first)) == 2 and len(listed(second)) == 1
    assert listed(first) | listed(second) == {"Fiche un", "Fiche deux", "Fiche trois"}
    # Filters are kept for the page links, the page number is not duplicated.
    filtered = client.get(f"{SHEETS_URL}?theme=sante-mentale&page=1")
    assert filtered.context["querystring"] == "theme=sante-mentale"
    assert filtered.context["paginator"].num_pages == 1


def test_drafts_private_pages_and_testimonies_without_consent_are_never_listed(
    client, themes, sheets, testimonies
):
    theme = themes["a"]
    PracticeSheetPageFactory(title="Fiche brouillon", themes=[theme], live=False)
    private = PracticeSheetPageFactory(title="Fiche privée", themes=[theme])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    TestimonyPageFactory(
        title="Remontée sans accord",
        themes=[theme],
        live=False,
        consent_given=False,
        consent_date=None,
    )
    withdrawn = TestimonyPageFactory(title="Remontée retirée", themes=[theme])
    # Consent withdrawn after publication (data fix, import...): the rule still hides it.
    TestimonyPage.objects.filter(pk=withdrawn.pk).update(consent_given=False)

    for query in ("", "?theme=sante-mentale"):
        sheet_titles = listed(client.get(SHEETS_URL + query))
        testimony_titles = listed(client.get(TESTIMONIES_URL + query))
        assert not {"Fiche brouillon", "Fiche privée"} & sheet_titles
        assert not {"Remontée sans accord", "Remontée retirée"} & testimony_titles
        assert "Fiche un" in sheet_titles and "Remontée un" in testimony_titles


def test_the_listing_only_shows_children_of_its_own_index(client, sheets, testimonies):
    assert factories.sheet_index_page().url == SHEETS_URL
    assert not {"Remontée un"} & listed(client.get(SHEETS_URL))
    assert not {"Fiche un"} & listed(client.get(TESTIMONIES_URL))


# --- the rendered listings --------------------------------------------------------------------


@pytest.mark.django_db
def test_sheet_listing_filters_by_theme_and_dispositif(client, markup):
    mental = ThemeFactory(name="Santé mentale", slug="sante-mentale")
    food = ThemeFactory(name="Alimentation", slug="alimentation")
    a = PracticeSheetPageFactory(
        title="Fiche A", themes=[mental], dispositifs=[taxonomy(Dispositif, "clsm")]
    )
    b = PracticeSheetPageFactory(
        title="Fiche B", themes=[food], dispositifs=[taxonomy(Dispositif, "asv")]
    )
    c = PracticeSheetPageFactory(
        title="Fiche C", themes=[mental], dispositifs=[taxonomy(Dispositif, "asv")]
    )
    draft = PracticeSheetPageFactory(title="Fiche D brouillon", themes=[mental], live=False)

    response = client.get("/fiches-pratiques/?theme=sante-mentale")
    assert response.status_code == 200
    links = markup.hrefs(response)
    assert a.url in links and c.url in links
    assert b.url not in links and draft.url not in links
    assert "2 fiches" in markup.text(response)
    # The checked box and the active-filter summary reflect the query string.
    assert re.search(r'<input[^>]*value="sante-mentale"[^>]*checked', response.content.decode())
    assert "Thématique : Santé mentale" in markup.text(response)

    both = client.get("/fiches-pratiques/?theme=sante-mentale&dispositif=asv")
    assert [u for u in markup.hrefs(both) if u in {a.url, b.url, c.url}] == [c.url]
    assert "1 fiche" in markup.text(both)


@pytest.mark.django_db
def test_testimony_listing_filters_by_departement_and_seniority(client, markup):
    paris = TestimonyFactory(territory=taxonomy(Territory, "paris"), seniority="lt1")
    essonne = TestimonyFactory(territory=taxonomy(Territory, "essonne"), seniority="4plus")

    response = client.get("/remontees-de-terrain/?departement=essonne")
    assert essonne.url in markup.hrefs(response) and paris.url not in markup.hrefs(response)
    assert "1 remontée de terrain" in markup.text(response)

    response = client.get("/remontees-de-terrain/?anciennete=lt1")
    assert paris.url in markup.hrefs(response) and essonne.url not in markup.hrefs(response)


@pytest.mark.django_db
def test_listing_pagination_keeps_the_filters_in_the_query_string(client, markup):
    theme = ThemeFactory(name="Prévention", slug="prevention")
    for n in range(14):
        PracticeSheetPageFactory(title=f"Fiche {n:02d}", themes=[theme])
    PracticeSheetPageFactory(title="Fiche hors thème")

    response = client.get("/fiches-pratiques/?theme=prevention")
    pagination = re.search(
        r'<nav class="pagination".*?</nav>', response.content.decode(), re.S
    ).group(0)
    page_links = {unescape(h) for h in re.findall(r'href="([^"]+)"', pagination)}
    assert "?theme=prevention&page=2" in page_links

    second = client.get("/fiches-pratiques/?theme=prevention&page=2")
    assert second.status_code == 200
    assert "Fiche 13" in markup.text(second) and "Fiche 00" not in markup.text(second)
    assert "Fiche hors thème" not in markup.text(second)


@pytest.mark.django_db
def test_unknown_filter_value_answers_400_with_a_french_message(client, markup):
    PracticeSheetPageFactory(title="Fiche visible")
    response = client.get("/fiches-pratiques/?theme=n-existe-pas")

    assert response.status_code == 400
    html = markup.text(response)
    alert = re.search(r'<div class="alert alert--error" role="alert">.*?</div>', html, re.S).group(
        0
    )
    assert "« n-existe-pas » n'est pas une valeur connue pour ce filtre." in alert
    assert "Fiche visible" in html  # the unfiltered listing is still there

    index_of_testimonies()
    bad_seniority = client.get("/remontees-de-terrain/?anciennete=20ans&page=abc")
    assert bad_seniority.status_code == 400


@pytest.mark.django_db
def test_out_of_range_page_numbers_fall_back_without_error(client):
    PracticeSheetPageFactory()
    for page in ["-1", "999999999", "x"]:
        assert client.get(f"/fiches-pratiques/?page={page}").status_code == 200


@pytest.mark.django_db
def test_listing_queries_do_not_grow_with_the_number_of_cards(settings, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 0  # the rendering's own queries
    theme = ThemeFactory()
    clsm = taxonomy(Dispositif, "clsm")

    def queries_for(url):
        # The first request after a change rebuilds the per-version caches (navigation,
        # private sections, site root paths): count the second, the steady state.
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    for _n in range(2):
        PracticeSheetPageFactory(themes=[theme], dispositifs=[clsm])
        TestimonyFactory(themes=[theme], dispositif=clsm, territory=taxonomy(Territory, "paris"))
    few = (queries_for("/fiches-pratiques/"), queries_for("/remontees-de-terrain/"))
    for _n in range(6):
        PracticeSheetPageFactory(themes=[theme], dispositifs=[clsm])
        TestimonyFactory(themes=[theme], dispositif=clsm, territory=taxonomy(Territory, "essonne"))
    many = (queries_for("/fiches-pratiques/"), queries_for("/remontees-de-terrain/"))
    assert many == few


def _page_links(response):
    pagination = re.search(r'<nav class="pagination".*?</nav>', response.content.decode(), re.S)
    return [
        int(n)
        for n in re.findall(r'href="\?page=(\d+)"(?: aria-current="page")?>', pagination.group(0))
    ]


@pytest.mark.django_db
def test_pagination_links_the_ends_and_the_pages_around_only(client, monkeypatch):
    monkeypatch.setattr(PracticeSheetIndexPage, "paginate_by", 1)
    for n in range(14):
        PracticeSheetPageFactory(title=f"Fiche {n:02d}")
    response = client.get(f"{SHEETS_URL}?page=7")
    html = response.content.decode()
    # 1, 2, …, 5 to 9, …, 13, 14 (besides "previous" and "next"): never the 14 pages a long
    # listing would print (1 700 on 20 000 items).
    assert _page_links(response) == [1, 2, 5, 6, 7, 8, 9, 13, 14]
    assert 'href="?page=6" rel="prev"' in html and 'href="?page=8" rel="next"' in html
    assert html.count('class="pagination__gap" aria-hidden="true">…</li>') == 2
    assert 'href="?page=7" aria-current="page"' in html


@pytest.mark.django_db
def test_a_deep_page_costs_the_queries_of_the_first(settings, client, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(PracticeSheetIndexPage, "paginate_by", 2)
    theme = ThemeFactory()
    for n in range(12):
        PracticeSheetPageFactory(title=f"Fiche {n:02d}", themes=[theme])

    def queries_for(url):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured.captured_queries), [p.title for p in response.context["items"]]

    first, first_titles = queries_for(SHEETS_URL)
    deep, deep_titles = queries_for(f"{SHEETS_URL}?page=6")
    assert deep == first
    assert (first_titles, deep_titles) == (["Fiche 00", "Fiche 01"], ["Fiche 10", "Fiche 11"])


@pytest.mark.django_db
def test_counts_and_facets_follow_a_publish_at_once(client, markup):
    """Counts are kept per content version: the next request after a publish sees them move."""
    theme = ThemeFactory(name="Prévention", slug="prevention")
    PracticeSheetPageFactory(title="Fiche une", themes=[theme])
    before = client.get(SHEETS_URL)
    assert before.context["result_count"] == 1
    assert _theme_count(before, "prevention") == 1

    draft = PracticeSheetPageFactory(title="Fiche deux", themes=[theme], live=False)
    draft.save_revision().publish()
    after = client.get(SHEETS_URL)
    assert after.context["result_count"] == 2
    assert _theme_count(after, "prevention") == 2
    assert "Fiche deux" in markup.text(after)
    filtered = client.get(f"{SHEETS_URL}?theme=prevention")
    assert filtered.context["result_count"] == 2


def _theme_count(response, slug):
    facet = next(f for f in response.context["filter_facets"] if f["name"] == "theme")
    return next(c["count"] for c in facet["choices"] if c["value"] == slug)
