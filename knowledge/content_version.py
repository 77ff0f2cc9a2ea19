"""A token that changes whenever what readers see may change (publish, unpublish, move, delete,
privacy, taxonomy, glossary). Kept in the shared cache: per-version caches (navigation, whole
pages) are then right in every worker process without being purged one by one."""

import hashlib
import time
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from knowledge.facets import FACETS

CACHE_KEY = "boussole:content-version"


def _new_token():
    # "<unix time>-<random>": the time says when readers' content last changed (Last-Modified).
    return f"{int(time.time())}-{uuid.uuid4().hex[:16]}"


def current():
    """The current token (a new one if the cache lost it: everything keyed by it is then new)."""
    try:
        token = cache.get(CACHE_KEY)
        if token is None:
            cache.add(CACHE_KEY, _new_token(), None)
            token = cache.get(CACHE_KEY)
        return token
    except Exception:  # the cache is down: nothing can be cached, serve fresh
        return None


# Values keyed by the version need no expiry of their own: a change gives them a new key.
PER_VERSION_SECONDS = 24 * 3600


def per_version(name, compute, request=None):
    """``compute(request)`` once per content version and host, kept in the shared cache (what
    every page's header or footer needs), and at worst once per request (remembered on it)."""
    attribute = f"_boussole_{name}"
    remembered = getattr(request, attribute, None)
    if remembered is not None:
        return remembered
    version = current()
    key = f"boussole:{name}:{version}:{request.get_host() if request is not None else ''}"
    value = cache.get(key) if version else None
    if value is None:
        value = compute(request)
        if version:
            cache.set(key, value, PER_VERSION_SECONDS)
    if request is not None:
        setattr(request, attribute, value)
    return value


def per_version_of(name, about, compute):
    """``per_version`` for a value that also depends on ``about`` (a path, a query, a filter
    set: any string), kept under a digest of it (keys stay short whatever its length)."""
    digest = hashlib.sha1(about.encode(), usedforsecurity=False).hexdigest()
    return per_version(f"{name}:{digest}", compute)


def changed_at(token):
    """When the content last changed, as a Unix time, from a token of ``current()`` (now for a
    token of another form, left by an older release: never too old)."""
    try:
        return int(token.split("-", 1)[0])
    except ValueError:
        return int(time.time())


def _set_new_token():
    try:
        cache.set(CACHE_KEY, _new_token(), None)
    except Exception:  # the cache is down: nothing is cached under any token
        return None


def bump(**kwargs):
    """A new token now, and another once the change commits: a reader who rendered the page
    between the two (still seeing the old content) cached it under a token no longer current."""
    _set_new_token()
    transaction.on_commit(_set_new_token)


def _bump_for_pages(sender, instance, **kwargs):
    # Any saved page row (publishing, a draft, a script's save()): cheap, and never stale.
    if isinstance(instance, Page):
        bump()


def connect_signals():
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(bump, dispatch_uid=f"boussole_content_version_{id(signal)}")
    post_save.connect(_bump_for_pages, dispatch_uid="boussole_content_version_page_saved")
    post_delete.connect(_bump_for_pages, dispatch_uid="boussole_content_version_page_deleted")
    for model in (PageViewRestriction, *(facet.model for facet in FACETS)):
        uid = f"boussole_content_version_{model._meta.label_lower}"
        post_save.connect(bump, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}_deleted")
    # Glossary terms are marked in page bodies: a script's save() or a deletion changes pages.
    for signal, done in ((post_save, "saved"), (post_delete, "deleted")):
        uid = f"boussole_content_version_glossary_{done}"
        signal.connect(bump, sender="knowledge.GlossaryTerm", dispatch_uid=uid)
