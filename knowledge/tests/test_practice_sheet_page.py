"""The practice sheet page (PracticeSheetPage).

Guarantees: steps render in order with the objectives; a document resource links the file with
its type and size; each theme, dispositif and audience links the sheet listing filtered on it;
related sheets and testimonies are linked only when live.
"""

import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from knowledge.factories import PracticeSheetPageFactory, ThemeFactory, taxonomy
from knowledge.factories import TestimonyPageFactory as TestimonyFactory
from knowledge.models import Audience, Dispositif


@pytest.mark.django_db
def test_sheet_renders_steps_resources_and_taxonomy_links_to_the_filtered_listing(
    client, markup, stream
):
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
    html = markup.text(response)

    steps = re.search(r'<ol class="steps">.*?</ol>', html, re.S).group(0)
    assert steps.index("Réunir les partenaires") < steps.index("Écrire la convention")
    assert "Savoir par où commencer." in html  # objectives
    assert document.url in markup.hrefs(response)
    assert "(PDF, 2,0" in html  # file type and size
    links = markup.hrefs(response)
    assert "/fiches-pratiques/?theme=sante-mentale" in links
    assert "/fiches-pratiques/?dispositif=clsm" in links
    assert "/fiches-pratiques/?audience=nouveau-coordinateur" in links


@pytest.mark.django_db
def test_sheet_links_live_related_content_only(client, markup):
    related_live = PracticeSheetPageFactory(title="Fiche liée publiée")
    related_draft = PracticeSheetPageFactory(title="Fiche liée en brouillon", live=False)
    testimony = TestimonyFactory(title="Remontée liée")
    sheet = PracticeSheetPageFactory(title="Fiche principale")
    sheet.related_sheets.set([related_live, related_draft])
    sheet.related_testimonies.set([testimony])
    sheet.save()

    response = client.get(sheet.url)
    html = markup.text(response)
    assert related_live.url in markup.hrefs(response)
    assert testimony.url in markup.hrefs(response)
    assert "Fiche liée en brouillon" not in html
    assert related_draft.url not in markup.hrefs(response)
