"""boussole_import_markdown: one file per page, drafts only, all or nothing, errors by line."""

import datetime
import json
import textwrap
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from knowledge import factories
from knowledge.models import (
    Dispositif,
    GuideChapterPage,
    PracticeSheetPage,
    Territory,
    TestimonyPage,
)
from knowledge.transfer import bulk
from knowledge.transfer.markdown_import import MarkdownImporter, import_types
from knowledge.visibility import visible_pages

pytestmark = pytest.mark.django_db

CHAPTER = textwrap.dedent(
    """\
    ---
    type: chapitre
    title: Travailler avec la PMI
    summary: Un chapitre écrit en Markdown.
    theme: [sante-mentale, partenariats]
    etape: diagnostic
    ---
    Une introduction **importante** avec [un lien](https://example.org/pmi).

    ## Connaître ses missions

    La PMI suit les enfants de moins de six ans.

    ### En pratique

    - prendre rendez-vous
    - préparer la réunion

    # Construire une action commune

    Avec les *infirmières* de secteur.
    """
)

SHEET = textwrap.dedent(
    """\
    ---
    type: fiche-pratique
    title: Monter un groupe de pairs
    summary: Une fiche écrite en Markdown.
    objectives: |
      - Réunir des pairs
      - Partager *les pratiques*
    theme: partenariats
    dispositif: [asv, cls]
    audience: [nouveau-coordinateur]
    etape: [animation-du-reseau]
    ---
    ## Pourquoi

    Parce qu'on apprend mieux à plusieurs.
    """
)

TESTIMONY = textwrap.dedent(
    """\
    ---
    type: remontee-de-terrain
    title: Le diagnostic avec les habitants
    summary: Une remontée écrite en Markdown.
    quote: « On apprend le métier en marchant. »
    speaker_role: Coordinatrice ASV
    theme: [sante-mentale]
    dispositif: asv
    departement: seine-saint-denis
    seniority: 1to3
    collected_on: 2026-01-10
    consent_given: true
    consent_date: 2026-01-12
    ---
    Nous avons **organisé** trois réunions publiques.
    """
)


@pytest.fixture
def sections():
    """The three sections and two themes (the other taxonomies come from the migrations)."""
    factories.ThemeFactory(slug="sante-mentale", name="Santé mentale")
    factories.ThemeFactory(slug="partenariats", name="Partenariats")
    return {
        "guide": factories.guide_page(),
        "sheets": factories.sheet_index_page(),
        "testimonies": factories.testimony_index_page(),
    }


@pytest.fixture
def write(tmp_path):
    """`write(name, text)` → the path of a Markdown file (the text is dedented)."""

    def make(name, text):
        path = tmp_path / "md" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return make


def run(*paths):
    """(stdout, stderr) of the command; raises CommandError when it fails."""
    out, err = StringIO(), StringIO()
    call_command("boussole_import_markdown", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failure(*paths):
    """(stderr, message) of a failing run."""
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("boussole_import_markdown", *map(str, paths), stdout=StringIO(), stderr=err)
    return err.getvalue(), str(raised.value)


def imported_pages():
    return Page.objects.filter(depth__gt=3).count()


def slugs(relation):
    return sorted(term.slug for term in relation.all())


# -- the three types ---------------------------------------------------------------------------


def test_a_file_of_each_type_creates_a_draft_with_its_taxonomy(sections, write):
    for name, text in (("chapitre.md", CHAPTER), ("fiche.md", SHEET), ("remontee.md", TESTIMONY)):
        write(name, text)

    out, _err = run(write("autre.md", TESTIMONY.replace("Le diagnostic", "Un autre")).parent)

    assert (
        "4 pages créées en brouillon (1 chapitre, 1 fiche pratique, 2 remontées de terrain)" in out
    )
    chapter = GuideChapterPage.objects.get(slug="travailler-avec-la-pmi")
    sheet = PracticeSheetPage.objects.get(slug="monter-un-groupe-de-pairs")
    testimony = TestimonyPage.objects.get(slug="le-diagnostic-avec-les-habitants")
    for page, section in ((chapter, "guide"), (sheet, "sheets"), (testimony, "testimonies")):
        assert not page.live
        assert page.has_unpublished_changes
        assert page.live_revision is None
        assert page.first_published_at is None
        assert page.get_parent().pk == sections[section].pk
        assert page.url_path == f"{sections[section].url_path}{page.slug}/"
        assert page.revisions.count() == 1
        assert page.latest_revision.content["title"] == page.title
    assert slugs(chapter.themes) == ["partenariats", "sante-mentale"]
    assert slugs(chapter.project_steps) == ["diagnostic"]
    assert slugs(sheet.themes) == ["partenariats"]
    assert slugs(sheet.dispositifs) == ["asv", "cls"]
    assert slugs(sheet.audiences) == ["nouveau-coordinateur"]
    assert slugs(sheet.project_steps) == ["animation-du-reseau"]
    assert testimony.dispositif == Dispositif.objects.get(slug="asv")
    assert testimony.territory == Territory.objects.get(slug="seine-saint-denis")
    assert slugs(testimony.themes) == ["sante-mentale"]
    assert testimony.quote == "« On apprend le métier en marchant. »"
    assert testimony.speaker_role == "Coordinatrice ASV"
    assert testimony.seniority == "1to3"
    assert testimony.collected_on == datetime.date(2026, 1, 10)
    assert testimony.consent_recorded
    assert "<b>organisé</b>" in testimony.context


def test_the_chapter_body_becomes_heading_and_paragraph_blocks(sections, write):
    run(write("chapitre.md", CHAPTER))

    body = GuideChapterPage.objects.get().body
    assert [block.block_type for block in body] == [
        "paragraph",
        "heading",
        "paragraph",
        "heading",
        "paragraph",
    ]
    assert body[1].value["text"] == "Connaître ses missions"
    assert body[3].value["text"] == "Construire une action commune"
    assert '<a href="https://example.org/pmi">un lien</a>' in body[0].value.source
    assert "<h3" in body[2].value.source and "<li" in body[2].value.source
    assert "<i>infirmières</i>" in body[4].value.source


def test_the_draft_is_what_the_editor_would_have_saved(sections, write, client, django_user_model):
    run(write("fiche.md", SHEET), write("remontee.md", TESTIMONY))

    for page in (PracticeSheetPage.objects.get(), TestimonyPage.objects.get()):
        page.full_clean()
        # The revision holds exactly what serializable_data() gives (bar the revision itself).
        content = page.latest_revision.content
        expected = page.serializable_data()
        for volatile in ("latest_revision", "latest_revision_created_at"):
            content.pop(volatile), expected.pop(volatile)
        assert Revision.objects.get(pk=page.latest_revision_id).as_object().title == page.title
        assert _jsonable(content) == _jsonable(expected)
        assert list(
            PageLogEntry.objects.filter(page_id=page.pk).values_list("action", flat=True)
        ) == ["wagtail.create"]
    assert Page.find_problems() == ([], [], [], [], [])
    testimony = TestimonyPage.objects.get()
    assert set(
        ReferenceIndex.objects.filter(object_id=str(testimony.pk)).values_list(
            "model_path", flat=True
        )
    ) == {"dispositif", "territory"}
    assert list(Page.objects.all().search("groupe de pairs")) == [
        Page.objects.get(pk=PracticeSheetPage.objects.get().pk)
    ]
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "x"))
    for page in Page.objects.filter(depth__gt=3):
        assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


def _jsonable(data):
    """``data`` as JSON values, StreamField strings parsed: PostgreSQL's jsonb keeps a stream's
    keys in its own order, which is the same content."""

    def parsed(value):
        if isinstance(value, str) and value.startswith("[{"):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    plain = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    return {key: parsed(value) for key, value in plain.items()}


def test_keys_are_derived_from_the_facet_declaration(sections):
    types = import_types()

    assert set(types) == {"chapitre", "fiche-pratique", "remontee-de-terrain"}
    for import_type in types.values():
        assert set(import_type.facets) == {ff.facet.param for ff in import_type.model.facet_fields}
    assert set(types["remontee-de-terrain"].facets) == {
        "theme",
        "etape",
        "dispositif",
        "departement",
    }
    assert {"quote", "speaker_role", "consent_given", "consent_date"} <= set(
        types["remontee-de-terrain"].fields
    )


# -- sanitising ----------------------------------------------------------------------------------


def test_scripts_and_javascript_links_are_removed(sections, write):
    run(
        write(
            "piege.md",
            """\
            ---
            type: remontee-de-terrain
            title: Une remontée piégée
            quote: Rien à signaler.
            speaker_role: Coordinateur CLS
            ---
            Un texte <script>alert("x")</script> et [un piège](javascript:alert(1)).

            <a href="JaVaScRiPt:alert(2)" onclick="alert(3)">un autre</a> et [un vrai](https://example.org).

            <iframe src="https://example.org"></iframe><img src=x onerror=alert(4)>

            <div style="color: red" onmouseover="alert(5)">Fin <b>nette</b>.</div>
            """,
        )
    )

    context = TestimonyPage.objects.get().context
    lowered = context.lower()
    for forbidden in (
        "<script",
        "alert",
        "javascript:",
        "onclick",
        "onerror",
        "onmouseover",
        "<iframe",
        "<img",
        "style=",
    ):
        assert forbidden not in lowered, forbidden
    assert "un piège" in context and "un autre" in context
    assert '<a href="https://example.org">un vrai</a>' in context
    assert "Fin <b>nette</b>." in context


# -- errors: nothing is imported -----------------------------------------------------------------


def test_an_unknown_taxonomy_slug_names_the_file_and_line_and_nothing_is_imported(sections, write):
    valid = write("valide.md", CHAPTER)
    invalid = write(
        "inconnu.md",
        TESTIMONY.replace("theme: [sante-mentale]", "theme:\n  - sante-mentale\n  - inexistant"),
    )

    stderr, message = failure(valid.parent)

    assert f"{invalid}:9 : « theme » : « inexistant » n'existe pas" in stderr
    assert "aucune page créée, 1 erreur dans 1 fichier sur 2" in message
    assert imported_pages() == 0


def test_bad_yaml_names_the_file_and_line(sections, write):
    write("valide.md", SHEET)
    broken = write("casse.md", "---\ntype: chapitre\ntitle: [Un titre\nsummary: x\n---\nTexte.\n")

    stderr, _message = failure(broken.parent)

    assert f"{broken}:3 : YAML invalide" in stderr or f"{broken}:4 : YAML invalide" in stderr
    assert imported_pages() == 0


def test_a_missing_title_names_the_file(sections, write):
    write("valide.md", TESTIMONY)
    untitled = write("sans-titre.md", "---\ntype: fiche-pratique\nsummary: Pas de titre.\n---\n")

    stderr, _message = failure(untitled.parent)

    assert f"{untitled}:1 : champ obligatoire manquant : « title »." in stderr
    assert imported_pages() == 0


def test_every_error_of_every_file_is_reported(sections, write):
    write("a.md", "---\ntype: inconnu\ntitle: x\n---\n")
    write(
        "b.md",
        "---\ntype: remontee-de-terrain\ntitle: Sans citation\naudience: partenaires\n"
        "consent_given: true\n---\n",
    )
    write("c.md", "pas d'en-tête\n")

    stderr, message = failure(write("d.md", CHAPTER).parent)

    lines = stderr.splitlines()
    assert any(
        line.endswith(
            "a.md:2 : type inconnu « inconnu » : types possibles : chapitre, fiche-pratique, remontee-de-terrain."
        )
        for line in lines
    )
    assert any("b.md:4 : clé inconnue « audience »" in line for line in lines)
    assert any("b.md:1 : champ obligatoire manquant : « quote »." in line for line in lines)
    assert any("b.md:1 : champ obligatoire manquant : « speaker_role »." in line for line in lines)
    assert any("b.md:5 : consentement incohérent" in line for line in lines)
    assert any("c.md:1 : en-tête YAML absent" in line for line in lines)
    assert "dans 3 fichiers sur 4" in message
    assert imported_pages() == 0


def test_two_files_with_the_same_slug(sections, write):
    first = write("1.md", TESTIMONY)
    second = write("2.md", TESTIMONY)

    stderr, _message = failure(first.parent)

    assert (
        f"{second}:3 : slug « le-diagnostic-avec-les-habitants » déjà utilisé par {first}:3."
        in stderr
    )
    assert imported_pages() == 0


def test_a_slug_already_taken_in_the_section(sections, write):
    factories.TestimonyPageFactory(title="Le diagnostic avec les habitants")

    stderr, _message = failure(write("1.md", TESTIMONY))

    assert "déjà pris par une page de « Remontées de terrain »" in stderr
    assert TestimonyPage.objects.count() == 1


# -- consent -------------------------------------------------------------------------------------


def test_a_testimony_without_consent_is_imported_as_a_draft_and_stays_unpublished(sections, write):
    text = TESTIMONY.replace("consent_given: true\nconsent_date: 2026-01-12\n", "")
    run(write("sans-consentement.md", text))

    page = TestimonyPage.objects.get()
    assert not page.live and not page.consent_given and page.consent_date is None
    assert not visible_pages().filter(pk=page.pk).exists()
    with pytest.raises(ValidationError):
        page.save_revision().publish()
    assert not TestimonyPage.objects.get().live


def test_inconsistent_consent_is_an_error(sections, write):
    future = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    given_without_date = write("1.md", TESTIMONY.replace("consent_date: 2026-01-12\n", ""))
    date_without_given = write(
        "2.md",
        TESTIMONY.replace("Le diagnostic", "Autre").replace(
            "consent_given: true", "consent_given: false"
        ),
    )
    in_the_future = write(
        "3.md", TESTIMONY.replace("Le diagnostic", "Encore").replace("2026-01-12", future)
    )

    stderr, _message = failure(given_without_date.parent)

    assert f"{given_without_date}:12 : consentement incohérent" in stderr
    assert f"{date_without_given}:13 : consentement incohérent" in stderr
    assert (
        f"{in_the_future}:13 : consentement incohérent : « consent_date » est dans le futur."
        in stderr
    )
    assert imported_pages() == 0


# -- all or nothing ------------------------------------------------------------------------------


def test_a_failure_midway_keeps_nothing(sections, write, monkeypatch):
    write("chapitre.md", CHAPTER)
    write("fiche.md", SHEET)
    folder = write("remontee.md", TESTIMONY).parent
    calls = []
    real_insert_revisions = bulk.DraftBatch.insert_revisions

    def fail_on_the_third_type(self, batch):
        calls.append(self.model)
        if len(calls) == 3:  # the first two page types are already written
            raise RuntimeError("panne simulée")
        return real_insert_revisions(self, batch)

    monkeypatch.setattr(bulk.DraftBatch, "insert_revisions", fail_on_the_third_type)

    with pytest.raises(RuntimeError, match="panne simulée"):
        run(folder)

    assert len(calls) == 3
    assert imported_pages() == 0
    assert not Revision.objects.filter(
        object_str__in=["Travailler avec la PMI", "Monter un groupe de pairs"]
    ).exists()
    for section in sections.values():
        assert Page.objects.get(pk=section.pk).numchild == 0


def test_many_files_are_read_in_parallel_with_the_same_result(sections, write):
    for number in range(6):
        write(f"{number}.md", TESTIMONY.replace("Le diagnostic", f"Le diagnostic {number}"))
    broken = write("casse.md", "---\ntype: chapitre\n---\n")

    failed = MarkdownImporter([broken.parent], jobs=2, parallel_from=1).run()
    assert [(e.path, e.line) for e in failed.errors] == [(str(broken), 1)]
    assert imported_pages() == 0

    broken.unlink()
    result = MarkdownImporter([broken.parent], jobs=2, parallel_from=1).run()
    assert result.errors == [] and result.created["remontee-de-terrain"] == 6
    assert sorted(TestimonyPage.objects.values_list("slug", flat=True)) == [
        f"le-diagnostic-{number}-avec-les-habitants" for number in range(6)
    ]
