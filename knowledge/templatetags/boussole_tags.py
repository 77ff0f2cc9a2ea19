"""Template tags of the reader site: navigation built from the real pages, visibility, filters."""

from django import template
from django.core.cache import cache
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from knowledge import content_version, models
from knowledge.models import GuideChapterPage
from knowledge.visibility import is_visible, visible_pages

register = template.Library()
SECTIONS_CACHE_SECONDS = 24 * 3600  # keyed by content version: a change is seen at once

# (context key, page model name, reader label); the order of the main navigation.
SECTIONS = [
    ("guide", "GuidePage", _("Le guide")),
    ("sheets", "PracticeSheetIndexPage", _("Fiches pratiques")),
    ("testimonies", "TestimonyIndexPage", _("Remontées de terrain")),
]


def _section_urls(request):
    """{section key: URL or ""}: the first visible page of each section type."""
    urls = {}
    for key, model_name, _label in SECTIONS:
        model = getattr(models, model_name)
        page = visible_pages(model.objects.all()).order_by("path").first()
        urls[key] = page.get_url(request) if page else ""
    return urls


def _sections(context):
    """Section URLs, computed once per content version and site (every page's header needs
    them) and kept in the shared cache; once per request at worst."""
    request = context.get("request")
    cached = getattr(request, "_boussole_sections", None)
    if cached is not None:
        return cached
    version = content_version.current()
    key = f"boussole:sections:{version}:{request.get_host() if request else ''}"
    urls = cache.get(key) if version else None
    if urls is None:
        urls = _section_urls(request)
        if version:
            cache.set(key, urls, SECTIONS_CACHE_SECONDS)
    if request is not None:
        request._boussole_sections = urls
    return urls


@register.simple_tag(takes_context=True)
def section_url(context, key):
    """URL of a section ("guide", "sheets", "testimonies" or "glossary"); "" if it isn't published."""
    if key == "glossary":
        return reverse("knowledge:glossary")
    return _sections(context).get(key, "")


@register.simple_tag(takes_context=True)
def main_nav(context):
    """Main navigation items: label, url and whether the current request is inside that section."""
    request = context.get("request")
    path = request.path if request is not None else ""
    items = []
    for key, _model, label in SECTIONS:
        url = section_url(context, key)
        if url:
            items.append({"label": label, "url": url})
    items.append({"label": _("Glossaire"), "url": reverse("knowledge:glossary")})
    for item in items:
        item["current"] = item["url"] == path
        item["in_section"] = not item["current"] and path.startswith(item["url"])
    return items


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context, page):
    """The visible ancestors of `page` below the tree root, from the home page down (title and
    URL only: no specific page query)."""
    return list(visible_pages(page.get_ancestors().filter(depth__gte=2)))


@register.simple_tag
def newcomer_chapter():
    """The chapter about taking up the post (project step "prise de poste"), else the first chapter."""
    chapters = visible_pages(GuideChapterPage.objects.all()).order_by("path")
    return chapters.filter(project_steps__slug="prise-de-poste").first() or chapters.first()


@register.filter
def visible(pages):
    """Keep only the pages readers may see (live, public, consented), in their original order."""
    if pages is None:
        return []
    if hasattr(pages, "model"):
        return visible_pages(pages)
    pages = [p for p in pages if p is not None]
    shown = set(
        visible_pages(Page.objects.filter(pk__in=[p.pk for p in pages])).values_list(
            "pk", flat=True
        )
    )  # one query for the whole list
    return [p for p in pages if p.pk in shown]


@register.filter(name="is_visible")
def is_visible_filter(page):
    return bool(page) and is_visible(page)


@register.simple_tag
def filter_query(name, value):
    """A listing query string selecting one value of one filter, e.g. "?theme=sante-mentale"."""
    return "?" + urlencode({name: value})


@register.simple_tag
def page_query(querystring, number):
    """The pagination query string: the current filters plus the page number."""
    return f"?{querystring}&page={number}" if querystring else f"?page={number}"
