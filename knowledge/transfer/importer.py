"""``boussole_import``: an archive of :mod:`knowledge.transfer.exporter` into an empty install.

Empty means just migrated: the home page, the reference taxonomy and the roles created by the
migrations, nothing else (no content page, glossary term, document or image). Everything is
written in one transaction; files saved to the media storage before a failure are deleted
again, so a failed import leaves the install as it found it.

Ids are not kept (the new install has its own sequences). Objects with a natural key are
matched: content types (app label, model), locales (language code), taxonomy terms (slug:
the reference lists created by the migrations are updated, not duplicated), groups (name),
users (username); the home page created by the migrations receives the exported one. Every other
object is created and its old → new id recorded in an :class:`~knowledge.transfer.references.
IdMap`, through which :class:`~knowledge.transfer.references.Remapper` rewrites every
reference. Pages are created in tree order (a parent before its children, siblings in order);
a page pointing to pages not created yet (related sheets, StreamField choosers, rich text
links) is completed in a second pass, once every page exists. Revisions are then recreated
with their content rewritten the same way, and each page points again to its live revision and
its latest draft. The rows of the models apps declare for the archive (feedback, votes, update
notes: :func:`~knowledge.transfer.exporter.record_models`) come last, their references to
pages, revisions, terms and accounts remapped; a reference to an account the archive does not
hold (exported without ``--with-users``) becomes empty, a row whose required reference is lost
is skipped and reported.
"""

import contextlib
import posixpath
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from modelcluster.models import model_from_serializable_data
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    COMMENTS_RELATION_NAME,
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    PageViewRestriction,
    Revision,
    Site,
    Workflow,
    WorkflowPage,
)

from knowledge.models import GlossaryTerm
from knowledge.transfer.archive import ArchiveReader
from knowledge.transfer.errors import TransferError
from knowledge.transfer.exporter import FORMAT, FORMAT_VERSION, record_models, taxonomy_models
from knowledge.transfer.progress import no_progress
from knowledge.transfer.references import IdMap, Remapper, model_key

# Fields a revision's content carries that describe the page's place, not its content.
TREE_FIELDS = ("path", "depth", "url_path")
PAGE_KEY = model_key(Page)
RECORDS_BATCH_SIZE = 500


@dataclass
class ImportSummary:
    counts: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)


def existing_content():
    """What makes an install non-empty, as French phrases (empty list: the install is empty)."""
    home = Site.objects.filter(is_default_site=True).values_list("root_page_id", flat=True).first()
    found = []
    pages = Page.objects.filter(depth__gte=2).exclude(pk=home).count()
    if pages:
        found.append(_("%d pages de contenu") % pages)
    for model, label in (
        (GlossaryTerm, _("%d termes du glossaire")),
        (get_document_model(), _("%d documents")),
        (get_image_model(), _("%d images")),
    ):
        number = model.objects.count()
        if number:
            found.append(label % number)
    return found


class ArchiveImporter:
    """``ArchiveImporter(path, progress=callback).run()`` → :class:`ImportSummary`."""

    def __init__(self, path, progress=None):
        self.path = path
        self.progress = progress or no_progress
        self.summary = ImportSummary()
        self.ids = IdMap()
        self.remap = Remapper(self.ids)
        self._saved_files = []  # (storage, name) written so far, deleted again on failure

    def count(self, kind, number=1):
        self.summary.counts[kind] = self.summary.counts.get(kind, 0) + number

    def warn(self, message):
        self.summary.warnings.append(message)

    # -- entry point -----------------------------------------------------------------------------

    def run(self):
        with ArchiveReader(self.path) as archive:
            self.archive = archive
            manifest = archive.manifest
            self.check_format(manifest)
            found = existing_content()
            if found:
                raise TransferError(
                    _(
                        "Import refusé : cette installation contient déjà du contenu (%s). "
                        "Importez dans une installation vide, juste après « manage.py migrate »."
                    )
                    % ", ".join(found)
                )
            try:
                with transaction.atomic():
                    self.import_manifest(manifest)
            except ValidationError as error:
                self._delete_saved_files()
                raise TransferError(
                    _("Import annulé, rien n'a été enregistré : %s") % _messages(error)
                ) from error
            except DatabaseError as error:
                self._delete_saved_files()
                raise TransferError(
                    _("Import annulé, rien n'a été enregistré (erreur de la base : %s).") % error
                ) from error
            except BaseException:
                self._delete_saved_files()
                raise
        return self.summary

    def check_format(self, manifest):
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise TransferError(_("Ce fichier n'est pas une archive de La Boussole."))
        version = manifest.get("version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise TransferError(
                _(
                    "Archive au format %(version)s : cette version de La Boussole ne lit que "
                    "le format %(supported)d ou antérieur. Mettez l'application à jour."
                )
                % {"version": version, "supported": FORMAT_VERSION}
            )

    def import_manifest(self, manifest):
        self.ids.register(
            ContentType,
            Locale,
            Page,
            Revision,
            Collection,
            Site,
            GlossaryTerm,
            get_document_model(),
            get_image_model(),
            *taxonomy_models(),
        )
        self.content_types(manifest.get("content_types", {}))
        self.locales(manifest.get("locales", {}))
        if "users" in manifest:
            self.ids.register(get_user_model())
            self.groups(manifest.get("groups", []))
            self.users(manifest["users"])
        self.collections(manifest.get("collections", []))
        self.taxonomy(manifest.get("taxonomy", {}))
        self.files(get_document_model(), manifest.get("documents", []), _("Documents"))
        self.files(get_image_model(), manifest.get("images", []), _("Images"))
        self.glossary(manifest.get("glossary", []))
        self.pages(manifest.get("pages", []))
        self.view_restrictions(manifest.get("view_restrictions", []))
        self.workflow_pages(manifest.get("workflow_pages", []))
        if "users" in manifest:
            self.group_object_permissions(manifest.get("groups", []))
        self.sites(manifest.get("sites", []))
        self.redirects(manifest.get("redirects", []))
        self.records(records_section(manifest))

    # -- natural keys ----------------------------------------------------------------------------

    def content_types(self, section):
        for old, (app_label, model) in section.items():
            try:
                content_type = ContentType.objects.get_by_natural_key(app_label, model)
            except ContentType.DoesNotExist:
                continue  # a model that no longer exists: nothing can point to it here
            self.ids.add(ContentType, old, content_type.pk)

    def locales(self, section):
        for old, code in section.items():
            locale, _created = Locale.objects.get_or_create(language_code=code)
            self.ids.add(Locale, old, locale.pk)

    def taxonomy(self, section):
        for label, rows in section.items():
            try:
                model = apps.get_model(label)
            except LookupError:
                self.warn(_("Taxonomie « %s » inconnue ici : ignorée.") % label)
                continue
            for data in rows:
                incoming = model_from_serializable_data(
                    model, {**data, "pk": None}, check_fks=False
                )
                term = model.objects.filter(slug=incoming.slug).first()
                created = term is None
                term = term or model()
                for model_field in model._meta.concrete_fields:
                    if not model_field.primary_key:
                        setattr(term, model_field.attname, getattr(incoming, model_field.attname))
                term.full_clean(validate_unique=False)
                term.save()
                self.ids.add(model, data["pk"], term.pk)
                self.count("taxonomy_created" if created else "taxonomy_updated")

    def groups(self, rows):
        for row in rows:
            group, _created = Group.objects.get_or_create(name=row["name"])
            group.permissions.set(self.permissions(row["permissions"]))
        self.count("groups", len(rows))

    def permissions(self, keys):
        if not hasattr(self, "_permissions"):
            self._permissions = {
                (app_label, codename): pk
                for pk, app_label, codename in Permission.objects.values_list(
                    "pk", "content_type__app_label", "codename"
                )
            }
        return [self._permissions[tuple(key)] for key in keys if tuple(key) in self._permissions]

    def users(self, rows):
        user_model = get_user_model()
        username_field = user_model.USERNAME_FIELD
        for row in rows:
            data = row["data"]
            existing = user_model.objects.filter(**{username_field: data[username_field]}).first()
            if existing is not None:
                # An account made before the import (createsuperuser) is kept as it is.
                self.ids.add(user_model, data["pk"], existing.pk)
                self.count("users_existing")
                continue
            user = model_from_serializable_data(user_model, {**data, "pk": None}, check_fks=False)
            user.save()
            user.groups.set(Group.objects.filter(name__in=row["groups"]))
            user.user_permissions.set(self.permissions(row["permissions"]))
            self.ids.add(user_model, data["pk"], user.pk)
            self.count("users_created")

    # -- media -----------------------------------------------------------------------------------

    def collections(self, rows):
        for row in rows:
            if row.get("root"):
                self.ids.add(Collection, row["id"], Collection.get_first_root_node().pk)
                continue
            parent_id = self.ids.new_id(Collection, row["parent"])
            parent = Collection.objects.get(pk=parent_id) if parent_id else None
            parent = parent or Collection.get_first_root_node()
            collection = parent.add_child(instance=Collection(name=row["name"]))
            self.ids.add(Collection, row["id"], collection.pk)
            self.count("collections")

    def files(self, model, rows, label):
        root_collection = Collection.get_first_root_node()
        for number, row in enumerate(rows, start=1):
            self.progress(label, number, len(rows))
            original = row["data"]
            if not row.get("member"):
                self.warn(
                    _("%(label)s : « %(title)s » n'a pas de fichier dans l'archive, ignoré.")
                    % {"label": label, "title": original.get("title")}
                )
                continue
            data = self.remap.serialized(model, original)
            data["pk"] = None
            obj = model_from_serializable_data(model, data, check_fks=False)
            if obj.collection_id is None:
                obj.collection = root_collection
            created_at = obj.created_at
            # Saving the file recomputes some fields (an image's size, from a stream already
            # read): the exported values are put back.
            exported = {
                f.attname: getattr(obj, f.attname)
                for f in model._meta.concrete_fields
                if f.name != "file" and not f.primary_key
            }
            content = self.archive.read_member(row["member"], row.get("sha256"))
            obj.file.save(posixpath.basename(original["file"]), ContentFile(content), save=False)
            self._saved_files.append((obj.file.storage, obj.file.name))
            for attname, value in exported.items():
                setattr(obj, attname, value)
            obj.save()
            if created_at:
                model.objects.filter(pk=obj.pk).update(created_at=created_at)
            if row.get("tags"):
                obj.tags.add(*row["tags"])
            self.ids.add(model, original["pk"], obj.pk)
            self.count(model._meta.model_name)

    def _delete_saved_files(self):
        for storage, name in self._saved_files:
            with contextlib.suppress(OSError):
                storage.delete(name)
        self._saved_files = []

    # -- revisions -------------------------------------------------------------------------------

    def revisions(self, obj, rows, base_model):
        """Recreate ``rows`` (exported revisions of ``obj``) with their content remapped."""
        model = type(obj)
        content_type = ContentType.objects.get_for_model(model)
        base_content_type = ContentType.objects.get_for_model(base_model)
        for row in rows:
            content = self.remap.serialized(
                model, row["content"], drop_child_relations={COMMENTS_RELATION_NAME}
            )
            content["pk"] = obj.pk
            for name in TREE_FIELDS:
                if name in content:
                    content[name] = getattr(obj, name)
            revision = Revision.objects.create(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(obj.pk),
                created_at=parse_datetime(row["created_at"]) if row.get("created_at") else None,
                user_id=self.ids.new_id(get_user_model(), row.get("user")),
                approved_go_live_at=parse_datetime(row["approved_go_live_at"])
                if row.get("approved_go_live_at")
                else None,
                object_str=row.get("object_str", ""),
                content=content,
            )
            self.ids.add(Revision, row["id"], revision.pk)
            self.count("revisions")

    def point_to_revisions(self, model, pk, row):
        model.objects.filter(pk=pk).update(
            live_revision_id=self.ids.new_id(Revision, row.get("live_revision")),
            latest_revision_id=self.ids.new_id(Revision, row.get("latest_revision")),
        )

    # -- glossary --------------------------------------------------------------------------------

    def glossary(self, rows):
        terms = []
        for row in rows:
            data = self.remap.serialized(GlossaryTerm, row["data"])
            data.update(pk=None, see_also=[], live_revision=None, latest_revision=None)
            term = GlossaryTerm.from_serializable_data(data, check_fks=False)
            term.save()
            self.ids.add(GlossaryTerm, row["data"]["pk"], term.pk)
            terms.append((term, row))
        for term, row in terms:
            see_also = [
                self.ids.new_id(GlossaryTerm, old) for old in row["data"].get("see_also", [])
            ]
            relation = GlossaryTerm._meta.get_field("see_also")
            relation.remote_field.through.objects.bulk_create(
                [
                    relation.remote_field.through(
                        **{relation.m2m_column_name(): term.pk, relation.m2m_reverse_name(): pk}
                    )
                    for pk in see_also
                    if pk
                ]
            )
            self.revisions(term, row["revisions"], GlossaryTerm)
            self.point_to_revisions(GlossaryTerm, term.pk, row)
        self.count("glossary", len(terms))

    # -- pages -----------------------------------------------------------------------------------

    def pages(self, rows):
        root = Page.get_first_root_node()
        # The pages the migrations made (the home page), to receive the exported ones.
        available = {page.pk: page for page in Page.objects.filter(depth=2).specific()}
        parents = {root.pk: root}
        second_pass, created = [], []
        for number, row in enumerate(rows, start=1):
            model = self.page_model(row)
            data = row["data"]
            if data.get("depth") == 2:
                self.ids.add(Page, row["parent"], root.pk)
            misses = self.ids.misses[PAGE_KEY]
            data = self.remap.serialized(model, data, drop_child_relations={COMMENTS_RELATION_NAME})
            if self.ids.misses[PAGE_KEY] > misses:
                second_pass.append(row)
            data.update(pk=None, live_revision=None, latest_revision=None, numchild=0)
            page = model.from_serializable_data(data, check_fks=False)
            target = self.claim(available, model) if row["data"].get("depth") == 2 else None
            try:
                if target is not None:
                    self.replace(target, page, root)
                else:
                    parent = parents.get(self.ids.new_id(Page, row["parent"]))
                    if parent is None:
                        raise TransferError(
                            _("Page « %s » : sa page parente manque dans l'archive.")
                            % row["url_path"]
                        )
                    parent.add_child(instance=page)
            except ValidationError as error:
                raise TransferError(
                    _("Page « %(url)s » refusée : %(errors)s")
                    % {"url": row["url_path"], "errors": _messages(error)}
                ) from error
            parents[page.pk] = page
            self.ids.add(Page, row["id"], page.pk)
            created.append((page, row))
            self.progress(_("Pages"), number, len(rows))

        # Second pass: the references to pages created after the page that holds them.
        for row in second_pass:
            model = self.page_model(row)
            page = model.objects.get(pk=self.ids.new_id(Page, row["id"]))
            data = self.remap.serialized(
                model, row["data"], drop_child_relations={COMMENTS_RELATION_NAME}
            )
            data.update(live_revision=None, latest_revision=None)
            completed = page.with_content_json(data)
            completed.save(clean=False)

        for number, (page, row) in enumerate(created, start=1):
            self.revisions(page, row["revisions"], Page)
            self.point_to_revisions(Page, page.pk, row)
            self.progress(_("Révisions"), number, len(created))
        self.count("pages", len(created))

    def page_model(self, row):
        try:
            return apps.get_model(row["model"])
        except LookupError as error:
            raise TransferError(
                _("Page « %(url)s » : type de page « %(model)s » inconnu dans cette installation.")
                % {"url": row["url_path"], "model": row["model"]}
            ) from error

    @staticmethod
    def claim(available, model):
        for pk, page in available.items():
            if type(page) is model:
                return available.pop(pk)
        return None

    def replace(self, target, page, root):
        """The migrations' home page becomes the exported one: same row, exported content."""
        page.id = page.pk = target.pk
        for parent_link in page._meta.parents.values():
            if parent_link is not None:
                setattr(page, parent_link.attname, target.pk)
        page.path, page.depth, page.numchild = target.path, target.depth, target.numchild
        page.set_url_path(root)
        page._state.adding = False
        page.save()
        # Its old revisions (if any) described the page the migrations made.
        Revision.page_revisions.filter(object_id=str(target.pk)).delete()

    # -- the rest --------------------------------------------------------------------------------

    def view_restrictions(self, rows):
        for row in rows:
            data = self.remap.serialized(PageViewRestriction, row["data"])
            if data.get("page") is None:
                continue
            data["pk"] = None
            restriction = model_from_serializable_data(PageViewRestriction, data, check_fks=False)
            restriction.save()
            restriction.groups.set(Group.objects.filter(name__in=row["groups"]))
            self.count("view_restrictions")

    def workflow_pages(self, rows):
        for row in rows:
            page_id = self.ids.new_id(Page, row["page"])
            workflow = Workflow.objects.filter(name=row["workflow"]).first()
            if page_id is None or workflow is None:
                self.warn(
                    _("Circuit « %s » non rattaché : absent de cette installation.")
                    % row["workflow"]
                )
                continue
            WorkflowPage.objects.update_or_create(page_id=page_id, defaults={"workflow": workflow})

    def group_object_permissions(self, rows):
        for row in rows:
            group = Group.objects.get(name=row["name"])
            GroupPagePermission.objects.filter(group=group).delete()
            GroupCollectionPermission.objects.filter(group=group).delete()
            for model, key, relation in (
                (GroupPagePermission, "page_permissions", "page_id"),
                (GroupCollectionPermission, "collection_permissions", "collection_id"),
            ):
                target_model = Page if model is GroupPagePermission else Collection
                for old, app_label, codename in row.get(key, []):
                    target = self.ids.new_id(target_model, old)
                    permission = self.permissions([[app_label, codename]])
                    if target and permission:
                        model.objects.get_or_create(
                            group=group, permission_id=permission[0], **{relation: target}
                        )

    def sites(self, rows):
        for data in rows:
            root_page = self.ids.new_id(Page, data.get("root_page"))
            if root_page is None:
                continue
            if data.get("is_default_site"):
                site = Site.objects.filter(is_default_site=True).first()
            else:
                site = Site.objects.filter(hostname=data["hostname"], port=data["port"]).first()
            site = site or Site()
            site.hostname, site.port = data["hostname"], data["port"]
            site.site_name = data.get("site_name", "")
            site.root_page_id = root_page
            site.is_default_site = bool(data.get("is_default_site"))
            site.save()
            self.ids.add(Site, data["pk"], site.pk)

    def redirects(self, rows):
        for data in rows:
            data = self.remap.serialized(Redirect, data)
            if data.get("redirect_page") is None and not data.get("redirect_link"):
                continue
            data["pk"] = None
            model_from_serializable_data(Redirect, data, check_fks=False).save()
            self.count("redirects")

    def records(self, section):
        """The declared models' rows, in this install's declaration order (a model after those it
        points to), each model's rows in one batched insert."""
        declared = {model._meta.label_lower: model for model in record_models()}
        self.ids.register(*declared.values())
        for label, rows in section.items():
            if label not in declared and rows:
                self.warn(
                    ngettext(
                        "%(label)s : %(count)d ligne dans l'archive, modèle absent ici ; ignorée.",
                        "%(label)s : %(count)d lignes dans l'archive, modèle absent ici ; ignorées.",
                        len(rows),
                    )
                    % {"label": label, "count": len(rows)}
                )
        for label, model in declared.items():
            rows = section.get(label) or []
            required = [
                f.name
                for f in model._meta.concrete_fields
                if f.is_relation and not f.null and not f.primary_key
            ]
            objects, old_ids, skipped = [], [], 0
            for original in rows:
                data = self.remap.serialized(model, original)
                if any(data.get(name) is None for name in required):
                    skipped += 1
                    continue
                data["pk"] = None
                objects.append(model_from_serializable_data(model, data, check_fks=False))
                old_ids.append(original.get("pk"))
            model.objects.bulk_create(objects, batch_size=RECORDS_BATCH_SIZE)
            for old, obj in zip(old_ids, objects, strict=True):
                if obj.pk is not None:  # ids come back on SQLite and PostgreSQL
                    self.ids.add(model, old, obj.pk)
            if skipped:
                self.warn(
                    ngettext(
                        "%(model)s : %(count)d ligne ignorée, ce à quoi elle se rapporte manque.",
                        "%(model)s : %(count)d lignes ignorées, ce à quoi elles se rapportent "
                        "manque.",
                        skipped,
                    )
                    % {"model": model._meta.verbose_name_plural, "count": skipped}
                )
            self.count(label, len(objects))


def records_section(manifest):
    """``records`` by model label; a version 1 archive had its feedback alone under
    ``feedback`` (``{"model": label, "rows": [...]}`` or ``null``)."""
    if "records" in manifest:
        return manifest["records"] or {}
    legacy = manifest.get("feedback") or {}
    return {legacy["model"]: legacy.get("rows", [])} if legacy.get("model") else {}


def _messages(error):
    if hasattr(error, "message_dict"):
        return " ; ".join(
            f"{name} : {' '.join(str(m) for m in messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(str(message) for message in error.messages)
