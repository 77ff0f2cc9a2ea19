"""CORS: only listed origins, only under /api/ (settings CORS_*)."""

import importlib

from django.test import override_settings

from cms.settings import base

# --- CORS ------------------------------------------------------------------------------------


@override_settings(CORS_ALLOWED_ORIGINS=["https://partenaire.example.org"])
def test_cors_header_only_for_allowed_origins(client, content):
    allowed = client.get("/api/v2/pages/", HTTP_ORIGIN="https://partenaire.example.org")
    other = client.get("/api/v2/pages/", HTTP_ORIGIN="https://ailleurs.example.com")
    site = client.get("/glossaire/", HTTP_ORIGIN="https://partenaire.example.org")

    assert allowed["Access-Control-Allow-Origin"] == "https://partenaire.example.org"
    assert "Access-Control-Allow-Origin" not in other
    assert "Access-Control-Allow-Origin" not in site


def test_cors_allow_list_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(
        "BOUSSOLE_CORS_ALLOWED_ORIGINS", "https://a.example.org, https://b.example.org"
    )
    try:
        reloaded = importlib.reload(base)
        assert reloaded.CORS_ALLOWED_ORIGINS == ["https://a.example.org", "https://b.example.org"]
    finally:
        monkeypatch.delenv("BOUSSOLE_CORS_ALLOWED_ORIGINS")
        importlib.reload(base)
