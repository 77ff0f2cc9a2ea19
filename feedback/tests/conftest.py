import pytest

from knowledge.factories import GuideChapterPageFactory


@pytest.fixture
def chapter(db):
    return GuideChapterPageFactory(title="Prendre son poste")


@pytest.fixture
def report_url():
    def url(page):
        return f"/retours/{page.pk}/"

    return url
