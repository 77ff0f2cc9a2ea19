"""French error messages for the API: every 4xx says what was wrong, in French, as {"message"}."""

import re

from django.utils.translation import gettext as _
from wagtail.api.v2.utils import BadRequestError

# Wagtail's own (English) messages, for the few checks we still delegate to it.
_WAGTAIL_MESSAGES = [
    (r"^fields error: (?P<detail>.*)$", "Paramètre « fields » mal formé : %(detail)s."),
    (r"^unknown fields: (?P<detail>.*)$", "Champ inconnu ou non public : %(detail)s."),
    (
        r"^'(?P<detail>.*)' does not support nested fields$",
        "Le champ « %(detail)s » n'accepte pas de sous-champs.",
    ),
    (
        r"^(?P<detail>child_of|ancestor_of|descendant_of) must be a positive integer$",
        "« %(detail)s » doit être l'identifiant numérique d'une page publiée.",
    ),
    (
        r"^(?P<detail>parent|descendant|ancestor) page doesn't exist$",
        "La page indiquée n'existe pas ou n'est pas publiée.",
    ),
    (
        r"^filtering by descendant_of with child_of is not supported$",
        "« descendant_of » et « child_of » ne peuvent pas être combinés.",
    ),
]


def bad_request(message, **params):
    """A BadRequestError carrying an already-translated message."""
    return BadRequestError(message % params if params else message)


def french_message(message):
    """Translate one of Wagtail's English 400 messages; ours are already French."""
    for pattern, template in _WAGTAIL_MESSAGES:
        match = re.match(pattern, message)
        if match:
            return _(template) % {"detail": match.groupdict().get("detail", "")}
    return message


NOT_FOUND = "Ressource introuvable : elle n'existe pas ou n'est pas publiée."


def not_found_message():
    return _(NOT_FOUND)
