"""Security: headers on every response (Content-Security-Policy through django-csp,
Permissions-Policy), the login lockout's backend and the page-password form's rate limit. The policy is strict everywhere (same origin only, no inline script or
style); Wagtail's admin ships inline scripts and styles of its own (date pickers, inline
panels), so only under the admin prefix are those allowed."""

import contextlib
import os

from axes.backends import AxesStandaloneBackend
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from wagtail.views import authenticate_with_password

from search.throttling import SearchRateThrottle, seconds_to_wait

ADMIN_PREFIX = "/admin/"
ADMIN_RELAXATIONS = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}


class BoussoleCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(ADMIN_PREFIX):
            parts.update = {**(parts.update or {}), **ADMIN_RELAXATIONS}
        return parts


class PermissionsPolicyMiddleware:
    """Sends ``settings.BOUSSOLE_PERMISSIONS_POLICY`` (no camera, microphone, geolocation…)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.BOUSSOLE_PERMISSIONS_POLICY)
        return response


class PagePasswordRateThrottle(SearchRateThrottle):
    scope = "boussole_page_password"
    rate_setting, default_rate = "BOUSSOLE_PAGE_PASSWORD_RATE", "10/min"


def throttled_authenticate_with_password(request, *args, **kwargs):
    """Wagtail's page-password form, with guesses limited per address (429 in French)."""
    if request.method == "POST":
        wait = seconds_to_wait(request, PagePasswordRateThrottle)
        if wait is not None:
            response = HttpResponse(
                _("Trop d'essais de mot de passe. Merci de patienter avant de réessayer."),
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = str(wait)
            return response
    return authenticate_with_password(request, *args, **kwargs)


class LoginLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout for logins over HTTP; a login without a request (shell, scripts)
    has no client address to count and goes straight to the next backend."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


SQLITE_FILE_MODE = 0o600


def restrict_sqlite_files(sender, connection, **kwargs):
    """The embedded database holds password hashes and sessions: readable by its owner only
    (the database file and its WAL companions, whatever the umask that created them)."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for path in (name, f"{name}-wal", f"{name}-shm"):
        with contextlib.suppress(FileNotFoundError):
            if os.stat(path).st_mode & 0o077:
                os.chmod(path, SQLITE_FILE_MODE)
