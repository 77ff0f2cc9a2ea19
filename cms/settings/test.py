from .base import *  # noqa: F403
from .base import BOUSSOLE_SEARCH, env

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# pytest-django creates test databases; SQLite runs in memory unless DATABASE_URL says otherwise.
if not env.get("DATABASE_URL"):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": ":memory:",
        }
    }
else:
    # No persistent connections: the live server's request threads would otherwise keep theirs
    # open and PostgreSQL could not drop the test database at the end of the run.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Tests empty and rebuild the search engine's indexes: never under a developer's own prefix.
if "INDEX_PREFIX" in BOUSSOLE_SEARCH:
    BOUSSOLE_SEARCH["INDEX_PREFIX"] = env.get("BOUSSOLE_SEARCH_INDEX_PREFIX", "boussole-test")
