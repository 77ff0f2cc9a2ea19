"""French error answers of the API: every 4xx says what was wrong, in French, as {"message"}.

``api_exception_response(exc)`` turns the exceptions views raise (a bad parameter, an unknown
object, too many searches) into that answer; the endpoints' base mixin calls it.
"""

import re

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import status
from rest_framework.exceptions import NotFound, Throttled
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError

from search.throttling import retry_after, throttled_message

# Wagtail's own (English) messages, for the few checks we still delegate to it.
_WAGTAIL_MESSAGES = [
    (
        r"^fields error: (?P<detail>.*)$",
        gettext_lazy("Paramètre « fields » mal formé : %(detail)s."),
    ),
    (
        r"^unknown fields: (?P<detail>.*)$",
        gettext_lazy("Champ inconnu ou non public : %(detail)s."),
    ),
    (
        r"^'(?P<detail>.*)' does not support nested fields$",
        gettext_lazy("Le champ « %(detail)s » n'accepte pas de sous-champs."),
    ),
    (
        r"^(?P<detail>child_of|ancestor_of|descendant_of) must be a positive integer$",
        gettext_lazy("« %(detail)s » doit être l'identifiant numérique d'une page publiée."),
    ),
    (
        r"^(?P<detail>parent|descendant|ancestor) page doesn't exist$",
        gettext_lazy("La page indiquée n'existe pas ou n'est pas publiée."),
    ),
    (
        r"^filtering by descendant_of with child_of is not supported$",
        gettext_lazy("« descendant_of » et « child_of » ne peuvent pas être combinés."),
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
            return str(template) % {"detail": match.groupdict().get("detail", "")}
    return message


NOT_FOUND = "Ressource introuvable : elle n'existe pas ou n'est pas publiée."


def not_found_message():
    return _(NOT_FOUND)


def api_error(message, status_code):
    return Response({"message": message}, status=status_code)


def api_exception_response(exc):
    """The French answer to ``exc`` (400, 404 or 429 with Retry-After), or None."""
    if isinstance(exc, Http404 | NotFound):
        return api_error(not_found_message(), status.HTTP_404_NOT_FOUND)
    if isinstance(exc, BadRequestError):
        return api_error(french_message(str(exc)), status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Throttled):
        response = api_error(throttled_message(exc.wait), status.HTTP_429_TOO_MANY_REQUESTS)
        response["Retry-After"] = retry_after(exc.wait)
        return response
    return None
