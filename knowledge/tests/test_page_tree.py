"""The shape of the page tree: which page type may live under which, and how many of each."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from home.information import InformationPage
from home.models import HomePage
from knowledge import factories, models
from knowledge.factories import (
    GuideChapterPageFactory,
    PracticeSheetPageFactory,
    TestimonyPageFactory,
    guide_page,
    home_page,
    sheet_index_page,
)
from parcours.models import ParcoursPage

# Called through the module: a bare name starting with "test" would be collected by pytest.
section_for_testimonies = factories.testimony_index_page

pytestmark = pytest.mark.django_db

# page type -> (allowed parent types, allowed subpage types, max_count)
TREE = {
    HomePage: (
        {Page},
        {
            models.GuidePage,
            models.PracticeSheetIndexPage,
            models.TestimonyIndexPage,
            ParcoursPage,
            InformationPage,
        },
        1,
    ),
    models.GuidePage: ({HomePage}, {models.GuideChapterPage}, 1),
    models.GuideChapterPage: ({models.GuidePage}, set(), None),
    models.PracticeSheetIndexPage: ({HomePage}, {models.PracticeSheetPage}, 1),
    models.PracticeSheetPage: ({models.PracticeSheetIndexPage}, set(), None),
    models.TestimonyIndexPage: ({HomePage}, {models.TestimonyPage}, 1),
    models.TestimonyPage: ({models.TestimonyIndexPage}, set(), None),
}


@pytest.mark.parametrize("model", TREE, ids=lambda m: m.__name__)
def test_each_page_type_declares_its_parents_subpages_and_max_count(model):
    parents, subpages, max_count = TREE[model]
    assert set(model.allowed_parent_page_models()) == parents
    assert set(model.allowed_subpage_models()) == subpages
    assert model.max_count == max_count


def test_the_home_page_is_unique_and_sits_at_the_root():
    root = Page.get_first_root_node()
    assert HomePage.objects.count() == 1
    assert home_page().get_parent().pk == root.pk
    assert not HomePage.can_create_at(root)  # max_count reached by the migration's home page


@pytest.mark.parametrize(
    ("model", "make"),
    [
        (models.GuidePage, guide_page),
        (models.PracticeSheetIndexPage, sheet_index_page),
        (models.TestimonyIndexPage, section_for_testimonies),
    ],
    ids=["guide", "fiches", "remontees"],
)
def test_each_section_can_be_created_once_under_home_only(model, make):
    home = home_page()
    assert model.can_create_at(home)
    section = make()
    assert not model.can_create_at(home)  # the single allowed instance exists
    # Never under another section or under the root.
    for other in (guide_page(), sheet_index_page(), section_for_testimonies()):
        assert not model.can_exist_under(other)
    assert not model.can_exist_under(Page.get_first_root_node())
    assert section.get_parent().pk == home.pk


def test_chapters_sheets_and_testimonies_live_only_in_their_own_section_and_have_no_children():
    home, guide = home_page(), guide_page()
    sheets, testimonies = sheet_index_page(), section_for_testimonies()
    chapter = GuideChapterPageFactory()
    sheet = PracticeSheetPageFactory()
    testimony = TestimonyPageFactory()

    placements = {
        models.GuideChapterPage: guide,
        models.PracticeSheetPage: sheets,
        models.TestimonyPage: testimonies,
    }
    for model, own_section in placements.items():
        assert model.can_create_at(own_section)
        for parent in (home, guide, sheets, testimonies, chapter, sheet, testimony):
            if parent.pk != own_section.pk:
                assert not model.can_create_at(parent), (model.__name__, parent.title)
    for leaf in (chapter, sheet, testimony):
        assert not leaf.specific_class.allowed_subpage_models()


def test_many_chapters_sheets_and_testimonies_may_coexist():
    GuideChapterPageFactory.create_batch(2)
    PracticeSheetPageFactory.create_batch(2)
    TestimonyPageFactory.create_batch(2)
    assert models.GuideChapterPage.can_create_at(guide_page())
    assert models.PracticeSheetPage.can_create_at(sheet_index_page())
    assert models.TestimonyPage.can_create_at(section_for_testimonies())


def test_the_admin_refuses_a_page_type_in_the_wrong_place(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    home = home_page()
    guide_page()

    def add_url(app_model, parent):
        app, model = app_model.split(".")
        return reverse("wagtailadmin_pages:add", args=[app, model, parent.pk])

    # A chapter directly under the home page, and a second guide: both refused (Wagtail turns
    # the PermissionDenied into a redirect to the dashboard with a message), nothing created.
    for url in (add_url("knowledge.guidechapterpage", home), add_url("knowledge.guidepage", home)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
        response = client.post(url, {"title": "Intrus", "slug": "intrus", "action-publish": "1"})
        assert response.status_code == 302
    assert not Page.objects.filter(slug="intrus").exists()
    # The right place is accepted.
    assert client.get(add_url("knowledge.guidechapterpage", guide_page())).status_code == 200
