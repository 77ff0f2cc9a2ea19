"""Parcours: tree rules, steps in order, server-rendered step navigation, update notes, API and
search presence, nothing personal on the server, constant query counts."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.information import InformationPage
from home.models import HomePage
from knowledge import models
from knowledge.factories import (
    GlossaryTermFactory,
    GuideChapterPageFactory,
    PracticeSheetPageFactory,
    TestimonyPageFactory,
    guide_page,
    home_page,
    sheet_index_page,
)
from knowledge.models import PageUpdate
from parcours import navigation
from parcours.models import ParcoursPage, ParcoursStep
from search.indexing import rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # Each test reads freshly rendered pages (the cache itself has its own tests).
    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def walk(make_parcours):
    """A parcours of four steps: chapter, sheet, glossary term, testimony."""
    chapter = GuideChapterPageFactory(title="Prendre son poste")
    sheet = PracticeSheetPageFactory(title="Les cent premiers jours")
    term = GlossaryTermFactory(term="Agence régionale de santé", acronym="ARS")
    testimony = TestimonyPageFactory(title="Trois mois pour le jargon")
    parcours = make_parcours("Prendre son poste de coordinateur", [chapter, sheet, term, testimony])
    return {
        "parcours": parcours,
        "chapter": chapter,
        "sheet": sheet,
        "term": term,
        "testimony": testimony,
    }


# -- tree rules --------------------------------------------------------------------------------


def test_parcours_live_under_the_home_page_only_and_have_no_children(walk):
    assert set(ParcoursPage.allowed_parent_page_models()) == {HomePage}
    assert ParcoursPage.allowed_subpage_models() == []
    assert ParcoursPage.max_count is None
    home = home_page()
    assert ParcoursPage.can_create_at(home)
    for other in (guide_page(), sheet_index_page(), walk["chapter"], walk["parcours"]):
        assert not ParcoursPage.can_create_at(other), other.title
    assert not ParcoursPage.can_exist_under(Page.get_first_root_node())
    # Several parcours may coexist, and nothing may be created under one.
    assert ParcoursPage.can_create_at(home)
    for model in (models.GuideChapterPage, models.PracticeSheetPage, InformationPage):
        assert not model.can_create_at(walk["parcours"])


def test_the_admin_offers_the_parcours_editor_under_the_home_page_only(client, make_user):
    make_user("admin", is_superuser=True)
    client.login(username="admin", password="mot-de-passe-de-test")  # noqa: S106
    home = home_page()
    add = reverse("wagtailadmin_pages:add", args=["parcours", "parcourspage", home.pk])
    response = client.get(add)
    assert response.status_code == 200
    assert "Étapes du parcours" in response.content.decode()
    under_guide = reverse(
        "wagtailadmin_pages:add", args=["parcours", "parcourspage", guide_page().pk]
    )
    assert client.get(under_guide).status_code == 302  # refused, back to the dashboard


def _admin_post(client, home, title, steps):
    data = nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "summary": "",
            "introduction": rich_text("<p>Pour bien commencer.</p>"),
            "steps": inline_formset(steps, min=1),
            "comments": inline_formset([]),
            "action-publish": "1",
        }
    )
    url = reverse("wagtailadmin_pages:add", args=["parcours", "parcourspage", home.pk])
    return client.post(url, data)


def test_an_editor_publishes_a_parcours_from_the_admin_and_a_bad_step_saves_nothing(
    client, make_user
):
    make_user("admin", is_superuser=True)
    client.login(username="admin", password="mot-de-passe-de-test")  # noqa: S106
    home = home_page()
    sheet = PracticeSheetPageFactory(title="Une fiche")
    term = GlossaryTermFactory(term="Contrat local de santé", acronym="CLS")

    both = {"page": sheet.pk, "glossary_term": term.pk, "introduction": "Les deux."}
    response = _admin_post(client, home, "Parcours refusé", [both])
    assert response.status_code == 200
    assert "Choisissez soit une page, soit un terme du glossaire" in response.content.decode()
    assert not ParcoursPage.objects.exists() and not ParcoursStep.objects.exists()

    steps = [
        {"page": "", "glossary_term": term.pk, "introduction": "Le sigle d'abord."},
        {"page": sheet.pk, "glossary_term": "", "introduction": "Puis la fiche."},
    ]
    response = _admin_post(client, home, "Parcours accepté", steps)
    assert response.status_code == 302
    parcours = ParcoursPage.objects.get()
    assert parcours.live
    path = navigation.paths()[parcours.pk]
    assert [(s.number, s.title) for s in path.steps] == [
        (1, "CLS — Contrat local de santé"),
        (2, "Une fiche"),
    ]


# -- steps -------------------------------------------------------------------------------------


def test_a_step_leads_to_exactly_one_page_or_term_of_an_allowed_type(walk):
    parcours = walk["parcours"]
    with pytest.raises(ValidationError):
        ParcoursStep(parcours=parcours, introduction="Rien.").full_clean()
    with pytest.raises(ValidationError):
        ParcoursStep(
            parcours=parcours, page=walk["sheet"], glossary_term=walk["term"], introduction="x"
        ).full_clean()
    with pytest.raises(ValidationError) as refused:
        ParcoursStep(parcours=parcours, page=guide_page(), introduction="x").full_clean()
    assert "chapitre, une fiche pratique ou une remontée" in str(refused.value)
    too_long = "x" * 601
    with pytest.raises(ValidationError):
        ParcoursStep(parcours=parcours, page=walk["sheet"], introduction=too_long).full_clean()
    ParcoursStep(parcours=parcours, page=walk["testimony"], introduction="Bien.").full_clean()


def test_steps_keep_their_order_and_are_numbered_among_the_visible_ones(walk, client, markup):
    response = client.get(walk["parcours"].url)
    assert response.status_code == 200
    text = markup.text(response)
    titles = ["Prendre son poste", "Les cent premiers jours", "ARS — Agence", "Trois mois"]
    positions = [text.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "Ce parcours compte 4 étapes" in text
    assert "Pourquoi l'étape 3." in text
    assert walk["term"].reader_url in markup.hrefs(response)

    # An unpublished sheet disappears from the path; the steps after it move up.
    walk["sheet"].unpublish()
    path = navigation.paths()[walk["parcours"].pk]
    assert [step.title for step in path.steps] == [
        "Prendre son poste",
        "ARS — Agence régionale de santé",
        "Trois mois pour le jargon",
    ]
    assert [step.number for step in path.steps] == [1, 2, 3]
    assert "Ce parcours compte 3 étapes" in markup.text(client.get(walk["parcours"].url))


def test_a_step_page_says_where_it_is_with_previous_and_next_without_javascript(walk, client):
    parcours, sheet = walk["parcours"], walk["sheet"]
    html = client.get(sheet.url).content.decode()
    assert "Étape 2 sur 4 du parcours" in html
    assert f'<a href="{parcours.url}">« {parcours.title} »</a>' in html
    assert f'href="{walk["chapter"].url}" rel="prev"' in html
    # The next step is a glossary term: linked where readers find it.
    assert f'href="{walk["term"].reader_url}" rel="next"' in html
    assert 'data-parcours-current="' in html and "parcours/parcours.js" in html

    first = client.get(walk["chapter"].url).content.decode()
    assert (
        "Étape 1 sur 4 du parcours" in first and 'rel="prev"' not in first.split("parcours-nav")[1]
    )
    last = client.get(walk["testimony"].url).content.decode()
    assert "Étape 4 sur 4 du parcours" in last and "Revenir au parcours" in last


def test_a_glossary_term_step_shows_its_place_on_the_term_page(walk, client):
    html = client.get(walk["term"].reader_url).content.decode()
    assert "Étape 3 sur 4 du parcours" in html
    assert f'href="{walk["sheet"].url}" rel="prev"' in html
    assert f'href="{walk["testimony"].url}" rel="next"' in html
    other = GlossaryTermFactory(term="Hors parcours")
    assert "parcours-nav" not in client.get(other.reader_url).content.decode()


def test_the_home_page_points_newcomers_to_the_first_parcours(walk, client, markup):
    response = client.get("/")
    assert "Suivre le parcours « Prendre son poste de coordinateur »" in markup.text(response)
    assert walk["parcours"].url in markup.hrefs(response)


def test_a_page_outside_any_parcours_has_no_step_navigation(walk, client):
    elsewhere = PracticeSheetPageFactory(title="Hors parcours")
    html = client.get(elsewhere.url).content.decode()
    assert "parcours-nav" not in html and "parcours.js" not in html


def test_a_draft_parcours_guides_nobody(make_parcours, client):
    sheet = PracticeSheetPageFactory(title="Une fiche")
    make_parcours("Brouillon de parcours", [sheet], live=False)
    assert "parcours-nav" not in client.get(sheet.url).content.decode()


def test_publishing_a_parcours_change_is_seen_by_its_step_pages_at_once(walk, client, settings):
    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 3600  # the page cache on: invalidation must work
    sheet = walk["sheet"]
    assert "Étape 2 sur 4" in client.get(sheet.url).content.decode()
    parcours = ParcoursPage.objects.get(pk=walk["parcours"].pk)
    extra = PracticeSheetPageFactory(title="Une étape de plus")
    parcours.steps.add(ParcoursStep(page=extra, introduction="En plus."))
    parcours.save_revision().publish()
    assert "Étape 2 sur 5" in client.get(sheet.url).content.decode()


# -- « ce qui a changé » -----------------------------------------------------------------------


def test_update_notes_of_the_steps_are_listed_with_dates_recent_ones_shown(walk, client, markup):
    now = timezone.now()
    PageUpdate.objects.create(
        page=walk["sheet"], published_at=now - datetime.timedelta(days=3), note="Contacts ARS."
    )
    PageUpdate.objects.create(
        page=walk["chapter"], published_at=now - datetime.timedelta(days=200), note="Ancienne."
    )
    outside = PracticeSheetPageFactory(title="Hors parcours")
    PageUpdate.objects.create(page=outside, published_at=now, note="Sans rapport.")

    response = client.get(walk["parcours"].url)
    text = markup.text(response)
    assert "Ce qui a changé depuis votre dernière visite" in text
    assert "Contacts ARS." in text and "Ancienne." in text and "Sans rapport." not in text
    items = [attrs for tag, attrs in markup.tags(response) if "data-published" in attrs]
    assert len(items) == 2
    recent, old = items  # newest first; without JavaScript only the recent one shows
    assert "hidden" not in recent and "hidden" in old
    assert datetime.datetime.fromisoformat(recent["data-published"]) > now - datetime.timedelta(
        days=4
    )
    recent_date = (now - datetime.timedelta(days=3)).astimezone().date()
    assert f'<time datetime="{recent_date:%Y-%m-%d}">' in response.content.decode()


def test_without_recent_notes_the_parcours_says_nothing_changed(walk, client, markup):
    text = markup.text(client.get(walk["parcours"].url))
    assert "Rien de nouveau sur les étapes de ce parcours." in text


# -- nothing personal on the server -----------------------------------------------------------


def test_reading_a_parcours_and_its_steps_sets_no_cookie_and_no_session(walk, client):
    for page in (walk["parcours"], walk["chapter"], walk["sheet"], walk["testimony"]):
        response = client.get(page.url)
        assert response.status_code == 200
        assert not response.cookies, page.url
        assert "Set-Cookie" not in response.headers
    assert not Session.objects.exists()
    # Progress lives in the browser: the server has no model nor field for it.
    step_fields = {field.name for field in ParcoursStep._meta.get_fields()}
    assert step_fields == {"id", "sort_order", "parcours", "page", "glossary_term", "introduction"}


# -- API ---------------------------------------------------------------------------------------


def test_the_api_lists_parcours_with_their_visible_steps(walk, client):
    walk["testimony"].unpublish()
    response = client.get(
        "/api/v2/pages/", {"type": "parcours.ParcoursPage", "fields": "introduction,steps"}
    )
    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item["meta"]["type"] == "parcours.ParcoursPage"
    steps = item["steps"]
    assert [(s["number"], s["target"]["kind"], s["target"]["title"]) for s in steps] == [
        (1, "page", "Prendre son poste"),
        (2, "page", "Les cent premiers jours"),
        (3, "glossaire", "ARS — Agence régionale de santé"),
    ]
    assert steps[1]["target"]["type"] == "knowledge.PracticeSheetPage"
    assert steps[1]["target"]["detail_url"].endswith(f"/api/v2/pages/{walk['sheet'].pk}/")
    assert steps[2]["target"]["detail_url"].endswith(f"/api/v2/glossaire/{walk['term'].pk}/")
    assert steps[0]["introduction"] == "Pourquoi l'étape 1."

    detail = client.get(f"/api/v2/pages/{walk['parcours'].pk}/").json()
    assert [s["number"] for s in detail["steps"]] == [1, 2, 3]


def test_the_openapi_document_describes_the_parcours_steps(client):
    schema = client.get("/api/schema/").json()
    item = schema["components"]["schemas"]["ParcoursPageItem"]
    steps = item["properties"]["steps"]
    assert steps["type"] == "array"
    assert set(steps["items"]["properties"]) == {"id", "number", "introduction", "target"}


def test_api_queries_do_not_grow_with_the_steps(make_parcours, client):
    def count(size):
        sheets = [PracticeSheetPageFactory(title=f"Fiche {size}-{n}") for n in range(size)]
        parcours = make_parcours(f"Parcours de {size}", sheets)
        url = f"/api/v2/pages/{parcours.pk}/"
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            assert len(client.get(url).json()["steps"]) == size
        return len(captured.captured_queries)

    assert count(2) == count(8)


# -- search ------------------------------------------------------------------------------------


def test_parcours_are_searchable_with_their_own_type_and_facet_value(walk, client):
    rebuild()
    data = client.get("/api/v2/search/", {"q": "coordinateur"}).json()
    hits = [item for item in data["items"] if item["page_id"] == walk["parcours"].pk]
    assert hits and hits[0]["type"] == "parcours" and hits[0]["type_label"] == "Parcours"
    types = {f["key"]: f for f in data["facets"]}["type"]["values"]
    assert {"value": "parcours", "label": "Parcours"}.items() <= next(
        v for v in types if v["value"] == "parcours"
    ).items()

    only = client.get("/api/v2/search/", {"q": "coordinateur", "type": "parcours"}).json()
    assert [item["page_id"] for item in only["items"]] == [walk["parcours"].pk]
    page = client.get("/recherche/", {"q": "coordinateur", "type": "parcours"})
    assert page.status_code == 200
    assert 'value="parcours"' in page.content.decode()


def test_step_introductions_are_searched(walk, client, make_parcours):
    chapter = GuideChapterPageFactory(title="Un chapitre")
    parcours = make_parcours("Un autre parcours", [chapter])
    step = parcours.steps.get()
    step.introduction = "Les hirondelles du quartier reviennent au printemps."
    step.save()
    rebuild()
    data = client.get("/api/v2/search/", {"q": "hirondelles", "type": "parcours"}).json()
    assert [item["page_id"] for item in data["items"]] == [parcours.pk]


# -- query counts -----------------------------------------------------------------------------


def _queries(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_reader_pages_run_the_same_queries_whatever_the_number_of_steps(make_parcours, client):
    def measure(size):
        sheets = [PracticeSheetPageFactory(title=f"Fiche {size}-{n}") for n in range(size)]
        term = GlossaryTermFactory(term=f"Terme {size}")
        parcours = make_parcours(f"Parcours de {size}", [*sheets, term])
        return _queries(client, parcours.url), _queries(client, sheets[1].url)

    assert measure(2) == measure(9)


def test_a_step_page_costs_no_more_queries_than_a_page_outside_any_parcours(walk, client):
    outside = PracticeSheetPageFactory(title="Hors parcours")
    assert _queries(client, walk["sheet"].url) == _queries(client, outside.url)
