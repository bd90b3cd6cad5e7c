"""The Pelican glue: load the .bib files once per build, write the pages."""

from __future__ import annotations

import copy
import glob
import hashlib
import logging
import os
from urllib.parse import unquote
import pickle
import tempfile
from collections.abc import Callable
from functools import lru_cache

import pybtex
from pelican.generators import Generator
from .. import data, templating
from ..data import load_yaml

from .bibfile import BibEntry, Problem, parse_bib_text
from .model import Publication, PublicationGroup
from .names import CoauthorIndex
from .render import RenderOptions, build_publication, resolve_url, venue_style

logger = logging.getLogger(__name__)

# Parsed files, keyed on path, valid while the file's bytes hash the same.
# Module-level, so `pelican -r` and livereload skip unchanged files.
_PARSE_CACHE: dict[str, tuple[str, list[BibEntry], list[Problem]]] = {}
# Publications built from a file, valid for the same bytes and settings.
_BUILD_CACHE: dict[str, tuple[tuple[str, str], list[Publication], list[Problem]]] = {}
# What the disk cache holds for each file, as far as this process knows.
_ON_DISK: dict[str, tuple[str, str]] = {}


def clear_caches() -> None:
    """Forget the parsed files (the disk cache, if any, stays)."""
    _PARSE_CACHE.clear()
    _BUILD_CACHE.clear()
    _ON_DISK.clear()


def parse_bib_bytes(data: bytes, shown: str) -> tuple[list[BibEntry], list[Problem]]:
    """Parse a file's bytes: UTF-8, else Windows-1252 with a warning."""
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(Problem(shown, line, None,
                                "the file is not UTF-8; it is read as Windows-1252. "
                                "Save it as UTF-8."))
        text = data.decode("cp1252", errors="replace")
    entries, parse_problems = parse_bib_text(text, shown)
    problems.extend(parse_problems)
    return entries, problems


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


class _DiskCache:
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

    def load(self, bib_path: str, digest: str) -> dict | None:
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
        if not isinstance(record, dict) or record.get("key") != (digest, _code_version()):
            return None
        return record

    def save(self, bib_path: str, record: dict) -> None:
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


def _load_data(path: str, what: str) -> dict:
    """A data file's mapping; {} when it is missing (fine: it is optional) or broken."""
    if not os.path.isfile(path):
        return {}
    return load_yaml(path, dict, what) or {}


def _file_digest(path: str) -> str:
    """A hash of a file's bytes; "" when there is no such file."""
    try:
        with open(path, "rb") as handle:
            return hashlib.sha1(handle.read()).hexdigest()
    except OSError:
        return ""


def _check_venues(venues: dict, path: str) -> None:
    """Warn, once per build, about venue colours and links that are not used."""
    for name, venue in venues.items():
        if not isinstance(venue, dict):
            continue
        color = str(venue.get("color") or "").strip()
        if color and not venue_style(color):
            logger.warning("%s: venue %r: the color %r is not a hex (#ffcc00) or rgb() colour; "
                           "its badge keeps the neutral style. Write it as hex.", path, name, color)
        url = str(venue.get("url") or "").strip()
        resolved = resolve_url(url, "") if url else None
        if url and (resolved is None or resolved[1]):
            logger.warning("%s: venue %r: the url %r is not a full http(s) address; "
                           "its badge is not linked. Fix the url.", path, name, url)


def _sort_key(name: str) -> Callable[[Publication], object]:
    return {
        "year": lambda p: p.year or 0,
        "month": lambda p: p.month or 0,
        "title": lambda p: p.title_text.casefold(),
        "key": lambda p: p.key.casefold(),
        "type": lambda p: p.entry_type,
    }.get(name, lambda p: p.order)


def sort_publications(pubs: list[Publication], spec: str) -> list[Publication]:
    """File order, or the order ``spec`` ("-year,title") asks for."""
    result = sorted(pubs, key=lambda p: p.order)
    for part in reversed([s.strip() for s in (spec or "").split(",") if s.strip()]):
        name = part.lstrip("-+")
        if name not in ("year", "month", "title", "key", "type"):
            logger.warning("PUBLICATIONS_SORT: unknown key %r; it is ignored.", name)
            continue
        result.sort(key=_sort_key(name), reverse=part.startswith("-"))
    return result


def group_publications(pubs: list[Publication], settings: dict) -> list[PublicationGroup]:
    """Headings and their entries, per PUBLICATIONS_GROUP_BY."""
    how = settings["PUBLICATIONS_GROUP_BY"]
    spec = settings["PUBLICATIONS_SORT"]
    if how == "none":
        return [PublicationGroup("", "publications-all", sort_publications(pubs, spec))] if pubs else []
    buckets: dict[str, list[Publication]] = {}
    if how == "type":
        order = [label for label, _ in settings["PUBLICATIONS_TYPE_GROUPS"]]
        fallback = next((label for label, types in settings["PUBLICATIONS_TYPE_GROUPS"] if "*" in types),
                        "Other")
        for pub in pubs:
            label = next((label for label, types in settings["PUBLICATIONS_TYPE_GROUPS"]
                          if pub.entry_type in types), fallback)
            buckets.setdefault(label, []).append(pub)
        labels = [label for label in order if label in buckets]
        labels += [label for label in buckets if label not in labels]
    else:
        for pub in pubs:
            buckets.setdefault(pub.year_label, []).append(pub)
        years = sorted((label for label in buckets if label.isdigit()), key=int, reverse=True)
        texts = [label for label in buckets if label and not label.isdigit()]
        labels = texts + years + ([""] if "" in buckets else [])
    undated = settings["PUBLICATIONS_UNDATED_LABEL"]
    groups = []
    for number, label in enumerate(labels, start=1):
        shown = label or undated
        anchor = "y" + label if label.isdigit() else "group-%d" % number
        groups.append(PublicationGroup(shown, anchor, sort_publications(buckets[label], spec)))
    return groups


def _warn_about_missing_files(pubs: list[Publication], content_path: str) -> None:
    """A pdf, poster … button pointing at a file that isn't under content/."""
    for pub in pubs:
        for link in [*pub.links, *([pub.preview] if pub.preview else [])]:
            if not link.internal:
                continue
            relative = unquote(link.url.split("#", 1)[0].split("?", 1)[0])
            if not os.path.isfile(os.path.join(content_path, relative)):
                logger.warning(
                    "%s:%d: entry %r: the %s file %r is not in content/%s, so its link is "
                    "broken. Add the file there, or give a full URL.",
                    pub.source, pub.line, pub.key, link.kind, relative.rsplit("/", 1)[-1],
                    relative.rsplit("/", 1)[0] + "/" if "/" in relative else "")


class PublicationsGenerator(Generator):
    """Reads the BibTeX files and writes /publications/ and the paper pages."""

    def generate_context(self):
        settings = self.settings
        base = settings["PATH"]
        coauthors_path = os.path.join(base, settings["PUBLICATIONS_COAUTHORS_FILE"] or "")
        coauthors = _load_data(coauthors_path, "co-author links from it are not used")
        venues_path = os.path.join(base, settings["PUBLICATIONS_VENUES_FILE"] or "")
        venues = _load_data(venues_path, "venue badges have no links or colours")
        _check_venues(venues, os.path.relpath(venues_path, base))
        # What the built publications depend on besides the .bib itself. The data
        # files count by their bytes: hashing the loaded values would cost as
        # much as the values expanded (YAML aliases share them).
        fingerprint = hashlib.sha1(repr((
            sorted((k, repr(v)) for k, v in settings.items() if k.startswith("PUBLICATIONS_")),
            settings.get("SITEURL", ""), _file_digest(coauthors_path), _file_digest(venues_path),
        )).encode()).hexdigest()
        options = RenderOptions(
            owner_last_names=list(settings["PUBLICATIONS_OWNER_LAST_NAMES"]),
            owner_first_names=list(settings["PUBLICATIONS_OWNER_FIRST_NAMES"]),
            coauthors=CoauthorIndex(coauthors),
            venues=venues,
            max_authors=settings["PUBLICATIONS_MAX_AUTHORS"],
            files_url=settings["PUBLICATIONS_FILES_URL"],
            previews_url=settings["PUBLICATIONS_PREVIEWS_URL"],
            extra_fields=list(settings["PUBLICATIONS_EXTRA_FIELDS"]),
            hidden_bibtex_fields=list(settings["PUBLICATIONS_HIDDEN_BIBTEX_FIELDS"]),
            bibtex=settings["PUBLICATIONS_BIBTEX"],
            paper_url=settings["PUBLICATIONS_PAPER_URL"] if settings["PUBLICATIONS_PAPER_PAGES"] else "",
            paper_save_as=settings["PUBLICATIONS_PAPER_SAVE_AS"],
            siteurl=settings.get("SITEURL", ""),
        )
        disk = None
        if settings["PUBLICATIONS_CACHE"]:
            disk = _DiskCache(os.path.join(settings["CACHE_PATH"], "scholar_publications"))
        pubs: list[Publication] = []
        problems: list[Problem] = []
        for path in self._bib_files():
            built, file_problems = self._read(path, os.path.relpath(path, base), fingerprint,
                                              options, disk)
            problems.extend(file_problems)
            for pub in built:
                # A copy: slugs and order are set per build, across files.
                pub = copy.copy(pub)
                pub.order = len(pubs)
                pubs.append(pub)
        self._unique_slugs(pubs, options)
        for problem in problems:
            logger.warning("%s", problem)
        # Checked every build, never cached: the files come and go on their own.
        _warn_about_missing_files(pubs, base)

        groups = group_publications(pubs, settings)
        ordered = [pub for group in groups for pub in group.publications]
        self.publications = ordered
        self.publication_groups = groups
        self.context["publications"] = ordered
        self.context["publication_groups"] = groups
        self.context["selected_publications"] = [pub for pub in ordered if pub.selected]

    @staticmethod
    def _read(path: str, shown: str, fingerprint: str, options: RenderOptions,
              disk: _DiskCache | None) -> tuple[list[Publication], list[Problem]]:
        """The publications of one file and the problems found on the way.

        From memory if this process has seen the same bytes, else from the
        disk cache, else parsed and built (and then stored on disk).
        """
        with open(path, "rb") as handle:
            data = handle.read()
        digest = hashlib.sha1(data).hexdigest()
        stamp = (digest, fingerprint)
        parsed = _PARSE_CACHE.get(path)
        record = None
        if not (parsed and parsed[0] == digest) and disk is not None:
            record = disk.load(path, digest)
            if record is not None:
                _PARSE_CACHE[path] = parsed = (digest, record["entries"], record["problems"])
                if record["stamp"] == stamp:
                    _BUILD_CACHE[path] = (stamp, record["built"], record["build_problems"])
        if record is not None and record["stamp"] == stamp:
            _ON_DISK[path] = stamp
        if not (parsed and parsed[0] == digest):
            entries, parse_problems = parse_bib_bytes(data, shown)
            _PARSE_CACHE[path] = parsed = (digest, entries, parse_problems)
        cached = _BUILD_CACHE.get(path)
        if not (cached and cached[0] == stamp):
            build_problems: list[Problem] = []
            built = [build_publication(entry, 0, options, build_problems) for entry in parsed[1]]
            _BUILD_CACHE[path] = cached = (stamp, built, build_problems)
        if disk is not None and _ON_DISK.get(path) != stamp:
            disk.save(path, {"key": (digest, _code_version()), "entries": parsed[1],
                             "problems": parsed[2], "stamp": stamp, "built": cached[1],
                             "build_problems": cached[2]})
            _ON_DISK[path] = stamp
        return cached[1], parsed[2] + cached[2]

    def _bib_files(self) -> list[str]:
        base = self.settings["PATH"]
        found: list[str] = []
        for pattern in self.settings["PUBLICATIONS_BIB_PATHS"]:
            full = os.path.join(base, os.path.expanduser(pattern))
            matches = sorted(glob.glob(full)) if glob.has_magic(full) else [full]
            for path in matches:
                if not os.path.isfile(path):
                    if not glob.has_magic(full):
                        logger.warning("PUBLICATIONS_BIB_PATHS: %s does not exist. Fix the path.",
                                       path)
                    continue
                if path not in found:
                    found.append(path)
        return found

    @staticmethod
    def _unique_slugs(pubs: list[Publication], options: RenderOptions) -> None:
        """Two keys can slugify alike ("a:b", "a/b"): number the later ones."""
        seen: set[str] = set()
        for pub in pubs:
            if pub.slug not in seen:
                seen.add(pub.slug)
                continue
            number = 2
            while "%s-%d" % (pub.slug, number) in seen:
                number += 1
            pub.slug = "%s-%d" % (pub.slug, number)
            seen.add(pub.slug)
            if pub.url:
                old_url = pub.url
                pub.url = options.paper_url.format(slug=pub.slug, key=pub.slug)
                pub.save_as = options.paper_save_as.format(slug=pub.slug, key=pub.slug)
                pub.meta = [(name, value.replace(old_url, pub.url)) for name, value in pub.meta]
                pub.jsonld = pub.jsonld.replace(old_url, pub.url)

    def generate_output(self, writer):
        settings = self.settings
        save_as = settings["PUBLICATIONS_SAVE_AS"]
        if save_as:
            writer.write_file(
                save_as, self.get_template("publications"), self.context,
                relative_urls=settings["RELATIVE_URLS"],
                url=settings["PUBLICATIONS_URL"],
                publication_groups=self.publication_groups,
                page_title=settings["PUBLICATIONS_TITLE"],
                page_url=settings["PUBLICATIONS_URL"],
                page_name="publications",
            )
        if not settings["PUBLICATIONS_PAPER_PAGES"]:
            return
        template = self.get_template("paper")
        for pub in self.publications:
            writer.write_file(
                pub.save_as, template, self.context,
                relative_urls=settings["RELATIVE_URLS"],
                url=pub.url,
                publication=pub,
                page_title=pub.title_text,
                page_url=pub.url,
                page_name="publications",
            )
