"""Production: every secret from the environment, unsafe values refused at start-up.

The variables are listed in `.env.example`; `manage.py check --deploy` is clean with them.
"""

from email.utils import parseaddr

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = False
# Keys that must never reach production (the development and test settings' own).
KNOWN_UNSAFE_KEYS = {"dev-only-not-secret", "test-only-not-secret"}
MIN_SECRET_KEY_LENGTH = 50


def _refuse(message):
    raise ImproperlyConfigured(message)


def _required(name, separator=None):
    """The variable's value (a list when `separator` is given); refuses to start without it."""
    raw = env.get(name, "")
    value = [part.strip() for part in raw.split(separator) if part.strip()] if separator else raw
    if not value or (not separator and not value.strip()):
        _refuse(f"La variable d'environnement {name} est obligatoire en production.")
    return value


def _flag(name, default):
    return env.get(name, default).strip().lower() in {"1", "true", "yes", "oui"}


SECRET_KEY = _required("SECRET_KEY")
if (
    SECRET_KEY in KNOWN_UNSAFE_KEYS
    or SECRET_KEY.startswith("django-insecure")
    or len(SECRET_KEY) < MIN_SECRET_KEY_LENGTH
    or len(set(SECRET_KEY)) < 5
):
    _refuse(
        "SECRET_KEY n'est pas sûre : il faut une clé aléatoire d'au moins "
        f"{MIN_SECRET_KEY_LENGTH} caractères, propre à ce site (par exemple : python -c "
        '"import secrets; print(secrets.token_urlsafe(64))").'
    )
ALLOWED_HOSTS = _required("ALLOWED_HOSTS", separator=",")
if "*" in ALLOWED_HOSTS:
    _refuse("ALLOWED_HOSTS=* est refusé en production : donnez les noms de domaine du site.")
CSRF_TRUSTED_ORIGINS = [
    origin.strip() for origin in env.get("CSRF_TRUSTED_ORIGINS", "").split(",") if origin.strip()
]

STATIC_ROOT = env.get("STATIC_ROOT", str(VAR_DIR / "static"))
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# HTTPS: each setting on its own, so letting the proxy redirect never drops Secure cookies.
SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT", "true")
SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # load balancers and container checks speak plain HTTP
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _flag("BOUSSOLE_SECURE_COOKIES", "true")
SECURE_HSTS_SECONDS = int(env.get("BOUSSOLE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("BOUSSOLE_HSTS_INCLUDE_SUBDOMAINS", "true")
SECURE_HSTS_PRELOAD = _flag("BOUSSOLE_HSTS_PRELOAD", "false")
# Trust X-Forwarded-Proto only when a proxy that sets it (and strips the client's) is in front.
if _flag("BOUSSOLE_BEHIND_PROXY", "false"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = False
    # Client addresses (rate limits, login lockout) are read behind that many proxies.
    REST_FRAMEWORK = {"NUM_PROXIES": int(env.get("BOUSSOLE_NUM_PROXIES", "1"))}
    AXES_IPWARE_PROXY_COUNT = REST_FRAMEWORK["NUM_PROXIES"]

# Error reports: to ADMINS by e-mail ("Nom <adresse>" separated by commas), so the 500 page's
# promise that the team is told holds.
ADMINS = [parseaddr(part) for part in env.get("BOUSSOLE_ADMINS", "").split(",") if part.strip()]
SERVER_EMAIL = env.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405
LOGGING["handlers"]["mail_admins"] = {  # noqa: F405
    "class": "django.utils.log.AdminEmailHandler",
    "level": "ERROR",
}
LOGGING["loggers"] = {  # noqa: F405
    "django.request": {"handlers": ["console", "mail_admins"], "level": "ERROR", "propagate": False}
}

if env.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env["EMAIL_HOST"]
    EMAIL_PORT = int(env.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _flag("EMAIL_USE_TLS", "true")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Optional: error tracking with Sentry when its DSN is given (sentry-sdk installed separately).
if env.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(dsn=env["SENTRY_DSN"], send_default_pii=False, traces_sample_rate=0.0)
