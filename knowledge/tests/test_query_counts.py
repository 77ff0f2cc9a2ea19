"""Reader pages and API responses run a number of SQL queries that does not grow with what they
list: related items, listing size, search results, pages chosen in a body, featured pages; at
most 15 for a reader page and 20 for an API response. Measured with the page cache off, on the
second request (the first after a change rebuilds the per-version caches), and for bodies
also on that first request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import HomePage
from knowledge import content_version
from knowledge.factories import (
    GlossaryTermFactory,
    GuideChapterPageFactory,
    PracticeSheetPageFactory,
    TestimonyPageFactory,
    ThemeFactory,
    taxonomy,
)
from knowledge.models import Audience, Dispositif, ProjectStep, Territory
from search.indexing import rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 0
    settings.BOUSSOLE_API_SEARCH_RATE = "100000/min"


def queries(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def first_queries(client, url):
    """Queries of the first request after a change: every per-version cache is rebuilt."""
    content_version.bump()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def classified(**extra):
    return {
        "themes": [ThemeFactory()],
        "project_steps": [taxonomy(ProjectStep, "diagnostic")],
        **extra,
    }


def sheet(**extra):
    return PracticeSheetPageFactory(
        **classified(
            dispositifs=[taxonomy(Dispositif, "clsm")],
            audiences=[taxonomy(Audience, "partenaires")],
            **extra,
        )
    )


def testimony(**extra):
    return TestimonyPageFactory(
        **classified(
            dispositif=taxonomy(Dispositif, "asv"),
            territory=taxonomy(Territory, "paris"),
            **extra,
        )
    )


def test_a_sheet_costs_the_same_with_2_or_20_related_items(client):
    few = sheet(title="Peu de liens")
    few.related_sheets.set([sheet() for _ in range(2)])
    few.related_testimonies.set([testimony() for _ in range(2)])
    few.save()
    many = sheet(title="Beaucoup de liens")
    many.related_sheets.set([sheet() for _ in range(20)])
    many.related_testimonies.set([testimony() for _ in range(20)])
    many.save()
    assert queries(client, many.url) == queries(client, few.url)
    api = "/api/v2/pages/{}/"
    assert queries(client, api.format(many.pk)) == queries(client, api.format(few.pk))


def test_a_testimony_costs_the_same_cited_by_2_or_20_sheets(client):
    few, many = testimony(title="Peu citée"), testimony(title="Très citée")
    for _ in range(2):
        sheet().related_testimonies.add(few)
    for _ in range(20):
        sheet().related_testimonies.add(many)
    assert queries(client, many.url) == queries(client, few.url)


def test_listings_cost_the_same_with_10_or_50_items(client):
    for _ in range(10):
        sheet(), testimony()
    few = [queries(client, url) for url in ("/fiches-pratiques/", "/remontees-de-terrain/")]
    for _ in range(40):
        sheet(), testimony()
    many = [queries(client, url) for url in ("/fiches-pratiques/", "/remontees-de-terrain/")]
    assert many == few
    assert queries(client, "/fiches-pratiques/?page=4") == few[0]  # deep pages cost page 1


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?type=knowledge.PracticeSheetPage&limit=20&fields=*",
        "/api/v2/pages/?type=knowledge.TestimonyPage&limit=20&fields=*",
        "/api/v2/pages/?limit=20",
        "/api/v2/search/?q=coordination&per_page=20",
        "/recherche/?q=coordination&per_page=20",
    ],
)
def test_api_lists_and_search_cost_the_same_with_2_or_20_items(client, url):
    for _ in range(2):
        (
            sheet(summary="La coordination du réseau."),
            testimony(quote="La coordination prend du temps."),
        )
    rebuild()
    few = queries(client, url)
    for _ in range(18):
        (
            sheet(summary="La coordination du réseau."),
            testimony(quote="La coordination prend du temps."),
        )
    rebuild()
    assert queries(client, url) == few


def test_a_chapter_and_the_home_page_do_not_grow_with_the_guide(client):
    first = GuideChapterPageFactory(**classified())
    few = (queries(client, first.url), queries(client, "/"))
    for _ in range(20):
        GuideChapterPageFactory(**classified())
        sheet()
    assert (queries(client, first.url), queries(client, "/")) == few


def resource(page):
    return ("resource", {"title": page.title, "page": page.pk, "description": "", "url": ""})


def quoted(page):
    return ("quoted_testimony", {"testimony": page.pk, "quote": "", "attribution": ""})


def test_bodies_cost_the_same_choosing_2_or_10_pages(client, stream):
    few = sheet(resources=stream(*[resource(sheet()) for _ in range(2)]))
    many = sheet(resources=stream(*[resource(sheet()) for _ in range(9)], resource(few)))
    assert first_queries(client, many.url) == first_queries(client, few.url)
    assert queries(client, many.url) == queries(client, few.url)
    few = GuideChapterPageFactory(body=stream(*[quoted(testimony()) for _ in range(2)]))
    hidden = testimony(title="En brouillon", live=False)
    many = GuideChapterPageFactory(
        body=stream(*[quoted(testimony()) for _ in range(9)], quoted(hidden))
    )
    assert first_queries(client, many.url) == first_queries(client, few.url)
    assert queries(client, many.url) == queries(client, few.url)
    assert hidden.url not in client.get(many.url).content.decode()


def test_the_home_page_costs_the_same_with_2_or_8_featured_pages(client, stream):
    chosen = [sheet() for _ in range(4)] + [GuideChapterPageFactory() for _ in range(4)]
    home = HomePage.objects.get()  # after its descendants: saving it keeps the tree right
    home.featured = stream(("page", chosen[0].pk), ("page", chosen[-1].pk))  # both types
    home.save()
    few = (first_queries(client, "/"), queries(client, "/"))
    home.featured = stream(*[("page", page.pk) for page in chosen])
    home.save()
    assert (first_queries(client, "/"), queries(client, "/")) == few


READER_PAGE_MAX, API_RESPONSE_MAX = 15, 20


def test_no_reader_page_runs_more_than_15_queries_nor_an_api_response_20(client, stream):
    related = [sheet() for _ in range(20)], [testimony() for _ in range(20)]
    full = sheet(title="Fiche complète", resources=stream(*[resource(s) for s in related[0][:5]]))
    full.related_sheets.set(related[0])
    full.related_testimonies.set(related[1])
    full.save()
    chapter = GuideChapterPageFactory(
        **classified(body=stream(*[quoted(t) for t in related[1][:5]]))
    )
    home = HomePage.objects.get()
    home.featured = stream(("page", full.pk), ("page", chapter.pk))
    home.save()
    term = GlossaryTermFactory()
    rebuild()
    reader = [
        "/",
        "/la-boussole/",
        chapter.url,
        full.url,
        related[1][0].url,
        "/fiches-pratiques/?theme=" + full.themes.first().slug,
        "/fiches-pratiques/?page=2",
        "/remontees-de-terrain/?dispositif=asv",
        "/glossaire/",
        f"/glossaire/{term.slug}/",
        "/recherche/?q=coordination&theme=" + full.themes.first().slug,
    ]
    api = [
        "/api/v2/pages/?type=knowledge.PracticeSheetPage&limit=20&fields=*",
        "/api/v2/pages/?type=knowledge.TestimonyPage&limit=20&fields=*",
        f"/api/v2/pages/{full.pk}/",
        "/api/v2/pages/?search=fiche",
        "/api/v2/search/?q=fiche",
        "/api/v2/themes/",
        "/api/v2/dispositifs/asv/",
        "/api/v2/glossaire/",
    ]
    counts = {url: queries(client, url) for url in reader + api}
    assert {u: n for u, n in counts.items() if u in reader and n > READER_PAGE_MAX} == {}
    assert {u: n for u, n in counts.items() if u in api and n > API_RESPONSE_MAX} == {}
