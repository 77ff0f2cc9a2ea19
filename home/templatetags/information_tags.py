"""The site footer's "who publishes this" links, derived from the information pages."""

from django import template
from django.core.cache import cache

from home.information import InformationPage
from knowledge import content_version
from knowledge.visibility import visible_pages

register = template.Library()
CACHE_SECONDS = 24 * 3600  # keyed by content version: a change is seen at once


def _links(request):
    pages = visible_pages(InformationPage.objects.filter(show_in_menus=True)).order_by("path")
    return [{"title": page.title, "url": page.get_url(request) or ""} for page in pages]


@register.simple_tag(takes_context=True)
def information_links(context):
    """[{title, url}] of the visible information pages shown in menus, in tree order; computed
    once per content version and host (every page's footer needs them), at worst once per
    request."""
    request = context.get("request")
    memo = getattr(request, "_boussole_information_links", None)
    if memo is not None:
        return memo
    version = content_version.current()
    key = f"boussole:information-links:{version}:{request.get_host() if request else ''}"
    links = cache.get(key) if version else None
    if links is None:
        links = _links(request)
        if version:
            cache.set(key, links, CACHE_SECONDS)
    if request is not None:
        request._boussole_information_links = links
    return links
