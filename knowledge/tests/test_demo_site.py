import pytest
from wagtail.models import Site

from knowledge.demo.site import point_default_site_at
from knowledge.factories import PracticeSheetPageFactory


@pytest.mark.django_db
def test_the_default_site_follows_the_dev_server_address_so_absolute_urls_work():
    sheet = PracticeSheetPageFactory(title="Animer un comité de pilotage")
    assert sheet.full_url.startswith("http://localhost/")

    assert point_default_site_at("http://127.0.0.1:8000") is True
    assert point_default_site_at("http://127.0.0.1:8000") is False  # idempotent

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    sheet = type(sheet).objects.get(pk=sheet.pk)
    assert sheet.full_url.startswith("http://127.0.0.1:8000/fiches-pratiques/")


@pytest.mark.django_db
def test_an_address_without_host_changes_nothing():
    assert point_default_site_at("not a url") is False
    assert Site.objects.get(is_default_site=True).hostname == "localhost"
