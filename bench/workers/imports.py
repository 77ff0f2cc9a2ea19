"""The Markdown import benchmark's database work, in a process with its settings (started by
``bench.imports``, which times the import itself as ``manage.py boussole_import_markdown``):

    python -m bench.workers.imports setup    # the demo themes and the testimony section
    python -m bench.workers.imports check    # prints {"drafts", "live", "revisions"} as JSON

``setup`` runs on a migrated database before the import (not timed); ``check`` after it.
"""

import argparse
import json

from wagtail.models import Revision

from bench.workers.corpus import section
from bench.workers.results import log
from knowledge.demo.content import THEMES
from knowledge.models import TestimonyPage, Theme


def setup():
    for slug, name, description in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})
    section(TestimonyPage)


def check():
    pages = TestimonyPage.objects.all()
    ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
    return {
        "drafts": pages.filter(live=False).count(),
        "live": pages.filter(live=True).count(),
        "revisions": Revision.page_revisions.filter(object_id__in=ids).count(),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.workers.imports")
    parser.add_argument("step", choices=("setup", "check"))
    args = parser.parse_args(argv)
    if args.step == "setup":
        setup()
    else:
        log(json.dumps(check()))


if __name__ == "__main__":
    main()
