"""Reader views that are not Wagtail pages."""

import string
from itertools import groupby

from django.db.models import Prefetch
from django.shortcuts import render

from knowledge.visibility import visible_glossary_terms


def _letter_anchor(letter):
    return "lettre-autres" if letter == "#" else f"lettre-{letter.lower()}"


def glossary(request):
    """The glossary A–Z.

    Guarantees: only published terms (the live version, never a draft revision); terms grouped
    by their accent-folded first letter, each with an anchor (its slug); "see also" links only
    point at published terms, so no link leads to a missing anchor.
    """
    terms = visible_glossary_terms().prefetch_related(
        Prefetch("see_also", queryset=visible_glossary_terms().order_by("term"))
    )
    terms = sorted(terms, key=lambda t: (t.letter, (t.acronym or t.term).lower()))
    letters = [
        {"letter": letter, "anchor": _letter_anchor(letter), "terms": list(group)}
        for letter, group in groupby(terms, key=lambda t: t.letter)
    ]
    present = {group["letter"] for group in letters}
    alphabet = [
        {"letter": letter, "anchor": _letter_anchor(letter), "present": letter in present}
        for letter in [*string.ascii_uppercase, *(["#"] if "#" in present else [])]
    ]
    return render(
        request,
        "knowledge/glossary.html",
        {"letters": letters, "alphabet": alphabet, "term_count": len(terms)},
    )
