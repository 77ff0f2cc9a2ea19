"""Many draft pages under one parent in a few statements, as Wagtail's editor would leave them.

``add_child()`` + ``save_revision()`` cost a dozen queries a page (tree lock, two inserts, url
path, parent's child count, revision, page update, reference index, search index…): ten
thousand pages would take minutes. Here each step is one batched statement for all the pages:

1. tree paths computed once from the parent's last child (treebeard's materialised path: the
   parent's path plus one step per child), the parent row locked for the duration;
2. the ``wagtailcore_page`` rows with ``bulk_create`` (ids come back, on SQLite and PostgreSQL),
   then the page type's own table (multi-table inheritance: Django's ``bulk_create`` refuses
   those models, so its rows go through the manager's batched ``_insert``, the call
   ``Model.save()`` itself makes);
3. taxonomy (many-to-many rows), one revision per page whose content is exactly what
   ``serializable_data()`` gives (so the editor opens the draft as written), the pages' latest
   revision (one UPDATE with a subquery per batch), the "created" entry of each page's
   history, the parent's child count;
4. Wagtail's reference index (the taxonomy a page uses, for « utilisations ») and its admin
   search index, which its signals would otherwise have filled one page at a time.

Every page is a draft: ``live=False``, never published, its only revision unpublished.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from modelcluster.models import (
    get_all_child_m2m_relations,
    get_all_child_relations,
    get_serializable_data_for_fields,
)
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends

from knowledge.transfer.errors import TransferError

BATCH_SIZE = 500


def _batches(items, size=BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _table_chain(model):
    """The concrete tables of ``model`` below ``wagtailcore_page``, the nearest to Page first."""
    chain = [
        klass
        for klass in reversed(model.__mro__)
        if isinstance(klass, type)
        and issubclass(klass, Page)
        and klass is not Page
        and hasattr(klass, "_meta")
        and not klass._meta.abstract
        and not klass._meta.proxy
    ]
    return chain


class DraftBatch:
    """``DraftBatch(model, parent, owner=None).create(drafts)`` → the created pages.

    A draft is ``{"fields": {name: value}, "many": {field name: [ids]}}``; ``fields`` holds the
    page's own fields (title, slug, summary, body…), already validated and cleaned.
    """

    def __init__(self, model, parent, owner=None, warn=None):
        self.model, self.parent, self.owner = model, parent, owner
        self.warn = warn or (lambda message: None)
        self.content_type = ContentType.objects.get_for_model(model)
        self.page_content_type = ContentType.objects.get_for_model(Page)
        self.now = timezone.now()

    def create(self, drafts, progress=None):
        progress = progress or (lambda done, total: None)
        if not drafts:
            return []
        # The parent row, locked: no other writer adds a child while the paths are ours.
        parent = Page.objects.select_for_update().get(pk=self.parent.pk)
        pages = self.build(parent, drafts)
        total, done = len(pages), 0
        for batch in _batches(pages):
            self.insert(batch)
            done += len(batch)
            progress(done, total)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + total)
        self.parent.numchild = parent.numchild + total
        self.index(pages)
        return pages

    # -- 1. tree ---------------------------------------------------------------------------------

    def build(self, parent, drafts):
        depth = parent.depth + 1
        last = (
            Page.objects.filter(path__startswith=parent.path, depth=depth)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        start = Page._str2int(last[-Page.steplen :]) if last else 0
        if start + len(drafts) >= len(Page.alphabet) ** Page.steplen:
            raise TransferError(_("« %s » ne peut pas recevoir autant de pages.") % parent.title)
        pages = []
        for number, draft in enumerate(drafts, start=start + 1):
            fields = draft["fields"]
            page = self.model(
                **fields,
                draft_title=fields["title"],
                content_type_id=self.content_type.pk,
                path=Page._get_path(parent.path, depth, number),
                depth=depth,
                numchild=0,
                url_path=f"{parent.url_path}{fields['slug']}/",
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                live=False,
                has_unpublished_changes=True,
                latest_revision_created_at=self.now,
                owner=self.owner,
            )
            page._bulk_many = draft.get("many", {})
            pages.append(page)
        return pages

    # -- 2. and 3. rows --------------------------------------------------------------------------

    def insert(self, batch):
        Page.objects.bulk_create(batch)  # sets each page's id
        for page in batch:
            page.page_ptr_id = page.id
            for table in _table_chain(self.model):
                for link in table._meta.parents.values():
                    if link is not None:
                        setattr(page, link.attname, page.id)
        for table in _table_chain(self.model):
            fields = list(table._meta.local_concrete_fields)
            size = max(1, connection.ops.bulk_batch_size(fields, batch))
            for rows in _batches(batch, size):
                table._base_manager._insert(rows, fields=fields, using=connection.alias)
        for page in batch:
            page._state.adding = False
            page._state.db = connection.alias
        self.insert_many(batch)
        revisions = self.insert_revisions(batch)
        for page, revision in zip(batch, revisions, strict=True):
            page.latest_revision = revision
        # Each page's only revision, in one statement (bulk_update's CASE costs ten times more).
        Page.objects.filter(pk__in=[page.pk for page in batch]).update(
            latest_revision_id=Subquery(
                Revision.objects.filter(
                    base_content_type_id=self.page_content_type.pk,
                    object_id=Cast(OuterRef("pk"), output_field=CharField()),
                )
                .order_by("-pk")
                .values("pk")[:1]
            )
        )
        PageLogEntry.objects.bulk_create(
            [
                PageLogEntry(
                    content_type_id=self.content_type.pk,
                    label=page.title,
                    action="wagtail.create",
                    data={},
                    timestamp=self.now,
                    uuid=uuid.uuid4(),
                    user=self.owner,
                    revision=revision,
                    content_changed=True,
                    page_id=page.pk,
                )
                for page, revision in zip(batch, revisions, strict=True)
            ]
        )

    def insert_many(self, batch):
        for relation in get_all_child_m2m_relations(self.model):
            through = relation.remote_field.through
            source, target = relation.m2m_column_name(), relation.m2m_reverse_name()
            rows = [
                through(**{source: page.pk, target: pk})
                for page in batch
                for pk in page._bulk_many.get(relation.name, ())
            ]
            through.objects.bulk_create(rows, batch_size=BATCH_SIZE)

    def revision_content(self, page):
        """What ``page.serializable_data()`` gives, without a query per page."""
        content = get_serializable_data_for_fields(page)
        for relation in get_all_child_relations(self.model):
            content[relation.get_accessor_name()] = []
        for relation in get_all_child_m2m_relations(self.model):
            content[relation.name] = list(page._bulk_many.get(relation.name, ()))
        return content

    def insert_revisions(self, batch):
        return Revision.objects.bulk_create(
            [
                Revision(
                    content_type_id=self.content_type.pk,
                    base_content_type_id=self.page_content_type.pk,
                    object_id=str(page.pk),
                    created_at=self.now,
                    user=self.owner,
                    content=self.revision_content(page),
                    object_str=str(page),
                )
                for page in batch
            ]
        )

    # -- 4. Wagtail's indexes --------------------------------------------------------------------

    def index(self, pages):
        if ReferenceIndex.is_indexed(self.model):
            self.reference_index(pages)
        for backend in get_search_backends(with_auto_update=True):
            try:
                with transaction.atomic():
                    for batch in _batches(pages):
                        backend.add_bulk(self.model, batch)
            except DatabaseError as error:
                # The pages are fine; the editors' search finds them after `update_index`.
                self.warn(
                    _(
                        "Index de recherche de l'administration non mis à jour (%s) : lancez "
                        "« manage.py update_index »."
                    )
                    % error
                )

    def reference_index(self, pages):
        rows = []
        for page in pages:
            for relation in get_all_child_relations(self.model):
                setattr(page, relation.get_accessor_name(), [])  # nothing to read back
            references = set(ReferenceIndex._extract_references_from_object(page))
            rows.extend(
                ReferenceIndex(
                    content_type_id=self.content_type.pk,
                    base_content_type_id=self.page_content_type.pk,
                    object_id=str(page.pk),
                    to_content_type_id=to_content_type_id,
                    to_object_id=to_object_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
                for to_content_type_id, to_object_id, model_path, content_path in references
            )
        ReferenceIndex.objects.bulk_create(rows, batch_size=BATCH_SIZE, ignore_conflicts=True)
