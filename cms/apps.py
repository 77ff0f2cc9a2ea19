from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Configuration du site")

    def ready(self):
        from django.db.backends.signals import connection_created

        from cms.security import restrict_sqlite_files

        connection_created.connect(restrict_sqlite_files, dispatch_uid="boussole_sqlite_mode")
