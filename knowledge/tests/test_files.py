"""Documents reach anonymous readers only when a visible page uses them; editors reach all."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Page

from knowledge.factories import PracticeSheetPageFactory
from knowledge.visibility import visible_documents

pytestmark = pytest.mark.django_db


def _resource(document):
    value = {"title": document.title, "description": "", "page": None, "url": ""}
    return [{"type": "resource", "value": {**value, "document": document.pk}}]


@pytest.fixture
def files():
    def document(name):
        return Document.objects.create(
            title=name, file=ContentFile(b"%PDF-1.4", name=f"{name}.pdf")
        )

    used, drafted, unused = document("utilise"), document("brouillon"), document("inutilise")
    PracticeSheetPageFactory(resources=_resource(used))
    PracticeSheetPageFactory(resources=_resource(drafted), live=False)
    return {"used": used, "drafted": drafted, "unused": unused}


def test_only_files_of_visible_pages_are_downloadable(client, files):
    assert client.get(files["used"].url).status_code == 200
    assert client.get(files["drafted"].url).status_code == 404
    assert client.get(files["unused"].url).status_code == 404


def test_editors_can_download_a_drafts_file(client, files, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "x"))
    assert client.get(files["drafted"].url).status_code == 200


def test_publishing_the_page_makes_its_file_visible(files):
    assert set(visible_documents()) == {files["used"]}
    draft = Page.objects.get(live=False, depth__gt=3).specific
    draft.save_revision().publish()
    assert set(visible_documents()) == {files["used"], files["drafted"]}
