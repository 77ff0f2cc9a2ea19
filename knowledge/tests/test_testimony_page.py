"""The testimony page (TestimonyPage).

Guarantees: the quote renders as a blockquote captioned with the speaker's role, dispositif,
territory and seniority; the collection month shows; the sheets citing it and its territory and
dispositif (as filtered listings) are linked; consent (its date or the word) never appears.
"""

import datetime
import re

import pytest

from knowledge.factories import PracticeSheetPageFactory, taxonomy
from knowledge.factories import TestimonyPageFactory as TestimonyFactory
from knowledge.models import Dispositif, Territory


@pytest.mark.django_db
def test_testimony_shows_quote_with_speaker_and_never_consent(client, markup):
    testimony = TestimonyFactory(
        quote="Sans le soutien des élus, rien n'aurait avancé.",
        speaker_role="Coordinateur CLS",
        dispositif=taxonomy(Dispositif, "cls"),
        territory=taxonomy(Territory, "seine-saint-denis"),
        collected_on=datetime.date(2026, 2, 3),
        consent_date=datetime.date(2025, 11, 17),
    )
    sheet = PracticeSheetPageFactory(title="Convaincre ses élus")
    sheet.related_testimonies.set([testimony])
    sheet.save()

    response = client.get(testimony.url)
    html = markup.text(response)
    figure = re.search(r'<figure class="quote quote--large">.*?</figure>', html, re.S).group(0)
    assert "<blockquote>" in figure and "rien n'aurait avancé" in figure
    caption = re.search(r"<figcaption>.*?</figcaption>", figure, re.S).group(0)
    for part in ["Coordinateur CLS", "CLS", "Seine-Saint-Denis (93)", "1 à 3 ans dans le poste"]:
        assert part in caption
    assert "février 2026" in html
    assert sheet.url in markup.hrefs(response)
    assert "/remontees-de-terrain/?departement=seine-saint-denis" in markup.hrefs(response)
    assert "/remontees-de-terrain/?dispositif=cls" in markup.hrefs(response)
    # Consent is internal: neither its date nor the word appears.
    assert "17 novembre 2025" not in html and "2025-11-17" not in html
    assert "consentement" not in html.lower()
