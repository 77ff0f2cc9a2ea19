"""The line a printout ends with, rendered by the server on every reader page.

Guarantees: it gives the page's absolute address (as the reader requested it) and its
verification date, else its update date, in French; it is hidden on screen (the `hidden`
attribute: print.css shows it) and its print date is left for js/print.js to fill; every reader
page links the print stylesheet and that script. (The printout itself is checked in Chromium by
cms/tests/test_reader_quality.py.)
"""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from knowledge.factories import PracticeSheetPageFactory


def source_line(html):
    start = html.index('<p class="print-source" hidden>')
    return html[start : html.index("</p>", start)]


def publish(page, **changes):
    page = Page.objects.get(pk=page.pk).specific
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


@pytest.mark.django_db
def test_a_sheet_ends_with_its_address_and_verification_date(client):
    sheet = publish(
        PracticeSheetPageFactory(live=False, title="Animer un comité de pilotage"),
        last_verified_at=datetime.date(2026, 3, 1),
    )

    html = client.get(sheet.url + "?theme=x").content.decode()

    line = source_line(html)
    assert (
        f'Imprimé depuis <span class="print-source__url">http://testserver{sheet.url}?theme=x'
        in line
    )
    assert 'vérifié le <time datetime="2026-03-01">1<sup>er</sup> mars 2026</time>' in line
    assert '<span class="print-source__date" data-print-date hidden> · imprimé le' in line
    assert 'href="/static/css/print.css" media="print"' in html
    assert 'src="/static/js/print.js" defer' in html


@pytest.mark.django_db
def test_without_a_verification_the_line_gives_the_update_date(client):
    sheet = publish(PracticeSheetPageFactory(live=False), last_verified_at=None)

    line = source_line(client.get(sheet.url).content.decode())

    updated = timezone.localdate(sheet.last_published_at)  # the site's time zone, as shown
    assert "vérifié" not in line
    assert f'mis à jour le <time datetime="{updated.isoformat()}">' in line


@pytest.mark.django_db
def test_pages_without_a_wagtail_page_still_say_where_they_come_from(client):
    line = source_line(client.get("/glossaire/").content.decode())

    assert "Imprimé depuis" in line and "http://testserver/glossaire/" in line
    assert "vérifié" not in line and "mis à jour" not in line
