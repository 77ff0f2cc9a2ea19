from itertools import groupby

from django.shortcuts import render

from knowledge.visibility import visible_glossary_terms


def glossary(request):
    """The glossary A–Z. Published terms only (the live version, never a draft revision)."""
    terms = sorted(visible_glossary_terms(), key=lambda t: (t.letter, t.term.lower()))
    letters = [(letter, list(group)) for letter, group in groupby(terms, key=lambda t: t.letter)]
    return render(
        request, "knowledge/glossary.html", {"letters": letters, "term_count": len(terms)}
    )
