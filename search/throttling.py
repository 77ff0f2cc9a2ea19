"""Rate limit for the search endpoints (they are the expensive ones), with a French 429."""

import math

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.throttling import SimpleRateThrottle

DEFAULT_SEARCH_RATE = "60/min"


class SearchRateThrottle(SimpleRateThrottle):
    """Per client address, counted in the default cache. The rate is read at each request
    (setting BOUSSOLE_API_SEARCH_RATE, e.g. "60/min"), so tests and deployments can tune it."""

    scope = "boussole_search"

    def get_rate(self):
        return getattr(settings, "BOUSSOLE_API_SEARCH_RATE", DEFAULT_SEARCH_RATE)

    def get_ident(self, request):
        # X-Forwarded-For is trusted only when REST_FRAMEWORK["NUM_PROXIES"] says a proxy sets
        # it; otherwise a client could dodge the limit by inventing one.
        from rest_framework.settings import api_settings

        if api_settings.NUM_PROXIES is None:
            return request.META.get("REMOTE_ADDR", "")
        return super().get_ident(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def throttled_message(wait):
    seconds = max(1, math.ceil(wait or 1))
    return _(
        "Trop de recherches en peu de temps. Merci de patienter %(seconds)d seconde(s) "
        "avant de réessayer."
    ) % {"seconds": seconds}


def retry_after(wait):
    return str(max(1, math.ceil(wait or 1)))
