"""Template tags of the reader site: navigation built from the real pages, visibility, filters,
French dates and page titles."""

import datetime

from django import template
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from knowledge import cards, content_version, models
from knowledge.filters import ordered_terms
from knowledge.models import GuideChapterPage
from knowledge.visibility import is_visible, visible_pages

register = template.Library()

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
    return content_version.per_version("sections", _section_urls, context.get("request"))


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


SITE_NAME = "La Boussole"


@register.filter
def french_date(value):
    """A date as French typography writes it, the same on every page: "1<sup>er</sup> décembre
    2026" (the ordinal raised), "2 décembre 2026". Datetimes are shown in the site's time
    zone; empty values give "". Safe HTML: only digits and month names."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    day = "1<sup>er</sup>" if value.day == 1 else str(value.day)
    return mark_safe(f"{day} {format_date(value, 'F Y')}")  # noqa: S308 (no input text)


def page_title_text(page):
    """The <title> of a Wagtail page: its SEO title or title, then the site name.

    The home page is the site's full name; a page whose title is the site name itself (the
    guide is called "La Boussole") takes the label of its section instead, so that no page is
    titled "La Boussole — La Boussole"."""
    if page is None:
        return SITE_NAME
    if page.depth <= 2:
        return gettext("La Boussole de la démarche locale en santé")
    title = page.seo_title or page.title
    if title.strip().casefold() == SITE_NAME.casefold():
        labels = {model_name: label for _key, model_name, label in SECTIONS}
        title = str(labels.get(type(page).__name__, page.reader_type_label))
    return f"{title} — {SITE_NAME}"


@register.simple_tag(takes_context=True)
def page_title(context):
    """The default <title> of a reader page (see ``page_title_text``)."""
    return page_title_text(context.get("page"))


register.simple_tag(cards.card_tags, name="card_tags")


@register.filter(name="ordered_terms")
def ordered_terms_filter(terms):
    """Taxonomy terms sorted as everywhere else (``knowledge.filters.ordered_terms``)."""
    # A queryset already evaluated by the template ({% if terms %}) is read from its cache.
    if hasattr(terms, "all") and not isinstance(terms, QuerySet):
        terms = terms.all()
    return ordered_terms(terms or [])
