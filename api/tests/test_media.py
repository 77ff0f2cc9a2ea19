"""Documents and images of restricted collections never show (api/views/media.py)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

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

    assert ids(client.get("/api/v2/documents/")) == {public_doc.pk}
    assert client.get(f"/api/v2/documents/{private_doc.pk}/").status_code == 404
