"""Reader feedback: « utile ? » votes and reports (« signaler une erreur… ») on reader pages.

Personal data is minimal: no IP address, no account, no cookie; a report holds its category,
an optional message and an optional e-mail address, and every row is deleted RETENTION_DAYS
after it was received (``Feedback.objects.purge_expired()``, run by
``manage.py boussole_purge_feedback``).
"""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long reports and votes are kept (stated to readers on the confirmation page).
RETENTION_DAYS = 365
# The longest message a reader may send.
MESSAGE_MAX_LENGTH = 2000


class Category(models.TextChoices):
    OUTDATED = "obsolete", _("Information obsolète")
    UNCLEAR = "a-preciser", _("À préciser")
    ERROR = "erreur", _("Erreur")
    FIELD_REPORT = "remontee", _("Je propose une remontée de terrain")
    OTHER = "autre", _("Autre")


class Status(models.TextChoices):
    NEW = "nouveau", _("Nouveau")
    IN_PROGRESS = "en-cours", _("En cours")
    DONE = "traite", _("Traité")


def retention_cutoff(now=None):
    return (now or timezone.now()) - datetime.timedelta(days=RETENTION_DAYS)


class FeedbackQuerySet(models.QuerySet):
    def expired(self, now=None):
        return self.filter(created_at__lt=retention_cutoff(now))

    def purge_expired(self, now=None):
        """Delete the rows received more than RETENTION_DAYS ago; returns how many."""
        with transaction.atomic():
            count, _details = self.expired(now).delete()
        return count


class Feedback(models.Model):
    """A reader's report on a page, handled in the admin inbox (nouveau → en cours → traité)."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="boussole_feedback",
    )
    category = models.CharField(_("catégorie"), max_length=16, choices=Category.choices)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH, blank=True)
    email = models.EmailField(_("adresse e-mail du lecteur"), blank=True)
    created_at = models.DateTimeField(_("reçu le"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("statut"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    answered_by_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("révision qui y répond"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Facultatif : la révision de la page qui a pris ce retour en compte."),
    )
    handled_at = models.DateTimeField(_("traité le"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("traité par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("retour de lecteur")
        verbose_name_plural = _("retours des lecteurs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_category_display()} — {self.page.title}"


class HelpfulVote(models.Model):
    """One answer to « Cette page vous a-t-elle été utile ? » (nothing about who answered)."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="boussole_votes",
    )
    helpful = models.BooleanField(_("utile"))
    created_at = models.DateTimeField(_("reçu le"), default=timezone.now, db_index=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("réponse « page utile ? »")
        verbose_name_plural = _("réponses « page utile ? »")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.page.title} : {'oui' if self.helpful else 'non'}"
