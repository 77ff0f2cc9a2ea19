"""Rate limits for search (the expensive requests): the reader page, its suggestions and the API.

Counted per client address in the default cache, which settings make shared by every worker
process (a file cache on one machine, Redis across machines). The page and the API share one
budget; suggestions, sent while typing, have their own.
"""

import logging
import math

from django.conf import settings
from django.utils.translation import ngettext
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

logger = logging.getLogger(__name__)

DEFAULT_SEARCH_RATE = "60/min"
DEFAULT_SUGGEST_RATE = "240/min"


class SearchRateThrottle(SimpleRateThrottle):
    """The rate is read at each request (setting BOUSSOLE_API_SEARCH_RATE, e.g. "60/min")."""

    scope = "boussole_search"
    rate_setting, default_rate = "BOUSSOLE_API_SEARCH_RATE", DEFAULT_SEARCH_RATE

    def get_rate(self):
        return getattr(settings, self.rate_setting, self.default_rate)

    def get_ident(self, request):
        # X-Forwarded-For is trusted only when REST_FRAMEWORK["NUM_PROXIES"] says a proxy sets
        # it; otherwise a client could dodge the limit by inventing one.
        if api_settings.NUM_PROXIES is None:
            return request.META.get("REMOTE_ADDR", "")
        return super().get_ident(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request, view):
        # A cache that is down must not take search down with it: no limit until it is back.
        try:
            return super().allow_request(request, view)
        except Exception as error:
            logger.warning("Rate limit not applied, cache unavailable: %s", error)
            return True


class SuggestionRateThrottle(SearchRateThrottle):
    scope = "boussole_suggest"
    rate_setting, default_rate = "BOUSSOLE_SEARCH_SUGGEST_RATE", DEFAULT_SUGGEST_RATE


def seconds_to_wait(request, throttle_class):
    """For plain Django views: None when the request may go on, else the seconds to wait."""
    throttle = throttle_class()
    if throttle.allow_request(request, None):
        return None
    return max(1, math.ceil(throttle.wait() or 1))


def throttled_message(wait):
    seconds = max(1, math.ceil(wait or 1))
    return ngettext(
        "Trop de recherches en peu de temps. Merci de patienter %(seconds)d seconde avant de "
        "réessayer.",
        "Trop de recherches en peu de temps. Merci de patienter %(seconds)d secondes avant de "
        "réessayer.",
        seconds,
    ) % {"seconds": seconds}


def retry_after(wait):
    return str(max(1, math.ceil(wait or 1)))
