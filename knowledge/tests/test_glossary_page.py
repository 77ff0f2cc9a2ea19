"""The glossary page (/glossaire/, GlossaryTerm snippets).

Guarantees: only live terms are listed, each with its anchor; terms file under their first
letter with accents folded, and the letter bar links only letters that have terms; « see also »
links point at published anchors only.
"""

import re

import pytest

from knowledge.factories import GlossaryTermFactory


@pytest.mark.django_db
def test_glossary_lists_live_terms_with_anchors_and_letter_navigation(client, markup):
    ars = GlossaryTermFactory(term="Agence régionale de santé", acronym="ARS")
    clsm = GlossaryTermFactory(term="Conseil local de santé mentale", acronym="CLSM")
    ecole = GlossaryTermFactory(term="École promotrice de santé")
    draft = GlossaryTermFactory(term="Terme jamais publié", acronym="TJP", live=False)
    clsm.see_also.set([ars, draft])
    clsm.save()

    response = client.get("/glossaire/")
    assert response.status_code == 200
    html = markup.text(response)
    assert "Conseil local de santé mentale" in html and "ARS" in html
    assert "Terme jamais publié" not in html and "TJP" not in html

    ids = {attrs.get("id") for tag, attrs in markup.tags(response)}
    assert {ars.slug, clsm.slug, ecole.slug} <= ids
    # "École" files under E (accents folded); the letter bar links only letters that have terms.
    assert "lettre-e" in ids
    alphabet = re.search(r'<nav class="alphabet".*?</nav>', html, re.S).group(0)
    assert 'href="#lettre-a"' in alphabet and 'href="#lettre-e"' in alphabet
    assert 'href="#lettre-z"' not in alphabet
    # See-also links point at published anchors only.
    entry = re.search(rf'id="{clsm.slug}".*?</div>\s*</dd>', html, re.S).group(0)
    assert f'href="#{ars.slug}"' in entry and f'href="#{draft.slug}"' not in entry
