"""Who publishes the Boussole: information pages under the home page, linked in every page's
footer from the pages themselves (no URL in a template), created by the demo."""

from io import StringIO

import pytest
from django.core.management.color import no_style
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from feedback.models import RETENTION_DAYS
from home import demo
from home.information import InformationPage
from home.models import HomePage
from knowledge.demo.loader import DemoLoader
from knowledge.factories import PracticeSheetPageFactory, guide_page, home_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.BOUSSOLE_PAGE_CACHE_SECONDS = 0


def information_page(title, slug, show_in_menus=True, live=True):
    page = InformationPage(title=title, slug=slug, show_in_menus=show_in_menus, live=live)
    home_page().add_child(instance=page)
    return page


def footer_links(response, markup=None):
    html = response.content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    start = footer.index('aria-label="Informations sur le site"')
    return [
        line.split('href="')[1].split('"')[0]
        for line in footer[start:].split("</nav>")[0].split("<li>")[1:]
    ]


def load_demo():
    out = StringIO()
    demo.load(DemoLoader(out, no_style(), verbosity=0), home_page())
    return out.getvalue()


def test_information_pages_live_under_home_and_have_no_children():
    assert set(InformationPage.allowed_parent_page_models()) == {HomePage}
    assert InformationPage.allowed_subpage_models() == []
    assert InformationPage.can_create_at(home_page())
    assert not InformationPage.can_create_at(guide_page())
    assert not InformationPage.can_exist_under(Page.get_first_root_node())


def test_the_footer_links_the_visible_information_pages_in_tree_order(client, markup):
    about = information_page("À propos", "a-propos")
    contact = information_page("Contact", "contact")
    information_page("Brouillon", "brouillon", live=False)
    information_page("Hors pied de page", "hors-pied", show_in_menus=False)
    sheet = PracticeSheetPageFactory(title="Une fiche")

    for url in ("/", sheet.url, about.url, "/glossaire/", "/recherche/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert footer_links(response, markup) == [about.url, contact.url], url
    # The current page is marked in the footer.
    assert f'<a href="{about.url}" aria-current="page">' in client.get(about.url).content.decode()

    # Moving a page, renaming it, unpublishing another: the footer follows the pages.
    contact.move(about, pos="left")
    about.title = "Qui sommes-nous"
    about.save_revision().publish()
    response = client.get(sheet.url)
    assert footer_links(response, markup) == [contact.url, about.url]
    assert ">Qui sommes-nous</a>" in response.content.decode()
    contact.unpublish()
    assert footer_links(client.get(sheet.url), markup) == [about.url]


def test_the_footer_costs_no_query_once_known(client):
    information_page("Contact", "contact")
    sheet = PracticeSheetPageFactory(title="Une fiche")
    client.get(sheet.url)
    with_pages = _count(client, sheet.url)
    for page in InformationPage.objects.all():
        page.delete()
    client.get(sheet.url)
    assert _count(client, sheet.url) == with_pages


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_demo_creates_the_five_pages_once_and_links_them_in_the_footer(client, markup):
    first = load_demo()
    assert "Pages d'information : 5 créées, 0 existante" in first
    slugs = ["a-propos", "contact", "mentions-legales", "accessibilite", "donnees-personnelles"]
    pages = list(InformationPage.objects.child_of(home_page()).order_by("path"))
    assert [page.slug for page in pages] == slugs
    assert all(page.live and page.show_in_menus for page in pages)
    assert footer_links(client.get("/"), markup) == [page.url for page in pages]

    # Idempotent, and an editor's change survives a second run.
    about = InformationPage.objects.get(slug="a-propos")
    about.title = "Qui sommes-nous"
    about.save_revision().publish()
    second = load_demo()
    assert "Pages d'information : 0 créée, 5 existantes" in second
    assert InformationPage.objects.count() == 5
    assert InformationPage.objects.get(slug="a-propos").title == "Qui sommes-nous"


def test_the_demo_accessibility_statement_and_data_page_say_what_they_must(client, markup):
    load_demo()
    statement = markup.text(client.get(InformationPage.objects.get(slug="accessibilite").url))
    for heading in (
        "État de conformité",
        "Contenus non accessibles",
        "Établissement de cette déclaration",
        "Retour d'information et contact",
        "Voies de recours",
    ):
        assert f">{heading}</h2>" in statement, heading
    assert "non conforme" in statement and "axe-core" in statement
    assert "Nu HTML Checker" in statement and "Défenseur des droits" in statement

    data = markup.text(client.get(InformationPage.objects.get(slug="donnees-personnelles").url))
    assert f"{RETENTION_DAYS} jours" in data
    assert "boussole_purge_feedback" in data
    assert "adresse IP n'est pas enregistrée" in data
    for stored in ("catégorie", "message", "adresse e-mail seulement si vous la donnez"):
        assert stored in data


def test_reading_an_information_page_sets_no_cookie(client):
    page = information_page("Contact", "contact")
    response = client.get(page.url)
    assert response.status_code == 200
    assert not response.cookies
