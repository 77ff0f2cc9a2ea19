"""The Boussole search index: our own tables, the same on every database engine.

One ``SearchDocument`` per visible item (page or live glossary term) with what a result shows
(title, place, type, url, date, plain text for excerpts); ``SearchFacet`` rows for fast facet
counts; ``SearchVocabulary`` (folded words and their stems) for typo tolerance and spelling
suggestions. The full-text part lives beside them, engine-specific (see ``search.engines``):
an FTS5 table on SQLite, a ``tsvector`` column with a GIN index on PostgreSQL.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    key = models.CharField(max_length=64, unique=True)  # "page:12", "glossary:3"
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    glossary_term = models.ForeignKey(
        "knowledge.GlossaryTerm",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    content_type = models.CharField(max_length=64)  # the "type" facet value, e.g. "fiche-pratique"
    type_label = models.CharField(max_length=120)
    title = models.CharField(max_length=255)
    title_folded = models.CharField(max_length=255, db_index=True)  # autocomplete
    place = models.CharField(max_length=1000, blank=True)
    url = models.CharField(max_length=1000)
    date = models.DateTimeField(null=True, blank=True, db_index=True)
    text = models.TextField(blank=True)  # plain text for highlighted excerpts

    class Meta:
        verbose_name = _("document indexé")
        verbose_name_plural = _("documents indexés")

    def __str__(self):
        return self.title


class SearchFacet(models.Model):
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=32)
    value = models.CharField(max_length=120)

    class Meta:
        indexes = [models.Index(fields=["facet", "value", "document"])]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "facet", "value"], name="search_facet_unique"
            )
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"


class SearchVocabulary(models.Model):
    word = models.CharField(max_length=100, unique=True)  # folded
    stem = models.CharField(max_length=100, db_index=True)
    frequency = models.PositiveIntegerField(default=1)  # documents containing it (at last count)

    def __str__(self):
        return self.word


class SearchIndexState(models.Model):
    """One row, given a new random token on every index change, so per-process caches know when
    to reload (a token, not a counter: a rolled-back transaction must never reuse a version)."""

    version = models.CharField(max_length=32, default="")

    def __str__(self):
        return self.version


class ZeroResultQuery(models.Model):
    """A query that returned nothing. No IP, no user: only the normalised text and filters."""

    query = models.CharField(_("recherche"), max_length=255)
    filters = models.CharField(_("filtres"), max_length=500, blank=True)
    count = models.PositiveIntegerField(_("nombre de fois"), default=1)
    first_seen = models.DateTimeField(_("première fois"), auto_now_add=True)
    last_seen = models.DateTimeField(_("dernière fois"), auto_now=True)
    handled = models.BooleanField(_("traitée"), default=False)
    handled_at = models.DateTimeField(_("traitée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("recherche sans résultat")
        verbose_name_plural = _("recherches sans résultat")
        constraints = [
            models.UniqueConstraint(fields=["query", "filters"], name="zero_result_unique")
        ]
        indexes = [models.Index(fields=["handled", "-count"])]

    def __str__(self):
        return self.query
