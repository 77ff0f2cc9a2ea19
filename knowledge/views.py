"""Reader views that are not Wagtail pages."""

import string
from itertools import groupby

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from knowledge import jargon
from knowledge.visibility import visible_glossary_terms


def _letter_anchor(letter):
    return "lettre-autres" if letter == "#" else f"lettre-{letter.lower()}"


def glossary(request):
    """The glossary A–Z.

    Guarantees: only published terms (the live version, never a draft revision); terms grouped
    by their accent-folded first letter, each with an anchor (its slug) and a link to its page;
    sorted the French way (accents, case and punctuation ignored: « Médiation » before « MSP »);
    "see also" links only point at published terms, so no link leads to a missing anchor; the
    quick filter is a static script over the same list (without it, the letter links work).
    """
    terms = visible_glossary_terms().prefetch_related(
        Prefetch("see_also", queryset=visible_glossary_terms().order_by("term"))
    )
    terms = sorted(terms, key=lambda t: (t.letter, jargon.sort_key(t.acronym or t.term)))
    for term in terms:
        # What the quick filter compares, accents and case folded like the script's input.
        term.filter_text = jargon.fold(f"{term.acronym} {term.term}".strip())
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


def glossary_term(request, slug):
    """One term's page: its definition, its published « see also » terms, and the visible
    chapters, sheets and testimonies that use it (``knowledge.jargon.pages_using``).

    Guarantees: a term that is not live is a French 404 (a draft revision is never shown);
    « see also » lists only live terms; the pages listed are visible to readers
    (``knowledge.visibility``); the number of queries does not depend on the number of terms
    or pages.
    """
    term = (
        visible_glossary_terms()
        .filter(slug=slug)
        .prefetch_related(Prefetch("see_also", queryset=visible_glossary_terms()))
        .first()
    )
    if term is None:
        raise Http404(_("Ce terme du glossaire n'existe pas ou n'est pas publié."))
    see_also = sorted(term.see_also.all(), key=lambda t: jargon.sort_key(t.acronym or t.term))
    pages = jargon.pages_using(term)
    groups = [
        {"label": label, "pages": [p for p in pages if p._meta.model_name == model_name]}
        for model_name, label in (
            ("guidechapterpage", _("Chapitres du guide")),
            ("practicesheetpage", _("Fiches pratiques")),
            ("testimonypage", _("Remontées de terrain")),
        )
    ]
    return render(
        request,
        "knowledge/glossary_term.html",
        {
            "term": term,
            "see_also": see_also,
            "usage_groups": [g for g in groups if g["pages"]],
            "usage_count": len(pages),
        },
    )
