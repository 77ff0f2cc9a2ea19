"""Every published parcours as readers walk it: its visible steps, numbered, with their titles and
URLs. Built in a constant number of queries (four, however many parcours and steps) and kept in
the shared cache per content version and host, like the section navigation: a chapter page asks
"which parcours am I in, at which step?" without any query once the map is built.

Guarantees:
- a step is shown only when its target is visible (``knowledge.visibility``: live, public,
  consented testimony; live glossary term); steps are numbered among the visible ones;
- only live, public parcours are listed; a draft of a parcours never changes what readers see
  (the step rows hold the live version);
- any publishing event changes the content version, so the map is rebuilt on the next request.
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.api.utils import get_full_url
from wagtail.models import Page

from knowledge import content_version
from knowledge.visibility import visible_glossary_terms, visible_pages

GLOSSARY_KIND, PAGE_KIND = "glossaire", "page"
GLOSSARY_LABEL = _("Terme du glossaire")


@dataclass(frozen=True)
class Step:
    id: int
    number: int
    kind: str  # PAGE_KIND or GLOSSARY_KIND
    target_id: int
    target_type: str  # "knowledge.PracticeSheetPage", or "knowledge.GlossaryTerm"
    title: str
    type_label: str
    introduction: str
    url: str
    full_url: str


@dataclass(frozen=True)
class Path:
    """A parcours as readers see it."""

    id: int
    title: str
    url: str
    steps: tuple

    @property
    def total(self):
        return len(self.steps)

    def position(self, kind, target_id):
        """(previous step, this step, next step) for the first step leading to the target."""
        for index, step in enumerate(self.steps):
            if step.kind == kind and step.target_id == target_id:
                previous = self.steps[index - 1] if index else None
                following = self.steps[index + 1] if index + 1 < len(self.steps) else None
                return previous, step, following
        return None


@dataclass(frozen=True)
class Membership:
    """A page's place in one parcours (what the step navigation shows)."""

    path: Path
    previous: Step
    step: Step
    next: Step


def _build(request):
    parcours_model = apps.get_model("parcours", "ParcoursPage")
    step_model = apps.get_model("parcours", "ParcoursStep")
    parcours = list(visible_pages(parcours_model.objects.all()).order_by("path"))
    rows = list(
        step_model.objects.filter(parcours__in=[p.pk for p in parcours])
        .select_related("page", "glossary_term")
        .order_by("parcours_id", "sort_order", "pk")
    )
    page_ids = {row.page_id for row in rows if row.page_id}
    term_ids = {row.glossary_term_id for row in rows if row.glossary_term_id}
    visible_page_ids = set(
        visible_pages(Page.objects.filter(pk__in=page_ids)).values_list("pk", flat=True)
    )
    live_term_ids = set(
        visible_glossary_terms().filter(pk__in=term_ids).values_list("pk", flat=True)
    )
    rows_by_parcours = {}
    for row in rows:
        rows_by_parcours.setdefault(row.parcours_id, []).append(row)
    return {
        page.pk: _path(
            page, rows_by_parcours.get(page.pk, []), request, visible_page_ids, live_term_ids
        )
        for page in parcours
    }


def _path(page, rows, request, visible_page_ids, live_term_ids):
    entries = [_entry(row, request, visible_page_ids, live_term_ids) for row in rows]
    steps = tuple(
        Step(number=number, **entry)
        for number, entry in enumerate((e for e in entries if e is not None), start=1)
    )
    return Path(page.pk, page.title, page.get_url(request) or "", steps)


def path_for(page, request=None):
    """``page``'s Path: from the map when readers see it; else (a preview, or a private parcours
    shown to someone allowed) from the page's own steps, in memory for a preview."""
    path = None if getattr(request, "is_preview", False) else paths(request).get(page.pk)
    if path is not None:
        return path
    rows = list(page.steps.all())
    page_ids = [row.page_id for row in rows if row.page_id]
    term_ids = [row.glossary_term_id for row in rows if row.glossary_term_id]
    visible_page_ids = set(
        visible_pages(Page.objects.filter(pk__in=page_ids)).values_list("pk", flat=True)
    )
    live_term_ids = set(
        visible_glossary_terms().filter(pk__in=term_ids).values_list("pk", flat=True)
    )
    return _path(page, rows, request, visible_page_ids, live_term_ids)


def _entry(row, request, visible_page_ids, live_term_ids):
    """A step's fields (but its number), or None when readers can't see its target."""
    common = {"id": row.pk, "introduction": row.introduction}
    if row.page_id in visible_page_ids:
        page, model = row.page, row.page.specific_class
        if model is None:
            return None
        url = page.get_url(request) or ""
        return {
            **common,
            "kind": PAGE_KIND,
            "target_id": page.pk,
            "target_type": f"{model._meta.app_label}.{model.__name__}",
            "title": page.title,
            "type_label": str(getattr(model, "reader_type_label", model._meta.verbose_name)),
            "url": url,
            "full_url": page.get_full_url(request) or url,
        }
    if row.glossary_term_id in live_term_ids:
        term = row.glossary_term
        return {
            **common,
            "kind": GLOSSARY_KIND,
            "target_id": term.pk,
            "target_type": "knowledge.GlossaryTerm",
            "title": str(term),
            "type_label": str(GLOSSARY_LABEL),
            "url": term.reader_url,
            "full_url": get_full_url(request, term.reader_url),
        }
    return None


def paths(request=None):
    """{parcours id: Path} for every visible parcours; once per content version and host."""
    return content_version.per_version("parcours", _build, request)


def memberships(target, request=None):
    """The visible parcours that lead to ``target`` (a page or a glossary term), with its step
    and its neighbours."""
    is_term = target._meta.label == "knowledge.GlossaryTerm"
    kind = GLOSSARY_KIND if is_term else PAGE_KIND
    found = []
    for path in paths(request).values():
        position = path.position(kind, target.pk)
        if position is not None:
            found.append(Membership(path, *position))
    return found
