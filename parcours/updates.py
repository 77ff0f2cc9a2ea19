"""« Ce qui a changé » on a parcours: the public update notes of its steps' pages.

Guarantees:
- only notes of the steps readers can see (the path's visible pages), newest first, at most
  ``MAX_NOTES``, in two queries whatever the number of steps;
- each note says whether it is recent (``RECENT_DAYS``): without JavaScript readers see the
  recent ones; parcours.js shows those since the reader's last visit instead (kept in the
  browser only).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from knowledge.models import PageUpdate
from parcours.navigation import PAGE_KIND

MAX_NOTES = 20
RECENT_DAYS = 90


@dataclass(frozen=True)
class Note:
    published_at: datetime.datetime
    note: str
    title: str
    url: str
    step_number: int
    recent: bool


def notes_for(path, now=None):
    now = now or timezone.now()
    steps = {step.target_id: step for step in path.steps if step.kind == PAGE_KIND}
    if not steps:
        return []
    since = now - datetime.timedelta(days=RECENT_DAYS)
    rows = PageUpdate.objects.filter(page_id__in=list(steps)).order_by("-published_at", "-pk")
    return [
        Note(
            published_at=row.published_at,
            note=row.note,
            title=steps[row.page_id].title,
            url=steps[row.page_id].url,
            step_number=steps[row.page_id].number,
            recent=row.published_at >= since,
        )
        for row in rows[:MAX_NOTES]
    ]
