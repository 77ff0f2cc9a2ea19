"""The per-address limit on feedback sent, shared by every worker process.

Counted in the default cache (Redis in production, a file cache on one machine), in fixed
windows. The key holds a keyed hash of the client address, never the address itself, and
expires with its window; nothing about the sender reaches the database. When the cache is down
the limit is not applied (logged): a reader's report matters more than a spam guard.
"""

import hashlib
import hmac
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger(__name__)

DEFAULT_FEEDBACK_RATE = "10/h"
PERIODS = {"s": 1, "min": 60, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """ "10/h" → (10, 3600)."""
    try:
        count, period = rate.split("/")
        return int(count), PERIODS[period]
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(f"BOUSSOLE_FEEDBACK_RATE invalide : {rate!r}") from error


def client_address(request):
    # X-Forwarded-For only when settings say a proxy sets it (same rule as search/throttling).
    if api_settings.NUM_PROXIES is None:
        return request.META.get("REMOTE_ADDR", "")
    return BaseThrottle().get_ident(request)


def _key(request, window):
    digest = hmac.new(
        settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256
    ).hexdigest()[:32]
    return f"boussole:feedback:{digest}:{window}"


def seconds_to_wait(request):
    """Counts one submission from this address: None when allowed, else the seconds to wait."""
    limit, period = parse_rate(getattr(settings, "BOUSSOLE_FEEDBACK_RATE", DEFAULT_FEEDBACK_RATE))
    now = time.time()
    window = int(now // period)
    key = _key(request, window)
    try:
        cache.add(key, 0, period)
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        count = 1
    except Exception as error:
        logger.warning("Feedback rate limit not applied, cache unavailable: %s", error)
        return None
    if count <= limit:
        return None
    return max(1, math.ceil((window + 1) * period - now))


def seconds_to_wait_hint(request):
    """The seconds left in the current window, without counting anything (Retry-After)."""
    _limit, period = parse_rate(getattr(settings, "BOUSSOLE_FEEDBACK_RATE", DEFAULT_FEEDBACK_RATE))
    now = time.time()
    return max(1, math.ceil((int(now // period) + 1) * period - now))
