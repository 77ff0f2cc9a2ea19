from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    label = "feedback"
    verbose_name = _("Retours des lecteurs")
    default_auto_field = "django.db.models.BigAutoField"
    boussole_export_models = ["feedback.Feedback", "feedback.HelpfulVote"]  # see knowledge.transfer
