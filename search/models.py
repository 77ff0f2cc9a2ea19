"""The Boussole search index: our own tables, the same on every database engine.

One ``SearchDocument`` per visible item (page or live glossary term) with what a result shows
(title, place, type, url, date, plain text for excerpts); ``SearchFacet`` rows for fast facet
counts; ``SearchVocabulary`` (folded words and their stems) for typo tolerance and spelling
suggestions. The full-text part lives beside them, engine-specific (see ``search.engines``):
an FTS5 table on SQLite, a ``tsvector`` column with a GIN index on PostgreSQL.
"""

import datetime
import json
import uuid

from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search import text


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

    @classmethod
    def current(cls):
        """The current version token ("" before the first indexing)."""
        # Raw SQL: read on every search by each per-process cache, so it must cost next to nothing.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT version FROM {cls._meta.db_table} WHERE id = 1")
            row = cursor.fetchone()
        return row[0] if row else ""

    @classmethod
    def bump(cls):
        token = uuid.uuid4().hex
        if not cls.objects.filter(pk=1).update(version=token):
            cls.objects.update_or_create(pk=1, defaults={"version": token})
        return token


class ZeroResultQuery(models.Model):
    """A query that returned nothing. No IP, no user: only the normalised text and filters."""

    NEW_PER_DAY = 200
    RETENTION_DAYS = 180

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
        indexes = [models.Index(fields=["handled", "-count"]), models.Index(fields=["first_seen"])]

    def __str__(self):
        return self.query

    @staticmethod
    def normalise(query):
        return " ".join(text.words(query))[:255]

    @classmethod
    def record(cls, query, filters):
        """Count a query that found nothing (normalised text and filters only: no personal data).

        Anonymous readers cannot grow the table without bound: at most ``NEW_PER_DAY`` new
        queries a day (known ones are still counted), and queries unseen for
        ``RETENTION_DAYS`` are deleted.
        """
        normalised = cls.normalise(query)
        if not normalised:
            return
        filters_key = (
            json.dumps(filters, sort_keys=True, ensure_ascii=False)[:500] if filters else ""
        )
        now = timezone.now()
        matching = cls.objects.filter(query=normalised, filters=filters_key)
        if matching.update(count=models.F("count") + 1, last_seen=now):
            return
        today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        if cls.objects.filter(first_seen__gte=today).count() >= cls.NEW_PER_DAY:
            return
        cls.objects.filter(last_seen__lt=now - datetime.timedelta(days=cls.RETENTION_DAYS)).delete()
        try:
            with transaction.atomic():
                cls.objects.create(query=normalised, filters=filters_key)
        except IntegrityError:  # created meanwhile by a concurrent request
            matching.update(count=models.F("count") + 1, last_seen=now)


class PendingIndexOperation(models.Model):
    """An index write the configured backend has not taken yet: queued with the content change,
    in its transaction, removed once the backend took it; still there when the backend failed
    (unreachable, timeout, error) or the process stopped before sending.

    Never dropped: ``boussole_search_index --catch-up`` (run by the scheduler) re-indexes each
    key from the content as it is then, and removes the row once the backend took it.
    """

    key = models.CharField(_("document"), max_length=64, unique=True)  # "page:12"
    queued_at = models.DateTimeField(_("en attente depuis"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("tentatives"), default=1)
    last_error = models.TextField(_("dernière erreur"), blank=True)

    class Meta:
        verbose_name = _("écriture d'index en attente")
        verbose_name_plural = _("écritures d'index en attente")

    def __str__(self):
        return self.key

    @classmethod
    def enqueue(cls, keys):
        """Queue ``keys`` before their write is sent (no attempt yet; a waiting key stays as is)."""
        cls.objects.bulk_create(
            [cls(key=key, attempts=0) for key in dict.fromkeys(keys)], ignore_conflicts=True
        )

    @classmethod
    def record(cls, keys, error):
        """Remember ``keys`` (idempotent: a key already waiting counts one more attempt)."""
        message = str(error)[:2000]
        for key in dict.fromkeys(keys):
            updated = cls.objects.filter(key=key).update(
                attempts=models.F("attempts") + 1, last_error=message
            )
            if not updated:
                cls.objects.get_or_create(key=key, defaults={"last_error": message})
