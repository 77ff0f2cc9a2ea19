"""Run as a script by cms/tests/test_consistency.py, on a file SQLite database it is given.

``setup``: migrate and create an editor. ``kills N``: N times, a forked child posts the admin's
"create + publish" for a practice sheet and is killed at a point of it (the page's first save,
its revision, or its publication, in turn) — as a worker killed mid-request would be; prints
how each child ended. ``concurrent N``:
N threads publish N new sheets through the admin at the same time; prints the status codes.
"""

import os
import signal
import sys
import threading

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models.signals import post_save  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from wagtail.models import Page, Revision  # noqa: E402
from wagtail.signals import page_published  # noqa: E402
from wagtail.test.utils.form_data import (  # noqa: E402
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from home.models import HomePage  # noqa: E402
from knowledge.models import PracticeSheetIndexPage  # noqa: E402

EDITOR = "editrice"


def form(title):
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "summary": "Résumé.",
            "objectives": rich_text("<p>Objectifs.</p>"),
            "steps": streamfield([]),
            "body": streamfield([]),
            "resources": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "1",
        }
    )


def client():
    c = Client()
    c.force_login(get_user_model().objects.get(username=EDITOR))
    return c


def add_url():
    index = PracticeSheetIndexPage.objects.get()
    return f"/admin/pages/add/knowledge/practicesheetpage/{index.pk}/"


def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)


def die_on_save_of(model):
    def handler(sender, instance, **kwargs):
        if isinstance(instance, model):
            die()

    return handler


KILL_POINTS = ["page-saved", "revision-saved", "published"]


def arm_kill_point(point):
    if point == "page-saved":
        post_save.connect(die_on_save_of(Page), weak=False)
    elif point == "revision-saved":
        post_save.connect(die_on_save_of(Revision), weak=False)
    else:
        page_published.connect(die, weak=False)


def main(command, *args):
    if command == "setup":
        call_command("migrate", verbosity=0)
        get_user_model().objects.create_superuser(EDITOR, "e@example.org", "x")
        index = HomePage.objects.get().add_child(
            instance=PracticeSheetIndexPage(title="Fiches", slug="fiches", live=False)
        )
        index.save_revision().publish()
        return
    if command == "kills":
        url, points, ends = add_url(), list(KILL_POINTS), []
        for attempt in range(int(args[0])):
            connection.close()  # the child opens its own
            child = os.fork()
            if child == 0:
                arm_kill_point(points[attempt % len(points)])
                client().post(url, form(f"Fiche {attempt}"))
                os._exit(3)  # the kill point was never reached
            _pid, status = os.waitpid(child, 0)
            ends.append(str(os.waitstatus_to_exitcode(status)))
        sys.stdout.write(" ".join(ends) + "\n")
        return
    if command == "concurrent":
        n = int(args[0])
        url, statuses, barrier = add_url(), [], threading.Barrier(n)

        def publish(i):
            c = client()
            barrier.wait()
            statuses.append(c.post(url, form(f"Fiche concurrente {i}")).status_code)
            connection.close()

        threads = [threading.Thread(target=publish, args=(i,)) for i in range(n)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        sys.stdout.write(" ".join(map(str, sorted(statuses))) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
