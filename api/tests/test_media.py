"""Documents and images show only when a visible page uses them, never from restricted
collections (api/views/media.py)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from knowledge.factories import PracticeSheetPageFactory


def used_by(*documents, live=True):
    """A practice sheet whose resources link the documents."""
    return PracticeSheetPageFactory(
        live=live,
        resources=[
            {
                "type": "resource",
                "value": {
                    "title": d.title,
                    "description": "",
                    "page": None,
                    "url": "",
                    "document": d.pk,
                },
            }
            for d in documents
        ],
    )


# --- documents and images ------------------------------------------------------------------


def test_documents_in_a_restricted_collection_are_absent(client, content, settings, tmp_path, ids):
    settings.MEDIA_ROOT = tmp_path
    Document = get_document_model()
    root = Collection.get_first_root_node()
    private = root.add_child(name="Groupe de travail")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
    )
    public_doc = Document.objects.create(
        title="Guide public", file=SimpleUploadedFile("guide.txt", b"public")
    )
    private_doc = Document.objects.create(
        title="Compte rendu interne",
        file=SimpleUploadedFile("interne.txt", b"interne"),
        collection=private,
    )
    used_by(public_doc, private_doc)

    assert ids(client.get("/api/v2/documents/")) == {public_doc.pk}
    assert client.get(f"/api/v2/documents/{private_doc.pk}/").status_code == 404


def test_documents_of_drafts_or_of_no_page_are_absent(client, content, settings, tmp_path, ids):
    settings.MEDIA_ROOT = tmp_path
    Document = get_document_model()
    used = Document.objects.create(title="Trame", file=SimpleUploadedFile("trame.txt", b"x"))
    drafted = Document.objects.create(title="Brouillon", file=SimpleUploadedFile("b.txt", b"x"))
    Document.objects.create(title="Orphelin", file=SimpleUploadedFile("o.txt", b"x"))
    used_by(used)
    used_by(drafted, live=False)

    assert ids(client.get("/api/v2/documents/")) == {used.pk}
    assert client.get(f"/api/v2/documents/{drafted.pk}/").status_code == 404
