"""One way of saying things on every reader page: taxonomy labels, dates, titles.

Guarantees (knowledge/filters.py, knowledge/listing.py, knowledge/templatetags/boussole_tags.py,
search/facets.py):
- a taxonomy value has one label everywhere (listing filters, search facets, card pills) and
  values are sorted by that label (CLS before CLSM, accents ignored), project steps by their
  editorial order;
- dates read the same in page headers and on cards: "1<sup>er</sup> décembre 2026";
- every page has its own <title> and a meta description; the guide is not titled
  "La Boussole — La Boussole"; a filtered listing names its filters and its page;
- listings count each filter value (the other filters applied) in a constant number of queries,
  sort by date on request (unknown sorts answer 400) and date their cards;
- a card carries at most 3 pills and says how many more the page shows.
"""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from knowledge.factories import (
    GuideChapterPageFactory,
    PracticeSheetPageFactory,
    ThemeFactory,
    guide_page,
    taxonomy,
)
from knowledge.filters import label_sort_key, ordered_terms, taxonomy_choices
from knowledge.models import Audience, Dispositif, PracticeSheetPage, ProjectStep
from knowledge.templatetags.boussole_tags import french_date
from search.facets import clear_cache, facet_choices

pytestmark = pytest.mark.django_db

SHEETS = "/fiches-pratiques/"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 0
    clear_cache()


def checkbox_labels(html, name):
    """The labels of a listing's checkboxes for filter `name`, in page order (count removed)."""
    labels = []
    for value in re.findall(rf'name="{name}" value="([^"]+)"', html):
        label = re.search(rf'<label for="filtre-{name}-{value}">(.*?)<span', html, re.S).group(1)
        labels.append(unescape(label).strip())
    return labels


def title_of(html):
    return unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1)).strip()


def description_of(html):
    found = re.search(r'<meta name="description" content="([^"]*)"', html)
    return unescape(found.group(1)) if found else None


# --- labels and their order -------------------------------------------------------------------


def test_labels_sort_by_what_is_shown_not_by_hidden_full_names():
    # "Conseil local de santé mentale" sorts before "Contrat local de santé": by their full
    # names CLSM came before CLS.
    labels = [label for _slug, label in taxonomy_choices(Dispositif)]
    assert labels.index("CLS") < labels.index("CLSM")
    assert labels == sorted(labels, key=label_sort_key)
    assert label_sort_key("Évaluation") > label_sort_key("Diagnostic")


def test_project_steps_keep_their_editorial_order():
    steps = ordered_terms(ProjectStep.objects.all())
    assert [s.slug for s in steps[:2]] == ["prise-de-poste", "diagnostic"]


def test_listing_filters_search_facets_and_pills_show_the_same_label(client):
    PracticeSheetPageFactory(
        title="Fiche santé mentale",
        dispositifs=[taxonomy(Dispositif, "clsm"), taxonomy(Dispositif, "cls")],
    )
    html = client.get(SHEETS).content.decode()
    listing = checkbox_labels(html, "dispositif")
    assert listing == ["CLS", "CLSM"]
    search = dict(facet_choices("dispositif", version=0))
    assert [search["cls"], search["clsm"]] == listing
    # Not the full name in Title Case on the facets.
    assert "Conseil Local de Santé Mentale" not in search.values()
    pills = re.findall(r'<li class="tag tag--dispositif">([^<]+)</li>', html)
    assert pills == ["CLS", "CLSM"]


# --- dates ------------------------------------------------------------------------------------


def test_french_date_writes_the_first_of_the_month_as_1er():
    assert french_date(datetime.date(2026, 12, 1)) == "1<sup>er</sup> décembre 2026"
    assert french_date(datetime.date(2026, 12, 2)) == "2 décembre 2026"
    assert french_date(None) == ""
    midnight_in_paris = datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC)
    assert french_date(midnight_in_paris) == "1<sup>er</sup> décembre 2026"  # Paris time


def test_header_and_card_dates_read_the_same(client):
    sheet = PracticeSheetPageFactory(title="Fiche datée")
    first_of_december = timezone.make_aware(datetime.datetime(2026, 12, 1, 10, 0))
    PracticeSheetPage.objects.filter(pk=sheet.pk).update(last_published_at=first_of_december)

    header = unescape(client.get(sheet.url).content.decode())
    card = unescape(client.get(SHEETS).content.decode())
    line = 'Mis à jour le <time datetime="2026-12-01">1<sup>er</sup> décembre 2026</time>'
    assert line in header
    assert line in card


# --- titles and descriptions ------------------------------------------------------------------


def test_every_page_has_its_own_title_and_a_description(client):
    guide = guide_page()
    chapter = GuideChapterPageFactory(title="Comprendre les dispositifs")
    theme = ThemeFactory(name="Santé mentale", slug="sante-mentale")
    sheet = PracticeSheetPageFactory(title="Animer un CLSM", themes=[theme])
    urls = [
        "/",
        guide.url,
        chapter.url,
        SHEETS,
        f"{SHEETS}?theme=sante-mentale",
        sheet.url,
        "/glossaire/",
        "/recherche/",
        "/recherche/?q=clsm",
    ]
    titles = {}
    for url in urls:
        html = client.get(url).content.decode()
        titles[url] = title_of(html)
        assert description_of(html), url
    assert len(set(titles.values())) == len(urls), titles
    assert titles[guide.url] != "La Boussole — La Boussole"
    assert titles[guide.url] == "Le guide — La Boussole"
    assert (
        titles[f"{SHEETS}?theme=sante-mentale"] == "Fiches pratiques — Santé mentale — La Boussole"
    )


def test_a_filtered_listing_names_its_filters_and_page_in_title_and_description(client):
    theme = ThemeFactory(name="Prévention", slug="prevention")
    for n in range(14):
        PracticeSheetPageFactory(title=f"Fiche {n:02d}", themes=[theme])
    html = client.get(f"{SHEETS}?theme=prevention&page=2").content.decode()
    assert title_of(html) == "Fiches pratiques — Prévention — page 2 — La Boussole"
    assert description_of(html) == (
        "Fiches pratiques de la Boussole filtrées par Thématique : Prévention (14 résultats)."
    )


# --- listings: counts, sort, dates, pills -----------------------------------------------------


def facet_count(html, name, value):
    found = re.search(
        rf'<label for="filtre-{name}-{value}">[^<]*<span class="filters__count">\((\d+)', html
    )
    return int(found.group(1)) if found else None


def test_listing_counts_each_value_with_the_other_filters_applied(client):
    mental = ThemeFactory(name="Santé mentale", slug="sante-mentale")
    food = ThemeFactory(name="Alimentation", slug="alimentation")
    clsm, asv = taxonomy(Dispositif, "clsm"), taxonomy(Dispositif, "asv")
    PracticeSheetPageFactory(themes=[mental], dispositifs=[clsm])
    PracticeSheetPageFactory(themes=[mental], dispositifs=[asv])
    PracticeSheetPageFactory(themes=[food], dispositifs=[asv])

    html = client.get(SHEETS).content.decode()
    assert facet_count(html, "theme", "sante-mentale") == 2
    assert facet_count(html, "dispositif", "asv") == 2
    assert facet_count(html, "audience", "partenaires") is None  # no sheet: not offered

    html = client.get(f"{SHEETS}?dispositif=asv").content.decode()
    assert facet_count(html, "theme", "sante-mentale") == 1  # within ASV
    assert facet_count(html, "theme", "alimentation") == 1
    assert facet_count(html, "dispositif", "clsm") == 1  # its own filter left out
    assert "(1 filtre actif)" in unescape(html)
    assert '<span class="visually-hidden"> résultat</span>' in html


def test_listing_counts_cost_the_same_with_few_or_many_values(client):
    def queries():
        client.get(SHEETS)
        with CaptureQueriesContext(connection) as captured:
            client.get(SHEETS)
        return len(captured.captured_queries)

    PracticeSheetPageFactory(themes=[ThemeFactory()], dispositifs=[taxonomy(Dispositif, "asv")])
    few = queries()
    for _ in range(6):
        PracticeSheetPageFactory(
            themes=[ThemeFactory(), ThemeFactory()],
            dispositifs=[taxonomy(Dispositif, "cls")],
            audiences=[taxonomy(Audience, "partenaires")],
        )
    assert queries() == few


def test_listing_sorts_by_date_on_request_and_refuses_an_unknown_sort(client):
    old = PracticeSheetPageFactory(title="A — ancienne")
    new = PracticeSheetPageFactory(title="B — récente")
    now = timezone.now()
    PracticeSheetPage.objects.filter(pk=old.pk).update(
        last_published_at=now - datetime.timedelta(days=30)
    )
    PracticeSheetPage.objects.filter(pk=new.pk).update(last_published_at=now)
    by_title = client.get(SHEETS).content.decode()
    assert by_title.index(old.url) < by_title.index(new.url)
    by_date = client.get(f"{SHEETS}?tri=date").content.decode()
    assert by_date.index(new.url) < by_date.index(old.url)
    assert re.search(r'<option value="date" selected>', by_date)

    unknown = client.get(f"{SHEETS}?tri=hasard")
    assert unknown.status_code == 400
    assert "Tri inconnu" in unescape(unknown.content.decode())


def test_a_card_has_at_most_three_pills_and_says_how_many_more(client):
    sheet = PracticeSheetPageFactory(
        title="Fiche très classée",
        dispositifs=[taxonomy(Dispositif, slug) for slug in ("asv", "cls", "clsm")],
        themes=[ThemeFactory(), ThemeFactory()],
        audiences=[taxonomy(Audience, "partenaires")],
    )
    PracticeSheetPage.objects.filter(pk=sheet.pk).update(last_published_at=timezone.now())
    html = client.get(SHEETS).content.decode()
    card = re.search(r'<article class="card">.*?</article>', html, re.S).group(0)
    assert len(re.findall(r'<li class="tag tag--(?:dispositif|theme|audience)">', card)) == 3
    assert "+3" in card and "autres classements, sur la page" in card
    assert 'class="card__date"' in card
