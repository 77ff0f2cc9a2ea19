"""The processes the benchmark's orchestrator starts, from the project's folder: the workers
(``python -m bench.workers.<name>``, Django set up from the environment given here),
``manage.py`` and the tools. Nothing here imports Django.

A process's settings come from its environment only: ``environment()`` removes every variable
the project's settings read from the caller's, so none is inherited, then sets the given ones.
"""

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# Everything the settings read is given by the benchmark, never inherited from the caller.
CLEARED_PREFIXES = ("BOUSSOLE_", "DJANGO_", "GUNICORN_", "DATABASE_", "SECURE_", "EMAIL_")
CLEARED_NAMES = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "WAGTAILADMIN_BASE_URL",
    "REDIS_URL",
    "STATIC_ROOT",
    "WEB_CONCURRENCY",
    "SENTRY_DSN",
    "LOG_LEVEL",
    "DEFAULT_FROM_EMAIL",
    "SERVER_EMAIL",
}


def environment(**settings):
    """The caller's environment without any of the project's settings, plus ``settings``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in CLEARED_NAMES and not k.startswith(CLEARED_PREFIXES)
    }
    env.update(settings)
    return env


def dev_environment(database_url, **settings):
    """``environment()`` on the development settings with ``database_url``: DEBUG off (no query
    log growing over thousands of pages), the database search backend unless ``settings`` say
    otherwise."""
    return environment(
        **{
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "DJANGO_DEBUG": "false",
            "BOUSSOLE_SEARCH_BACKEND": "database",
            "DATABASE_URL": database_url,
            **settings,
        }
    )


def worker_command(name, *args):
    return [sys.executable, "-m", f"bench.workers.{name}", *map(str, args)]


def run_worker(name, *args, env, json_path):
    """Run the worker ``bench.workers.<name>`` with ``args`` and ``--json json_path``, its output
    shown as it comes: (the figures it wrote there, or None when it stopped without, its exit
    status). An earlier run's file is removed first: never its figures."""
    json_path = Path(json_path)
    json_path.unlink(missing_ok=True)
    completed = _run([*worker_command(name, *args), "--json", str(json_path)], env)
    if not json_path.exists():
        return None, completed.returncode
    return json.loads(json_path.read_text()), completed.returncode


def run_captured(command, env=None, timeout=None):
    """``command`` run to its end, its output captured as text."""
    return _run(command, env, capture_output=True, text=True, timeout=timeout)


def _run(command, env, **options):
    # From the project's folder (manage.py, deploy/, .ci/); the caller checks the exit status.
    return subprocess.run(command, env=env, cwd=BASE_DIR, check=False, **options)


def children_cpu():
    """CPU seconds (user + system) of this process's children that have ended so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
