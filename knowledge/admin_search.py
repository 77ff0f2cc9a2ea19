"""Wagtail's own search index (the admin's page search; readers search through the search app)
updated once per page and transaction, after commit. Wagtail would update it on every save of
the page row: twice per publication, inside the publishing transaction, for an index readers
never read. Page types opt in with ``search_auto_update = False`` (``BoussolePage`` does)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from modelsearch import index
from wagtail.models import get_page_models


def _update_after_commit(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures being loaded
        return
    key = (type(instance), instance.pk)
    connection = transaction.get_connection()
    # Already due for this transaction (Django drops the entry if the transaction rolls back).
    if any(
        getattr(func, "admin_index_key", None) == key for *_, func, _ in connection.run_on_commit
    ):
        return

    def update():
        page = type(instance).objects.filter(pk=instance.pk).first()
        if page is not None:  # deleted since: its post_delete removed it
            index.insert_or_update_object(page)

    update.admin_index_key = key
    transaction.on_commit(update, robust=True)


def _remove(sender, instance, **kwargs):
    index.remove_object(instance)


def connect_signals():
    for model in get_page_models():
        if getattr(model, "search_auto_update", True) or model._meta.abstract:
            continue
        uid = f"boussole_admin_index_{model._meta.label_lower}"
        post_save.connect(_update_after_commit, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(_remove, sender=model, dispatch_uid=f"{uid}_deleted")
