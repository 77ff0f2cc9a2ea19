"""The glossary: moderated like pages (drafts, revisions, locking, workflow)."""

import unicodedata

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from knowledge.serializers import VisibleGlossaryTermsField


class GlossaryTermQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class GlossaryTerm(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    term = models.CharField(_("terme"), max_length=200, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=200, unique=True, blank=True)
    acronym = models.CharField(
        _("sigle"),
        max_length=30,
        blank=True,
        help_text=_("Par exemple « CLSM » pour « Conseil local de santé mentale »."),
    )
    definition = RichTextField(_("définition"), features=["bold", "italic", "link", "ul"])
    see_also = ParentalManyToManyField(
        "self", verbose_name=_("voir aussi"), blank=True, symmetrical=False
    )

    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="glossary_term",
        for_concrete_model=False,
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="glossary_term",
        for_concrete_model=False,
    )

    objects = GlossaryTermQuerySet.as_manager()

    panels = [
        FieldPanel("term"),
        FieldPanel("acronym"),
        FieldPanel("definition"),
        FieldPanel("see_also"),
        FieldPanel("slug"),
    ]
    search_fields = [
        index.SearchField("term", boost=3),
        index.SearchField("acronym", boost=3),
        index.SearchField("definition"),
        index.AutocompleteField("term"),
        index.AutocompleteField("acronym"),
        index.FilterField("live"),
    ]
    api_fields = [
        "term",
        "acronym",
        "slug",
        "definition",
        APIField("see_also", serializer=VisibleGlossaryTermsField()),
    ]

    class Meta:
        verbose_name = _("terme du glossaire")
        verbose_name_plural = _("glossaire")
        ordering = ["term"]

    def __str__(self):
        return f"{self.acronym} — {self.term}" if self.acronym else self.term

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.acronym or self.term)[:200]
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)

    @property
    def letter(self):
        """The A–Z index letter, accents folded (« École » files under E)."""
        # NFKD splits a letter from its accent; the base letter comes first.
        first = unicodedata.normalize("NFKD", (self.acronym or self.term)[:1])[:1].upper()
        return first if first.isalpha() else "#"

    @property
    def reader_url(self):
        """Where a reader finds the term: its own page (/glossaire/<slug>/)."""
        return reverse("knowledge:glossary_term", args=[self.slug])

    def get_preview_template(self, request, mode_name):
        return "knowledge/glossary_term_preview.html"
