from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = env.get("DJANGO_DEBUG", "true").lower() == "true"
# Development only: a fixed key is harmless here and production refuses to start without its own.
SECRET_KEY = env.get("SECRET_KEY", "dev-only-not-secret")  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
BOUSSOLE_DEMO_ACCOUNTS = True  # one account per role, password printed once (make run)
BOUSSOLE_DEMO_ACCOUNTS_FILE = VAR_DIR / "demo-accounts.txt"
# The demo command points the default site here so absolute URLs reach the dev server.
BOUSSOLE_DEMO_SITE_URL = env.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
