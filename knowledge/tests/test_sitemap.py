"""/sitemap.xml lists the pages readers may see, and only those."""

import pytest
from wagtail.models import PageViewRestriction

from knowledge.factories import (
    GlossaryTermFactory,
    PracticeSheetPageFactory,
    TestimonyPageFactory,
)
from knowledge.models import TestimonyPage

pytestmark = pytest.mark.django_db


def test_sitemap_lists_visible_pages_only(client):
    shown = PracticeSheetPageFactory(title="Visible", slug="visible")
    draft = PracticeSheetPageFactory(title="Brouillon", slug="brouillon", live=False)
    private = PracticeSheetPageFactory(title="Privée", slug="privee")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    withdrawn = TestimonyPageFactory(slug="sans-consentement")
    TestimonyPage.objects.filter(pk=withdrawn.pk).update(consent_given=False)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    xml = response.content.decode()
    assert f"/{shown.slug}/</loc>" in xml
    for hidden in (draft, private, withdrawn):
        assert f"/{hidden.slug}/</loc>" not in xml


def test_sitemap_lists_published_glossary_terms_with_their_page(client):
    published = GlossaryTermFactory(term="Agence régionale de santé", acronym="ARS")
    draft = GlossaryTermFactory(term="Terme en préparation", live=False)

    xml = client.get("/sitemap.xml").content.decode()

    assert f"<loc>http://testserver/glossaire/{published.slug}/</loc>" in xml
    assert f"/glossaire/{draft.slug}/" not in xml
    assert client.get(f"/glossaire/{published.slug}/").status_code == 200
