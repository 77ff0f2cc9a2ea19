"""The API's taxonomy filters are exactly the facets each page type declares (knowledge.facets)."""

import pytest

from api.filters import TAXONOMY_FILTERS
from knowledge.models import GuideChapterPage, PracticeSheetPage, TestimonyPage


def declared_params(model):
    return {field.facet.param for field in model.facet_fields}


@pytest.mark.parametrize("model", [GuideChapterPage, PracticeSheetPage, TestimonyPage])
def test_api_filters_apply_to_exactly_the_declared_facets(model):
    applying = {param for param, places in TAXONOMY_FILTERS.items() if model in dict(places)}
    assert applying == declared_params(model)
