"""The home page (home.HomePage).

Guarantees: it links every section, helps the newcomer (« Vous arrivez dans le poste ? ») with
the chapters of the « prise de poste » step, shows the featured pages that are live and never a
draft one, and lists the latest updates.
"""

import re

import pytest

from home.models import HomePage
from knowledge.factories import (
    GuideChapterPageFactory,
    PracticeSheetPageFactory,
    guide_page,
    sheet_index_page,
    taxonomy,
)
from knowledge.factories import testimony_index_page as index_of_testimonies
from knowledge.models import ProjectStep


@pytest.mark.django_db
def test_home_shows_entry_points_newcomer_help_featured_and_latest_updates(client, markup, stream):
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
    html = markup.text(response)
    links = markup.hrefs(response)

    for url in ["/la-boussole/", "/fiches-pratiques/", "/remontees-de-terrain/", "/glossaire/"]:
        assert url in links
    assert "Vous arrivez dans le poste ?" in html
    assert prise_de_poste.url in links
    assert "Mener un diagnostic partagé" in html  # featured
    assert draft_featured.url not in links
    assert "Fiche encore en brouillon" not in html
    latest = re.search(r'<section class="latest".*?</section>', html, re.S).group(0)
    assert "Prendre son poste" in latest and "Mener un diagnostic partagé" in latest
