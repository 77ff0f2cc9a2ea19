"""The load test's preparation of one bench database, in its own process (started by
``bench.load``) with the gunicorns' settings (``bench.settings``), page cache off:

    python -m bench.workers.load ENGINE --items N --json PATH

Migrates; checks the corpus the search column left (``needs_fresh`` when it has another size),
or builds it with ``bench.workers.corpus`` when the database is empty, and completes an index
that misses pages; gives the loaded practice sheet exactly its related items; hands back the
URLs the load test loads, what they show, and the SQL queries of one request per URL
(``django.test.Client`` and ``CaptureQueriesContext``, after one warm-up request per URL).
"""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.urls import TRIVIAL_PATH
from bench.workers.corpus import build_corpus
from bench.workers.results import NotMeasured, database_version, engine_main, log
from knowledge import models as km
from knowledge.visibility import visible_pages
from search.indexing import rebuild
from search.models import SearchDocument

RELATED_SHEETS, RELATED_TESTIMONIES = 10, 10  # 20 related items on the loaded practice sheet
SEARCH_QUERY = "coordination"
LISTING_PAGE = 50


def _corpus_count():
    return sum(
        m.objects.count() for m in (km.GuideChapterPage, km.PracticeSheetPage, km.TestimonyPage)
    )


def _build(items):
    log(f"  corpus de {items} éléments (bench.workers.corpus)")
    start = time.perf_counter()
    build_corpus(items)
    rebuild()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return round(time.perf_counter() - start, 1)


def _set_related(sheet):
    """``sheet`` gets exactly RELATED_SHEETS visible sheets and RELATED_TESTIMONIES visible
    testimonies (the first by tree order), written at once (the relations' managers, given
    ids), no revision."""
    chosen = {
        "related_sheets": list(
            visible_pages(km.PracticeSheetPage.objects.exclude(pk=sheet.pk))
            .order_by("path")
            .values_list("pk", flat=True)[:RELATED_SHEETS]
        ),
        "related_testimonies": list(
            visible_pages(km.TestimonyPage.objects.all())
            .order_by("path")
            .values_list("pk", flat=True)[:RELATED_TESTIMONIES]
        ),
    }
    with transaction.atomic():
        for name, pks in chosen.items():
            getattr(sheet, name).set(pks)
    return {name: len(pks) for name, pks in chosen.items()}


def _urls():
    """The loaded URLs, and what they show (the sheet's related items, the filter's matches)."""
    sheets = visible_pages(km.PracticeSheetPage.objects.all()).order_by("path")
    sheet = sheets.first()
    testimony = visible_pages(km.TestimonyPage.objects.all()).order_by("path").first()
    index = km.PracticeSheetIndexPage.objects.live().first()
    if sheet is None or testimony is None or index is None:
        raise NotMeasured("le corpus n'a ni fiche pratique, ni remontée de terrain visibles.")
    related = _set_related(sheet)
    theme = km.Theme.objects.order_by("slug").first()
    dispositif = (
        km.Dispositif.objects.filter(sheets__in=sheets.filter(themes=theme))
        .annotate(n=Count("sheets"))
        .order_by("-n", "slug")
        .first()
    )
    matches = sheets.filter(themes=theme, dispositifs=dispositif).distinct().count()
    pages = Paginator(range(sheets.count()), index.paginate_by).num_pages
    if pages < LISTING_PAGE:
        raise NotMeasured(f"la liste des fiches n'a que {pages} pages (il en faut {LISTING_PAGE}).")
    listing = index.url
    return {
        "trivial": TRIVIAL_PATH,
        "home": "/",
        "sheet": sheet.url,
        "testimony": testimony.url,
        "listing_filtered": f"{listing}?theme={theme.slug}&dispositif={dispositif.slug}",
        "listing_page": f"{listing}?page={LISTING_PAGE}",
        "search": f"/recherche/?q={SEARCH_QUERY}",
        "api_search": f"/api/v2/search/?q={SEARCH_QUERY}",
        "api_pages": "/api/v2/pages/?type=knowledge.PracticeSheetPage&limit=20&fields=*",
    }, {
        "sheet_title": sheet.title,
        "sheet_related": related,
        "listing_filter_matches": matches,
        "listing_pages": pages,
    }


def _query_counts(urls):
    """SQL queries of one request per URL (after a warm-up request), cache off."""
    client = Client(HTTP_HOST="127.0.0.1")
    out = {}
    for key, url in urls.items():
        with CaptureQueriesContext(connection) as first:
            client.get(url)
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        elapsed = time.perf_counter() - start
        out[key] = {
            "queries": len(ctx),
            "sql_ms": round(sum(float(q["time"]) for q in ctx.captured_queries) * 1000, 1),
            "request_ms": round(elapsed * 1000, 1),
            "first_request_queries": len(first),
            "status": response.status_code,
            "bytes": len(response.content),
            "statements": [
                {"ms": round(float(q["time"]) * 1000, 2), "sql": q["sql"][:300]}
                for q in ctx.captured_queries
            ],
        }
        if response.status_code != 200:
            raise NotMeasured(f"{url} répond {response.status_code} (attendu : 200).")
    return out


def prepare(engine, items):
    """The database's figures, URLs and query counts (``needs_fresh`` and its page count when
    its corpus has another size than ``items``)."""
    call_command("migrate", verbosity=0)
    result = {
        "engine": engine,
        "vendor": connection.vendor,
        "database_version": database_version(connection),
        "built_s": None,
    }
    found = _corpus_count()
    if found not in (0, items):
        return {**result, "needs_fresh": True, "pages": found}
    if found == 0:
        result["built_s"] = _build(items)
    elif SearchDocument.objects.filter(page__isnull=False).count() < items:
        log("  index de recherche incomplet : rebuild()")
        rebuild()
    result["pages"] = _corpus_count()
    result["urls"], result["content"] = _urls()
    if settings.BOUSSOLE_PAGE_CACHE_SECONDS:
        raise NotMeasured("les requêtes SQL se comptent cache de pages coupé.")
    result["queries"] = _query_counts(result["urls"])
    return result


def main(argv=None):
    engine_main(
        "python -m bench.workers.load",
        prepare,
        "charge {engine}",
        "préparation interrompue : erreur inattendue",
        argv,
    )


if __name__ == "__main__":
    main()
