"""Query-string filter forms for the reader listings: shareable URLs, clear errors on bad values."""

from django import forms
from django.utils.translation import gettext_lazy as _

from knowledge.models import (
    Audience,
    Dispositif,
    ProjectStep,
    Seniority,
    Territory,
    Theme,
)

INVALID_CHOICE = _("« %(value)s » n'est pas une valeur connue pour ce filtre.")


def slug_choice_field(model, label):
    return forms.ModelMultipleChoiceField(
        queryset=model.objects.all(),
        to_field_name="slug",
        required=False,
        label=label,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": INVALID_CHOICE,
            "invalid_pk_value": INVALID_CHOICE,
        },
    )


class ListingFilterForm(forms.Form):
    """Base form; `lookups` maps each field to the ORM lookup it filters on."""

    lookups = {}

    def filter(self, queryset):
        for name, lookup in self.lookups.items():
            values = self.cleaned_data.get(name)
            if values:
                queryset = queryset.filter(**{f"{lookup}__in": values})
        return queryset.distinct()

    def active_filters(self):
        """The selected filters, for the "active filters" summary: one dict per selected value.

        `name`/`value` are the query-string pair, so a template can offer to remove just that one.
        """
        active = []
        for name, field in self.fields.items():
            for value in self.cleaned_data.get(name) or []:
                if isinstance(value, str):
                    raw, label = value, dict(field.choices).get(value, value)
                else:
                    raw, label = value.slug, str(value)
                active.append({"name": name, "value": raw, "field": field.label, "label": label})
        return active


class PracticeSheetFilterForm(ListingFilterForm):
    theme = slug_choice_field(Theme, _("Thématique"))
    dispositif = slug_choice_field(Dispositif, _("Dispositif"))
    audience = slug_choice_field(Audience, _("Public"))
    etape = slug_choice_field(ProjectStep, _("Étape de projet"))

    lookups = {
        "theme": "themes",
        "dispositif": "dispositifs",
        "audience": "audiences",
        "etape": "project_steps",
    }


class TestimonyFilterForm(ListingFilterForm):
    theme = slug_choice_field(Theme, _("Thématique"))
    dispositif = slug_choice_field(Dispositif, _("Dispositif"))
    departement = slug_choice_field(Territory, _("Département"))
    anciennete = forms.MultipleChoiceField(
        choices=Seniority.choices,
        required=False,
        label=_("Ancienneté dans le poste"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    lookups = {
        "theme": "themes",
        "dispositif": "dispositif",
        "departement": "territory",
        "anciennete": "seniority",
    }
