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
    their order) with its parent's id, its current row, its live revision and its latest draft
    revision (``Revision.content``, as stored); comments are not exported;
``view_restrictions``, ``workflow_pages``, ``sites``, ``redirects``
    private pages, workflows assigned to a page, sites and redirects;
``feedback``
    readers' feedback when the install has such a model, ``null`` otherwise;
``users``, ``groups``
    only with ``--with-users``: accounts (password hashes included), groups, their permissions.
"""

from dataclasses import dataclass, field

import wagtail
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
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
FORMAT_VERSION = 1
# Readers' feedback is not a model of the Boussole yet; whichever of these exists is exported.
FEEDBACK_MODEL_LABELS = ("knowledge.Feedback", "feedback.Feedback")


def feedback_model():
    """The readers' feedback model, or ``None`` while the install has none."""
    for label in FEEDBACK_MODEL_LABELS:
        try:
            return apps.get_model(label)
        except LookupError:
            continue
    return None


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
                "feedback": self.feedback(),
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

    def _revisions(self, ids):
        ids = [pk for pk in ids if pk]
        return {rev.pk: rev for rev in Revision.objects.filter(pk__in=ids)}

    def glossary(self):
        terms = list(GlossaryTerm.objects.order_by("pk").prefetch_related("see_also"))
        revisions = self._revisions(
            [pk for term in terms for pk in (term.live_revision_id, term.latest_revision_id)]
        )
        rows = []
        for term in terms:
            revision_ids = dict.fromkeys(
                pk for pk in (term.live_revision_id, term.latest_revision_id) if pk in revisions
            )
            rows.append(
                {
                    "data": term.serializable_data(),
                    "live_revision": term.live_revision_id,
                    "latest_revision": term.latest_revision_id,
                    "revisions": [revision_data(revisions[pk]) for pk in revision_ids],
                }
            )
        self.count("glossary", len(rows))
        self.count("revisions", sum(len(row["revisions"]) for row in rows))
        return rows

    def pages(self):
        pages = list(Page.objects.filter(depth__gt=1).order_by("path").specific())
        revisions = self._revisions(
            [pk for page in pages for pk in (page.live_revision_id, page.latest_revision_id)]
        )
        ids_by_path = {page.path: page.pk for page in Page.objects.filter(depth=1)}
        rows = []
        for number, page in enumerate(pages, start=1):
            ids_by_path[page.path] = page.pk
            data = page.serializable_data()
            data[COMMENTS_RELATION_NAME] = []
            revision_ids = dict.fromkeys(
                pk for pk in (page.live_revision_id, page.latest_revision_id) if pk in revisions
            )
            rows.append(
                {
                    "id": page.pk,
                    "parent": ids_by_path.get(page.path[: -Page.steplen]),
                    "model": page._meta.label_lower,
                    "url_path": page.url_path,
                    "data": data,
                    "live_revision": page.live_revision_id,
                    "latest_revision": page.latest_revision_id,
                    "revisions": [revision_data(revisions[pk]) for pk in revision_ids],
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

    def feedback(self):
        model = feedback_model()
        if model is None:
            self.summary.warnings.append(
                _("Avis des lecteurs : aucun modèle dans cette installation, rien à exporter.")
            )
            return None
        rows = [get_serializable_data_for_fields(obj) for obj in model.objects.order_by("pk")]
        self.count("feedback", len(rows))
        return {"model": model._meta.label_lower, "rows": rows}

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
