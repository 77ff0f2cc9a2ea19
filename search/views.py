"""The reader search page and the autocomplete endpoint."""

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from search.facets import FACET_PARAMS
from search.forms import SearchForm
from search.service import InvalidSearch, autocomplete, search
from search.throttling import (
    SearchRateThrottle,
    SuggestionRateThrottle,
    seconds_to_wait,
    throttled_message,
)

SEARCH_PARAMS = ("q", "sort", "page", "per_page", *FACET_PARAMS)


def french_count(n, singular, plural):
    """ngettext with the French rule (0 and 1 take the singular): gettext's fallback for a
    message without a catalogue entry is the English rule, which gives "0 résultats"."""
    return ngettext(singular, plural, 1 if n < 2 else n) % {"n": n}


def _without(request, name, value):
    """The query string with one facet value removed, back to the first page."""
    params = request.GET.copy()
    params.setlist(name, [v for v in params.getlist(name) if v != value])
    params.pop("page", None)
    return params.urlencode()


def _reader_context(request, form, results):
    """What the page says about a result set: the count sentence (also read out after a change
    by the live region), the active filters with a link removing each, the filters panel in the
    listing pages' terms (includes/filters.html), the meta description."""
    count = french_count(results.total, "%(n)s résultat", "%(n)s résultats")
    query = results.query
    sentence = _("%(count)s pour « %(q)s »") % {"count": count, "q": query} if query else count
    active = [
        {
            "facet": facet.label,
            "label": value.label,
            "remove_query": _without(request, facet.param, value.value),
        }
        for facet in results.facets
        for value in facet.values
        if value.selected
    ]
    announce = sentence
    if active:
        announce += " — " + _("filtres : %(filters)s") % {
            "filters": ", ".join(f"{a['facet']} : {a['label']}" for a in active)
        }
    description = _(
        "Recherche « %(q)s » dans La Boussole de la démarche locale en santé : %(count)s."
    ) % {"q": query, "count": count}
    return {
        "count_label": sentence,
        "announce": announce,
        "active_filters": active,
        "active_count": len(active),
        "sorts": [
            {"value": value, "label": label, "selected": value == results.sort}
            for value, label in form.fields["sort"].choices
        ],
        "filter_facets": [
            {"name": facet.param, "label": facet.label, "choices": facet.values}
            for facet in results.facets
            if facet.values
        ],
        "clear_filters_url": f"{reverse('search:search')}?{urlencode({'q': results.query})}",
        "meta_description": description,
    }


def _query_string(request, **changes):
    params = request.GET.copy()
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return params.urlencode()


def search_view(request):
    """Search the Boussole (/recherche/).

    Guarantees:
    - only live, public, consented content and live glossary terms appear (the index holds
      nothing else);
    - the whole state (query, filters, sort, page) is in the URL, so a result page can be shared;
    - facets are checkboxes with their counts, each count computed with the other filters applied;
    - each result shows its type, its place and an excerpt whose only markup is <mark>;
    - invalid parameters give a 400 page listing French messages, never a 500; a page past the
      end shows the last page;
    - with no parameters, the page shows the empty form (200);
    - searches are rate-limited per address, shared with the API (429 page with Retry-After);
    - when the search engine is down, results come from the database and the page says so;
    - one search box (the page's own, with suggestions); results come before the facets on a
      phone (facets in a disclosure saying how many filters are active); the count is worded
      in French ("1 résultat", "12 résultats pour « … »") and read out after a change;
    - a <title> and a meta description naming the query.
    """
    submitted = any(name in request.GET for name in SEARCH_PARAMS)
    form = SearchForm(request.GET if submitted else None)
    context = {"form": form, "submitted": submitted, "results": None, "errors": []}
    status = 200
    wait = seconds_to_wait(request, SearchRateThrottle) if submitted else None
    if wait is not None:
        context["errors"] = [throttled_message(wait)]
        form = context["form"] = SearchForm(None)
        context["meta_description"] = _("Recherche momentanément limitée.")
        response = render(
            request, "search/search.html", {**context, "page_title": _("Rechercher")}, status=429
        )
        response["Retry-After"] = str(wait)
        return response
    if submitted:
        try:
            results = search(form)
        except InvalidSearch as error:
            context["errors"] = error.messages
            status = 400
        else:
            context["results"] = results
            context.update(_reader_context(request, form, results))
            context["previous_query"] = _query_string(request, page=str(results.page - 1))
            context["next_query"] = _query_string(request, page=str(results.page + 1))
            context["pages"] = [
                {"number": n, "query": _query_string(request, page=str(n))}
                for n in _page_window(results.page, results.num_pages)
            ]
            if results.suggestion:
                context["suggestion_query"] = _query_string(
                    request, q=results.suggestion, page=None
                )
    context["page_title"] = (
        _("Résultats pour « %(q)s »") % {"q": form.cleaned_data["q"]}
        if context["results"] is not None and form.cleaned_data.get("q")
        else _("Rechercher")
    )
    context.setdefault(
        "meta_description",
        _(
            "Rechercher dans La Boussole de la démarche locale en santé : chapitres du guide, "
            "fiches pratiques, remontées de terrain et glossaire."
        ),
    )
    return render(request, "search/search.html", context, status=status)


def _page_window(page, num_pages, radius=3):
    return list(range(max(1, page - radius), min(num_pages, page + radius) + 1))


def suggestions_view(request):
    """Autocomplete (/recherche/suggestions/?q=): JSON list of titles and glossary terms.

    Guarantees: 200 with {"q": …, "suggestions": [{label, url, type, type_label}]}; fewer than
    two letters or any odd input give an empty list; only visible items; rate-limited per
    address (429 with {"message": …} and Retry-After).
    """
    wait = seconds_to_wait(request, SuggestionRateThrottle)
    if wait is not None:
        response = JsonResponse({"message": throttled_message(wait)}, status=429)
        response["Retry-After"] = str(wait)
        return response
    q = (request.GET.get("q") or "")[:100]
    return JsonResponse({"q": q, "suggestions": autocomplete(q)})
