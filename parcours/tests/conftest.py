"""Fixtures of the parcours tests: a parcours built from real pages and glossary terms."""

import pytest
from django.utils.text import slugify

from knowledge.factories import home_page
from knowledge.models import GlossaryTerm
from parcours.models import ParcoursPage, ParcoursStep


@pytest.fixture
def make_parcours(db):
    """`make_parcours(title, targets, live=True)` → a ParcoursPage under the home page whose
    steps lead, in order, to `targets` (pages or glossary terms)."""

    def build(title, targets, live=True, **fields):
        page = ParcoursPage(title=title, slug=slugify(title), live=live, **fields)
        steps = []
        for number, target in enumerate(targets, start=1):
            kind = "glossary_term" if isinstance(target, GlossaryTerm) else "page"
            steps.append(ParcoursStep(**{kind: target}, introduction=f"Pourquoi l'étape {number}."))
        page.steps = steps
        home_page().add_child(instance=page)
        return page

    return build
