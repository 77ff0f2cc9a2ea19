"""The abstract base page and the field-group mixins every Boussole page type is built from."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from knowledge.facets import PROJECT_STEP, THEME, FacetField


class FreshnessMixin(models.Model):
    """Editorial freshness: when the content was last checked and when it must be re-read."""

    last_verified_at = models.DateField(_("dernière vérification"), null=True, blank=True)
    next_review_at = models.DateField(
        _("prochaine relecture"),
        null=True,
        blank=True,
        help_text=_("Par défaut, douze mois après la publication."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("last_verified_at"), FieldPanel("next_review_at")],
            heading=_("Fraîcheur du contenu"),
        )
    ]

    class Meta:
        abstract = True


class ClassificationMixin(models.Model):
    """Themes and project steps: the taxonomy shared by chapters, sheets and testimonies."""

    themes = ParentalManyToManyField(
        "knowledge.Theme", verbose_name=_("thématiques"), blank=True, related_name="+"
    )
    project_steps = ParentalManyToManyField(
        "knowledge.ProjectStep",
        verbose_name=_("étapes de projet"),
        blank=True,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("project_steps", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Classement"),
        )
    ]

    facet_fields = [FacetField(THEME, "themes"), FacetField(PROJECT_STEP, "project_steps")]

    class Meta:
        abstract = True


class BoussolePage(Page, FreshnessMixin):
    """Fields, panels, search and API declarations shared by every page of the Boussole."""

    summary = models.TextField(
        _("chapeau"),
        blank=True,
        help_text=_(
            "Deux ou trois phrases qui disent à qui s'adresse la page et ce qu'on y trouve."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    settings_panels = [*Page.settings_panels, *FreshnessMixin.panels]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.AutocompleteField("title"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("last_published_at"),
    ]

    # Content-type label shown to readers in listings and search results.
    reader_type_label = _("Page")
    # The stable "type" value of this page type in search and its facet; None: not indexed.
    search_type = None
    # The taxonomies readers filter this page type on (knowledge.facets), like search_fields.
    facet_fields = []
    # Listing-only filters on fixed choices (knowledge.filters.ChoiceFilter).
    listing_filters = []

    class Meta:
        abstract = True

    def facet_values(self):
        """Taxonomy slugs by facet key, derived from ``facet_fields`` (read by the indexer)."""
        return {field.facet.key: field.slugs(self) for field in self.facet_fields}

    @property
    def updated_on(self):
        return self.last_published_at.date() if self.last_published_at else None
