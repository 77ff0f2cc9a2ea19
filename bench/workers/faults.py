"""The fault script's database work, each step in its own process with the gunicorn's settings
(started by ``bench.faults``), its result printed as one ``RESULT {json}`` line:

    python -m bench.workers.faults setup ITEMS
    python -m bench.workers.faults publish PAGE_ID TITLE hold|now
    python -m bench.workers.faults index PAGE_ID
    python -m bench.workers.faults after PAGE_ID USERNAME

``setup``: corpus check, the account for the logins, the page the publishes aim at, the node's
small ``bench-documents`` index, the state before; ``publish``: one publish in one transaction
(with ``hold``, it says ``PUBLISHING`` and keeps the transaction open while the database is
stopped); ``index``: the node's small index again; ``after``: the state after, then the account
and its lockout records removed.
"""

import argparse
import json
import secrets

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from wagtail.models import Page, Revision

from bench.faults import SUBSET
from bench.workers.results import log
from knowledge import models as km
from knowledge.visibility import visible_pages
from search import documents as docs
from search.backends import get_search_backend
from search.models import SearchDocument


def _db_state(page_id):
    page = Page.objects.get(pk=page_id)
    return {
        "pages": Page.objects.count(),
        "live_pages": Page.objects.filter(live=True).count(),
        "revisions": Revision.objects.count(),
        "search_documents": SearchDocument.objects.count(),
        "pages_by_type": {
            row["content_type__model"]: row["n"]
            for row in Page.objects.order_by().values("content_type__model").annotate(n=Count("pk"))
        },
        "target": {
            "id": page.pk,
            "title": page.title,
            "live": page.live,
            "live_revision_id": page.live_revision_id,
            "latest_revision_id": page.latest_revision_id,
            "revisions": Revision.page_revisions.filter(object_id=str(page.pk)).count(),
            "search_title": SearchDocument.objects.filter(page_id=page.pk)
            .values_list("title", flat=True)
            .first(),
        },
    }


def _index_subset(target_id):
    """A ``bench-documents`` index of SUBSET visible pages (the target page among them)."""
    if settings.BOUSSOLE_SEARCH["BACKEND"].endswith("DatabaseSearchBackend"):
        return 0
    ids = list(
        visible_pages(Page.objects.filter(depth__gte=docs.FIRST_CONTENT_DEPTH))
        .order_by("path")
        .values_list("pk", flat=True)[:SUBSET]
    )
    ids = [target_id, *[pk for pk in ids if pk != target_id]][:SUBSET]
    rebuilder = get_search_backend().get_rebuilder()
    rebuilder.start()
    for start in range(0, len(ids), 200):
        rebuilder.add_documents(
            docs.page_documents(Page.objects.filter(pk__in=ids[start : start + 200]))
        )
    rebuilder.finish()
    return len(ids)


def setup(items):
    """Corpus check, the account for the logins, the page the publishes aim at, the node's
    small index, the state before."""
    call_command("migrate", verbosity=0)
    corpus = sum(
        m.objects.count() for m in (km.GuideChapterPage, km.PracticeSheetPage, km.TestimonyPage)
    )
    if corpus != items:
        return {"error": f"la base PostgreSQL du benchmark compte {corpus} pages, pas {items}."}
    target = visible_pages(km.PracticeSheetPage.objects.all()).order_by("path")[1]
    username, password = f"bench-faults-{secrets.token_hex(4)}", secrets.token_urlsafe(24)
    get_user_model().objects.create_superuser(username, f"{username}@example.org", password)
    return {
        "username": username,
        "password": password,
        "target_id": target.pk,
        "target_url": target.url,
        "indexed": _index_subset(target.pk),
        "before": _db_state(target.pk),
    }


def after(target_id, username):
    """The state after, then the login account and its lockout records removed."""
    state = _db_state(target_id)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=username).delete()
    get_user_model().objects.filter(username=username).delete()
    return state


def publish(target_id, title, hold):
    """Publish ``title`` on the target page in one transaction; with ``hold``, say so and keep
    the transaction open (the parent stops the database meanwhile)."""
    try:
        with transaction.atomic():
            page = km.PracticeSheetPage.objects.get(pk=target_id)
            page.title = title
            page.save_revision().publish()
            if hold:
                log("PUBLISHING")
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_sleep(60)")
        return {"outcome": "committed"}
    except Exception as error:  # the outage: the transaction is lost, which is the point
        return {"outcome": "failed", "error": f"{type(error).__name__}: {str(error).strip()[:160]}"}


def index(target_id):
    return {"indexed": _index_subset(target_id)}


STEPS = {
    "setup": lambda a: setup(int(a[0])),
    "after": lambda a: after(int(a[0]), a[1]),
    "publish": lambda a: publish(int(a[0]), a[1], a[2] == "hold"),
    "index": lambda a: index(int(a[0])),
}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.workers.faults")
    parser.add_argument("step", choices=sorted(STEPS))
    parser.add_argument("args", nargs="*")
    args = parser.parse_args(argv)
    log("RESULT " + json.dumps(STEPS[args.step](args.args), ensure_ascii=False))


if __name__ == "__main__":
    main()
