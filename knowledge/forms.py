from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

CONSENT_REQUIRED_MESSAGE = _(
    "Impossible de publier ou de soumettre cette remontée de terrain : le consentement de la "
    "personne citée n'est pas enregistré. Cochez « consentement recueilli » et indiquez sa date."
)

CONSENT_WITHDRAWN_WHILE_LIVE_MESSAGE = _(
    "Cette remontée de terrain est en ligne : pour enregistrer le retrait du consentement, "
    "dépubliez-la d'abord (menu « Dépublier »), puis décochez « consentement recueilli » et "
    "enregistrez. Rien n'a été modifié."
)

# The submit buttons of Wagtail 8's page editor (wagtail/admin/action_menu.py) that move a
# testimony towards readers: publish, submit/resubmit to the workflow, restart the workflow.
OUTWARD_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


class TestimonyPageForm(WagtailAdminPageForm):
    """Refuses to publish, submit or approve a testimony whose consent is not recorded.

    Saving a draft and requesting changes stay possible: they keep the testimony away from
    readers. On a live testimony, withdrawing consent is refused with a message telling how
    (unpublish first): the form comes back, never an error page, and nothing is saved.
    """

    def wants_out(self):
        if any(key in self.data for key in OUTWARD_ACTIONS):
            return True
        # "Approve" from the editor posts action-workflow-action + workflow-action-name.
        return (
            "action-workflow-action" in self.data
            and self.data.get("workflow-action-name") == "approve"
        )

    def clean(self):
        cleaned_data = super().clean()
        consent_recorded = cleaned_data.get("consent_given") and cleaned_data.get("consent_date")
        if self.wants_out() and not consent_recorded:
            self.add_error("consent_given", CONSENT_REQUIRED_MESSAGE)
        elif self.instance.live and not consent_recorded:
            self.add_error("consent_given", CONSENT_WITHDRAWN_WHILE_LIVE_MESSAGE)
        return cleaned_data
