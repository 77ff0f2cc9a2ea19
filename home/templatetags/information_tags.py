"""The site footer's "who publishes this" links, derived from the information pages."""

from django import template

from home.information import InformationPage
from knowledge import content_version
from knowledge.visibility import visible_pages

register = template.Library()


def _links(request):
    pages = visible_pages(InformationPage.objects.filter(show_in_menus=True)).order_by("path")
    return [{"title": page.title, "url": page.get_url(request) or ""} for page in pages]


@register.simple_tag(takes_context=True)
def information_links(context):
    """[{title, url}] of the visible information pages shown in menus, in tree order; computed
    once per content version and host (every page's footer needs them), at worst once per
    request."""
    return content_version.per_version("information-links", _links, context.get("request"))
