"""Facet definitions: which index facet keys exist, their French labels and their valid values."""

import time

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from search.forms import FACET_PARAMS

FACET_LABELS = {
    "type": _("Type de contenu"),
    "theme": _("Thématique"),
    "dispositif": _("Dispositif"),
    "territory": _("Département"),
    "audience": _("Public"),
    "project_step": _("Étape de projet"),
}

# Facet key → taxonomy model whose slugs are the facet's values.
TAXONOMY_MODELS = {
    "theme": "knowledge.Theme",
    "dispositif": "knowledge.Dispositif",
    "territory": "knowledge.Territory",
    "audience": "knowledge.Audience",
    "project_step": "knowledge.ProjectStep",
}

PARAM_FOR_KEY = {key: param for param, key in FACET_PARAMS.items()}


def type_choices():
    """(slug, label) for each indexable content type, read from the page models themselves."""
    from wagtail.models import get_page_models

    from search.indexing import GLOSSARY_TYPE, is_indexable_model, type_slug

    choices = {}
    for model in get_page_models():
        if is_indexable_model(model) and not model._meta.abstract:
            choices.setdefault(type_slug(model), model.reader_type_label)
    choices[GLOSSARY_TYPE] = _("Terme du glossaire")
    return list(choices.items())


_cache = {}
CACHE_SECONDS = 60


def facet_choices(key, version=None):
    """Valid (slug, label) pairs; cached briefly per process (taxonomy changes clear it)."""
    from search.indexing import index_version

    version = index_version() if version is None else version
    cached = _cache.get(key)
    if cached and cached[0] == version and time.monotonic() - cached[1] < CACHE_SECONDS:
        return cached[2]
    if key == "type":
        choices = type_choices()
    else:
        model = apps.get_model(TAXONOMY_MODELS[key])
        choices = list(model.objects.order_by(*model._meta.ordering).values_list("slug", "name"))
    _cache[key] = (version, time.monotonic(), choices)
    return choices


def clear_cache(**kwargs):
    _cache.clear()


def facet_value_labels(key):
    return dict(facet_choices(key))
