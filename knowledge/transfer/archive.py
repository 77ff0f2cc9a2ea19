"""The archive file: a ``.zip`` or a ``.tar.gz`` holding ``manifest.json`` and ``media/…``.

``manifest.json`` is the whole content as JSON (see :mod:`knowledge.transfer.exporter` for its
sections); every stored file (documents, original images) sits under ``media/`` with its storage
name, and the manifest gives its SHA-256 so the import refuses a damaged archive. The manifest is
written last, once every file is in. Reading never extracts a name taken from the archive: the
importer asks for the files the manifest lists, by name, and saves them through Django's
storage, which refuses names outside the media folder.
"""

import datetime
import hashlib
import io
import json
import posixpath
import shutil
import tarfile
import tempfile
import zipfile
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from knowledge.transfer.errors import TransferError

MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024


def archive_kind(path):
    name = str(path).lower()
    if name.endswith(".zip"):
        return "zip"
    if name.endswith((".tar.gz", ".tgz")):
        return "tar"
    raise TransferError(
        _("Format d'archive inconnu pour « %(path)s » : utilisez l'extension .zip ou .tar.gz.")
        % {"path": path}
    )


def media_name(storage_name):
    """The archive member name of a stored file, refusing absolute paths and « .. »."""
    clean = posixpath.normpath(str(storage_name).replace("\\", "/"))
    if clean.startswith(("/", "../")) or clean in {".", ".."}:
        raise TransferError(_("Nom de fichier refusé dans l'archive : « %s ».") % storage_name)
    return MEDIA_PREFIX + clean


class ManifestEncoder(DjangoJSONEncoder):
    """Django's encoder, but datetimes to the microsecond (Django's stops at the millisecond)."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


class ArchiveWriter:
    """``with ArchiveWriter(path) as archive: archive.add_file(name, fileobj); …; archive.
    write_manifest(manifest)``. Written to a temporary file next to ``path`` and moved into
    place at the end: an interrupted export never leaves a truncated archive under its name."""

    def __init__(self, path):
        self.path = Path(path)
        self.kind = archive_kind(self.path)
        self._names = set()

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._tmp = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in __exit__
            dir=self.path.parent, prefix=f".{self.path.name}.", delete=False
        )
        if self.kind == "zip":
            self._zip = zipfile.ZipFile(self._tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        else:
            self._tar = tarfile.open(fileobj=self._tmp, mode="w:gz")  # noqa: SIM115
        return self

    def __exit__(self, exc_type, exc, tb):
        try:
            if self.kind == "zip":
                self._zip.close()
            else:
                self._tar.close()
            self._tmp.close()
            if exc_type is None:
                Path(self._tmp.name).replace(self.path)
        finally:
            Path(self._tmp.name).unlink(missing_ok=True)
        return False

    def add_file(self, storage_name, fileobj, size):
        """Copy an open stored file into ``media/<storage_name>``; returns (member, sha256)."""
        member = media_name(storage_name)
        if member in self._names:
            return member, None
        self._names.add(member)
        digest = hashlib.sha256()
        if self.kind == "zip":
            with self._zip.open(member, "w", force_zip64=True) as target:
                for chunk in iter(lambda: fileobj.read(CHUNK), b""):
                    digest.update(chunk)
                    target.write(chunk)
        else:
            # tarfile needs the size up front; hash while it reads.
            info = tarfile.TarInfo(member)
            info.size = size
            self._tar.addfile(info, _HashingReader(fileobj, digest))
        return member, digest.hexdigest()

    def write_manifest(self, manifest):
        data = json.dumps(manifest, cls=ManifestEncoder, ensure_ascii=False, indent=1).encode()
        if self.kind == "zip":
            self._zip.writestr(MANIFEST_NAME, data)
        else:
            info = tarfile.TarInfo(MANIFEST_NAME)
            info.size = len(data)
            self._tar.addfile(info, io.BytesIO(data))


class _HashingReader:
    def __init__(self, fileobj, digest):
        self.fileobj, self.digest = fileobj, digest

    def read(self, size=-1):
        chunk = self.fileobj.read(size)
        self.digest.update(chunk)
        return chunk


class ArchiveReader:
    """``with ArchiveReader(path) as archive: archive.manifest; archive.open_member(name)``.

    A zip is read in place. A tar.gz is read once, in order, into a temporary folder (its
    members under numbered names: nothing from the archive chooses a path on disk), because
    seeking back in a gzip stream means decompressing it again from the start.
    """

    def __init__(self, path):
        self.path = Path(path)
        if not self.path.is_file():
            raise TransferError(_("Archive introuvable : « %s ».") % path)
        self.kind = archive_kind(self.path)
        self.manifest = None

    def __enter__(self):
        try:
            if self.kind == "zip":
                self._zip = zipfile.ZipFile(self.path)
                self.manifest = self._load_manifest(self._zip.read(MANIFEST_NAME))
            else:
                self._read_tar()
        except (KeyError, zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as error:
            self.__exit__(None, None, None)
            raise TransferError(
                _("Archive illisible « %(path)s » : %(error)s")
                % {"path": self.path, "error": error}
            ) from error
        return self

    def __exit__(self, exc_type, exc, tb):
        if getattr(self, "_zip", None) is not None:
            self._zip.close()
        if getattr(self, "_dir", None) is not None:
            self._dir.cleanup()
        return False

    def _read_tar(self):
        self._dir = tempfile.TemporaryDirectory(prefix="boussole-import-")
        self._members = {}
        manifest = None
        with tarfile.open(self.path, mode="r:*") as tar:
            for number, info in enumerate(tar):
                if not info.isfile():
                    continue
                source = tar.extractfile(info)
                if info.name == MANIFEST_NAME:
                    manifest = source.read()
                elif info.name.startswith(MEDIA_PREFIX):
                    target = Path(self._dir.name) / str(number)
                    with target.open("wb") as out:
                        shutil.copyfileobj(source, out, CHUNK)
                    self._members[info.name] = target
        if manifest is None:
            raise KeyError(MANIFEST_NAME)
        self.manifest = self._load_manifest(manifest)

    @staticmethod
    def _load_manifest(data):
        try:
            return json.loads(data)
        except ValueError as error:
            raise TransferError(_("Manifeste illisible : %s") % error) from error

    def read_member(self, member, sha256=None):
        """The bytes of ``member``, checked against ``sha256`` when the manifest gives it."""
        try:
            if self.kind == "zip":
                data = self._zip.read(member)
            else:
                data = self._members[member].read_bytes()
        except KeyError as error:
            raise TransferError(_("Fichier absent de l'archive : « %s ».") % member) from error
        if sha256 and hashlib.sha256(data).hexdigest() != sha256:
            raise TransferError(_("Fichier endommagé dans l'archive : « %s ».") % member)
        return data
