"""The publications caches: in memory for the process, on disk between processes.

Records are small dataclasses: a parsed file (:class:`ParsedFile`), the
publications built from it for given settings and addresses
(:class:`BuiltFile`), and what the disk holds for a file (:class:`CacheRecord`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache

import pybtex

from .. import data, templating
from .bibfile import BibEntry, Problem
from .model import Publication

logger = logging.getLogger(__name__)


@dataclass
class ParsedFile:
    """The entries of a .bib file, valid while its bytes hash to ``digest``."""

    digest: str
    entries: list[BibEntry]
    problems: list[Problem]


@dataclass
class BuiltFile:
    """The publications built from a parsed file, valid for one ``stamp``:
    the file's digest, the settings and data files, the entries' addresses."""

    stamp: tuple
    publications: list[Publication]
    problems: list[Problem]
    # Each publication's digest, for the page fingerprints (pagecache.record_digest).
    digests: list[bytes] = field(default_factory=list)
    # Per entry: what it was built from (entry_key) and the problems building it found,
    # so that after an edit only the entries that changed are built again.
    entry_keys: list[tuple] = field(default_factory=list)
    entry_problems: list[list[Problem]] = field(default_factory=list)


def entry_key(entry: BibEntry, address) -> tuple:
    """Everything of an entry and its address that building its publication reads."""
    return (entry.entry_type, entry.key, tuple(entry.fields.items()), tuple(entry.field_names.items()),
            entry.path, entry.line, tuple(vars(address).items()))


@dataclass
class CacheRecord:
    """What the disk cache holds for one .bib file."""

    digest: str
    code: str  # _code_version() of the process that wrote it
    parsed: ParsedFile
    built: BuiltFile


# Module-level, so `pelican -r` and livereload skip unchanged files.
PARSED: dict[str, ParsedFile] = {}
BUILT: dict[str, BuiltFile] = {}
# The stamp of what the disk cache holds for each file, as far as this process knows.
ON_DISK: dict[str, tuple] = {}


def clear_caches() -> None:
    """Forget the parsed files (the disk cache, if any, stays)."""
    PARSED.clear()
    BUILT.clear()
    ON_DISK.clear()


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A hash of this plugin's code and pybtex's version.

    Part of the disk cache's key: editing the plugin, or upgrading pybtex,
    invalidates what an older version stored.
    """
    digest = hashlib.sha1(pybtex.__version__.encode())
    folder = os.path.dirname(os.path.abspath(__file__))
    files = [os.path.join(folder, name) for name in sorted(os.listdir(folder))
             if name.endswith(".py")]
    # The shared helpers that shape the built pages (absolute URLs, JSON-LD).
    files += [data.__file__, templating.__file__]
    for path in files:
        with open(path, "rb") as handle:
            digest.update(os.path.basename(path).encode() + b"\0" + handle.read())
    return digest.hexdigest()


class DiskCache:
    """What a .bib file gave, kept under CACHE_PATH between processes.

    One pickle per .bib file, holding the parsed entries, the publications
    built from them and the problems both steps found (they are logged again
    in every build, so a broken file keeps warning). It is valid while the
    file's bytes and the plugin's code are the same; the built publications
    also need the same settings and data files (``fingerprint``).
    """

    def __init__(self, folder: str):
        self.folder = folder

    def _file(self, bib_path: str) -> str:
        name = hashlib.sha1(os.path.abspath(bib_path).encode()).hexdigest()
        return os.path.join(self.folder, name + ".pickle")

    def load(self, bib_path: str, digest: str | None) -> CacheRecord | None:
        """What the cache holds for the file with these bytes (`digest`), or for the file
        whatever its bytes (None: an edited file's unchanged entries need not be built again)."""
        try:
            with open(self._file(bib_path), "rb") as handle:
                record = pickle.load(handle)
        except FileNotFoundError:
            return None
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                IndexError, TypeError, ValueError) as error:
            logger.debug("%s: the publications cache is unreadable (%s); parsing again.",
                         bib_path, error)
            return None
        if not isinstance(record, CacheRecord) or record.code != _code_version() or (
                digest is not None and record.digest != digest):
            return None
        return record

    def save(self, bib_path: str, record: CacheRecord) -> None:
        try:
            os.makedirs(self.folder, exist_ok=True)
            # Write then rename: a build stopped halfway leaves no torn file.
            handle, temp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(record, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, self._file(bib_path))
        except OSError as error:
            logger.warning("%s: cannot write the publications cache (%s); "
                           "the file will be parsed again next time.", self.folder, error)
