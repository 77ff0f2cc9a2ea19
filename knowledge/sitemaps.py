"""/sitemap.xml: every page a reader may see (the visibility rule), nothing else."""

from wagtail.contrib.sitemaps import Sitemap

from knowledge.visibility import visible_pages


class VisiblePagesSitemap(Sitemap):
    """Wagtail's sitemap of the request's site, filtered through ``knowledge.visibility``:
    no draft, no private page, no testimony without recorded consent."""

    def items(self):
        return visible_pages(super().items())


SITEMAPS = {"pages": VisiblePagesSitemap}
