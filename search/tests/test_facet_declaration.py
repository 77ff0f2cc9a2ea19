"""The facet declaration (knowledge.facets) is the only list of filters: listings, /recherche/,
the API and the index documents all accept and carry exactly the facets each page type declares
(the API's filters: api/tests/test_filters.py)."""

import pytest

from knowledge.facets import FACETS, faceted_page_models
from knowledge.factories import PracticeSheetPageFactory, TestimonyPageFactory, taxonomy
from knowledge.filters import filter_form_for
from knowledge.models import (
    Dispositif,
    PracticeSheetPage,
    ProjectStep,
    Territory,
    TestimonyPage,
)
from search.documents import page_documents
from search.facets import FACET_PARAMS, TYPE_KEY, type_choices
from search.forms import SearchForm


def declared_params(model):
    return {field.facet.param for field in model.facet_fields}


@pytest.mark.parametrize("model", [PracticeSheetPage, TestimonyPage])
def test_listing_filters_are_the_declared_facets(model):
    listing_only = {extra.param for extra in model.listing_filters}  # e.g. seniority
    assert set(filter_form_for(model).base_fields) - listing_only == declared_params(model)


@pytest.mark.django_db
def test_search_form_accepts_every_declared_facet_and_the_type():
    form = SearchForm({})
    assert {p for p in form.fields if p in FACET_PARAMS} == {f.param for f in FACETS} | {TYPE_KEY}
    for model in faceted_page_models():
        assert declared_params(model) <= set(form.fields)


def test_type_values_are_the_declared_search_types():
    values = dict(type_choices())
    assert "accueil" not in values and "page" not in values  # the home page is not content
    for model in faceted_page_models():
        assert values[model.search_type] == model.reader_type_label


@pytest.mark.django_db
def test_testimony_listing_filters_by_project_step(client):
    step = taxonomy(ProjectStep, "diagnostic")
    TestimonyPageFactory(title="Au diagnostic", project_steps=[step])
    TestimonyPageFactory(title="Ailleurs")
    html = client.get("/remontees-de-terrain/", {"etape": "diagnostic"}).content.decode()
    assert "Au diagnostic" in html and "Ailleurs" not in html


@pytest.mark.django_db
def test_index_documents_carry_exactly_the_declared_facets():
    sheet = PracticeSheetPageFactory(dispositifs=[taxonomy(Dispositif, "clsm")])
    testimony = TestimonyPageFactory(territory=taxonomy(Territory, "essonne"))
    documents = {d["page_id"]: d for d in page_documents([sheet, testimony])}
    for page in (sheet, testimony):
        keys = {field.facet.key for field in type(page).facet_fields}
        facets = documents[page.pk]["facets"]
        assert set(facets) - {TYPE_KEY} <= keys
        assert facets[TYPE_KEY] == [type(page).search_type]
    assert documents[sheet.pk]["facets"]["dispositif"] == ["clsm"]
    assert documents[testimony.pk]["facets"]["territory"] == ["essonne"]


def test_facet_public_names_are_unique():
    assert len({f.param for f in FACETS}) == len(FACETS)
    assert len({f.key for f in FACETS}) == len(FACETS)
