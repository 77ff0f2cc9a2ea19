"""/sitemap.xml: every page a reader may see (the visibility rule), nothing else."""

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from wagtail.contrib.sitemaps import Sitemap

from knowledge.visibility import visible_glossary_terms, visible_pages


class VisiblePagesSitemap(Sitemap):
    """Wagtail's sitemap of the request's site, filtered through ``knowledge.visibility``:
    no draft, no private page, no testimony without recorded consent."""

    def items(self):
        return visible_pages(super().items())


class GlossaryTermsSitemap(DjangoSitemap):
    """One entry per published glossary term: its reader page (/glossaire/<slug>/)."""

    def items(self):
        return visible_glossary_terms().order_by("slug")

    def location(self, term):
        return term.reader_url


SITEMAPS = {"pages": VisiblePagesSitemap, "glossary": GlossaryTermsSitemap}
