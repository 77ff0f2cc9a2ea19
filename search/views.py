"""The reader search page and the autocomplete endpoint."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

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
    - when the search engine is down, results come from the database and the page says so.
    """
    submitted = any(name in request.GET for name in SEARCH_PARAMS)
    form = SearchForm(request.GET if submitted else None)
    context = {"form": form, "submitted": submitted, "results": None, "errors": []}
    status = 200
    wait = seconds_to_wait(request, SearchRateThrottle) if submitted else None
    if wait is not None:
        context["errors"] = [throttled_message(wait)]
        form = context["form"] = SearchForm(None)
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
