"""``boussole_export``: the whole content of an install in one archive.

The manifest (``manifest.json``) has one section per kind of object, each object under the id it
has here and in the serialised form Wagtail uses for revisions (``serializable_data()``), so the
importer rebuilds it with Wagtail's own ``from_serializable_data()`` after rewriting its ids:

``content_types`` and ``locales``
    id → natural key, to rewrite the content-type and locale ids stored in revisions;
``taxonomy``
    every taxonomy of the facet declaration (``knowledge.facets.FACETS``), by model label;
``collections``, ``documents``, ``images``
    the media library: collections in tree order, each file's metadata and tags (its bytes are
    ``media/<storage name>`` in the archive, with their SHA-256); image renditions are not
    exported, Wagtail regenerates them;
``glossary``
    every term with its see-also links, its live revision and its latest draft;
``pages``
    every page below the tree root in tree order (a parent before its children, siblings in
    their order) with its parent's id, its current row (inline children included: a parcours'
    steps), its live revision, its latest draft revision and the revisions a record points to
    (``Revision.content``, as stored); comments are not exported;
``view_restrictions``, ``workflow_pages``, ``sites``, ``redirects``
    private pages, workflows assigned to a page, sites and redirects;
``records``
    the rows of the models apps declare for the archive (:func:`record_models`: readers'
    feedback, « utile ? » votes, update notes…), by model label, in declaration order; the
    revisions they point to travel with their page or term (``revisions``);
``users``, ``groups``
    only with ``--with-users``: accounts (password hashes included), groups, their permissions.
"""

from dataclasses import dataclass, field

import wagtail
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from modelcluster.models import get_serializable_data_for_fields
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
    WorkflowPage,
)

from knowledge.facets import FACETS
from knowledge.models import GlossaryTerm
from knowledge.transfer.archive import ArchiveWriter
from knowledge.transfer.progress import no_progress

FORMAT = "boussole-archive"
# 2: the declared models' rows under ``records`` (1 had a single ``feedback`` section).
FORMAT_VERSION = 2
# The AppConfig attribute listing an app's models for the archive, e.g. in feedback/apps.py:
# ``boussole_export_models = ["feedback.Feedback", "feedback.HelpfulVote"]``.
EXPORT_MODELS_ATTRIBUTE = "boussole_export_models"


def record_models():
    """The models apps declare for the archive (``boussole_export_models`` on their AppConfig),
    apps in ``INSTALLED_APPS`` order, each app's in its declared order: a model comes after the
    declared models it points to, so the importer can remap those references.

    Only plain rows pointing to content belong there: pages (and their inline children),
    glossary, taxonomy, files and accounts have their own sections. A label that names no model
    is a programming error and raises ``LookupError``."""
    models = []
    for config in apps.get_app_configs():
        for label in getattr(config, EXPORT_MODELS_ATTRIBUTE, ()):
            models.append(apps.get_model(label))
    return models


def revision_fields(model):
    """The foreign keys of ``model`` to a revision (whose target must travel too)."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is Revision
    ]


def taxonomy_models():
    return [facet.model for facet in FACETS]


def permission_key(permission):
    return [permission.content_type.app_label, permission.codename]


def revision_data(revision):
    return {
        "id": revision.pk,
        "created_at": revision.created_at,
        "user": revision.user_id,
        "approved_go_live_at": revision.approved_go_live_at,
        "object_str": revision.object_str,
        "content": revision.content,
    }


@dataclass
class ExportSummary:
    counts: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)


class Exporter:
    """``Exporter(with_users=False, progress=callback).export(path)`` → :class:`ExportSummary`."""

    def __init__(self, with_users=False, progress=None):
        self.with_users = with_users
        self.progress = progress or no_progress
        self.summary = ExportSummary()

    def export(self, path):
        self.records_models = record_models()
        with ArchiveWriter(path) as archive:
            self.archive = archive
            manifest = {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "exported_at": timezone.now(),
                "wagtail": wagtail.__version__,
                "with_users": self.with_users,
                "content_types": {
                    str(ct.pk): [ct.app_label, ct.model] for ct in ContentType.objects.all()
                },
                "locales": {
                    str(pk): code for pk, code in Locale.objects.values_list("pk", "language_code")
                },
                "taxonomy": self.taxonomy(),
                "collections": self.collections(),
                "documents": self.files(get_document_model(), _("Documents")),
                "images": self.files(get_image_model(), _("Images")),
                "glossary": self.glossary(),
                "pages": self.pages(),
                "view_restrictions": self.view_restrictions(),
                "workflow_pages": [
                    {"page": page_id, "workflow": name}
                    for page_id, name in WorkflowPage.objects.values_list(
                        "page_id", "workflow__name"
                    )
                ],
                "sites": [get_serializable_data_for_fields(site) for site in Site.objects.all()],
                "redirects": [
                    get_serializable_data_for_fields(redirect)
                    for redirect in Redirect.objects.all()
                ],
                "records": self.records(),
            }
            if self.with_users:
                manifest["users"] = self.users()
                manifest["groups"] = self.groups()
            manifest["counts"] = self.summary.counts
            archive.write_manifest(manifest)
        return self.summary

    def count(self, kind, number):
        self.summary.counts[kind] = self.summary.counts.get(kind, 0) + number

    # -- sections --------------------------------------------------------------------------------

    def taxonomy(self):
        section = {}
        for model in taxonomy_models():
            rows = [get_serializable_data_for_fields(obj) for obj in model.objects.order_by("pk")]
            section[model._meta.label_lower] = rows
            self.count("taxonomy", len(rows))
        return section

    def collections(self):
        ids_by_path, rows = {}, []
        for collection in Collection.objects.order_by("path"):
            ids_by_path[collection.path] = collection.pk
            parent = ids_by_path.get(collection.path[: -Collection.steplen])
            rows.append(
                {
                    "id": collection.pk,
                    "parent": parent,
                    "name": collection.name,
                    "root": collection.depth == 1,
                }
            )
        self.count("collections", len(rows) - 1)
        return rows

    def files(self, model, label):
        rows = []
        objects = list(model.objects.order_by("pk").prefetch_related("tags"))
        for number, obj in enumerate(objects, start=1):
            row = {
                "data": get_serializable_data_for_fields(obj),
                "tags": sorted(tag.name for tag in obj.tags.all()),
                "member": None,
                "sha256": None,
            }
            try:
                with obj.file.open("rb") as source:
                    row["member"], row["sha256"] = self.archive.add_file(
                        obj.file.name, source, obj.file.size
                    )
            except (FileNotFoundError, OSError, ValueError) as error:
                self.summary.warnings.append(
                    _(
                        "%(label)s : fichier absent pour « %(title)s » (%(error)s), exporté sans fichier."
                    )
                    % {"label": label, "title": obj.title, "error": error}
                )
            rows.append(row)
            self.progress(label, number, len(objects))
        self.count(model._meta.model_name, len(rows))
        return rows

    def _revision_rows(self, objects, base_model):
        """Per object id: its live revision, its latest draft and the older revisions a record
        points to (the revision that answered a report, the one an update note describes),
        oldest first."""
        wanted = {
            str(obj.pk): {obj.live_revision_id, obj.latest_revision_id} - {None} for obj in objects
        }
        pointed = Q()
        for model in self.records_models:
            for model_field in revision_fields(model):
                pointed |= Q(pk__in=model.objects.values(model_field.attname))
        if pointed:
            base_content_type = ContentType.objects.get_for_model(base_model)
            for pk, object_id in Revision.objects.filter(
                pointed, base_content_type=base_content_type
            ).values_list("pk", "object_id"):
                if object_id in wanted:
                    wanted[object_id].add(pk)
        ids = [pk for pks in wanted.values() for pk in pks]
        revisions = {rev.pk: rev for rev in Revision.objects.filter(pk__in=ids)}
        return {
            object_id: [revision_data(revisions[pk]) for pk in sorted(pks) if pk in revisions]
            for object_id, pks in wanted.items()
        }

    def glossary(self):
        terms = list(GlossaryTerm.objects.order_by("pk").prefetch_related("see_also"))
        revisions = self._revision_rows(terms, GlossaryTerm)
        rows = []
        for term in terms:
            rows.append(
                {
                    "data": term.serializable_data(),
                    "live_revision": term.live_revision_id,
                    "latest_revision": term.latest_revision_id,
                    "revisions": revisions[str(term.pk)],
                }
            )
        self.count("glossary", len(rows))
        self.count("revisions", sum(len(row["revisions"]) for row in rows))
        return rows

    def pages(self):
        pages = list(Page.objects.filter(depth__gt=1).order_by("path").specific())
        revisions = self._revision_rows(pages, Page)
        ids_by_path = {page.path: page.pk for page in Page.objects.filter(depth=1)}
        rows = []
        for number, page in enumerate(pages, start=1):
            ids_by_path[page.path] = page.pk
            data = page.serializable_data()
            data[COMMENTS_RELATION_NAME] = []
            rows.append(
                {
                    "id": page.pk,
                    "parent": ids_by_path.get(page.path[: -Page.steplen]),
                    "model": page._meta.label_lower,
                    "url_path": page.url_path,
                    "data": data,
                    "live_revision": page.live_revision_id,
                    "latest_revision": page.latest_revision_id,
                    "revisions": revisions[str(page.pk)],
                }
            )
            self.progress(_("Pages"), number, len(pages))
        self.count("pages", len(rows))
        self.count("revisions", sum(len(row["revisions"]) for row in rows))
        return rows

    def view_restrictions(self):
        rows = []
        for restriction in PageViewRestriction.objects.prefetch_related("groups"):
            rows.append(
                {
                    "data": get_serializable_data_for_fields(restriction),
                    "groups": [group.name for group in restriction.groups.all()],
                }
            )
        return rows

    def records(self):
        section = {}
        for model in self.records_models:
            label = model._meta.label_lower
            objects = model._base_manager.order_by("pk")
            section[label] = [get_serializable_data_for_fields(obj) for obj in objects.iterator()]
            self.count(label, len(section[label]))
        return section

    def users(self):
        rows = []
        users = (
            get_user_model()
            .objects.order_by("pk")
            .prefetch_related("groups", "user_permissions__content_type")
        )
        for user in users:
            rows.append(
                {
                    "data": get_serializable_data_for_fields(user),
                    "groups": [group.name for group in user.groups.all()],
                    "permissions": [permission_key(p) for p in user.user_permissions.all()],
                }
            )
        self.count("users", len(rows))
        return rows

    def groups(self):
        rows = []
        for group in Group.objects.order_by("pk").prefetch_related("permissions__content_type"):
            page_permissions = GroupPagePermission.objects.filter(group=group).select_related(
                "permission__content_type"
            )
            collection_permissions = GroupCollectionPermission.objects.filter(
                group=group
            ).select_related("permission__content_type")
            rows.append(
                {
                    "name": group.name,
                    "permissions": [permission_key(p) for p in group.permissions.all()],
                    "page_permissions": [
                        [gpp.page_id, *permission_key(gpp.permission)] for gpp in page_permissions
                    ],
                    "collection_permissions": [
                        [gcp.collection_id, *permission_key(gcp.permission)]
                        for gcp in collection_permissions
                    ],
                }
            )
        self.count("groups", len(rows))
        return rows
