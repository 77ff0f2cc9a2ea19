"""The reader site: every page type renders its key content, only visible content is linked,
listings filter and paginate through a shareable query string, and nothing loads from outside."""

import datetime
import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.template.loader import get_template
from wagtail.documents.models import Document

from home.models import HomePage
from knowledge.factories import (
    GlossaryTermFactory,
    GuideChapterPageFactory,
    PracticeSheetPageFactory,
    ThemeFactory,
    guide_page,
    sheet_index_page,
    taxonomy,
)
from knowledge.factories import (
    TestimonyPageFactory as TestimonyFactory,
)
from knowledge.factories import (
    testimony_index_page as index_of_testimonies,
)
from knowledge.models import Audience, Dispositif, ProjectStep, Territory


class _Collector(HTMLParser):
    """Collects (tag, attributes) for every start tag; attribute values come back unescaped."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(response):
    collector = _Collector()
    collector.feed(response.content.decode())
    return collector.tags


def hrefs(response):
    return [attrs["href"] for tag, attrs in tags_of(response) if tag == "a" and "href" in attrs]


def text(response):
    """The response as text with HTML entities decoded (Django escapes apostrophes)."""
    return unescape(response.content.decode())


def stream(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


# --- layout -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_layout_is_french_with_a_skip_link_to_the_main_content(client):
    sheet_index_page()
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    skip = [
        attrs
        for tag, attrs in tags_of(response)
        if tag == "a" and "skip-link" in attrs.get("class", "")
    ]
    assert skip and skip[0]["href"] == "#contenu"
    assert "Aller au contenu" in html
    assert 'id="contenu"' in html
    # The first link of the page is the skip link, so keyboard users meet it first.
    assert hrefs(response)[0] == "#contenu"


@pytest.mark.django_db
def test_search_form_sends_q_to_the_search_page_with_a_label(client):
    response = client.get("/")
    forms = [
        attrs for tag, attrs in tags_of(response) if tag == "form" and attrs.get("role") == "search"
    ]
    assert forms and all(f["action"] == "/recherche/" and f.get("method") == "get" for f in forms)
    inputs = [
        attrs for tag, attrs in tags_of(response) if tag == "input" and attrs.get("name") == "q"
    ]
    labels = {attrs.get("for") for tag, attrs in tags_of(response) if tag == "label"}
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
def test_an_unpublished_section_is_left_out_of_the_main_nav(client):
    guide = guide_page()
    guide.unpublish()
    response = client.get("/glossaire/")
    assert "/la-boussole/" not in hrefs(response)


@pytest.mark.django_db
def test_breadcrumbs_lead_from_home_to_the_current_page(client):
    sheet = PracticeSheetPageFactory(title="Constituer un réseau")
    response = client.get(sheet.url)
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', response.content.decode(), re.S).group(
        0
    )
    assert re.findall(r'href="([^"]+)"', crumbs) == ["/", "/fiches-pratiques/", sheet.url]
    assert 'aria-current="page"' in crumbs


# --- home -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_shows_entry_points_newcomer_help_featured_and_latest_updates(client):
    guide_page()
    sheet_index_page()
    index_of_testimonies()
    prise_de_poste = GuideChapterPageFactory(
        title="Prendre son poste", project_steps=[taxonomy(ProjectStep, "prise-de-poste")]
    )
    featured = PracticeSheetPageFactory(title="Mener un diagnostic partagé")
    draft_featured = PracticeSheetPageFactory(title="Fiche encore en brouillon", live=False)
    home = HomePage.objects.get()
    home.featured = stream(("page", featured.pk), ("page", draft_featured.pk))
    home.save()

    response = client.get("/")
    html = text(response)
    links = hrefs(response)

    for url in ["/la-boussole/", "/fiches-pratiques/", "/remontees-de-terrain/", "/glossaire/"]:
        assert url in links
    assert "Vous arrivez dans le poste ?" in html
    assert prise_de_poste.url in links
    assert "Mener un diagnostic partagé" in html  # featured
    assert draft_featured.url not in links
    assert "Fiche encore en brouillon" not in html
    latest = re.search(r'<section class="latest".*?</section>', html, re.S).group(0)
    assert "Prendre son poste" in latest and "Mener un diagnostic partagé" in latest


# --- guide and chapters -----------------------------------------------------------------------


@pytest.mark.django_db
def test_guide_lists_live_chapters_in_order(client):
    first = GuideChapterPageFactory(title="Le rôle de coordination")
    GuideChapterPageFactory(title="Chapitre pas encore publié", live=False)
    second = GuideChapterPageFactory(title="Le diagnostic local")

    response = client.get(guide_page().url)
    html = text(response)
    chapter_list = re.search(r'<ol class="chapter-list">.*?</ol>', html, re.S).group(0)
    assert chapter_list.index(first.title) < chapter_list.index(second.title)
    assert "Chapitre pas encore publié" not in html


@pytest.mark.django_db
def test_chapter_toc_anchors_match_heading_ids(client):
    chapter = GuideChapterPageFactory(
        title="Connaître son territoire",
        body=stream(
            ("heading", {"text": "Les acteurs à rencontrer"}),
            ("paragraph", "<p>Commencer par la mairie et le centre social.</p>"),
            ("heading", {"text": "Où trouver les données ?"}),
            ("reflexes", {"title": "Réflexes à acquérir", "items": ["Noter ses sources"]}),
            ("callout", {"kind": "warning", "title": "", "text": "<p>Données anciennes.</p>"}),
        ),
    )
    response = client.get(chapter.url)
    assert response.status_code == 200

    toc = re.search(r'<nav class="toc".*?</nav>', response.content.decode(), re.S).group(0)
    toc_anchors = re.findall(r'href="#([^"]+)"', toc)
    heading_ids = [
        attrs["id"]
        for tag, attrs in tags_of(response)
        if tag == "h2" and "block-heading" in attrs.get("class", "")
    ]
    assert toc_anchors == ["les-acteurs-a-rencontrer", "ou-trouver-les-donnees"]
    assert heading_ids == toc_anchors
    html = text(response)
    assert "Noter ses sources" in html and 'class="checklist"' in html
    assert 'role="note"' in html and "Vigilance" in html


@pytest.mark.django_db
def test_chapter_prev_next_link_live_siblings_and_skip_drafts(client):
    first = GuideChapterPageFactory(title="Premier chapitre")
    GuideChapterPageFactory(title="Chapitre brouillon", live=False)
    middle = GuideChapterPageFactory(title="Chapitre du milieu")
    GuideChapterPageFactory(title="Autre brouillon", live=False)
    last = GuideChapterPageFactory(title="Dernier chapitre")

    response = client.get(middle.url)
    nav = [
        attrs
        for tag, attrs in tags_of(response)
        if tag == "a" and attrs.get("rel") in ("prev", "next")
    ]
    assert {a["rel"]: a["href"] for a in nav} == {"prev": first.url, "next": last.url}

    first_nav = [
        attrs
        for tag, attrs in tags_of(client.get(first.url))
        if tag == "a" and attrs.get("rel") in ("prev", "next")
    ]
    assert [(a["rel"], a["href"]) for a in first_nav] == [("next", middle.url)]


@pytest.mark.django_db
def test_quoted_testimony_block_shows_only_a_visible_testimony(client):
    visible = TestimonyFactory(quote="Le diagnostic a rassemblé tout le quartier.")
    hidden = TestimonyFactory(quote="Citation d'une remontée dépubliée.")
    hidden.unpublish()
    chapter = GuideChapterPageFactory(
        body=stream(
            ("quoted_testimony", {"testimony": visible.pk, "quote": "", "attribution": ""}),
            ("quoted_testimony", {"testimony": hidden.pk, "quote": "", "attribution": ""}),
            (
                "quoted_testimony",
                {"testimony": None, "quote": "Une phrase saisie.", "attribution": "Un élu"},
            ),
        )
    )
    response = client.get(chapter.url)
    html = text(response)
    assert "Le diagnostic a rassemblé tout le quartier." in html
    assert visible.url in hrefs(response)
    assert "Citation d'une remontée dépubliée." not in html
    assert hidden.url not in hrefs(response)
    assert "Une phrase saisie." in html and "<figcaption>Un élu</figcaption>" in html


# --- practice sheets --------------------------------------------------------------------------


@pytest.mark.django_db
def test_sheet_renders_steps_resources_and_taxonomy_links_to_the_filtered_listing(client):
    theme = ThemeFactory(name="Santé mentale", slug="sante-mentale")
    document = Document.objects.create(
        title="Trame", file=ContentFile(b"x" * 2048, name="trame.pdf")
    )
    sheet = PracticeSheetPageFactory(
        title="Installer un CLSM",
        themes=[theme],
        dispositifs=[taxonomy(Dispositif, "clsm")],
        audiences=[taxonomy(Audience, "nouveau-coordinateur")],
        steps=stream(
            (
                "step",
                {"title": "Réunir les partenaires", "body": "<p>Un premier tour de table.</p>"},
            ),
            ("step", {"title": "Écrire la convention", "body": ""}),
        ),
        resources=stream(
            (
                "resource",
                {
                    "title": "Trame de convention",
                    "description": "",
                    "page": None,
                    "document": document.pk,
                    "url": "",
                },
            ),
        ),
    )
    response = client.get(sheet.url)
    html = text(response)

    steps = re.search(r'<ol class="steps">.*?</ol>', html, re.S).group(0)
    assert steps.index("Réunir les partenaires") < steps.index("Écrire la convention")
    assert "Savoir par où commencer." in html  # objectives
    assert document.url in hrefs(response)
    assert "(PDF, 2,0" in html  # file type and size
    links = hrefs(response)
    assert "/fiches-pratiques/?theme=sante-mentale" in links
    assert "/fiches-pratiques/?dispositif=clsm" in links
    assert "/fiches-pratiques/?audience=nouveau-coordinateur" in links


@pytest.mark.django_db
def test_sheet_links_live_related_content_only(client):
    related_live = PracticeSheetPageFactory(title="Fiche liée publiée")
    related_draft = PracticeSheetPageFactory(title="Fiche liée en brouillon", live=False)
    testimony = TestimonyFactory(title="Remontée liée")
    sheet = PracticeSheetPageFactory(title="Fiche principale")
    sheet.related_sheets.set([related_live, related_draft])
    sheet.related_testimonies.set([testimony])
    sheet.save()

    response = client.get(sheet.url)
    html = text(response)
    assert related_live.url in hrefs(response)
    assert testimony.url in hrefs(response)
    assert "Fiche liée en brouillon" not in html
    assert related_draft.url not in hrefs(response)


# --- testimonies ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_testimony_shows_quote_with_speaker_and_never_consent(client):
    testimony = TestimonyFactory(
        quote="Sans le soutien des élus, rien n'aurait avancé.",
        speaker_role="Coordinateur CLS",
        dispositif=taxonomy(Dispositif, "cls"),
        territory=taxonomy(Territory, "seine-saint-denis"),
        collected_on=datetime.date(2026, 2, 3),
        consent_date=datetime.date(2025, 11, 17),
    )
    sheet = PracticeSheetPageFactory(title="Convaincre ses élus")
    sheet.related_testimonies.set([testimony])
    sheet.save()

    response = client.get(testimony.url)
    html = text(response)
    figure = re.search(r'<figure class="quote quote--large">.*?</figure>', html, re.S).group(0)
    assert "<blockquote>" in figure and "rien n'aurait avancé" in figure
    caption = re.search(r"<figcaption>.*?</figcaption>", figure, re.S).group(0)
    for part in ["Coordinateur CLS", "CLS", "Seine-Saint-Denis (93)", "1 à 3 ans dans le poste"]:
        assert part in caption
    assert "février 2026" in html
    assert sheet.url in hrefs(response)
    assert "/remontees-de-terrain/?departement=seine-saint-denis" in hrefs(response)
    assert "/remontees-de-terrain/?dispositif=cls" in hrefs(response)
    # Consent is internal: neither its date nor the word appears.
    assert "17 novembre 2025" not in html and "2025-11-17" not in html
    assert "consentement" not in html.lower()


# --- listings ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sheet_listing_filters_by_theme_and_dispositif(client):
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
    links = hrefs(response)
    assert a.url in links and c.url in links
    assert b.url not in links and draft.url not in links
    assert "2 fiches" in text(response)
    # The checked box and the active-filter summary reflect the query string.
    assert re.search(r'<input[^>]*value="sante-mentale"[^>]*checked', response.content.decode())
    assert "Thématique : Santé mentale" in text(response)

    both = client.get("/fiches-pratiques/?theme=sante-mentale&dispositif=asv")
    assert [u for u in hrefs(both) if u in {a.url, b.url, c.url}] == [c.url]
    assert "1 fiche" in text(both)


@pytest.mark.django_db
def test_testimony_listing_filters_by_departement_and_seniority(client):
    paris = TestimonyFactory(territory=taxonomy(Territory, "paris"), seniority="lt1")
    essonne = TestimonyFactory(territory=taxonomy(Territory, "essonne"), seniority="4plus")

    response = client.get("/remontees-de-terrain/?departement=essonne")
    assert essonne.url in hrefs(response) and paris.url not in hrefs(response)
    assert "1 remontée de terrain" in text(response)

    response = client.get("/remontees-de-terrain/?anciennete=lt1")
    assert paris.url in hrefs(response) and essonne.url not in hrefs(response)


@pytest.mark.django_db
def test_listing_pagination_keeps_the_filters_in_the_query_string(client):
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
    assert "Fiche 13" in text(second) and "Fiche 00" not in text(second)
    assert "Fiche hors thème" not in text(second)


@pytest.mark.django_db
def test_unknown_filter_value_answers_400_with_a_french_message(client):
    PracticeSheetPageFactory(title="Fiche visible")
    response = client.get("/fiches-pratiques/?theme=n-existe-pas")

    assert response.status_code == 400
    html = text(response)
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


# --- glossary ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_glossary_lists_live_terms_with_anchors_and_letter_navigation(client):
    ars = GlossaryTermFactory(term="Agence régionale de santé", acronym="ARS")
    clsm = GlossaryTermFactory(term="Conseil local de santé mentale", acronym="CLSM")
    ecole = GlossaryTermFactory(term="École promotrice de santé")
    draft = GlossaryTermFactory(term="Terme jamais publié", acronym="TJP", live=False)
    clsm.see_also.set([ars, draft])
    clsm.save()

    response = client.get("/glossaire/")
    assert response.status_code == 200
    html = text(response)
    assert "Conseil local de santé mentale" in html and "ARS" in html
    assert "Terme jamais publié" not in html and "TJP" not in html

    ids = {attrs.get("id") for tag, attrs in tags_of(response)}
    assert {ars.slug, clsm.slug, ecole.slug} <= ids
    # "École" files under E (accents folded); the letter bar links only letters that have terms.
    assert "lettre-e" in ids
    alphabet = re.search(r'<nav class="alphabet".*?</nav>', html, re.S).group(0)
    assert 'href="#lettre-a"' in alphabet and 'href="#lettre-e"' in alphabet
    assert 'href="#lettre-z"' not in alphabet
    # See-also links point at published anchors only.
    entry = re.search(rf'id="{clsm.slug}".*?</div>\s*</dd>', html, re.S).group(0)
    assert f'href="#{ars.slug}"' in entry and f'href="#{draft.slug}"' not in entry


# --- error pages and assets -------------------------------------------------------------------


@pytest.mark.django_db
def test_404_page_is_french_and_offers_search(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = text(response)
    assert "Page introuvable" in html and 'action="/recherche/"' in html


def test_500_page_renders_without_the_database():
    # No django_db mark: any database query here would fail the test.
    html = get_template("500.html").render({})
    assert '<html lang="fr">' in html and "Une erreur est survenue" in html


@pytest.mark.django_db
def test_no_rendered_page_loads_an_outside_asset_or_repeats_an_id(client):
    theme = ThemeFactory()
    chapter = GuideChapterPageFactory(body=stream(("heading", {"text": "Titre"})))
    sheet = PracticeSheetPageFactory(themes=[theme])
    testimony = TestimonyFactory()
    GlossaryTermFactory(acronym="ASV", term="Atelier santé ville")

    urls = [
        "/",
        guide_page().url,
        chapter.url,
        sheet_index_page().url,
        sheet.url,
        index_of_testimonies().url,
        testimony.url,
        "/glossaire/",
        "/fiches-pratiques/?theme=inconnu",
        "/page-absente/",
    ]
    outside = re.compile(r"^(https?:)?//", re.I)
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        for tag, attrs in tags_of(response):
            for name in ("src", "href", "srcset"):
                value = attrs.get(name) or ""
                if tag in ("link", "script", "img", "source", "iframe"):
                    assert not outside.match(value), f"{url}: <{tag} {name}={value}>"
        assert "fonts.googleapis" not in response.content.decode()
        ids = [attrs["id"] for tag, attrs in tags_of(response) if "id" in attrs]
        assert len(ids) == len(set(ids)), f"{url}: duplicate ids"


@pytest.mark.django_db
def test_listing_queries_do_not_grow_with_the_number_of_cards(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    theme = ThemeFactory()
    clsm = taxonomy(Dispositif, "clsm")

    def queries_for(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    for _n in range(2):
        PracticeSheetPageFactory(themes=[theme], dispositifs=[clsm])
        TestimonyFactory(themes=[theme], dispositif=clsm, territory=taxonomy(Territory, "paris"))
    queries_for("/fiches-pratiques/")  # warms Wagtail's cached site root paths
    few = (queries_for("/fiches-pratiques/"), queries_for("/remontees-de-terrain/"))
    for _n in range(6):
        PracticeSheetPageFactory(themes=[theme], dispositifs=[clsm])
        TestimonyFactory(themes=[theme], dispositif=clsm, territory=taxonomy(Territory, "essonne"))
    many = (queries_for("/fiches-pratiques/"), queries_for("/remontees-de-terrain/"))
    assert many == few
