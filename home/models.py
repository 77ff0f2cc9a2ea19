from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from home.information import InformationPage  # noqa: F401 (its own module; registered here)
from knowledge.cards import visible_cards
from knowledge.models import (
    BoussolePage,
    FreshnessMixin,
    GuideChapterPage,
    PageUpdate,
    PracticeSheetPage,
    TestimonyPage,
)
from knowledge.visibility import visible_pages

FEATURED_BLOCKS = [
    (
        "page",
        blocks.PageChooserBlock(
            label=_("page mise en avant"),
            page_type=["knowledge.GuideChapterPage", "knowledge.PracticeSheetPage"],
            icon="pick",
            template="home/blocks/featured_page.html",
        ),
    )
]


class HomePage(BoussolePage):
    """The site root: introduction, featured chapters and sheets, latest updates, search box."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    featured = StreamField(
        FEATURED_BLOCKS, verbose_name=_("chapitres et fiches mis en avant"), blank=True
    )
    latest_count = models.PositiveSmallIntegerField(
        _("nombre de mises à jour affichées"), default=6
    )

    content_panels = [
        *BoussolePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("featured"),
        FieldPanel("latest_count"),
    ]
    api_fields = [*BoussolePage.api_fields, APIField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "knowledge.GuidePage",
        "knowledge.PracticeSheetIndexPage",
        "knowledge.TestimonyIndexPage",
        "parcours.ParcoursPage",
        "home.InformationPage",
    ]
    max_count = 1
    reader_type_label = _("Accueil")
    # Not on the home page (no reader feedback, no update history there; a home migration
    # would be needed): the editorial follow-up fields of knowledge.BoussolePage are removed.
    referent = None
    update_note = None
    settings_panels = [*Page.settings_panels, *FreshnessMixin.panels]

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    def featured_pages(self):
        """The featured pages readers may see, as cards (``visible_cards``: constant queries)."""
        return visible_cards(block.value for block in self.featured)

    def latest_updates(self):
        """The latest published pages, each with the note of its current publication (if its
        editor wrote one) as ``current_update``: one query for the notes, whatever the count."""
        pages = list(
            visible_pages()
            .type(GuideChapterPage, PracticeSheetPage, TestimonyPage)
            .descendant_of(self)
            .order_by("-last_published_at")
            .specific()[: self.latest_count]
        )
        revision_ids = [page.live_revision_id for page in pages if page.live_revision_id]
        notes = {
            update.revision_id: update
            for update in PageUpdate.objects.filter(revision_id__in=revision_ids)
        }
        for page in pages:
            page.current_update = notes.get(page.live_revision_id)
        return pages
