"""The search parameters shared by the reader page (/recherche/) and the API (/api/v2/search/).

GET parameters (all optional):
- ``q``: the query (capped at ``MAX_QUERY_LENGTH`` characters; control characters and NUL bytes
  are dropped, never an error);
- ``type``, ``theme``, ``dispositif``, ``departement``, ``audience``, ``etape``: facet filters,
  each repeatable (values of one facet are OR-ed, facets are AND-ed); values are slugs; an unknown
  value is a form error with a French message;
- ``sort``: ``pertinence`` (default) or ``date``;
- ``page``: 1-based page number (a page past the end is clamped to the last page by the service;
  0, negative or non-numeric values are form errors);
- ``per_page``: 1 to ``MAX_PER_PAGE`` (default ``DEFAULT_PER_PAGE``).
"""

import re

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from search.facets import FACET_LABELS, FACET_PARAMS, facet_choices
from search.models import SearchIndexState

MAX_QUERY_LENGTH = 200
DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 50
MAX_PAGE = 100_000  # beyond this a page number is nonsense: rejected instead of clamped

SORT_RELEVANCE = "pertinence"
SORT_DATE = "date"

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_query_text(value):
    """Drop control characters (NUL included), collapse spaces, cap the length."""
    value = _CONTROL_RE.sub(" ", value or "")
    value = " ".join(value.split())
    return value[:MAX_QUERY_LENGTH].strip()


class FacetField(forms.MultipleChoiceField):
    """A repeatable facet filter whose valid values are read from the index at form creation."""

    default_error_messages = {
        "invalid_choice": _("« %(value)s » n'est pas une valeur connue pour ce filtre."),
        "invalid_list": _("Ce filtre attend une liste de valeurs."),
    }


class CountField(forms.IntegerField):
    """An optional whole number from 1 to ``max_value``, ``default`` when absent; its messages
    name what it counts (``subject``)."""

    messages = {
        "invalid": _("{subject} doit être un nombre entier."),
        "min_value": _("{subject} doit être au moins %(limit_value)s."),
        "max_value": _("{subject} est limité à %(limit_value)s."),
    }

    def __init__(self, subject, *, default, max_value, **kwargs):
        super().__init__(
            required=False,
            min_value=1,
            max_value=max_value,
            error_messages={
                key: format_lazy(text, subject=subject) for key, text in self.messages.items()
            },
            **kwargs,
        )
        self.default = default

    def clean(self, value):
        value = super().clean(value)
        return self.default if value is None else value


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Rechercher dans La Boussole"),
        required=False,
        # Longer queries are cut, not refused: a pasted paragraph still gets results.
        strip=False,
    )
    sort = forms.ChoiceField(
        label=_("Trier par"),
        required=False,
        choices=[(SORT_RELEVANCE, _("pertinence")), (SORT_DATE, _("date"))],
        error_messages={
            "invalid_choice": _("Tri inconnu : choisissez « pertinence » ou « date »."),
        },
    )
    page = CountField(_("Le numéro de page"), label=_("Page"), default=1, max_value=MAX_PAGE)
    per_page = CountField(
        _("Le nombre de résultats par page"),
        label=_("Résultats par page"),
        default=DEFAULT_PER_PAGE,
        max_value=MAX_PER_PAGE,
    )

    def __init__(self, *args, index_version=None, **kwargs):
        super().__init__(*args, **kwargs)
        if index_version is None:
            index_version = SearchIndexState.current()
        self.index_version = index_version
        # NUL bytes are dropped by clean_query_text() rather than refused.
        self.fields["q"].validators = []
        # Read once per form (the service reuses them for the facet labels): one field per facet
        # of the declaration, after q, in display order.
        self.facet_choices = {key: facet_choices(key, index_version) for key in FACET_LABELS}
        fields = {"q": self.fields.pop("q")}
        for param, key in FACET_PARAMS.items():
            fields[param] = FacetField(
                label=FACET_LABELS[key], required=False, choices=self.facet_choices[key]
            )
        self.fields = {**fields, **self.fields}

    def clean_q(self):
        return clean_query_text(self.cleaned_data.get("q"))

    def clean_sort(self):
        return self.cleaned_data.get("sort") or SORT_RELEVANCE

    def filters(self):
        """Selected facet values by index facet key, e.g. {"territory": ["essonne"]}."""
        return {
            key: list(dict.fromkeys(self.cleaned_data.get(param) or []))
            for param, key in FACET_PARAMS.items()
            if self.cleaned_data.get(param)
        }

    def error_messages_fr(self):
        """Flat list of French messages, "Label : message", for pages and API responses."""
        messages = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            messages.extend(f"{label} : {error}" if label else str(error) for error in errors)
        return messages
