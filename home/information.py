"""Who publishes the Boussole: the information pages (À propos, Contact, Mentions légales,
Accessibilité, Données personnelles), editable pages under the home page, linked in the footer.

Imported by ``home.models`` (the app's models module). The footer lists the visible ones that
are "shown in menus", in the page tree's order (``home.templatetags.information_tags``): no URL
is written in a template.
"""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from knowledge import blocks
from knowledge.models import BoussolePage

INFORMATION_BLOCKS = [blocks.HEADING, blocks.PARAGRAPH, blocks.CALLOUT]


class InformationPage(BoussolePage):
    """A page about the site itself: its publisher, contact, legal notice, accessibility
    statement, personal data. Shown in the footer when « Afficher dans les menus » is ticked."""

    body = StreamField(INFORMATION_BLOCKS, verbose_name=_("contenu"), blank=True)

    content_panels = [*BoussolePage.content_panels, FieldPanel("body")]
    search_fields = [*BoussolePage.search_fields, index.SearchField("body")]
    api_fields = [*BoussolePage.api_fields, APIField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    reader_type_label = _("Informations sur le site")
    # search_type stays None: the search covers the guide's content, not the site's own pages.

    class Meta:
        verbose_name = _("page d'information")
        verbose_name_plural = _("pages d'information")

    def table_of_contents(self):
        """The body's headings (the heading block's ids are slugify(text), as in chapters)."""
        return [
            {"anchor": slugify(block.value["text"]), "text": block.value["text"]}
            for block in self.body
            if block.block_type == "heading"
        ]
