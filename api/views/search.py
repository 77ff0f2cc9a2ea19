"""/api/v2/search/: the reader search (/recherche/) as JSON, through the same form and service.

Guarantees (tests in api/tests/test_search.py):
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
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.api.utils import get_full_url

from api.openapi import BOOLEAN, STRING, QueryParameter, array, names, nullable, responses
from api.views.base import URL_NAMESPACE, BoussoleAPIMixin
from search.facets import FACET_PARAMS, TAXONOMY_FACETS, TYPE_KEY
from search.forms import MAX_PER_PAGE, MAX_QUERY_LENGTH, SORT_DATE, SORT_RELEVANCE
from search.service import InvalidSearch, search
from search.throttling import SearchRateThrottle


def _detail_url(request, hit):
    if hit.page_id:
        path = reverse(f"{URL_NAMESPACE}:pages:detail", args=[hit.page_id])
    elif hit.glossary_term_id:
        path = reverse(f"{URL_NAMESPACE}:glossaire:detail", args=[hit.glossary_term_id])
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


FACET_HELP = {
    TYPE_KEY: "Type de contenu (fiche-pratique, chapitre, remontee-de-terrain, glossaire…).",
    **{facet.param: facet.help for facet in TAXONOMY_FACETS.values()},
}
QUERY_PARAMETERS = (
    QueryParameter(
        "q",
        f"Texte recherché (au plus {MAX_QUERY_LENGTH} caractères pris en compte) : accents, "
        "pluriels, sigles du glossaire et une faute de frappe tolérés ; "
        "« expression exacte » entre guillemets.",
    ),
    *[
        QueryParameter(
            name,
            FACET_HELP[name] + " Répétable : valeurs combinées par « ou ».",
            array(STRING),
            style="form",
        )
        for name in FACET_PARAMS
    ],
    QueryParameter("sort", "Tri.", {"type": "string", "enum": [SORT_RELEVANCE, SORT_DATE]}),
    QueryParameter("page", "Numéro de page, à partir de 1.", {"type": "integer", "minimum": 1}),
    QueryParameter(
        "per_page",
        f"Résultats par page (1 à {MAX_PER_PAGE}).",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
    ),
)
# Same names, same order as the reader page's form.
SEARCH_PARAMETERS = names(QUERY_PARAMETERS)


class SearchAPIView(BoussoleAPIMixin, APIView):
    throttle_classes = [SearchRateThrottle]
    url_name = "api-search"
    unknown_parameter_message = _(
        "Paramètre inconnu : %(unknown)s. Paramètres acceptés : %(allowed)s."
    )

    def get(self, request):
        self.check_parameters(SEARCH_PARAMETERS)
        try:
            results = search(request.GET)
        except InvalidSearch as e:
            return Response(
                {"message": " ".join(str(m) for m in e.messages), "errors": e.messages},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(serialize_results(request, results))

    @classmethod
    def describe_openapi(cls, doc):
        doc.operation(
            reverse(cls.url_name),
            "get",
            {
                "operationId": "search",
                "summary": "Recherche : résultats surlignés et facettes, comme la page /recherche/",
                "tags": ["recherche"],
                "parameters": [p.as_openapi() for p in QUERY_PARAMETERS],
                "responses": responses(
                    doc,
                    doc.component("SearchResponse", SEARCH_RESPONSE),
                    "Résultats et facettes.",
                    throttled=True,
                ),
            },
        )


# --- what serialize_results() outputs -----------------------------------------------------


def _obj(properties):
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


NULLABLE_INTEGER = nullable({"type": "integer"})
SEARCH_RESPONSE = _obj(
    {
        "meta": _obj(
            {
                "total_count": {"type": "integer", "minimum": 0},
                "query": STRING,
                "page": {"type": "integer", "minimum": 1},
                "per_page": {"type": "integer", "minimum": 1},
                "num_pages": {"type": "integer", "minimum": 1},
                "sort": {"type": "string", "enum": [SORT_RELEVANCE, SORT_DATE]},
                "relaxed": BOOLEAN,
                "notice": STRING,
                "suggestion": nullable(STRING),
                "corrections": {"type": "object", "additionalProperties": STRING},
                "degraded": {
                    "type": "boolean",
                    "description": "Vrai quand le moteur de recherche est indisponible et "
                    "que la base de données a répondu à sa place.",
                },
            }
        ),
        "items": array(
            _obj(
                {
                    "type": STRING,
                    "type_label": STRING,
                    "title": STRING,
                    "title_html": STRING,
                    "excerpt": {
                        "type": "string",
                        "description": "Extrait HTML, mots trouvés entre <mark> et </mark>.",
                    },
                    "url": STRING,
                    "place": {"type": "string", "description": "Chapitre › fiche"},
                    "date": nullable({"type": "string", "format": "date-time"}),
                    "page_id": NULLABLE_INTEGER,
                    "glossary_term_id": NULLABLE_INTEGER,
                    "detail_url": nullable(STRING),
                }
            )
        ),
        "facets": array(
            _obj(
                {
                    "key": STRING,
                    "param": STRING,
                    "label": STRING,
                    "values": array(
                        _obj(
                            {
                                "value": STRING,
                                "label": STRING,
                                "count": {"type": "integer", "minimum": 0},
                                "selected": BOOLEAN,
                            }
                        )
                    ),
                }
            )
        ),
        "glossary": array(
            _obj({"term": STRING, "acronym": STRING, "definition": STRING, "url": STRING})
        ),
    }
)
