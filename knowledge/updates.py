"""Update notes: a publication's « note de mise à jour » becomes a public PageUpdate.

Guarantees: a publication whose revision carries a non-empty note creates exactly one
PageUpdate (page, revision, publication time, note), even if the signal is sent twice; the
note is then emptied on the live row and in that revision (and in a newer draft that still
carries the same note), so the next publication starts without one and never repeats it; a
scheduled revision that is not live yet, an alias, or a page without the field create nothing.
"""

from wagtail.models import Page
from wagtail.signals import page_published

from knowledge.models import BoussolePage, PageUpdate


def record_update_note(sender, instance, revision=None, **kwargs):
    if kwargs.get("alias") or not isinstance(instance, BoussolePage):
        return
    note = (instance.update_note or "").strip()
    if not note or revision is None or not instance.live:
        return
    if instance.live_revision_id != revision.pk:
        return  # scheduled for later: recorded when it goes live
    PageUpdate.objects.get_or_create(
        revision=revision,
        defaults={"page_id": instance.pk, "published_at": instance.last_published_at, "note": note},
    )
    type(instance).objects.filter(pk=instance.pk).update(update_note="")
    instance.update_note = ""
    revisions = [revision]
    latest = Page.objects.filter(pk=instance.pk).values_list("latest_revision", flat=True).first()
    if latest and latest != revision.pk:
        revisions += list(instance.revisions.filter(pk=latest))
    for rev in revisions:
        if (rev.content.get("update_note") or "").strip() == note:
            # Updating the dict in place also reaches the aliases Wagtail syncs after this signal.
            rev.content["update_note"] = ""
            rev.save(update_fields=["content"])


def connect_signals():
    page_published.connect(record_update_note, dispatch_uid="boussole_record_update_note")
