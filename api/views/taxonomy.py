"""The taxonomies (one endpoint per facet of ``knowledge.facets``: themes, dispositifs,
territoires, publics, etapes) and the glossary: list, detail by id or by slug.

Guarantees (tests in api/tests/test_taxonomy.py): the glossary serves live terms only, in their
live version (never a draft revision), and "see also" links only live terms.
"""

from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.api.v2.serializers import BaseSerializer
from wagtail.api.v2.views import BaseAPIViewSet

from api.filters import ExactFieldFilter, OrderingFilter
from api.openapi import ID_OR_SLUG_PARAMETER, QueryParameter, taxonomy_term_ref
from api.views.base import BoussoleEndpointMixin
from knowledge.facets import FACETS
from knowledge.models import GlossaryTerm
from knowledge.serializers import GlossaryHtmlUrlField, api_field_names
from knowledge.visibility import visible_glossary_terms


class SlugLookupMixin:
    """Detail by id (/themes/3/) or by slug (/themes/sante-mentale/): two routes, one template
    in the OpenAPI document (``{id_or_slug}``)."""

    slug_help = "Slug exact."
    exact_filter_fields = ("slug",)
    filter_backends = [ExactFieldFilter, OrderingFilter]
    detail_path_parameter = ID_OR_SLUG_PARAMETER

    invalid_id_message = _(
        "L'identifiant doit être un nombre entier positif ou un slug (lettres, chiffres, tirets)."
    )

    @classmethod
    def get_listing_parameters(cls):
        return [*super().get_listing_parameters(), QueryParameter("slug", cls.slug_help)]

    @classmethod
    def get_extra_detail_urlpatterns(cls):
        return [path("<slug:slug>/", cls.as_view({"get": "detail_view"}), name="detail-by-slug")]


class TaxonomyAPIViewSet(SlugLookupMixin, BoussoleEndpointMixin, BaseAPIViewSet):
    """A taxonomy: list and detail. Subclasses are made from a facet (``taxonomy_endpoint``)."""

    ordering_fields = ["id", "name", "slug"]
    openapi_tag = "taxonomie"

    def get_queryset(self):
        return self.model.objects.all().order_by(*self.model._meta.ordering, "pk")

    @classmethod
    def get_listing_default_fields(cls, model):
        return ["id", "type", "detail_url", *api_field_names(model)]

    @classmethod
    def get_nested_default_fields(cls, model):
        return ["id", "type", "detail_url", *api_field_names(model)]

    @classmethod
    def describe_openapi(cls, doc):
        taxonomy_term_ref(doc, cls.model)  # what pages show of a term: listed with the rest
        super().describe_openapi(doc)


def taxonomy_endpoint(facet):
    """The endpoint listing ``facet``'s terms, named as the facet declares (``facet.endpoint``)."""
    model = facet.model
    summary = capfirst(model._meta.verbose_name_plural)
    return type(
        f"{model.__name__}APIViewSet",
        (TaxonomyAPIViewSet,),
        {
            "model": model,
            "name": facet.endpoint,
            "slug_help": facet.help,
            "openapi_summary": summary,
            "openapi_detail_summary": f"{summary} : un élément",
            "__doc__": f"/api/v2/{facet.endpoint}/: {model._meta.verbose_name_plural}.",
        },
    )


TAXONOMY_ENDPOINTS = [taxonomy_endpoint(facet) for facet in FACETS]


class GlossarySerializer(BaseSerializer):
    html_url = GlossaryHtmlUrlField(read_only=True)


class GlossaryAPIViewSet(SlugLookupMixin, BoussoleEndpointMixin, BaseAPIViewSet):
    """/api/v2/glossaire/: live terms only, in their live version (never a draft revision)."""

    model = GlossaryTerm
    name = "glossaire"
    base_serializer_class = GlossarySerializer
    # Body fields: "id" plus GlossaryTerm.api_fields (see_also only links live terms).
    meta_fields = ["type", "detail_url", "html_url"]
    listing_default_fields = ["id", "type", "detail_url", "html_url", "term", "acronym", "slug"]
    nested_default_fields = ["id", "type", "detail_url", "term", "slug"]
    ordering_fields = ["id", "term", "slug"]

    openapi_tag = "glossaire"
    openapi_summary = "Glossaire (termes publiés, version en ligne)"
    openapi_detail_summary = "Glossaire (termes publiés, version en ligne) : un élément"

    def get_queryset(self):
        return visible_glossary_terms().order_by("term", "pk")
