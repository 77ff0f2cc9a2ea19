from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

CONSENT_REQUIRED_MESSAGE = _(
    "Impossible de publier ou de soumettre cette remontée de terrain : le consentement de la "
    "personne citée n'est pas enregistré. Cochez « consentement recueilli » et indiquez sa date."
)


class TestimonyPageForm(WagtailAdminPageForm):
    """Refuses to publish or submit a testimony whose consent is not recorded; drafts are fine."""

    def clean(self):
        cleaned_data = super().clean()
        wants_out = any(
            key in self.data
            for key in ("action-publish", "action-submit", "action-workflow-action")
        )
        consent_recorded = cleaned_data.get("consent_given") and cleaned_data.get("consent_date")
        if wants_out and not consent_recorded:
            self.add_error("consent_given", CONSENT_REQUIRED_MESSAGE)
        return cleaned_data
