import os
import re
import subprocess
import sys
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(__file__).resolve().parents[2]


SAFE_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789" * 2


# Set by the browser tests for their live server: never part of a deployment.
NOT_INHERITED = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _load_production_settings(code="import django; django.setup(); print('ok')", **env):
    clean_env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    clean_env.update(env, DJANGO_SETTINGS_MODULE="cms.settings.production")
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SECRET_KEY"),
        ({"SECRET_KEY": SAFE_KEY}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": SAFE_KEY, "ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(env, missing):
    result = _load_production_settings(**env)
    assert result.returncode != 0
    assert f"La variable d'environnement {missing} est obligatoire" in result.stderr


@pytest.mark.parametrize(
    ("env", "refusal"),
    [
        ({"SECRET_KEY": "dev-only-not-secret"}, "SECRET_KEY n'est pas sûre"),
        ({"SECRET_KEY": "short-but-random-Xq9"}, "SECRET_KEY n'est pas sûre"),
        ({"SECRET_KEY": "x" * 60}, "SECRET_KEY n'est pas sûre"),
        ({"SECRET_KEY": "django-insecure-" + SAFE_KEY}, "SECRET_KEY n'est pas sûre"),
        ({"SECRET_KEY": SAFE_KEY, "ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS=* est refusé"),
    ],
)
def test_production_refuses_unsafe_values(env, refusal):
    result = _load_production_settings(**{"ALLOWED_HOSTS": "boussole.example", **env})
    assert result.returncode != 0
    assert refusal in result.stderr


def _documented_environment():
    """The variables of .env.example, with a real key (the file leaves it empty)."""
    env = {}
    for line in (BASE_DIR / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _sep, value = line.partition("=")
            env[name] = value
    env["SECRET_KEY"] = SAFE_KEY
    return env


def test_every_variable_production_reads_is_documented_in_env_example():
    read = set()
    for path in ("cms/settings/base.py", "cms/settings/production.py", "deploy/gunicorn.conf.py"):
        source = (BASE_DIR / path).read_text()
        read |= set(re.findall(r"(?:env|environ)(?:\.get\(|\[)\"([A-Z][A-Z0-9_]+)\"", source))
    assert len(read) > 20  # the pattern still finds what the settings read
    assert read - set(_documented_environment()) == set()


def test_check_deploy_is_clean_with_the_documented_variables(tmp_path):
    env = {**_documented_environment(), "BOUSSOLE_VAR_DIR": str(tmp_path)}
    env.pop("DATABASE_URL")  # a file database is enough for the checks
    code = "import django, sys; from django.core.management import call_command; django.setup(); call_command('check', deploy=True, fail_level='WARNING')"
    result = _load_production_settings(code, **env)
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stderr and "issues" not in result.stderr


def test_secure_cookies_do_not_depend_on_the_https_redirect():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
        "settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS > 0)"
    )
    result = _load_production_settings(
        code, SECRET_KEY=SAFE_KEY, ALLOWED_HOSTS="boussole.example", SECURE_SSL_REDIRECT="false"
    )
    assert result.stdout.split() == ["True", "True", "False", "True"]


def test_production_starts_when_configured():
    result = _load_production_settings(SECRET_KEY=SAFE_KEY, ALLOWED_HOSTS="boussole.example")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_installed_packages_are_the_project_apps_and_never_the_benchmark():
    """``pip install .`` installs every app of INSTALLED_APPS that lives in this repository, and
    no benchmark code (pyproject's package list, read as setuptools reads it)."""
    root = Path(__file__).resolve().parents[2]
    include = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"
    ]["find"]["include"]
    local_apps = {
        app.split(".")[0]
        for app in settings.INSTALLED_APPS
        if (root / app.split(".")[0] / "__init__.py").exists()
    }
    assert {app for app in local_apps if any(fnmatch(app, p) for p in include)} == local_apps
    assert not any(fnmatch("bench", p) or fnmatch("bench.workers", p) for p in include)
