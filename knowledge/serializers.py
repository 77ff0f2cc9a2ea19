"""Serializer fields for the models' ``api_fields``: taxonomy as objects, related content
filtered to what readers may see. Each is a DRF ``ReadOnlyField``: computed for output only.

The models reference them (``APIField(..., serializer=...)``), so this module imports no model:
``knowledge.visibility`` looks its models up.
"""

from django.db.models import Prefetch
from rest_framework.fields import ReadOnlyField
from wagtail.api import APIField
from wagtail.api.utils import get_full_url

from knowledge.visibility import visible_glossary_terms, visible_pages


def api_fields_of(model):
    """``model.api_fields`` as ``APIField``s: a plain name stands for one without a serializer."""
    return [field if isinstance(field, APIField) else APIField(field) for field in model.api_fields]


def api_field_names(model):
    return [field.name for field in api_fields_of(model)]


def taxonomy_term_data(term):
    """A taxonomy term as the API shows it: its id plus the fields the model declares public."""
    data = {"id": term.pk}
    for name in api_field_names(type(term)):
        data[name] = getattr(term, name)
    return data


class ReaderLabelField(ReadOnlyField):
    """A taxonomy term's ``label`` (a property): the one label readers see everywhere."""

    @staticmethod
    def openapi_schema():
        """Read by api.openapi to describe this field (it is not a model field)."""
        return {
            "type": "string",
            "description": "Libellé montré aux lecteurs (le sigle s'il y en a un).",
        }


class TaxonomyTermsField(ReadOnlyField):
    """A many-to-many taxonomy relation as a list of {id, name, slug, ...} objects."""

    def to_representation(self, value):
        return [taxonomy_term_data(term) for term in value.all()]


class TaxonomyTermField(ReadOnlyField):
    """A foreign key to a taxonomy term as one {id, name, slug, ...} object (or null)."""

    def to_representation(self, value):
        return taxonomy_term_data(value)


class VisiblePagesField(ReadOnlyField):
    """Related pages, restricted to what readers may see (knowledge.visibility).

    A listing loads them for every item at once with ``prefetch_visible(model, queryset)``;
    otherwise each item queries its own."""

    @staticmethod
    def prefetched_attr(name):
        return f"_visible_{name}"

    def get_attribute(self, instance):
        prefetched = getattr(instance, self.prefetched_attr(self.source), None)
        return prefetched if prefetched is not None else super().get_attribute(instance)

    def to_representation(self, value):
        request = self.context.get("request")
        router = self.context.get("router")
        if isinstance(value, list):  # prefetched: already the visible ones, in title order
            pages = value
        else:
            pages = visible_pages(value.all()).specific().order_by("title")
        items = []
        for page in pages:
            item = {
                "id": page.pk,
                "type": f"{page._meta.app_label}.{type(page).__name__}",
                "title": page.title,
                "html_url": page.full_url,
            }
            if router is not None and request is not None:
                # As wagtail.api.v2.utils.get_object_detail_url, which can't be imported while
                # models load.
                path = router.get_object_detail_urlpath(type(page), page.pk)
                item["detail_url"] = get_full_url(request, path) if path else None
            items.append(item)
        return items


class VisibleGlossaryTermsField(ReadOnlyField):
    """Glossary "see also" links, restricted to live terms."""

    def to_representation(self, value):
        terms = visible_glossary_terms().filter(pk__in=value.values("pk")).order_by("term")
        return [{"id": t.pk, "slug": t.slug, "term": t.term, "acronym": t.acronym} for t in terms]


class GlossaryHtmlUrlField(ReadOnlyField):
    """Where a reader finds the term: its anchor on the glossary A–Z page."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, term):
        return get_full_url(self.context.get("request"), term.reader_url)


def prefetch_visible(model, queryset):
    """``queryset`` of ``model`` with the visible pages of each ``VisiblePagesField`` relation
    loaded in one query per relation, however many items."""
    prefetches = []
    for api_field in api_fields_of(model):
        if isinstance(api_field.serializer, VisiblePagesField):
            related = model._meta.get_field(api_field.name).related_model
            prefetches.append(
                Prefetch(
                    api_field.name,
                    queryset=visible_pages(related.objects.all()).order_by("title"),
                    to_attr=VisiblePagesField.prefetched_attr(api_field.name),
                )
            )
    return queryset.prefetch_related(*prefetches)
