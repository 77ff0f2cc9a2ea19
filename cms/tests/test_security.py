"""Security headers on every response, login lockout and the page-password rate limit."""

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from knowledge.factories import PracticeSheetPageFactory

pytestmark = pytest.mark.django_db


def test_reader_pages_get_a_strict_content_security_policy(client):
    response = client.get("/recherche/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_api_responses_carry_the_policy_too(client):
    response = client.get("/api/v2/pages/")
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_only_the_admin_allows_wagtails_inline_scripts(client):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy


def _login(client, password):
    return client.post("/admin/login/", {"username": "relecteur", "password": password})


def test_login_is_locked_after_five_failures_even_with_the_right_password(
    client, django_user_model
):
    django_user_model.objects.create_user("relecteur", password="le-bon-mot-de-passe")
    for attempt in range(4):
        assert _login(client, f"faux-{attempt}").status_code == 200  # the form, with its error
    assert _login(client, "faux-4").status_code == 429  # the fifth failure locks
    locked = _login(client, "le-bon-mot-de-passe")
    assert locked.status_code == 429
    assert "Connexion suspendue" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_successful_login_before_the_limit_works(client, django_user_model):
    django_user_model.objects.create_user("relecteur", password="le-bon-mot-de-passe")
    _login(client, "faux")
    assert _login(client, "le-bon-mot-de-passe").status_code == 302
    assert "_auth_user_id" in client.session


@override_settings(BOUSSOLE_PAGE_PASSWORD_RATE="3/min")
def test_page_password_guesses_are_rate_limited(client):
    page = PracticeSheetPageFactory()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="sesame"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    for attempt in range(3):
        assert client.post(url, {"password": f"faux-{attempt}"}).status_code == 200
    refused = client.post(url, {"password": "sesame"})
    assert refused.status_code == 429
    assert "Trop d'essais" in refused.content.decode()
    assert refused["Retry-After"]


def test_the_embedded_database_file_is_readable_by_its_owner_only(tmp_path):
    import os
    import stat
    import subprocess
    import sys
    from pathlib import Path

    base = Path(__file__).resolve().parents[2]
    database = tmp_path / "boussole.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
        "BOUSSOLE_VAR_DIR": str(tmp_path),
    }
    code = "import django; django.setup(); from django.db import connection; connection.ensure_connection()"
    subprocess.run([sys.executable, "-c", code], cwd=base, env=env, check=True, timeout=60)
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
