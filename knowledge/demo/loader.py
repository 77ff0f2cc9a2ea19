"""The demo Boussole, loaded idempotently (``manage.py load_demo_content``).

Natural keys: theme and glossary slugs, page slugs under their parent (the three section pages
are singletons: found by type under the home page). Anything that already exists is left exactly
as it is, so editors' changes survive `make run`; only missing items are created and published.
The second run reads a handful of slug lists and creates nothing.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from home import demo as information_demo
from home.models import HomePage
from knowledge.demo import content
from knowledge.demo.pages import add_missing, fields
from knowledge.models import (
    Audience,
    Dispositif,
    GlossaryTerm,
    GuideChapterPage,
    GuidePage,
    PracticeSheetIndexPage,
    PracticeSheetPage,
    ProjectStep,
    Territory,
    TestimonyIndexPage,
    TestimonyPage,
    Theme,
)
from parcours import demo as parcours_demo

# (report label, feminine?) per kind, in report order.
KINDS = {
    "themes": (gettext_lazy("Thématiques"), True),
    "glossary": (gettext_lazy("Termes du glossaire"), False),
    "sections": (gettext_lazy("Rubriques (guide, fiches, remontées)"), True),
    "testimonies": (gettext_lazy("Remontées de terrain"), True),
    "sheets": (gettext_lazy("Fiches pratiques"), True),
    "chapters": (gettext_lazy("Chapitres"), False),
}


class DemoLoader:
    """Loads the demo content under ``home`` in one transaction, then reports created vs
    existing per kind on ``stdout`` (``style`` gives the command's colours)."""

    def __init__(self, stdout, style, verbosity=1):
        self.stdout, self.style, self.verbosity = stdout, style, verbosity
        self.counts = {kind: [0, 0] for kind in KINDS}
        self.home_completed = False
        self.others_created = 0  # by the apps' demos (add_published)

    def load(self, home):
        with transaction.atomic():
            self.load_themes()
            self.load_glossary()
            sections = self.load_sections(home)
            self.load_pages(sections)
            self.complete_home(home)
            information_demo.load(self, home)  # footer pages (home app)
            parcours_demo.load(self, home)  # after the pages its steps lead to
        self.report()

    # -- output ------------------------------------------------------------------------------

    def progress(self, message):
        if self.verbosity >= 1:
            self.stdout.write(f"  + {message}")

    def count(self, kind, created):
        self.counts[kind][0 if created else 1] += 1

    def count_added(self, kind, added):
        self.counts[kind][0] += len(added.new)
        self.counts[kind][1] += added.existing

    def publish(self, page):
        page.save_revision().publish()
        self.progress(f"{page.reader_type_label} « {page.title} »")

    def add_published(self, label, parent, model, items, build, feminine=False):
        """For the apps' demos (information pages, parcours): the pages of ``items`` missing
        under ``parent`` (:func:`add_missing`), each published once, then their counts under
        ``label``."""
        added = add_missing(parent, model, items, build)
        for page, _item in added.new:
            self.publish(page)
        self.others_created += len(added.new)
        self.write_counts(label, feminine, len(added.new), added.existing)
        return added

    def write_counts(self, label, feminine, created, existing):
        self.stdout.write(
            _("%(label)s : %(created)s, %(existing)s")
            % {
                "label": label,
                "created": _created(created, feminine),
                "existing": _existing(existing, feminine),
            }
        )

    def report(self):
        for kind, (label, feminine) in KINDS.items():
            self.write_counts(label, feminine, *self.counts[kind])
        if self.home_completed:
            self.stdout.write(_("Page d'accueil : introduction et mises en avant ajoutées"))
        else:
            self.stdout.write(_("Page d'accueil : déjà renseignée, laissée telle quelle"))
        total = self.others_created + sum(created for created, _existing in self.counts.values())
        if total or self.home_completed:
            self.stdout.write(self.style.SUCCESS(_("Contenu de démonstration chargé.")))
        else:
            self.stdout.write(self.style.SUCCESS(_("Contenu de démonstration déjà présent.")))

    # -- taxonomy and glossary -----------------------------------------------------------------

    def load_themes(self):
        # Slug and name are both unique: an editor's theme with the same name counts as existing.
        existing = {v for pair in Theme.objects.values_list("slug", "name") for v in pair}
        for slug, name, description in content.THEMES:
            created = slug not in existing and name not in existing
            if created:
                Theme.objects.create(slug=slug, name=name, description=description)
                self.progress(_("Thématique « %s »") % name)
            self.count("themes", created)

    def load_glossary(self):
        # Slug and term are both unique: a term an editor already wrote counts as existing.
        existing = {v for pair in GlossaryTerm.objects.values_list("slug", "term") for v in pair}
        new_terms = []
        for entry in content.GLOSSARY:
            if entry["slug"] in existing or entry["term"] in existing:
                self.count("glossary", False)
                continue
            term = GlossaryTerm(
                live=False, **fields(entry, "slug", "term", "acronym", "definition")
            )
            term.save()
            new_terms.append((term, entry))
            self.count("glossary", True)
        # See-also links need every term saved first; each new term is then published once.
        by_slug = {t.slug: t for t in GlossaryTerm.objects.filter(slug__in=_all_see_also())}
        for term, entry in new_terms:
            term.see_also.set([by_slug[s] for s in entry["see_also"] if s in by_slug])
            term.save()
            term.save_revision().publish()
            self.progress(_("Terme du glossaire « %s »") % term)

    # -- pages ---------------------------------------------------------------------------------

    def load_sections(self, home):
        specs = [
            (GuidePage, content.GUIDE),
            (PracticeSheetIndexPage, content.SHEET_INDEX),
            (TestimonyIndexPage, content.TESTIMONY_INDEX),
        ]
        sections = {}
        for model, data in specs:
            page = model.objects.child_of(home).first()
            created = page is None
            if created:
                page = model(live=False, **fields(data, "title", "slug", "summary", "introduction"))
                home.add_child(instance=page)
                self.publish(page)
            self.count("sections", created)
            sections[model] = page
        return sections

    def load_pages(self, sections):
        """Create missing testimonies, sheets and chapters, then fill cross-references.

        Pass 1 adds each missing page as an unpublished draft with its own fields and taxonomy;
        pass 2, once every slug has an id, sets the fields that point to other pages (body
        quotes, resources, related content) and publishes each new page once.
        """
        guide = sections[GuidePage]
        kinds = [
            ("testimonies", TestimonyPage, sections[TestimonyIndexPage], content.TESTIMONIES),
            ("sheets", PracticeSheetPage, sections[PracticeSheetIndexPage], content.SHEETS),
            ("chapters", GuideChapterPage, guide, content.CHAPTERS),
        ]
        new_pages = []  # (kind, page, data)
        self.ids = {}
        for kind, model, parent, items in kinds:
            added = add_missing(parent, model, items, getattr(self, f"build_{kind}"))
            new_pages += [(kind, page, data) for page, data in added.new]
            self.count_added(kind, added)
            self.ids[kind] = added.ids

        if not new_pages:
            return
        self.testimony_data = {t["slug"]: t for t in content.TESTIMONIES}
        self.territory_names = dict(Territory.objects.values_list("slug", "name"))
        for kind, page, data in new_pages:
            getattr(self, f"link_{kind}")(page, data)
            self.publish(page)
        self.keep_chapter_order(guide, {p.slug for k, p, _d in new_pages if k == "chapters"})

    def keep_chapter_order(self, guide, new_slugs):
        """Place each new chapter before the next chapter (in reading order) that already existed.

        Chapters that existed are never moved: editors may have reordered them on purpose.
        """
        if not new_slugs:
            return
        order = [c["slug"] for c in content.CHAPTERS]
        for index, slug in enumerate(order):
            if slug not in new_slugs:
                continue
            following = [s for s in order[index + 1 :] if s not in new_slugs]
            if not following:
                continue
            chapters = GuideChapterPage.objects.child_of(guide)
            page = chapters.get(slug=slug)
            target = chapters.filter(slug__in=following).order_by("path").first()
            if target is not None and target.path < page.path:
                page.move(target, pos="left")

    # Pass 1: page fields and taxonomy.

    def _classified(self, page, data):
        page.themes.set(Theme.objects.filter(slug__in=data["themes"]))
        page.project_steps.set(ProjectStep.objects.filter(slug__in=data["project_steps"]))
        return page

    def build_testimonies(self, data):
        page = TestimonyPage(
            territory=Territory.objects.get(slug=data["territory"]),
            dispositif=Dispositif.objects.get(slug=data["dispositif"]),
            consent_given=True,
            **fields(
                data,
                "title",
                "slug",
                "summary",
                "quote",
                "context",
                "speaker_role",
                "seniority",
                "collected_on",
                "consent_date",
            ),
        )
        return self._classified(page, data)

    def build_sheets(self, data):
        page = PracticeSheetPage(**fields(data, "title", "slug", "summary", "objectives"))
        page.dispositifs.set(Dispositif.objects.filter(slug__in=data["dispositifs"]))
        page.audiences.set(Audience.objects.filter(slug__in=data["audiences"]))
        return self._classified(page, data)

    def build_chapters(self, data):
        page = GuideChapterPage(**fields(data, "title", "slug", "summary"))
        return self._classified(page, data)

    # Pass 2: fields that point to other pages.

    def link_testimonies(self, page, data):
        pass  # a testimony points to nothing; others quote it

    def link_sheets(self, page, data):
        page.steps = [
            {"type": "step", "value": {"title": title, "body": body}}
            for title, body in data["steps"]
        ]
        page.body = self.stream(data["body"])
        page.resources = [
            {"type": "resource", "value": self.resource(*resource)}
            for resource in data["resources"]
        ]
        page.related_sheets.set(
            PracticeSheetPage.objects.filter(pk__in=self.page_ids("sheets", data["related_sheets"]))
        )
        page.related_testimonies.set(
            TestimonyPage.objects.filter(
                pk__in=self.page_ids("testimonies", data["related_testimonies"])
            )
        )

    def link_chapters(self, page, data):
        page.body = self.stream(data["body"])

    def page_ids(self, kind, slugs):
        return [self.ids[kind][slug] for slug in slugs if slug in self.ids[kind]]

    def stream(self, blocks):
        """Compact block notation (see knowledge/demo/sheets.py) → raw StreamField data."""
        data = []
        for block in blocks:
            name, args = block[0], block[1:]
            if name == "heading":
                data.append({"type": "heading", "value": {"text": args[0]}})
            elif name == "paragraph":
                data.append({"type": "paragraph", "value": args[0]})
            elif name == "reflexes":
                title = _("Réflexes à acquérir")
                data.append({"type": "reflexes", "value": {"title": title, "items": args[0]}})
            elif name == "quote":
                data.append({"type": "quoted_testimony", "value": self.quote(args[0])})
            elif name == "callout":
                kind, title, text = args
                data.append(
                    {"type": "callout", "value": {"kind": kind, "title": title, "text": text}}
                )
            elif name == "resources":
                title, resources = args
                value = {"title": title, "resources": [self.resource(*r) for r in resources]}
                data.append({"type": "resources", "value": value})
            else:
                raise ValueError(f"Unknown demo block {name!r}")
        return data

    def quote(self, slug):
        testimony = self.testimony_data[slug]
        territory = self.territory_names.get(testimony["territory"], "")
        return {
            "testimony": self.ids["testimonies"].get(slug),
            "quote": testimony["quote"],
            "attribution": f"{testimony['speaker_role']}, {territory}".strip(", "),
        }

    def resource(self, title, description, target):
        value = {"title": title, "description": description, "page": None, "document": None}
        value["url"] = ""
        if target.startswith("https://"):
            value["url"] = target
        else:
            kind, slug = target.split(":", 1)
            kind = {"sheet": "sheets", "chapter": "chapters", "testimony": "testimonies"}[kind]
            value["page"] = self.ids[kind].get(slug)
        return value

    # -- home page -------------------------------------------------------------------------------

    def complete_home(self, home):
        """Fill the home page's introduction and featured pages once; never overwrite them."""
        home = HomePage.objects.get(pk=home.pk)
        if home.introduction or len(home.featured):
            return
        home.introduction = content.HOME["introduction"]
        home.summary = home.summary or content.HOME["summary"]
        featured = []
        for kind, slug in content.HOME["featured"]:
            model = GuideChapterPage if kind == "chapter" else PracticeSheetPage
            page = model.objects.filter(slug=slug).first()
            if page is not None:
                featured.append({"type": "page", "value": page.pk})
        home.featured = featured
        home.save_revision().publish()
        self.home_completed = True


def _all_see_also():
    return {slug for entry in content.GLOSSARY for slug in entry["see_also"]}


def _created(count, feminine):
    if feminine:
        return ngettext("%(n)d créée", "%(n)d créées", count) % {"n": count}
    return ngettext("%(n)d créé", "%(n)d créés", count) % {"n": count}


def _existing(count, feminine):
    if feminine:
        return ngettext("%(n)d existante", "%(n)d existantes", count) % {"n": count}
    return ngettext("%(n)d existant", "%(n)d existants", count) % {"n": count}
