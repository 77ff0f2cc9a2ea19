"""Demo referents: every demo page without one gets a named member of the working group or of
the moderators, in turn (idempotent: a referent already chosen is kept)."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from knowledge.freshness import freshness_page_models
from knowledge.models import BoussolePage
from knowledge.models.base import REFERENT_CHOICES


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
            if not issubclass(model, BoussolePage) or not any(
                field.name == "referent" for field in model._meta.concrete_fields
            ):
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
            _("Responsables : %(count)d page(s) confiée(s) à un membre.") % {"count": assigned}
        )
    return assigned
