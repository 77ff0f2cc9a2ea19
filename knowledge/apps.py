from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    label = "knowledge"
    verbose_name = _("Contenus de la Boussole")
    default_auto_field = "django.db.models.BigAutoField"
