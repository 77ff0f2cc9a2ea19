"""boussole_export / boussole_import: the whole content survives a round trip through an archive.

The demo content is loaded once for the module (inside a transaction rolled back at the end);
each test adds what the demo lacks (files, drafts, an account), exports, then empties the
install through the ORM — pages, glossary, themes, files, accounts, the home page's content —
and imports the archive back. New rows get new ids (SQLite and PostgreSQL never reuse them), so
every reference must have been remapped. The comparison is made on natural keys: pages by URL
path, taxonomy and glossary by slug, files by title and bytes, accounts by username, revisions
by what they describe and when, the declared records (feedback, votes, update notes) by all
their fields with those keys in place of ids.
"""

import hashlib
import io
import json
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import get_serializable_data_for_fields
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Revision, Site

from home.models import HomePage
from knowledge import factories
from knowledge.models import GlossaryTerm, PageUpdate, PracticeSheetPage, TestimonyPage, Theme
from knowledge.transfer import importer as importer_module
from knowledge.transfer.exporter import record_models, taxonomy_models
from knowledge.transfer.importer import existing_content
from knowledge.transfer.references import IdMap, Remapper
from knowledge.visibility import visible_documents

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()
PDF = b"%PDF-1.4\n% Guide du diagnostic local de sant\xc3\xa9\n%%EOF\n"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (3, 2), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def extras(demo, make_user):
    """What the demo lacks: a collection, a document and an image used by pages, drafts newer
    than the live version, a page never published, a glossary draft, an account, an update note,
    a handled report answered by an older revision, « utile ? » votes."""
    author = make_user("redactrice-export", "Groupe de travail")
    collection = Collection.get_first_root_node().add_child(name="Ressources")
    document = Document.objects.create(
        title="Guide du diagnostic",
        file=ContentFile(PDF, name="guide-diagnostic.pdf"),
        collection=collection,
    )
    document.tags.add("diagnostic", "guide")
    image = Image.objects.create(
        title="Carte du quartier", file=ImageFile(io.BytesIO(png_bytes()), name="carte.png")
    )

    sheet = PracticeSheetPage.objects.get(slug="premiers-cent-jours")
    other = PracticeSheetPage.objects.exclude(pk=sheet.pk).order_by("path").first()
    testimony = TestimonyPage.objects.order_by("path").last()
    demo_revision = sheet.live_revision  # neither live nor latest once the extras are in
    # A new live version pointing to the document (rich text and StreamField) and another sheet.
    sheet.objectives = (
        f'<p>Lire <a linktype="document" id="{document.pk}">le guide</a> puis '
        f'<a linktype="page" id="{other.pk}">la fiche voisine</a>.</p>'
    )
    sheet.resources = [
        *sheet.resources.raw_data,
        {
            "type": "resource",
            "value": {
                "title": "Le guide",
                "description": "",
                "page": None,
                "document": document.pk,
                "url": "",
            },
        },
    ]
    sheet.referent = author
    sheet.update_note = "Le guide du diagnostic est en ressource."
    sheet.save_revision(user=author).publish()  # the note becomes a PageUpdate
    # Then a draft on top of it, quoting a testimony created after the sheet.
    factories.draft_of(
        sheet,
        title="Réussir ses cent premiers jours (nouvelle version)",
        body=[
            {
                "type": "quoted_testimony",
                "value": {"testimony": testimony.pk, "quote": "", "attribution": ""},
            }
        ],
    )
    never_published = factories.PracticeSheetPageFactory(
        title="Une fiche jamais publiée", live=False, owner=author
    )
    never_published.save_revision(user=author)
    term = GlossaryTerm.objects.order_by("slug").first()
    term.definition = "<p>Une définition en cours de relecture.</p>"
    term.save_revision(user=author)
    feedback_model = apps.get_model("feedback", "Feedback")
    feedback_model.objects.create(
        page=sheet,
        category="obsolete",
        message="Le lien vers le guide a changé.",
        email="lectrice@example.org",
        status="traite",
        answered_by_revision=demo_revision,
        handled_at=timezone.now(),
        handled_by=author,
    )
    vote_model = apps.get_model("feedback", "HelpfulVote")
    vote_model.objects.create(page=sheet, helpful=True)
    vote_model.objects.create(page=HomePage.objects.get(depth=2), helpful=False)
    return {"document": document, "image": image, "sheet": sheet, "author": author}


# -- what the install holds, by natural key --------------------------------------------------------


class NaturalKeys(IdMap):
    """Every id of the install as it is now → a natural key (the rewriting works on any map)."""

    def __init__(self):
        super().__init__()
        user_model = get_user_model()
        sources = [
            (Page, Page.objects.values_list("pk", "url_path")),
            (ContentType, ((ct.pk, ct.natural_key()) for ct in ContentType.objects.all())),
            (Locale, Locale.objects.values_list("pk", "language_code")),
            (GlossaryTerm, GlossaryTerm.objects.values_list("pk", "slug")),
            (Document, Document.objects.values_list("pk", "title")),
            (Image, Image.objects.values_list("pk", "title")),
            (Collection, Collection.objects.values_list("pk", "name")),
            (user_model, user_model.objects.values_list("pk", "username")),
            (Site, Site.objects.values_list("pk", "hostname")),
            (
                Revision,
                (
                    (pk, f"{name} @ {created_at.isoformat()}")
                    for pk, name, created_at in Revision.objects.values_list(
                        "pk", "object_str", "created_at"
                    )
                ),
            ),
        ]
        sources += [(model, model.objects.values_list("pk", "slug")) for model in taxonomy_models()]
        for model, pairs in sources:
            self.register(model)
            for pk, key in pairs:
                self.add(model, pk, key if isinstance(key, str) else ".".join(key))


# Fields that tell where a row is, not what it holds (compared through the tree order instead).
VOLATILE = {"path"}
# In a revision's content, the ids of other revisions (not all of them travel).
REVISION_VOLATILE = {"path", "live_revision", "latest_revision"}


def natural(remap, model, data, volatile=VOLATILE):
    data = remap.serialized(model, data)
    return {key: value for key, value in data.items() if key not in volatile}


def revision_snapshot(remap, model, revision):
    if revision is None:
        return None
    return {
        "created_at": revision.created_at,
        "user": revision.user.username if revision.user else None,
        "object_str": revision.object_str,
        "content": natural(remap, model, revision.content, REVISION_VOLATILE),
    }


def file_sha(field_file):
    with field_file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def records(remap, model):
    """Each row of a declared model, ids replaced by natural keys, as sortable JSON."""
    return sorted(
        json.dumps(
            natural(remap, model, get_serializable_data_for_fields(obj), {"pk"}),
            cls=DjangoJSONEncoder,
            sort_keys=True,
        )
        for obj in model.objects.all()
    )


def snapshot():
    remap = Remapper(NaturalKeys())
    pages = list(Page.objects.filter(depth__gt=1).order_by("path").specific())
    result = {
        "tree": [page.url_path for page in pages],
        "pages": {
            page.url_path: {
                "fields": natural(remap, type(page), page.serializable_data()),
                "live_revision": revision_snapshot(remap, type(page), page.live_revision),
                "latest_revision": revision_snapshot(remap, type(page), page.latest_revision),
            }
            for page in pages
        },
        "glossary": {
            term.slug: {
                "fields": natural(remap, GlossaryTerm, term.serializable_data()),
                "live_revision": revision_snapshot(remap, GlossaryTerm, term.live_revision),
                "latest_revision": revision_snapshot(remap, GlossaryTerm, term.latest_revision),
            }
            for term in GlossaryTerm.objects.all()
        },
        "taxonomy": {
            model._meta.label: sorted(
                (
                    natural(remap, model, get_serializable_data_for_fields(obj))
                    for obj in model.objects.all()
                ),
                key=lambda row: row["slug"],
            )
            for model in taxonomy_models()
        },
        "files": {
            f"{obj._meta.model_name}:{obj.title}": {
                "sha256": file_sha(obj.file),
                "collection": obj.collection.name,
                "tags": sorted(tag.name for tag in obj.tags.all()),
                "created_at": obj.created_at,
                "file_size": obj.file_size,
                "extra": (obj.width, obj.height) if isinstance(obj, Image) else None,
            }
            for model in (Document, Image)
            for obj in model.objects.all()
        },
        "sites": sorted(
            (
                site.hostname,
                site.port,
                site.site_name,
                site.root_page.url_path,
                site.is_default_site,
            )
            for site in Site.objects.all()
        ),
        "users": {
            user.username: (user.password, sorted(group.name for group in user.groups.all()))
            for user in get_user_model().objects.all()
        },
        "records": {model._meta.label: records(remap, model) for model in record_models()},
    }
    return result


def wipe():
    """Empty the install through the ORM, as a fresh ``migrate`` would leave it."""
    Page.objects.filter(depth__gt=2).delete()
    home = HomePage.objects.get(depth=2)
    home.introduction, home.featured, home.summary = "", [], ""
    home.save(clean=False)
    Revision.objects.all().delete()
    Page.objects.filter(pk=home.pk).update(
        live_revision=None, latest_revision=None, has_unpublished_changes=False
    )
    GlossaryTerm.objects.all().delete()
    Theme.objects.all().delete()
    for model in (Document, Image):
        for obj in model.objects.all():
            obj.file.delete(save=False)
            obj.delete()
    Collection.objects.filter(depth__gt=1).delete()
    get_user_model().objects.all().delete()
    for model in reversed(record_models()):
        model.objects.all().delete()  # those on the home page (the others went with the pages)


def export(path, *options):
    out = StringIO()
    call_command("boussole_export", str(path), *options, stdout=out)
    return out.getvalue()


def import_archive(path, *options):
    out = StringIO()
    call_command("boussole_import", str(path), *options, stdout=out)
    return out.getvalue()


def assert_same(before, after):
    assert after["tree"] == before["tree"]
    for key in ("taxonomy", "files", "sites", "users", "records"):
        assert after[key] == before[key], key
    for section in ("pages", "glossary"):
        for name, expected in before[section].items():
            assert after[section][name] == expected, name


# -- round trips ---------------------------------------------------------------------------------


def test_the_round_trip_keeps_pages_revisions_taxonomy_glossary_files_and_accounts(
    extras, tmp_path
):
    before = snapshot()
    old_ids = set(Page.objects.values_list("pk", flat=True))
    archive = tmp_path / "boussole.zip"

    exported = export(archive, "--with-users")
    wipe()
    assert existing_content() == []
    imported = import_archive(archive)
    new_user_ids = set(get_user_model().objects.values_list("pk", flat=True))

    assert "Archive écrite" in exported and "1 retour de lecteur" in exported
    assert "Archive importée" in imported and "Index de recherche reconstruit" in imported
    assert all(before["records"].values()), "every declared model has a row to carry"
    assert_same(before, snapshot())
    # The ids did change: only the remapping kept the references right.
    new_ids = set(Page.objects.filter(depth__gt=2).values_list("pk", flat=True))
    assert not new_ids & old_ids
    sheet = PracticeSheetPage.objects.get(slug="premiers-cent-jours")
    assert sheet.live and sheet.has_unpublished_changes
    assert sheet.title == "Réussir ses cent premiers jours de coordinateur"
    draft = sheet.get_latest_revision_as_object()
    assert draft.title == "Réussir ses cent premiers jours (nouvelle version)"
    assert (
        draft.body[0].value["testimony"].specific == TestimonyPage.objects.order_by("path").last()
    )
    assert [p.slug for p in sheet.related_sheets.all()] and all(
        p.pk in new_ids for p in sheet.related_sheets.all()
    )
    document = Document.objects.get(title="Guide du diagnostic")
    assert f'linktype="document" id="{document.pk}"' in sheet.objectives
    assert sheet.resources[-1].value["document"] == document
    # The reference index was rebuilt: the document is served since a live page uses it.
    assert document in visible_documents()
    never_published = PracticeSheetPage.objects.get(title="Une fiche jamais publiée")
    assert not never_published.live and never_published.owner.username == "redactrice-export"
    assert sheet.referent.username == "redactrice-export" and sheet.referent.pk in new_user_ids
    # Feedback, votes and update notes point to the new pages, revisions and accounts.
    feedback = apps.get_model("feedback", "Feedback").objects.get()
    assert feedback.page_id == sheet.pk and feedback.handled_by.username == "redactrice-export"
    answered = feedback.answered_by_revision
    assert answered.object_id == str(sheet.pk)
    assert answered.pk not in (sheet.live_revision_id, sheet.latest_revision_id)
    assert answered.as_object().title == "Réussir ses cent premiers jours de coordinateur"
    note = PageUpdate.objects.get(note="Le guide du diagnostic est en ressource.")
    assert note.page_id == sheet.pk and note.revision_id == sheet.live_revision_id
    votes = apps.get_model("feedback", "HelpfulVote").objects.order_by("helpful")
    assert [(vote.page_id, vote.helpful) for vote in votes] == [
        (HomePage.objects.get(depth=2).pk, False),
        (sheet.pk, True),
    ]
    assert (
        Group.objects.get(name="Groupe de travail")
        .user_set.filter(username="redactrice-export")
        .exists()
    )
    home = HomePage.objects.get(depth=2)
    assert [p.slug for p in home.featured_pages()] == [
        "prendre-son-poste",
        "premiers-cent-jours",
        "conduire-un-diagnostic-local-de-sante",
        "animer-le-reseau-et-les-partenariats",
    ]
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_tar_gz_archive_without_accounts(extras, tmp_path):
    before = snapshot()
    archive = tmp_path / "boussole.tar.gz"

    export(archive)
    wipe()
    import_archive(archive, "--no-index")

    after = snapshot()
    assert after["tree"] == before["tree"]
    assert after["users"] == {}
    # Without accounts, every reference to one is empty (owner, lock, referent, handled by).
    no_account = {"owner": None, "locked_by": None, "referent": None}
    for url_path, page in before["pages"].items():
        expected = {**page["fields"], **{k: None for k in no_account if k in page["fields"]}}
        assert after["pages"][url_path]["fields"] == expected, url_path
        if page["latest_revision"]:
            content = page["latest_revision"]["content"]
            expected = {**content, **{k: None for k in ("owner", "referent") if k in content}}
            assert after["pages"][url_path]["latest_revision"]["content"] == expected, url_path
            assert after["pages"][url_path]["latest_revision"]["user"] is None
    assert any(page["fields"].get("referent") for page in before["pages"].values())
    assert after["files"] == before["files"]
    assert after["glossary"].keys() == before["glossary"].keys()
    for model in record_models():
        accounts = dict.fromkeys(
            f.name for f in model._meta.concrete_fields if f.related_model is get_user_model()
        )
        expected = sorted(
            json.dumps({**json.loads(row), **accounts}, sort_keys=True)
            for row in before["records"][model._meta.label]
        )
        assert after["records"][model._meta.label] == expected, model._meta.label


def test_the_manifest_holds_the_rows_of_every_declared_model(demo, tmp_path):
    archive = tmp_path / "boussole.zip"
    export(archive)

    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
    assert manifest["format"] == "boussole-archive" and manifest["version"] == 2
    assert list(manifest["records"]) == [
        "knowledge.pageupdate",
        "feedback.feedback",
        "feedback.helpfulvote",
    ]
    for label, rows in manifest["records"].items():
        assert len(rows) == apps.get_model(label).objects.count(), label
    assert "users" not in manifest
    assert len(manifest["pages"]) == Page.objects.filter(depth__gt=1).count()


# Rows that point to content but are derived from it: the import rebuilds them (search index).
REBUILT = {"boussole_search.SearchDocument"}
ROOT = Path(__file__).resolve().parents[2]


def test_every_project_model_pointing_to_content_travels_in_the_archive():
    """A model of the project holding a reference to a page, a revision, a glossary term, a file
    or a taxonomy term is a page, an inline child of a page or term (it travels inside it), a
    glossary or taxonomy term, declared in its app's ``boussole_export_models``, or rebuilt."""
    content = {Page, Revision, GlossaryTerm, Document, Image, *taxonomy_models()}
    travelling = {GlossaryTerm, *taxonomy_models(), *record_models()}
    left_out = set()
    for config in apps.get_app_configs():
        path = Path(config.path)
        if not path.is_relative_to(ROOT) or ".venv" in path.parts:
            continue
        for model in config.get_models():
            fields = model._meta.concrete_fields
            if (
                issubclass(model, Page)
                or model in travelling
                or any(isinstance(f, ParentalKey) for f in fields)
            ):
                continue
            if any(f.is_relation and f.related_model in content for f in fields):
                left_out.add(model._meta.label)
    assert left_out == REBUILT


# -- refusals ------------------------------------------------------------------------------------


def test_the_import_refuses_an_install_that_already_has_content(demo, tmp_path):
    archive = tmp_path / "boussole.zip"
    export(archive)
    pages = Page.objects.count()

    with pytest.raises(CommandError, match="Import refusé : cette installation contient déjà"):
        import_archive(archive)

    assert Page.objects.count() == pages


def test_a_failed_import_keeps_nothing(extras, tmp_path, monkeypatch, settings):
    archive = tmp_path / "boussole.zip"
    export(archive)
    wipe()

    def broken(self, rows):
        raise RuntimeError("panne simulée après les pages")

    monkeypatch.setattr(importer_module.ArchiveImporter, "sites", broken)
    with pytest.raises(RuntimeError, match="panne simulée"):
        import_archive(archive, "--no-index")

    assert Page.objects.filter(depth__gt=2).count() == 0
    assert GlossaryTerm.objects.count() == Theme.objects.count() == 0
    assert Document.objects.count() == Image.objects.count() == 0
    media = tmp_path / "media"
    left = [path for path in media.rglob("*") if path.is_file()] if media.exists() else []
    assert left == []


def test_unreadable_archives_are_refused_in_french(demo, tmp_path):
    not_an_archive = tmp_path / "boussole.txt"
    not_an_archive.write_text("rien")
    empty_zip = tmp_path / "vide.zip"
    with zipfile.ZipFile(empty_zip, "w") as opened:
        opened.writestr("autre.txt", "rien")

    with pytest.raises(CommandError, match="Format d'archive inconnu"):
        import_archive(not_an_archive)
    with pytest.raises(CommandError, match="Archive illisible"):
        import_archive(empty_zip)
    with pytest.raises(CommandError, match="Archive introuvable"):
        import_archive(tmp_path / "absente.zip")
