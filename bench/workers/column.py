"""One column of the search benchmark, in its own process (started by ``bench.__main__``):

    python -m bench.workers.column ENGINE --items N --json var/bench-ENGINE.json

Its settings come from the environment the orchestrator gave it (database, backend, index
prefix). It migrates the database, builds the corpus (``bench.workers.corpus``), indexes it with
``search.indexing.rebuild()``, times the queries (``bench.workers.timings``) and hands the
figures back as JSON (``bench.workers.results``). On OpenSearch it first checks the backend and
the node, and deletes the column's indexes from the node at the end.
"""

import json
import os
import time
import urllib.request

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils.module_loading import import_string

from bench.workers import timings
from bench.workers.corpus import build_corpus, vocabulary
from bench.workers.results import NotMeasured, database_version, engine_main, log
from search.backends import SearchBackendError, get_search_backend
from search.indexing import RebuildError, rebuild

INDEX_BATCH = 500


def _node_version(url):
    """The version of the OpenSearch node answering at ``url``, or NotMeasured."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/", timeout=5) as response:
            about = json.loads(response.read())
        return f"OpenSearch {about['version']['number']}"
    except (OSError, ValueError, KeyError) as error:
        reason = getattr(error, "reason", None) or error
        raise NotMeasured(
            f"colonne non mesurée : aucun nœud OpenSearch ne répond sur {url} ({reason}) ; "
            "démarrez-le avec « make search-node »."
        ) from error


def _indexes():
    """The node's URL and the pattern of this column's indexes (settings' ``INDEX_PREFIX``)."""
    return settings.BOUSSOLE_SEARCH["URLS"][0], f"{settings.BOUSSOLE_SEARCH['INDEX_PREFIX']}-*"


def _drop_indexes():
    """Delete the column's indexes from the node: it is shared with the tests and development,
    which use other prefixes; nothing else is touched."""
    url, pattern = _indexes()
    request = urllib.request.Request(f"{url.rstrip('/')}/{pattern}", method="DELETE")
    try:
        with urllib.request.urlopen(request, timeout=30):
            pass
    except OSError as error:
        log(f"  index « {pattern} » laissés sur le nœud (suppression impossible : {error})")
    else:
        log(f"  index « {pattern} » supprimés du nœud")


def _check_backend():
    path = settings.BOUSSOLE_SEARCH["BACKEND"]
    try:
        import_string(path)
    except ImportError as error:
        raise NotMeasured(
            f"colonne non mesurée : le backend {path} n'existe pas (encore) ({error})."
        ) from error
    return _node_version(_indexes()[0])


def _progress(step):
    shown = {"next": step}

    def report(done, total):
        if done >= shown["next"] or done == total:
            log(f"  … {done}/{total} éléments indexés")
            shown["next"] = (done // step + 1) * step

    return report


def measure_column(engine, total):
    """Migrate, build the corpus, index it and time it; the column's figures as a dict."""
    kind = "opensearch" if engine == "opensearch" else "database"
    result = {"engine": engine, "kind": kind, "search_version": None}
    if kind == "database":
        return _measure(engine, kind, total, result)
    result["search_version"] = _check_backend()
    try:
        return _measure(engine, kind, total, result)
    finally:
        _drop_indexes()


def _measure(engine, kind, total, result):
    started = time.perf_counter()
    log(f"[{engine}] migrations")
    call_command("migrate", verbosity=0)
    result["vendor"] = connection.vendor
    result["database_version"] = database_version(connection)

    log(f"[{engine}] corpus de {total} éléments")
    start = time.perf_counter()
    result["pages"] = build_corpus(total)
    result["create_s"] = round(time.perf_counter() - start, 1)
    log(f"  {result['pages']} pages en {result['create_s']} s")

    log(f"[{engine}] index Boussole (rebuild, backend {settings.BOUSSOLE_SEARCH['BACKEND']})")
    start = time.perf_counter()
    try:
        result["documents"] = rebuild(
            batch_size=INDEX_BATCH, progress=_progress(max(INDEX_BATCH, total // 5))
        )
    except (RebuildError, SearchBackendError) as error:
        raise NotMeasured(
            f"colonne non mesurée : l'index n'a pu être construit ({error})."
        ) from error
    result["index_s"] = round(time.perf_counter() - start, 1)
    log(f"  {result['documents']} documents en {result['index_s']} s")
    if kind == "opensearch":
        in_node = get_search_backend().count()
        if in_node != result["documents"]:
            raise NotMeasured(
                f"colonne non mesurée : l'index OpenSearch compte {in_node} documents "
                f"au lieu de {result['documents']}."
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    result["stock_index_s"] = None
    if kind == "database":
        start = time.perf_counter()
        call_command("update_index", verbosity=0)
        result["stock_index_s"] = round(time.perf_counter() - start, 1)
        log(f"  index Wagtail (update_index) : {result['stock_index_s']} s")

    log(f"[{engine}] mesures")
    result["load_before"] = round(os.getloadavg()[0], 2)
    node = _indexes() if kind == "opensearch" else None
    try:
        before = node and timings.node_search_stats(*node)
        service, result["per_query"], result["degraded"] = timings.time_service(log)
        if node:
            after = timings.node_search_stats(*node)
            searches, node_ms = after[0] - before[0], after[1] - before[1]
            result["node_ms_per_search"] = round(node_ms / max(1, searches), 2)
            log(f"  dans le nœud : {result['node_ms_per_search']} ms par recherche ({searches})")
        result["service_ms"] = timings.summary(service)
        result["bare_ms"] = timings.summary(timings.time_bare(kind, log))
        long_query = timings.long_query(known=vocabulary())
        result["long_query"] = timings.time_long_query(long_query, log)
        result["degraded"] += result["long_query"]["degraded"]
    except SearchBackendError as error:
        raise NotMeasured(
            f"colonne non mesurée : le backend a cessé de répondre pendant les mesures ({error})."
        ) from error
    if kind == "opensearch" and result["degraded"]:
        log(f"  ATTENTION : {result['degraded']} réponses venues du repli base de données")
    result["stock_ms"] = result["stock_per_query_ms"] = result["stock_timeouts"] = None
    if kind == "database":
        stock, result["stock_per_query_ms"], result["stock_timeouts"] = timings.time_stock(
            connection.vendor, log
        )
        result["stock_ms"] = timings.summary(stock)
    result["load_after"] = round(os.getloadavg()[0], 2)
    result["column_s"] = round(time.perf_counter() - started, 1)
    return result


def main(argv=None):
    engine_main(
        "python -m bench.workers.column",
        measure_column,
        "{engine}",
        "colonne non mesurée : erreur inattendue",
        argv,
    )


if __name__ == "__main__":
    main()
