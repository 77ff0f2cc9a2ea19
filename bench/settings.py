"""Settings of the benchmark's gunicorns (``bench.load``, ``bench.faults``) and of the worker
processes beside them (``bench.workers.load``, ``bench.workers.faults``): production's,
unchanged, but for the URLconf (``bench.urls``: the site plus a trivial view, the machine's
ceiling).

Every other value comes from the environment the benchmark gives the process, as in production
(.env.example). One addition, a location only: with no ``REDIS_URL``, the shared file cache
goes to ``BOUSSOLE_BENCH_CACHE_DIR`` when it is set (var/cache-bench-<database>), so that a
benchmark never reads or fills the developer's var/cache — page-cache keys carry a content
token, not the database, and two databases' pages must never be mixed.
"""

from cms.settings.production import *  # noqa: F403
from cms.settings.production import env

ROOT_URLCONF = "bench.urls"

if not env.get("REDIS_URL") and env.get("BOUSSOLE_BENCH_CACHE_DIR"):
    CACHES["default"]["LOCATION"] = env["BOUSSOLE_BENCH_CACHE_DIR"]  # noqa: F405
