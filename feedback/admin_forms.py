"""The inbox's edit form: status, and the page revision that answered the report."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Page, Revision

from feedback.models import Status

REVISION_NEEDS_DONE_MESSAGE = gettext_lazy(
    "Une révision ne peut être liée qu'à un retour « traité » : choisissez ce statut ou retirez "
    "la révision."
)


class RevisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        created = timezone.localtime(obj.created_at).strftime("%d/%m/%Y %H:%M")
        author = obj.user.get_full_name().strip() or obj.user.get_username() if obj.user else ""
        label = _("Révision du %(date)s") % {"date": created}
        if author:
            label += " — " + author
        if obj.pk == getattr(self, "live_revision_id", None):
            label += " " + _("(en ligne)")
        return label


def page_revisions(page_id):
    """The revisions of one page, newest first (a page's revisions are keyed by its base type)."""
    return (
        Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page), object_id=str(page_id)
        )
        .select_related("user")
        .order_by("-created_at", "-pk")
    )


class FeedbackAdminForm(WagtailAdminModelForm):
    """Guarantees: the revision can only be one of the feedback's own page; a revision is linked
    only to a « traité » report; moving to « traité » records who and when, leaving it clears
    them."""

    class Meta:
        field_classes = {"answered_by_revision": RevisionChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("answered_by_revision")
        if field is not None:
            page_id = self.instance.page_id
            field.queryset = page_revisions(page_id) if page_id else Revision.objects.none()
            field.live_revision_id = (
                Page.objects.filter(pk=page_id).values_list("live_revision", flat=True).first()
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answered_by_revision") and cleaned.get("status") != Status.DONE:
            self.add_error("answered_by_revision", REVISION_NEEDS_DONE_MESSAGE)
        return cleaned

    def save(self, commit=True):
        feedback = self.instance
        if feedback.status == Status.DONE:
            if feedback.handled_at is None:
                feedback.handled_at = timezone.now()
                feedback.handled_by = self.for_user
        else:
            feedback.handled_at = None
            feedback.handled_by = None
        return super().save(commit=commit)
