"""Settings shared by every environment. Environment-specific files override them."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("BOUSSOLE_VAR_DIR", BASE_DIR / "var"))

env = os.environ

INSTALLED_APPS = [
    "home",
    "cms",
    "knowledge",
    "feedback",
    "parcours",
    "search",
    "api",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.resilience.DatabaseUnavailableMiddleware",
    # One transaction per writing request (cms/transactions.py explains why not per request).
    "cms.transactions.AtomicWritesMiddleware",
    "cms.security.BoussoleCSPMiddleware",
    "cms.security.PermissionsPolicyMiddleware",
    # ETag from the content and 304s for every page (Last-Modified set by the page views).
    "django.middleware.http.ConditionalGetMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Anonymous readers' pages from the shared cache (knowledge/page_cache.py).
    "knowledge.page_cache.ReaderPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its French refusal page.
    "axes.middleware.AxesMiddleware",
]

# Security headers (cms/security.py): same-origin only, no inline script anywhere but the admin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
BOUSSOLE_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Login throttling (django-axes): after 5 failures for a username from one address, 15 minutes
# of refusal with a French page; the page-password form has its own limit (cms/security.py).
AUTHENTICATION_BACKENDS = [
    "cms.security.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env.get("BOUSSOLE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(env.get("BOUSSOLE_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_RESET_ON_SUCCESS = True

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# SQLite is the embedded default; DATABASE_URL (e.g. postgres://…) switches engine.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'boussole.sqlite3'}",
        conn_max_age=int(env.get("DATABASE_CONN_MAX_AGE", "60")),
        # A connection the server dropped (restart) is replaced, not served as a 500.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait for the lock (busy timeout) instead of failing at once, and take it
    # at the start of the transaction (IMMEDIATE) so a reader never has to upgrade; WAL lets
    # readers go on while one request writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français"))]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
# Filled by collectstatic in production; dev and tests serve from the finders instead.
STATIC_ROOT = env.get("STATIC_ROOT") or None
STATIC_URL = "/static/"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Long chapters with many StreamField blocks exceed Django's default of 1000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Wagtail
WAGTAIL_SITE_NAME = "La Boussole"
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]
# No outside host is reachable and readers' privacy matters: no gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_FINDERS = []  # no outside host is reachable: embeds are off
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

WAGTAIL_RICHTEXT_FIELD_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
]

WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}

EMAIL_SUBJECT_PREFIX = "[La Boussole] "
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "La Boussole <boussole@localhost>")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Editorial workflow (knowledge/workflows.py explains the choices).
WAGTAIL_WORKFLOW_ENABLED = True
# An approval only covers the revision it was given on: any edit during review is re-read.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# A moderator publishing directly closes the review in progress.
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
WAGTAILADMIN_COMMENTS_ENABLED = True
# Plain-text French e-mails (knowledge/templates/knowledge/emails/); superusers are not
# reviewers, so they are not copied on every submission.
WAGTAILADMIN_NOTIFICATION_USE_HTML = False
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# Demo accounts (knowledge/demo/accounts.py) are only ever created where this is True (dev).
BOUSSOLE_DEMO_ACCOUNTS = False

# Headless API (the api app): read-only, anonymous, CORS for listed origins.
CORS_ALLOWED_ORIGINS = [
    origin.strip()
    for origin in env.get("BOUSSOLE_CORS_ALLOWED_ORIGINS", "").split(",")
    if origin.strip()
]
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_RICH_TEXT_FORMAT = "html"  # public URLs in rich text, not Wagtail's internal ids
BOUSSOLE_API_SEARCH_RATE = env.get("BOUSSOLE_API_SEARCH_RATE", "60/min")
BOUSSOLE_SEARCH_SUGGEST_RATE = env.get("BOUSSOLE_SEARCH_SUGGEST_RATE", "240/min")
BOUSSOLE_API_CACHE_SECONDS = int(env.get("BOUSSOLE_API_CACHE_SECONDS", "60"))
# Anonymous readers' pages kept in the shared cache (0: off); any content change invalidates.
BOUSSOLE_PAGE_CACHE_SECONDS = int(env.get("BOUSSOLE_PAGE_CACHE_SECONDS", "3600"))

# Reader search backend (search/backends/): the database by default; an OpenSearch cluster
# with BOUSSOLE_SEARCH_BACKEND=opensearch. The database index is kept either way (fallback).
_SEARCH_BACKENDS = {
    "database": "search.backends.database.DatabaseSearchBackend",
    "opensearch": "search.backends.opensearch.OpenSearchBackend",
}
_search_backend = env.get("BOUSSOLE_SEARCH_BACKEND", "database")
if _search_backend not in _SEARCH_BACKENDS:
    raise ImproperlyConfigured(
        f"BOUSSOLE_SEARCH_BACKEND={_search_backend!r} : valeurs possibles "
        + ", ".join(_SEARCH_BACKENDS)
    )
BOUSSOLE_SEARCH = {"BACKEND": _SEARCH_BACKENDS[_search_backend]}
if _search_backend == "opensearch":
    BOUSSOLE_SEARCH.update(
        {
            "URLS": [
                url.strip()
                for url in env.get("BOUSSOLE_SEARCH_URL", "http://127.0.0.1:9201").split(",")
                if url.strip()
            ],
            "INDEX_PREFIX": env.get("BOUSSOLE_SEARCH_INDEX_PREFIX", "boussole"),
            "USERNAME": env.get("BOUSSOLE_SEARCH_USERNAME", ""),
            "PASSWORD": env.get("BOUSSOLE_SEARCH_PASSWORD", ""),
            "VERIFY_CERTS": env.get("BOUSSOLE_SEARCH_VERIFY_CERTS", "true").lower() == "true",
            "CA_CERTS": env.get("BOUSSOLE_SEARCH_CA_CERTS", ""),
            "TIMEOUT": float(env.get("BOUSSOLE_SEARCH_TIMEOUT", "2")),
        }
    )

# The default cache is shared by every worker process (search rate limits): Redis when
# REDIS_URL is set, else a file cache on this machine.
if env.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "WARNING")},
}
