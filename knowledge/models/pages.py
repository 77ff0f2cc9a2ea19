"""The page types of the Boussole and the shape of the page tree."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from knowledge import blocks
from knowledge.cards import with_card_facets
from knowledge.facets import AUDIENCE, DISPOSITIF, TERRITORY, FacetField
from knowledge.filters import ChoiceFilter
from knowledge.forms import CONSENT_REQUIRED_MESSAGE, TestimonyPageForm
from knowledge.listing import SORT_COLLECTED, SORT_DATE, SORT_TITLE, ListingPageMixin
from knowledge.models.base import BoussolePage, ClassificationMixin
from knowledge.serializers import TaxonomyTermField, TaxonomyTermsField, VisiblePagesField
from knowledge.visibility import visible_pages


class GuidePage(BoussolePage):
    """« La Boussole » itself: the ordered chapters on the coordinator's role."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BoussolePage.content_panels, FieldPanel("introduction")]
    search_fields = [*BoussolePage.search_fields, index.SearchField("introduction")]
    api_fields = [*BoussolePage.api_fields, APIField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.GuideChapterPage"]
    max_count = 1
    reader_type_label = _("Guide")
    search_type = "guide"

    class Meta:
        verbose_name = _("guide « La Boussole »")
        verbose_name_plural = _("guides « La Boussole »")

    def chapters(self):
        return visible_pages(GuideChapterPage.objects.child_of(self)).specific()


class GuideChapterPage(ClassificationMixin, BoussolePage):
    """A chapter of the guide: summary, body, table of contents and previous/next chapter."""

    body = StreamField(blocks.CHAPTER_BODY_BLOCKS, verbose_name=_("contenu"), blank=True)

    content_panels = [*BoussolePage.content_panels, FieldPanel("body")]
    settings_panels = [*BoussolePage.settings_panels, *ClassificationMixin.panels]
    search_fields = [*BoussolePage.search_fields, index.SearchField("body")]
    api_fields = [
        *BoussolePage.api_fields,
        APIField("body"),
        APIField("themes", serializer=TaxonomyTermsField()),
        APIField("project_steps", serializer=TaxonomyTermsField()),
    ]

    parent_page_types = ["knowledge.GuidePage"]
    subpage_types = []
    reader_type_label = _("Chapitre")
    search_type = "chapitre"

    class Meta:
        verbose_name = _("chapitre")
        verbose_name_plural = _("chapitres")

    def table_of_contents(self):
        return [
            {"anchor": slugify(block.value["text"]), "text": block.value["text"]}
            for block in self.body
            if block.block_type == "heading"
        ]

    def _sibling_chapters(self):
        return visible_pages(GuideChapterPage.objects.sibling_of(self, inclusive=False))

    def previous_chapter(self):
        return self._sibling_chapters().filter(path__lt=self.path).order_by("-path").first()

    def next_chapter(self):
        return self._sibling_chapters().filter(path__gt=self.path).order_by("path").first()


class PracticeSheetIndexPage(ListingPageMixin, BoussolePage):
    """The practice sheets, filterable by theme, dispositif, audience and project step."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.PracticeSheetPage"]
    max_count = 1
    reader_type_label = _("Fiches pratiques")
    search_type = "fiches-pratiques"
    listing_page_type = "knowledge.PracticeSheetPage"

    class Meta:
        verbose_name = _("liste des fiches pratiques")
        verbose_name_plural = _("listes des fiches pratiques")


class PracticeSheetPage(ClassificationMixin, BoussolePage):
    """A practice sheet: objectives, ordered steps, tools and resources, related content."""

    objectives = RichTextField(
        _("objectifs"), blank=True, features=["bold", "italic", "ul", "ol", "link"]
    )
    steps = StreamField(blocks.SHEET_STEP_BLOCKS, verbose_name=_("étapes"), blank=True)
    body = StreamField(blocks.SHEET_BODY_BLOCKS, verbose_name=_("pour aller plus loin"), blank=True)
    resources = StreamField(
        blocks.SHEET_RESOURCE_BLOCKS, verbose_name=_("outils et ressources"), blank=True
    )
    dispositifs = ParentalManyToManyField(
        "knowledge.Dispositif", verbose_name=_("dispositifs"), blank=True, related_name="sheets"
    )
    audiences = ParentalManyToManyField(
        "knowledge.Audience", verbose_name=_("publics"), blank=True, related_name="sheets"
    )
    related_sheets = ParentalManyToManyField(
        "self", verbose_name=_("fiches liées"), blank=True, symmetrical=False
    )
    related_testimonies = ParentalManyToManyField(
        "knowledge.TestimonyPage",
        verbose_name=_("remontées de terrain liées"),
        blank=True,
        related_name="related_sheets",
    )

    content_panels = [
        *BoussolePage.content_panels,
        FieldPanel("objectives"),
        FieldPanel("steps"),
        FieldPanel("body"),
        FieldPanel("resources"),
        MultiFieldPanel(
            [FieldPanel("related_sheets"), FieldPanel("related_testimonies")],
            heading=_("Contenus liés"),
        ),
    ]
    settings_panels = [
        *BoussolePage.settings_panels,
        MultiFieldPanel(
            [
                FieldPanel("dispositifs", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Publics et dispositifs"),
        ),
        *ClassificationMixin.panels,
    ]
    search_fields = [
        *BoussolePage.search_fields,
        index.SearchField("objectives"),
        index.SearchField("steps"),
        index.SearchField("body"),
        index.SearchField("resources"),
    ]
    api_fields = [
        *BoussolePage.api_fields,
        APIField("objectives"),
        APIField("steps"),
        APIField("body"),
        APIField("resources"),
        APIField("themes", serializer=TaxonomyTermsField()),
        APIField("dispositifs", serializer=TaxonomyTermsField()),
        APIField("audiences", serializer=TaxonomyTermsField()),
        APIField("project_steps", serializer=TaxonomyTermsField()),
        APIField("related_sheets", serializer=VisiblePagesField()),
        APIField("related_testimonies", serializer=VisiblePagesField()),
    ]

    parent_page_types = ["knowledge.PracticeSheetIndexPage"]
    subpage_types = []
    reader_type_label = _("Fiche pratique")
    search_type = "fiche-pratique"
    facet_fields = [
        *ClassificationMixin.facet_fields,
        FacetField(DISPOSITIF, "dispositifs"),
        FacetField(AUDIENCE, "audiences"),
    ]

    class Meta:
        verbose_name = _("fiche pratique")
        verbose_name_plural = _("fiches pratiques")

    def visible_related_sheets(self):
        return with_card_facets(visible_pages(self.related_sheets.all()))

    def visible_related_testimonies(self):
        return with_card_facets(visible_pages(self.related_testimonies.all()))


class TestimonyIndexPage(ListingPageMixin, BoussolePage):
    """The field testimonies, filterable by theme, dispositif, département and seniority."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.TestimonyPage"]
    max_count = 1
    reader_type_label = _("Remontées de terrain")
    search_type = "remontees-de-terrain"
    listing_page_type = "knowledge.TestimonyPage"
    listing_sorts = (SORT_COLLECTED, SORT_DATE, SORT_TITLE)

    class Meta:
        verbose_name = _("liste des remontées de terrain")
        verbose_name_plural = _("listes des remontées de terrain")


class Seniority(models.TextChoices):
    LESS_THAN_ONE = "lt1", _("moins d'un an")
    ONE_TO_THREE = "1to3", _("1 à 3 ans")
    FOUR_PLUS = "4plus", _("4 ans et plus")


class TestimonyPage(ClassificationMixin, BoussolePage):
    """A field testimony ("remontée de terrain"), anonymised, published only with consent."""

    quote = models.TextField(_("citation"))
    context = RichTextField(_("contexte"), blank=True, features=["bold", "italic", "link", "ul"])
    speaker_role = models.CharField(
        _("fonction de la personne"),
        max_length=120,
        help_text=_("Anonymisée, par exemple « Coordinatrice ASV »."),
    )
    territory = models.ForeignKey(
        "knowledge.Territory",
        verbose_name=_("département"),
        on_delete=models.PROTECT,
        related_name="testimonies",
        null=True,
        blank=True,
    )
    dispositif = models.ForeignKey(
        "knowledge.Dispositif",
        verbose_name=_("dispositif"),
        on_delete=models.PROTECT,
        related_name="testimonies",
        null=True,
        blank=True,
    )
    seniority = models.CharField(
        _("ancienneté dans le poste"), max_length=8, choices=Seniority.choices, blank=True
    )
    collected_on = models.DateField(_("date de recueil"), null=True, blank=True)
    consent_given = models.BooleanField(_("consentement recueilli"), default=False)
    consent_date = models.DateField(_("date du consentement"), null=True, blank=True)

    base_form_class = TestimonyPageForm

    content_panels = [
        *BoussolePage.content_panels,
        FieldPanel("quote"),
        FieldPanel("context"),
        MultiFieldPanel(
            [
                FieldPanel("speaker_role"),
                FieldPanel("territory"),
                FieldPanel("dispositif"),
                FieldPanel("seniority"),
                FieldPanel("collected_on"),
            ],
            heading=_("Qui témoigne"),
        ),
        MultiFieldPanel(
            [FieldPanel("consent_given"), FieldPanel("consent_date")],
            heading=_("Consentement"),
        ),
    ]
    settings_panels = [*BoussolePage.settings_panels, *ClassificationMixin.panels]
    search_fields = [
        *BoussolePage.search_fields,
        index.SearchField("quote", boost=2),
        index.SearchField("context"),
        index.SearchField("speaker_role"),
    ]
    # Consent details are internal: they are deliberately absent from api_fields.
    api_fields = [
        *BoussolePage.api_fields,
        APIField("quote"),
        APIField("context"),
        APIField("speaker_role"),
        APIField("territory", serializer=TaxonomyTermField()),
        APIField("dispositif", serializer=TaxonomyTermField()),
        APIField("seniority"),
        APIField("collected_on"),
        APIField("themes", serializer=TaxonomyTermsField()),
        APIField("project_steps", serializer=TaxonomyTermsField()),
    ]

    parent_page_types = ["knowledge.TestimonyIndexPage"]
    subpage_types = []
    reader_type_label = _("Remontée de terrain")
    search_type = "remontee-de-terrain"
    facet_fields = [
        *ClassificationMixin.facet_fields,
        FacetField(DISPOSITIF, "dispositif"),
        FacetField(TERRITORY, "territory"),
    ]
    listing_filters = [
        ChoiceFilter("anciennete", "seniority", _("Ancienneté dans le poste"), Seniority.choices)
    ]

    class Meta:
        verbose_name = _("remontée de terrain")
        verbose_name_plural = _("remontées de terrain")
        indexes = [
            # The visibility rule excludes these on every reader query: a tiny index answers it
            # instead of a scan of every testimony.
            models.Index(
                fields=["page_ptr"],
                condition=models.Q(consent_given=False),
                name="testimony_without_consent",
            )
        ]

    def visible_related_sheets(self):
        """The practice sheets that cite this testimony, taxonomy loaded."""
        return with_card_facets(visible_pages(self.related_sheets.all()))

    @property
    def consent_recorded(self):
        return bool(self.consent_given and self.consent_date)

    def save(self, *args, **kwargs):
        # Last line of defence for every publishing path (admin, workflow, scheduler, shell).
        if self.live and not self.consent_recorded:
            raise ValidationError(CONSENT_REQUIRED_MESSAGE)
        super().save(*args, **kwargs)
