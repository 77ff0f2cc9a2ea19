"""?search= on /api/v2/pages/: through the Boussole search service, never Wagtail's backend, so
the API finds what the reader search page finds (accents, stems, acronyms, typos)."""

from django.db.models import Case, IntegerField, When
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend

from knowledge.api.errors import bad_request

# The service pages its results; the API asks for this many pages of the largest size at most.
MAX_SERVICE_PAGES = 10


def matching_page_ids(query):
    """Ids of the pages the search service finds for `query`, best first."""
    from search.forms import MAX_PER_PAGE
    from search.service import InvalidSearch, search

    ids, page = [], 1
    while page <= MAX_SERVICE_PAGES:
        try:
            results = search(
                {"q": query, "per_page": MAX_PER_PAGE, "page": page},
                record_zero_results=page == 1,
            )
        except InvalidSearch as e:
            raise bad_request(" ".join(str(m) for m in e.messages)) from e
        ids.extend(hit.page_id for hit in results.results if hit.page_id)
        if results.page >= results.num_pages:
            break
        page += 1
    return ids


class ServiceSearchFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        query = request.GET["search"]
        if not query.strip():
            raise bad_request(_("Le paramètre « search » est vide."))
        ids = matching_page_ids(query)
        queryset = queryset.filter(pk__in=ids)
        if "order" in request.GET or not ids:
            return queryset
        relevance = Case(
            *[When(pk=pk, then=rank) for rank, pk in enumerate(ids)],
            output_field=IntegerField(),
        )
        return queryset.order_by(relevance)
