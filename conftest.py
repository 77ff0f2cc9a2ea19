import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files from a test never land in the project's var/ folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
