"""Public update notes: one row per published revision that carried a « note de mise à jour »."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageUpdateQuerySet(models.QuerySet):
    def of_pages(self, pages):
        """Notes of ``pages`` (a queryset: one query whatever its size), newest first."""
        return self.filter(page__in=pages).order_by("-published_at", "-pk")


class PageUpdate(models.Model):
    """What changed for readers in one publication of a page (written by knowledge.updates).

    The note is typed in the editor (``BoussolePage.update_note``), kept in the published
    revision, copied here on publication and emptied on the page, so the next publication starts
    without one. Only published revisions have a row: readers see nothing of drafts.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="boussole_updates",
    )
    revision = models.OneToOneField(
        "wagtailcore.Revision",
        verbose_name=_("révision publiée"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="boussole_update",
    )
    published_at = models.DateTimeField(_("publiée le"), db_index=True)
    note = models.CharField(_("note de mise à jour"), max_length=300)

    objects = PageUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("note de mise à jour")
        verbose_name_plural = _("notes de mise à jour")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.note
