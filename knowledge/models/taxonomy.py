"""Taxonomy snippets shared by every content type: they power listing filters and search facets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.search import index

from knowledge.serializers import ReaderLabelField


class TaxonomyQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class TaxonomyTerm(index.Indexed, models.Model):
    """A labelled term with a stable slug: the slug is the natural key used in URLs and the API."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    objects = TaxonomyQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    # ``label``: what readers see everywhere (listings, facets, pills), also in the API.
    api_fields = ["name", "slug", APIField("label", serializer=ReaderLabelField())]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def label(self):
        return str(self)

    def natural_key(self):
        return (self.slug,)


class Theme(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")


class Dispositif(TaxonomyTerm):
    acronym = models.CharField(_("sigle"), max_length=20, blank=True)

    panels = [FieldPanel("acronym"), *TaxonomyTerm.panels]
    api_fields = [*TaxonomyTerm.api_fields, "acronym"]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("dispositif")
        verbose_name_plural = _("dispositifs")

    def __str__(self):
        return self.acronym or self.name


class Territory(TaxonomyTerm):
    code = models.CharField(
        _("code"), max_length=10, unique=True, help_text=_("Numéro du département, ou « IDF ».")
    )

    panels = [FieldPanel("code"), *TaxonomyTerm.panels]
    api_fields = [*TaxonomyTerm.api_fields, "code"]

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})" if self.code.isdigit() else self.name


class Audience(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("public")
        verbose_name_plural = _("publics")


class ProjectStep(TaxonomyTerm):
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    panels = [*TaxonomyTerm.panels, FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("étape de projet")
        verbose_name_plural = _("étapes de projet")
        ordering = ["sort_order", "name"]
