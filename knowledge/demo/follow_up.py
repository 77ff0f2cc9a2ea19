"""Demo editorial follow-up, after the demo accounts exist (idempotent, natural keys = slugs):

- every demo page without a referent gets a named member of the working group or of the
  moderators, in turn (a referent already chosen is kept);
- a few pages are republished with a public « note de mise à jour » (the real path: a revision
  carrying the note, published), one of them left 45 days past its review date so readers see
  the stale notice; a page that already has an update note is left as it is.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from knowledge.freshness import freshness_page_models
from knowledge.models import BoussolePage, GuideChapterPage, PageUpdate, PracticeSheetPage
from knowledge.models.base import REFERENT_CHOICES

# (model, slug, note, days past the review date or None)
DEMO_UPDATES = [
    (
        PracticeSheetPage,
        "conduire-un-diagnostic-local-de-sante",
        "Ajout des sources de données de l'Observatoire régional de santé.",
        None,
    ),
    (
        GuideChapterPage,
        "comprendre-les-dispositifs",
        "Précisions sur le renouvellement des contrats locaux de santé.",
        None,
    ),
    (
        PracticeSheetPage,
        "renouveler-un-cls",
        "Calendrier de l'agence régionale de santé mis à jour.",
        45,
    ),
]


def assign_demo_follow_up(stdout=None):
    assign_demo_referents(stdout)
    add_demo_update_notes(stdout)


def _has_referent_field(model):
    return any(field.name == "referent" for field in model._meta.concrete_fields)


def assign_demo_referents(stdout=None):
    members = list(
        get_user_model().objects.filter(REFERENT_CHOICES).distinct().order_by("username")
    )
    if not members:
        if stdout:
            stdout.write(
                _("Responsables : aucun membre du groupe de travail, pages laissées sans.")
            )
        return 0
    assigned = 0
    with transaction.atomic():
        for model in freshness_page_models():
            if not issubclass(model, BoussolePage) or not _has_referent_field(model):
                continue
            for page in model.objects.filter(referent__isnull=True).order_by("path"):
                referent = members[assigned % len(members)]
                # The live row and every revision: the editor and readers agree on who follows it.
                model.objects.filter(pk=page.pk).update(referent=referent)
                for revision in page.revisions.all():
                    if not revision.content.get("referent"):
                        revision.content["referent"] = referent.pk
                        revision.save(update_fields=["content"])
                assigned += 1
    if stdout:
        stdout.write(
            ngettext(
                "Responsables : %(count)d page confiée à un membre.",
                "Responsables : %(count)d pages confiées à un membre.",
                assigned,
            )
            % {"count": assigned}
        )
    return assigned


def add_demo_update_notes(stdout=None):
    today = timezone.localdate()
    created = 0
    with transaction.atomic():
        for model, slug, note, overdue_days in DEMO_UPDATES:
            page = model.objects.live().filter(slug=slug).first()
            if page is None or PageUpdate.objects.filter(page=page).exists():
                continue
            page = page.get_latest_revision_as_object() if page.latest_revision_id else page
            page.update_note = note
            if overdue_days is not None:
                page.next_review_at = today - datetime.timedelta(days=overdue_days)
                page.last_verified_at = page.next_review_at - datetime.timedelta(days=365)
            page.save_revision().publish()
            created += 1
    if stdout:
        stdout.write(
            ngettext(
                "Notes de mise à jour : %(count)d publiée.",
                "Notes de mise à jour : %(count)d publiées.",
                created,
            )
            % {"count": created}
        )
    return created
