"""/api/v2/images/ and /api/v2/documents/: media that a visible page uses, outside restricted
collections (a file only a draft uses, or no page at all, is not listed)."""

from django.db.models import Q
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction

from api.filters import OrderingFilter
from api.views.base import BoussoleEndpointMixin
from knowledge.visibility import visible_documents, visible_images


def restricted_collection_ids():
    """Collections under any view restriction (password, login, group): never in the API."""
    paths = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    condition = Q()
    for collection_path in paths:
        condition |= Q(path__startswith=collection_path)
    if not condition:
        return []
    return list(Collection.objects.filter(condition).values_list("pk", flat=True))


class PublicCollectionsMixin:
    filter_backends = [OrderingFilter]
    ordering_fields = ["id", "title", "created_at"]

    visible = None  # knowledge.visibility's rule for this kind of file

    def get_queryset(self):
        files = self.model.objects.exclude(collection__in=restricted_collection_ids())
        return type(self).visible(files).order_by("id")


class BoussoleImagesAPIViewSet(PublicCollectionsMixin, BoussoleEndpointMixin, ImagesAPIViewSet):
    openapi_summary = "Images utilisées par les pages publiées (collections publiques)"
    openapi_detail_summary = "Images"
    visible = staticmethod(visible_images)


class BoussoleDocumentsAPIViewSet(
    PublicCollectionsMixin, BoussoleEndpointMixin, DocumentsAPIViewSet
):
    openapi_summary = "Documents utilisés par les pages publiées (collections publiques)"
    openapi_detail_summary = "Documents"
    visible = staticmethod(visible_documents)
