"""/api/v2/search/: the reader search (/recherche/) as JSON, through the same form and service.

Guarantees (tests in search/tests/test_api_search.py):
- same parameters and same results as the reader page: the request's query string goes to
  search.service.search() unchanged (SearchForm validates it);
- each result has its type, title, absolute url, an HTML-safe excerpt with the matched words in
  <mark>, and its place in the guide; facets come with counts consistent with the filters;
- only what the index holds: live, public, consented content and live glossary terms;
- bad parameters (unknown parameter, unknown facet value, page=0, per_page too large) → 400 with
  French messages; never a 500;
- throttled per client address (setting BOUSSOLE_API_SEARCH_RATE): 429 with a French message and
  Retry-After;
- when the search engine is down the results come from the database: ``meta.degraded`` is true.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import Throttled
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.api.utils import get_full_url

from knowledge.api.schema import query as query_parameter
from search.facets import FACET_PARAMS, TAXONOMY_FACETS
from search.forms import MAX_PER_PAGE, MAX_QUERY_LENGTH, SORT_DATE, SORT_RELEVANCE
from search.service import InvalidSearch, search
from search.throttling import SearchRateThrottle, retry_after, throttled_message

SEARCH_PARAMETERS = ["q", *FACET_PARAMS, "sort", "page", "per_page"]


def _detail_url(request, hit):
    if hit.page_id:
        path = reverse("wagtailapi:pages:detail", args=[hit.page_id])
    elif hit.glossary_term_id:
        path = reverse("wagtailapi:glossaire:detail", args=[hit.glossary_term_id])
    else:
        return None
    return get_full_url(request, path)


def _aware_iso(value):
    """ISO 8601 with an offset: raw SQLite rows give naive UTC datetimes."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return timezone.localtime(value).isoformat()


def serialize_results(request, results):
    return {
        "meta": {
            "total_count": results.total,
            "query": results.query,
            "page": results.page,
            "per_page": results.per_page,
            "num_pages": results.num_pages,
            "sort": results.sort,
            "relaxed": results.relaxed,
            "notice": str(results.notice),
            "suggestion": results.suggestion,
            "corrections": results.corrections,
            "degraded": results.degraded,
        },
        "items": [
            {
                "type": hit.type,
                "type_label": hit.type_label,
                "title": hit.title,
                "title_html": str(hit.title_html),
                "excerpt": str(hit.excerpt_html),
                "url": get_full_url(request, hit.url),
                "place": hit.place,
                "date": _aware_iso(hit.date),
                "page_id": hit.page_id,
                "glossary_term_id": hit.glossary_term_id,
                "detail_url": _detail_url(request, hit),
            }
            for hit in results.results
        ],
        "facets": [
            {
                "key": facet.key,
                "param": facet.param,
                "label": facet.label,
                "values": [
                    {
                        "value": value.value,
                        "label": value.label,
                        "count": value.count,
                        "selected": value.selected,
                    }
                    for value in facet.values
                ],
            }
            for facet in results.facets
        ],
        "glossary": [
            {
                "term": entry["term"],
                "acronym": entry["acronym"],
                "definition": str(entry["definition"]),
                "url": get_full_url(request, entry["url"]),
            }
            for entry in results.glossary
        ],
    }


class SearchAPIView(APIView):
    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = []
    throttle_classes = [SearchRateThrottle]

    def get(self, request):
        unknown = sorted(set(request.GET.keys()) - set(SEARCH_PARAMETERS))
        if unknown:
            return Response(
                {
                    "message": _(
                        "Paramètre inconnu : %(unknown)s. Paramètres acceptés : %(allowed)s."
                    )
                    % {
                        "unknown": ", ".join(name[:50] for name in unknown),
                        "allowed": ", ".join(SEARCH_PARAMETERS),
                    }
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            results = search(request.GET)
        except InvalidSearch as e:
            return Response(
                {"message": " ".join(str(m) for m in e.messages), "errors": e.messages},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(serialize_results(request, results))

    def handle_exception(self, exc):
        if isinstance(exc, Throttled):
            response = Response(
                {"message": throttled_message(exc.wait)},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
            response["Retry-After"] = retry_after(exc.wait)
            return response
        return super().handle_exception(exc)


search_api = SearchAPIView.as_view()


# --- OpenAPI description (assembled by knowledge.api.schema) ------------------------------


def search_parameters():
    facet_help = {
        "type": "Type de contenu (fiche-pratique, chapitre, remontee-de-terrain, glossaire…).",
        **{facet.param: facet.help for facet in TAXONOMY_FACETS.values()},
    }
    return [
        query_parameter(
            "q",
            f"Texte recherché (au plus {MAX_QUERY_LENGTH} caractères pris en compte) : accents, "
            "pluriels, sigles du glossaire et une faute de frappe tolérés ; "
            "« expression exacte » entre guillemets.",
        ),
        *[
            query_parameter(
                name,
                facet_help[name] + " Répétable : valeurs combinées par « ou ».",
                {"type": "array", "items": {"type": "string"}},
                style="form",
                explode=True,
            )
            for name in FACET_PARAMS
        ],
        query_parameter("sort", "Tri.", {"type": "string", "enum": [SORT_RELEVANCE, SORT_DATE]}),
        query_parameter(
            "page", "Numéro de page, à partir de 1.", {"type": "integer", "minimum": 1}
        ),
        query_parameter(
            "per_page",
            f"Résultats par page (1 à {MAX_PER_PAGE}).",
            {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
        ),
    ]


def search_response_schema():
    def obj(properties, required=()):
        return {
            "type": "object",
            "properties": properties,
            "required": list(required or properties),
            "additionalProperties": False,
        }

    string, boolean = {"type": "string"}, {"type": "boolean"}
    nullable_int = {"type": "integer", "nullable": True}
    return obj(
        {
            "meta": obj(
                {
                    "total_count": {"type": "integer", "minimum": 0},
                    "query": string,
                    "page": {"type": "integer", "minimum": 1},
                    "per_page": {"type": "integer", "minimum": 1},
                    "num_pages": {"type": "integer", "minimum": 1},
                    "sort": {"type": "string", "enum": [SORT_RELEVANCE, SORT_DATE]},
                    "relaxed": boolean,
                    "notice": string,
                    "suggestion": {"type": "string", "nullable": True},
                    "corrections": {"type": "object", "additionalProperties": string},
                    "degraded": {
                        "type": "boolean",
                        "description": "Vrai quand le moteur de recherche est indisponible et "
                        "que la base de données a répondu à sa place.",
                    },
                }
            ),
            "items": {
                "type": "array",
                "items": obj(
                    {
                        "type": string,
                        "type_label": string,
                        "title": string,
                        "title_html": string,
                        "excerpt": {
                            "type": "string",
                            "description": "Extrait HTML, mots trouvés entre <mark> et </mark>.",
                        },
                        "url": string,
                        "place": {"type": "string", "description": "Chapitre › fiche"},
                        "date": {"type": "string", "format": "date-time", "nullable": True},
                        "page_id": nullable_int,
                        "glossary_term_id": nullable_int,
                        "detail_url": {"type": "string", "nullable": True},
                    }
                ),
            },
            "facets": {
                "type": "array",
                "items": obj(
                    {
                        "key": string,
                        "param": string,
                        "label": string,
                        "values": {
                            "type": "array",
                            "items": obj(
                                {
                                    "value": string,
                                    "label": string,
                                    "count": {"type": "integer", "minimum": 0},
                                    "selected": boolean,
                                }
                            ),
                        },
                    }
                ),
            },
            "glossary": {
                "type": "array",
                "items": obj(
                    {"term": string, "acronym": string, "definition": string, "url": string}
                ),
            },
        }
    )
