"""The reader forms: a report (category, message, e-mail) and the « utile ? » vote."""

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import MESSAGE_MAX_LENGTH, Category

# The honeypot: a field people never see (hidden by feedback.css, skipped by screen readers and
# the keyboard) that form-filling robots fill. A filled one is accepted silently, never stored.
HONEYPOT_FIELD = "site_web"


class HoneypotMixin(forms.Form):
    site_web = forms.CharField(
        label=_("Ne remplissez pas ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


class ReportForm(HoneypotMixin):
    category = forms.ChoiceField(
        label=_("De quoi s'agit-il ?"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez de quoi il s'agit (information obsolète, erreur…)."),
            "invalid_choice": _("Choisissez une des catégories proposées."),
        },
    )
    message = forms.CharField(
        label=_("Votre message (facultatif)"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("%(max)s caractères au plus. N'y indiquez pas d'informations personnelles.")
        % {"max": "2 000"},
        error_messages={
            "max_length": _(
                "Votre message est trop long : %(limit_value)s caractères au plus "
                "(il en compte %(show_value)s)."
            )
        },
    )
    email = forms.EmailField(
        label=_("Votre adresse e-mail (facultatif)"),
        required=False,
        help_text=_("Seulement si vous souhaitez une réponse."),
        error_messages={
            "invalid": _(
                "Cette adresse e-mail n'est pas valide : corrigez-la ou laissez le champ vide."
            )
        },
    )

    field_order = ["category", "message", "email", "site_web"]


class VoteForm(HoneypotMixin):
    utile = forms.ChoiceField(
        choices=[("oui", _("Oui")), ("non", _("Non"))],
        error_messages={"required": _("Répondez par oui ou par non.")},
    )

    @property
    def helpful(self):
        return self.cleaned_data["utile"] == "oui"
