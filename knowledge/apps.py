from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    label = "knowledge"
    verbose_name = _("Contenus de la Boussole")
    default_auto_field = "django.db.models.BigAutoField"
    boussole_export_models = ["knowledge.PageUpdate"]  # in the archive: knowledge.transfer

    def ready(self):
        # Signal receivers must be connected in every process (web, publish_scheduled, tasks),
        # not only once the admin has loaded wagtail_hooks.
        from knowledge import admin_search, content_version, freshness, notifications, updates

        admin_search.connect_signals()
        content_version.connect_signals()
        freshness.connect_signals()
        updates.connect_signals()
        # Before wagtail.admin's ready(): our French notifiers take Wagtail's dispatch_uids.
        notifications.connect_signals()
