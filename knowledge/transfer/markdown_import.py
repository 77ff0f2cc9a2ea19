"""``boussole_import_markdown``: one Markdown file per chapter, sheet or testimony → drafts.

A file is a YAML header and a Markdown body::

    ---
    type: remontee-de-terrain        # a page type's ``search_type``
    title: Ce que le diagnostic m'a appris
    slug: ce-que-le-diagnostic-m-a-appris   # optional: derived from the title
    summary: Deux phrases de chapeau.
    theme: [sante-mentale]           # taxonomy, by slug, under the facets' public names
    dispositif: asv
    departement: seine-saint-denis
    quote: « On apprend le métier en marchant. »
    speaker_role: Coordinatrice ASV
    consent_given: true
    consent_date: 2026-03-12
    ---
    Le contexte, en **Markdown**.

What a type accepts is derived from its model, nothing is listed here:

- the importable types are the page types with facets (``facet_fields``) and a ``search_type``,
  created under their section (their only allowed parent type, a ``max_count = 1`` page);
- taxonomy keys are the public parameter names of the type's facets (``Facet.param``): a list
  (or one slug) for a many-to-many facet, one slug for a foreign key;
- other keys are the model's own fields (summary, freshness dates, the testimony's quote,
  speaker, seniority, dates and consent…), checked by the field itself (length, choices, dates);
  a field without ``blank=True`` nor a default is required, as ``title`` always is; a rich text
  field in the header is Markdown;
- the body fills the model's ``body`` (a StreamField: heading and paragraph blocks) or its only
  rich text field (the testimony's context).

Every file is read and checked first; if any has an error, nothing is written and every error
is reported with its file and line. Otherwise all the pages are created at once, in one
transaction, as drafts (never published: a testimony without consent stays a draft until its
consent is recorded, as in the editor).
"""

import datetime
import multiprocessing
import os
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from knowledge.facets import faceted_page_models
from knowledge.transfer.bulk import DraftBatch
from knowledge.transfer.frontmatter import FrontMatterError, parse
from knowledge.transfer.progress import no_progress
from knowledge.transfer.richtext import Cleaners

TYPE_KEY, TITLE_KEY, SLUG_KEY = "type", "title", "slug"
RESERVED_KEYS = (TYPE_KEY, TITLE_KEY, SLUG_KEY)
MARKDOWN_SUFFIXES = (".md", ".markdown")
HEADING_BLOCK, PARAGRAPH_BLOCK = "heading", "paragraph"
# At most this many allowed values are listed in an "unknown slug" message.
LISTED_VALUES = 12


@dataclass(frozen=True)
class FileError:
    path: str
    line: int | None
    message: str

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where} : {self.message}"


@dataclass
class Draft:
    """A checked file: what its page will hold."""

    path: str
    import_type: "ImportType"
    fields: dict
    many: dict
    slug_line: int


@dataclass
class ImportType:
    """What a Markdown file of one page type may say, derived from the model."""

    model: type
    key: str
    parent_model: type
    body_field: object
    facets: dict  # public parameter → (FacetField, model field)
    fields: dict  # header key → model field (plain values)
    rich_fields: dict  # header key → rich text model field (Markdown values)
    parent: Page | None = None
    existing_slugs: set = field(default_factory=set)

    @property
    def label(self):
        return str(self.model._meta.verbose_name)

    @property
    def allowed_keys(self):
        return [*RESERVED_KEYS, *self.fields, *self.rich_fields, *self.facets]


def _own_fields(model):
    """The model's concrete fields that are not Page's (the page type's and its mixins')."""
    page_fields = {f.name for f in Page._meta.get_fields()}
    return [
        f
        for f in model._meta.get_fields()
        if f.concrete
        and not f.auto_created
        and f.name not in page_fields
        and not getattr(f.remote_field, "parent_link", False)
    ]


def _body_field(model, own):
    by_name = {f.name: f for f in own}
    if isinstance(by_name.get("body"), StreamField | RichTextField):
        return by_name["body"]
    rich = [f for f in own if isinstance(f, RichTextField)]
    return rich[0] if len(rich) == 1 else None


def import_types():
    """The page types a Markdown file can create, by ``type`` value."""
    types = {}
    for model in faceted_page_models():
        if not model.facet_fields:
            continue
        parents = [p for p in model.allowed_parent_page_models() if p.max_count == 1]
        if len(parents) != 1:
            continue  # no single section to file it under
        own = _own_fields(model)
        body = _body_field(model, own)
        facet_names = {ff.field_name for ff in model.facet_fields}
        facets = {
            ff.facet.param: (ff, model._meta.get_field(ff.field_name)) for ff in model.facet_fields
        }
        plain, rich = {}, {}
        for model_field in own:
            if model_field is body or model_field.name in facet_names or model_field.is_relation:
                continue
            if not model_field.editable or isinstance(model_field, StreamField):
                continue
            (rich if isinstance(model_field, RichTextField) else plain)[model_field.name] = (
                model_field
            )
        types[model.search_type] = ImportType(
            model=model,
            key=model.search_type,
            parent_model=parents[0],
            body_field=body,
            facets=facets,
            fields=plain,
            rich_fields=rich,
        )
    return types


def _required(model_field):
    return not model_field.blank and not model_field.has_default()


def _messages(error):
    return " ".join(str(message) for message in error.messages)


def _given(model_fields, data, header, error):
    """(key, model field, value) for each of ``model_fields`` (key → field) the file fills in;
    a required one it leaves empty is an error."""
    for key, model_field in model_fields.items():
        value = data.get(key)
        if value is None or value == "":
            if _required(model_field):
                error(header.line_of(key), _("champ obligatoire manquant : « %s ».") % key)
            continue
        yield key, model_field, value


class MarkdownReader:
    """Checks one file at a time against the install's types and taxonomy (read once)."""

    def __init__(self, types):
        self.types = types
        self.cleaners = Cleaners()
        self.today = timezone.localdate()
        self.slugs, self.ranks = {}, {}
        for import_type in types.values():
            for facet_field, _model_field in import_type.facets.values():
                model = facet_field.facet.model
                if model not in self.slugs:
                    pks = list(model.objects.values_list("pk", "slug"))  # default ordering
                    self.slugs[model] = {slug: pk for pk, slug in pks}
                    self.ranks[model] = {pk: rank for rank, (pk, _slug) in enumerate(pks)}

    def read(self, path, text):
        """(Draft or None, [FileError])."""
        errors = []

        def error(line, message):
            errors.append(FileError(str(path), line, message))

        try:
            header = parse(text)
        except FrontMatterError as problem:
            error(problem.line, problem.message)
            return None, errors
        data = header.data

        kind = data.get(TYPE_KEY)
        import_type = self.types.get(kind) if isinstance(kind, str) else None
        if import_type is None:
            if kind is None:
                error(1, _("champ obligatoire manquant : « type »."))
            else:
                error(
                    header.line_of(TYPE_KEY),
                    _("type inconnu « %(type)s » : types possibles : %(types)s.")
                    % {"type": kind, "types": ", ".join(sorted(self.types))},
                )
            return None, errors
        if import_type.parent is None:
            error(
                header.line_of(TYPE_KEY),
                _(
                    "la rubrique « %(section)s » n'existe pas encore : créez-la avant "
                    "d'importer des pages « %(type)s »."
                )
                % {"section": import_type.parent_model._meta.verbose_name, "type": kind},
            )
            return None, errors

        for key in data:
            if key not in import_type.allowed_keys:
                error(
                    header.line_of(key),
                    _(
                        "clé inconnue « %(key)s » pour le type « %(type)s » (clés possibles : %(keys)s)."
                    )
                    % {"key": key, "type": kind, "keys": ", ".join(import_type.allowed_keys)},
                )

        fields, many = {}, {}
        title = self.title(data, header, error)
        if title is not None:
            fields["title"] = title
        slug = self.slug(data, header, title, error)
        if slug is not None:
            fields["slug"] = slug
        self.plain_fields(import_type, data, header, fields, error)
        self.rich_fields(import_type, data, header, fields, error)
        self.taxonomy(import_type, data, header, fields, many, error)
        self.consent(import_type, header, fields, error)
        self.body(import_type, header, fields, error)
        if errors:
            return None, errors
        draft = Draft(
            path=str(path),
            import_type=import_type,
            fields=fields,
            many=many,
            slug_line=header.line_of(SLUG_KEY if SLUG_KEY in data else TITLE_KEY),
        )
        return draft, errors

    # -- header values ---------------------------------------------------------------------------

    def title(self, data, header, error):
        value = data.get(TITLE_KEY)
        if value is None or (isinstance(value, str) and not value.strip()):
            error(header.line_of(TITLE_KEY), _("champ obligatoire manquant : « title »."))
            return None
        try:
            return Page._meta.get_field("title").clean(str(value).strip(), None)
        except ValidationError as problem:
            error(header.line_of(TITLE_KEY), f"« title » : {_messages(problem)}")
            return None

    def slug(self, data, header, title, error):
        value = data.get(SLUG_KEY)
        line = header.line_of(SLUG_KEY)
        if value is None:
            if title is None:
                return None
            value = slugify(title)[:255].strip("-")
            line = header.line_of(TITLE_KEY)
            if not value:
                error(line, _("impossible de tirer un slug du titre : indiquez « slug »."))
                return None
        try:
            return Page._meta.get_field("slug").clean(str(value), None)
        except ValidationError as problem:
            error(line, f"« slug » : {_messages(problem)}")
            return None

    def plain_fields(self, import_type, data, header, fields, error):
        for key, model_field, value in _given(import_type.fields, data, header, error):
            if isinstance(value, list | dict):
                error(header.line_of(key), _("« %s » : une seule valeur attendue.") % key)
                continue
            try:
                fields[model_field.attname] = model_field.clean(value, None)
            except ValidationError as problem:
                message = f"« {key} » : {_messages(problem)}"
                if model_field.choices:
                    message += " " + _("(valeurs possibles : %s)") % ", ".join(
                        str(choice) for choice, _label in model_field.flatchoices
                    )
                error(header.line_of(key), message)

    def rich_fields(self, import_type, data, header, fields, error):
        for key, model_field, value in _given(import_type.rich_fields, data, header, error):
            if not isinstance(value, str):
                error(header.line_of(key), _("« %s » : un texte (Markdown) est attendu.") % key)
                continue
            fields[model_field.attname] = self.cleaners.rich_text(model_field.features).html(value)

    def taxonomy(self, import_type, data, header, fields, many, error):
        for param, (facet_field, model_field) in import_type.facets.items():
            value = data.get(param)
            if value is None or value == []:
                continue
            values = value if isinstance(value, list) else [value]
            if not all(isinstance(v, str) for v in values):
                error(
                    header.line_of(param), _("« %s » : des slugs (textes) sont attendus.") % param
                )
                continue
            if not model_field.many_to_many and len(values) > 1:
                error(
                    header.line_of(param),
                    _("« %(key)s » : une seule valeur possible pour le type « %(type)s ».")
                    % {"key": param, "type": import_type.key},
                )
                continue
            known = self.slugs[facet_field.facet.model]
            pks = []
            for index, slug in enumerate(values):
                pk = known.get(slug.strip())
                if pk is None:
                    choices = sorted(known)
                    listed = ", ".join(choices[:LISTED_VALUES]) + (
                        " …" if len(choices) > LISTED_VALUES else ""
                    )
                    error(
                        header.line_of(param, index if isinstance(value, list) else None),
                        _(
                            "« %(key)s » : « %(slug)s » n'existe pas (valeurs possibles : %(values)s)."
                        )
                        % {"key": param, "slug": slug, "values": listed},
                    )
                elif pk not in pks:
                    pks.append(pk)
            if model_field.many_to_many:
                rank = self.ranks[facet_field.facet.model]
                many[model_field.name] = sorted(pks, key=rank.__getitem__)
            elif pks:
                fields[model_field.attname] = pks[0]

    def consent(self, import_type, header, fields, error):
        """A testimony's consent: recorded means both the box and its date (the model's
        ``consent_recorded``); one without the other, or a date to come, is an error."""
        names = {"consent_given", "consent_date"}
        if not names <= set(import_type.fields):
            return
        given, date = fields.get("consent_given"), fields.get("consent_date")
        if given and not date:
            error(
                header.line_of("consent_given"),
                _("consentement incohérent : « consent_given: true » sans « consent_date »."),
            )
        elif date and not given:
            error(
                header.line_of("consent_date"),
                _(
                    "consentement incohérent : « consent_date » sans « consent_given: true » "
                    "(retirez la date si le consentement n'a pas été recueilli)."
                ),
            )
        if isinstance(date, datetime.date) and date > self.today:
            error(
                header.line_of("consent_date"),
                _("consentement incohérent : « consent_date » est dans le futur."),
            )

    # -- body ------------------------------------------------------------------------------------

    def body(self, import_type, header, fields, error):
        model_field = import_type.body_field
        if model_field is None:
            if header.body.strip():
                error(
                    header.body_line, _("ce type de page n'a pas de corps : le texte est ignoré.")
                )
            return
        if isinstance(model_field, RichTextField):
            fields[model_field.attname] = self.cleaners.rich_text(model_field.features).html(
                header.body
            )
            return
        stream_block = model_field.stream_block
        heading = stream_block.child_blocks.get(HEADING_BLOCK)
        paragraph = stream_block.child_blocks.get(PARAGRAPH_BLOCK)
        if heading is None or paragraph is None:
            error(header.body_line, _("le corps de ce type de page ne se remplit pas en Markdown."))
            return
        cleaner = self.cleaners.stream_body(paragraph.features)
        value = []
        for kind, content in cleaner.blocks(header.body):
            if kind == HEADING_BLOCK:
                raw = {"text": content}
                try:
                    heading.clean(heading.to_python(raw))
                except ValidationError as problem:
                    error(
                        _line_of_text(header, content),
                        _("intertitre « %(text)s » refusé : %(error)s")
                        % {"text": content[:60], "error": _block_messages(problem)},
                    )
                value.append({"type": HEADING_BLOCK, "value": raw, "id": str(uuid.uuid4())})
            else:
                value.append({"type": PARAGRAPH_BLOCK, "value": content, "id": str(uuid.uuid4())})
        fields[model_field.attname] = value


def _can_fork():
    return "fork" in multiprocessing.get_all_start_methods()


def _line_of_text(header, text):
    for offset, line in enumerate(header.body.split("\n")):
        if text in line:
            return header.body_line + offset
    return header.body_line


def _block_messages(error):
    block_errors = getattr(error, "block_errors", None)
    if block_errors:
        return " ".join(_block_messages(e) for e in block_errors.values())
    return " ".join(str(message) for message in getattr(error, "messages", [error]))


@dataclass
class MarkdownImportResult:
    files: int = 0
    created: Counter = field(default_factory=Counter)  # type key → pages created
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    types: dict = field(default_factory=dict)

    @property
    def files_with_errors(self):
        return len({error.path for error in self.errors})


def markdown_files(arguments):
    """Files named on the command line, and the Markdown files under named folders (sorted);
    plus a FileError for each name that does not exist."""
    files, errors = [], []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in MARKDOWN_SUFFIXES and p.is_file()
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            errors.append(FileError(str(path), None, _("fichier ou dossier introuvable.")))
    unique = list(dict.fromkeys(files))
    return unique, errors


def read_text(path):
    """(text, None), or (None, FileError) when the file cannot be read as UTF-8."""
    try:
        raw = Path(path).read_bytes()
    except OSError as problem:
        return None, FileError(str(path), None, _("lecture impossible : %s.") % problem.strerror)
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as problem:
        line = raw[: problem.start].count(b"\n") + 1
        return None, FileError(str(path), line, _("le fichier n'est pas en UTF-8."))


# Reading and cleaning is pure computation, file by file: from this many files on, it is
# spread over processes (forked: they inherit the reader, never touch the database).
PARALLEL_FROM = 400
CHUNK = 100
_worker_reader = None  # the forked workers' MarkdownReader


def _read_one(reader, path):
    """(path, type key, fields, many, slug line) or (path, None, errors…): picklable."""
    text, unreadable = read_text(path)
    if unreadable is not None:
        return str(path), None, [unreadable]
    draft, errors = reader.read(path, text)
    if draft is None:
        return str(path), None, errors
    return str(path), (draft.import_type.key, draft.fields, draft.many, draft.slug_line), errors


def _read_chunk(paths):
    return [_read_one(_worker_reader, path) for path in paths]


def default_jobs():
    return max(1, min(4, os.cpu_count() or 1))


class MarkdownImporter:
    """``MarkdownImporter(paths, owner=None, progress=callback, jobs=None).run()`` →
    :class:`MarkdownImportResult`. Nothing is written unless every file is valid."""

    def __init__(self, paths, owner=None, progress=None, jobs=None, parallel_from=PARALLEL_FROM):
        self.paths = list(paths)
        self.owner = owner
        self.progress = progress or no_progress
        self.jobs = jobs or default_jobs()
        self.parallel_from = parallel_from

    def run(self):
        result = MarkdownImportResult()
        files, result.errors = markdown_files(self.paths)
        result.files = len(files) + len(result.errors)  # a missing name counts as a file
        types = import_types()
        result.types = types
        for import_type in types.values():
            import_type.parent = import_type.parent_model.objects.first()
            if import_type.parent is not None:
                import_type.existing_slugs = set(
                    Page.objects.child_of(import_type.parent).values_list("slug", flat=True)
                )
        reader = MarkdownReader(types)
        drafts = []
        for number, (path, draft, errors) in enumerate(self.read_all(reader, files), start=1):
            if draft is not None:
                key, fields, many, slug_line = draft
                drafts.append(Draft(path, types[key], fields, many, slug_line))
            result.errors.extend(errors)
            self.progress(_("Lecture"), number, len(files))
        result.errors.extend(self.duplicate_slugs(drafts))
        if result.errors:
            return result
        self.create(drafts, result)
        return result

    def read_all(self, reader, files):
        """Each file's reading, in order: here, or in forked processes for many files."""
        if self.jobs < 2 or len(files) < self.parallel_from or not _can_fork():
            for path in files:
                yield _read_one(reader, path)
            return
        global _worker_reader
        _worker_reader = reader
        chunks = [files[start : start + CHUNK] for start in range(0, len(files), CHUNK)]
        try:
            with multiprocessing.get_context("fork").Pool(self.jobs) as pool:
                for chunk in pool.imap(_read_chunk, chunks):
                    yield from chunk
        finally:
            _worker_reader = None

    @staticmethod
    def duplicate_slugs(drafts):
        errors, seen = [], {}
        for draft in drafts:
            import_type, slug = draft.import_type, draft.fields["slug"]
            key = (import_type.key, slug)
            if slug in import_type.existing_slugs:
                errors.append(
                    FileError(
                        draft.path,
                        draft.slug_line,
                        _("slug « %(slug)s » déjà pris par une page de « %(section)s ».")
                        % {"slug": slug, "section": import_type.parent.title},
                    )
                )
            elif key in seen:
                errors.append(
                    FileError(
                        draft.path,
                        draft.slug_line,
                        _("slug « %(slug)s » déjà utilisé par %(other)s.")
                        % {"slug": slug, "other": seen[key]},
                    )
                )
            else:
                seen[key] = f"{draft.path}:{draft.slug_line}"
        return errors

    def create(self, drafts, result):
        by_type = {}
        for draft in drafts:
            by_type.setdefault(draft.import_type.key, []).append(draft)
        with transaction.atomic():
            for key, group in by_type.items():
                import_type = group[0].import_type
                batch = DraftBatch(
                    import_type.model,
                    import_type.parent,
                    owner=self.owner,
                    warn=result.warnings.append,
                )
                label = str(import_type.model._meta.verbose_name_plural).capitalize()
                pages = batch.create(
                    [{"fields": d.fields, "many": d.many} for d in group],
                    progress=lambda done, total, label=label: self.progress(label, done, total),
                )
                result.created[key] += len(pages)
                result.pages.extend(pages)
