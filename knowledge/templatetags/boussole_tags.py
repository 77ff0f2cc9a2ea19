"""Template tags of the reader site: navigation built from the real pages, visibility, filters."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from knowledge import models
from knowledge.models import GuideChapterPage
from knowledge.visibility import is_visible, visible_pages

register = template.Library()

# (context key, page model name, reader label); the order of the main navigation.
SECTIONS = [
    ("guide", "GuidePage", _("Le guide")),
    ("sheets", "PracticeSheetIndexPage", _("Fiches pratiques")),
    ("testimonies", "TestimonyIndexPage", _("Remontées de terrain")),
]


def _section_page(key):
    model_name = {k: m for k, m, _label in SECTIONS}[key]
    model = getattr(models, model_name)
    return visible_pages(model.objects.all()).order_by("path").first()


def _sections(context):
    """The section pages, looked up once per request (the header and the home page both need them)."""
    request = context.get("request")
    cache = getattr(request, "_boussole_sections", None) if request is not None else None
    if cache is None:
        cache = {key: _section_page(key) for key, _m, _l in SECTIONS}
        if request is not None:
            request._boussole_sections = cache
    return cache


@register.simple_tag(takes_context=True)
def section_url(context, key):
    """URL of a section ("guide", "sheets", "testimonies" or "glossary"); "" if it isn't published."""
    if key == "glossary":
        return reverse("knowledge:glossary")
    page = _sections(context).get(key)
    return page.get_url(context.get("request")) if page else ""


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
    """The visible ancestors of `page` below the tree root, from the home page down."""
    return list(visible_pages(page.get_ancestors().filter(depth__gte=2)).specific())


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
    return [p for p in pages if p is not None and is_visible(p)]


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
