import pytest

from knowledge.factories import (
    PracticeSheetPageFactory,
    TestimonyPageFactory,
    ThemeFactory,
    taxonomy,
)
from knowledge.models import Dispositif


@pytest.mark.django_db
def test_factories_build_live_pages_with_taxonomy_under_the_home_page(client):
    theme = ThemeFactory(name="Santé mentale", slug="sante-mentale")
    sheet = PracticeSheetPageFactory(
        title="Réaliser un diagnostic", themes=[theme], dispositifs=[taxonomy(Dispositif, "clsm")]
    )
    testimony = TestimonyPageFactory(dispositif=taxonomy(Dispositif, "asv"))

    assert sheet.get_parent().get_parent().specific_class.__name__ == "HomePage"
    assert sheet.facet_values()["theme"] == ["sante-mentale"]
    assert sheet.facet_values()["dispositif"] == ["clsm"]
    assert testimony.facet_values()["dispositif"] == ["asv"]
    assert client.get(sheet.url).status_code == 200
