"""Query-string filter forms for the reader listings: shareable URLs, clear errors on bad values.

The taxonomy filters of a listing are derived from its page type's ``facet_fields``
(``knowledge.facets``): one checkbox list per facet, under the facet's public name; a page type
adds fixed-choice filters in ``listing_filters``.
"""

import unicodedata
from dataclasses import dataclass
from functools import cache

from django import forms
from django.utils.translation import gettext_lazy as _

from knowledge import content_version
from knowledge.facets import FACETS

INVALID_CHOICE = _("« %(value)s » n'est pas une valeur connue pour ce filtre.")


def label_sort_key(label):
    """Sort key of a label as readers see it: accents and case ignored ("Évaluation" after
    "Diagnostic", "CLS" before "CLSM"), the same on every database."""
    text = unicodedata.normalize("NFKD", str(label))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def term_label(term):
    """The one label of a taxonomy term, on every page and in every facet: its ``str()``
    (a dispositif's acronym, a département with its number)."""
    return str(term)


def ordered_terms(terms):
    """Taxonomy terms in the order readers expect, by what is shown: their label, except for
    terms with an editorial order (project steps follow the course of a project)."""
    terms = list(terms)
    if terms and hasattr(terms[0], "sort_order"):
        return sorted(terms, key=lambda t: (t.sort_order, label_sort_key(term_label(t))))
    return sorted(terms, key=lambda t: label_sort_key(term_label(t)))


def taxonomy_choices(model):
    """(slug, label) pairs of a taxonomy, in display order (``ordered_terms``), read once per
    content version (a term saved or deleted changes it)."""
    return content_version.per_version(
        f"choices:{model._meta.label_lower}",
        lambda _request: [(t.slug, term_label(t)) for t in ordered_terms(model.objects.all())],
    )


def slug_choice_field(model, label):
    return forms.ModelMultipleChoiceField(
        queryset=model.objects.all(),
        to_field_name="slug",
        required=False,
        label=label,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": INVALID_CHOICE,
            "invalid_pk_value": INVALID_CHOICE,
        },
    )


class ListingFilterForm(forms.Form):
    """Base form; `lookups` maps each field to the ORM lookup it filters on."""

    lookups = {}

    def filter(self, queryset, skip=None):
        """``queryset`` narrowed by every selected filter but ``skip`` (a facet's counts are
        computed with the other filters applied)."""
        filtered = False
        for name, lookup in self.lookups.items():
            values = self.cleaned_data.get(name) if name != skip else None
            if values:
                queryset = queryset.filter(**{f"{lookup}__in": values})
                filtered = True
        # DISTINCT only when a many-to-many join may repeat rows: on 12 000 sheets it costs
        # a sort of every column, for the count and for the page.
        return queryset.distinct() if filtered else queryset

    def active_filters(self):
        """The selected filters, for the "active filters" summary: one dict per selected value.

        `name`/`value` are the query-string pair, so a template can offer to remove just that one.
        """
        active = []
        for name, field in self.fields.items():
            for value in self.cleaned_data.get(name) or []:
                if isinstance(value, str):
                    raw, label = value, dict(field.choices).get(value, value)
                else:
                    raw, label = value.slug, str(value)
                active.append({"name": name, "value": raw, "field": field.label, "label": label})
        return active


@dataclass(frozen=True)
class ChoiceFilter:
    """A listing-only filter on a field with fixed choices (not a taxonomy), declared by a page
    type in ``listing_filters``."""

    param: str
    field_name: str
    label: str
    choices: tuple

    def form_field(self):
        return forms.MultipleChoiceField(
            choices=self.choices,
            required=False,
            label=self.label,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": INVALID_CHOICE},
        )


@cache
def filter_form_for(model):
    """The listing filter form of a page type: one checkbox list per declared facet (in the
    declaration's order), then its ``listing_filters``."""
    facet_fields = sorted(model.facet_fields, key=lambda field: FACETS.index(field.facet))
    attrs = {
        field.facet.param: slug_choice_field(field.facet.model, field.facet.label)
        for field in facet_fields
    }
    lookups = {field.facet.param: field.field_name for field in facet_fields}
    for extra in model.listing_filters:
        attrs[extra.param] = extra.form_field()
        lookups[extra.param] = extra.field_name
    attrs["lookups"] = lookups
    return type(f"{model.__name__}FilterForm", (ListingFilterForm,), attrs)
