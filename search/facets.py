"""Search facets, derived from the content's facet declaration (``knowledge.facets``).

The "type" facet is search's own: its values are the page types' declared ``search_type`` (and
the glossary); every other facet is a declared taxonomy facet. Valid values and their labels
are read from the taxonomy tables, cached briefly per process and per index version.
"""

import time

from django.utils.translation import gettext_lazy as _

from knowledge.facets import FACETS, faceted_page_models
from knowledge.filters import taxonomy_choices

GLOSSARY_TYPE = "glossaire"
GLOSSARY_TYPE_LABEL = _("Terme du glossaire")
TYPE_KEY = "type"

# Index facet key → French label, in display order; public parameter ↔ index key.
FACET_LABELS = {TYPE_KEY: _("Type de contenu"), **{f.key: f.label for f in FACETS}}
FACET_PARAMS = {TYPE_KEY: TYPE_KEY, **{f.param: f.key for f in FACETS}}
PARAM_FOR_KEY = {key: param for param, key in FACET_PARAMS.items()}
TAXONOMY_FACETS = {f.key: f for f in FACETS}


def type_choices():
    """(search type, label) for each indexed page type, then the glossary."""
    choices = {}
    for model in faceted_page_models():
        choices.setdefault(model.search_type, model.reader_type_label)
    choices[GLOSSARY_TYPE] = GLOSSARY_TYPE_LABEL
    return list(choices.items())


_cache = {}
CACHE_SECONDS = 60


def facet_choices(key, version):
    """Valid (slug, label) pairs, with the label and order readers see everywhere (listings,
    pills: ``knowledge.filters.taxonomy_choices``); cached briefly per process (taxonomy
    changes clear it)."""
    cached = _cache.get(key)
    if cached and cached[0] == version and time.monotonic() - cached[1] < CACHE_SECONDS:
        return cached[2]
    choices = type_choices() if key == TYPE_KEY else taxonomy_choices(TAXONOMY_FACETS[key].model)
    _cache[key] = (version, time.monotonic(), choices)
    return choices


def clear_cache(**kwargs):
    _cache.clear()
