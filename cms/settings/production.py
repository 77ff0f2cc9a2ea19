from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = False


def _required(name, separator=None):
    """The variable's value (a list when `separator` is given); refuses to start without it."""
    raw = env.get(name, "")
    value = [part.strip() for part in raw.split(separator) if part.strip()] if separator else raw
    if not value or (not separator and not value.strip()):
        raise ImproperlyConfigured(
            f"La variable d'environnement {name} est obligatoire en production."
        )
    return value


SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = _required("ALLOWED_HOSTS", separator=",")
CSRF_TRUSTED_ORIGINS = [
    origin.strip() for origin in env.get("CSRF_TRUSTED_ORIGINS", "").split(",") if origin.strip()
]

STATIC_ROOT = env.get("STATIC_ROOT", str(VAR_DIR / "static"))
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
SECURE_CONTENT_TYPE_NOSNIFF = True

if env.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env["EMAIL_HOST"]
    EMAIL_PORT = int(env.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env.get("EMAIL_USE_TLS", "true").lower() == "true"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
