"""The Pelican glue: load the .bib files once per build, write the pages.

A build reads every file (from the caches when unchanged), then decides
every entry's address (slug, URL, element id) across all files, then builds
the publications, so nothing that embeds a URL is patched afterwards.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
from urllib.parse import unquote

from pelican.generators import Generator

from .. import second_writer
from ..data import load_yaml, shown_path, strip_control_characters
from ..pagecache import declare_digest, record_digest
from .addresses import assign_addresses, template_ids
from .bibfile import BibEntry, Problem, parse_bib_text
from .cache import BUILT, ON_DISK, PARSED, BuiltFile, CacheRecord, DiskCache, ParsedFile, entry_key
from .cache import clear_caches, _code_version  # noqa: F401 (tests and benchmarks use them)
from .colors import venue_style
from .links import external_url
from .grouping import group_publications
from .model import Address, Publication
from .names import CoauthorIndex
from .render import RenderOptions, build_publication

logger = logging.getLogger(__name__)


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
    text, line = strip_control_characters(text)
    if line:
        problems.append(Problem(shown, line, None,
                                "control characters (such as terminal colour codes) are "
                                "left out; feeds cannot hold them. Delete them from the file."))
    entries, parse_problems = parse_bib_text(text, shown)
    problems.extend(parse_problems)
    return entries, problems


def _load_data(path: str, what: str) -> dict:
    """A data file's mapping; {} when it is missing (fine: it is optional) or broken."""
    if not os.path.isfile(path):
        return {}
    return load_yaml(path, dict, what) or {}


def _file_digest(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha1(handle.read()).hexdigest()
    except OSError:
        return ""


def _copied(pub: Publication) -> Publication:
    """A shallow copy, as copy.copy makes, in a third of its time."""
    copied = object.__new__(Publication)
    copied.__dict__.update(pub.__dict__)
    return copied


class _BibFile:
    """One .bib file in this build: its entries, then its publications.

    From memory if this process has seen the same bytes, else from the disk
    cache, else parsed and built (and then stored on disk).
    """

    def __init__(self, path: str, shown: str):
        self.path, self.shown = path, shown
        self.parsed: ParsedFile | None = None
        self.record: CacheRecord | None = None  # what the disk held for these bytes
        self.earlier: BuiltFile | None = None  # what the disk held for other bytes
        self.problems: list[Problem] = []

    def read(self, disk: DiskCache | None) -> None:
        with open(self.path, "rb") as handle:
            data = handle.read()
        digest = hashlib.sha1(data).hexdigest()
        parsed = PARSED.get(self.path)
        # The disk holds what this process built last (an edit, in livereload, matches
        # neither): it is read only by a process that has not built the file yet.
        if parsed is None and disk is not None:
            record = disk.load(self.path, None)
            if record is not None and BUILT.get(self.path) is None:
                self.earlier = record.built  # an edited file: its unchanged entries are not built again
            if record is not None and record.digest == digest:
                self.record = record
                parsed = record.parsed
        if not (parsed and parsed.digest == digest):
            entries, problems = parse_bib_bytes(data, self.shown)
            parsed = ParsedFile(digest, entries, problems)
        PARSED[self.path] = self.parsed = parsed

    def build(self, fingerprint: str, addresses: dict[int, Address], options: RenderOptions,
              disk: DiskCache | None) -> list[Publication]:
        """Copies of the built publications: their order is set per build."""
        parsed = self.parsed
        mine = [addresses[id(entry)] for entry in parsed.entries]
        stamp = (parsed.digest, fingerprint, tuple((a.slug, a.anchor) for a in mine))
        if self.record is not None and self.record.built.stamp == stamp:
            BUILT[self.path] = self.record.built
            ON_DISK[self.path] = stamp
        built = BUILT.get(self.path)
        if not (built and built.stamp == stamp):
            BUILT[self.path] = built = self._build_entries(stamp, mine, options, built)
        if disk is not None and ON_DISK.get(self.path) != stamp:
            disk.save(self.path, CacheRecord(parsed.digest, _code_version(), parsed, built))
            ON_DISK[self.path] = stamp
        self.problems = parsed.problems + built.problems
        return [_copied(pub) for pub in built.publications]

    def _build_entries(self, stamp: tuple, addresses: list[Address], options: RenderOptions,
                       previous: BuiltFile | None) -> BuiltFile:
        """Build the file's publications; an entry whose text, line and address are those of
        the previous build (with the same settings and data files) is taken from it."""
        previous = previous or (self.record.built if self.record is not None else self.earlier)
        kept: dict[tuple, tuple] = {}
        if previous is not None and previous.stamp[1] == stamp[1] and len(previous.entry_keys) == len(
                previous.publications) == len(previous.entry_problems) == len(previous.digests):
            kept = dict(zip(previous.entry_keys,
                            zip(previous.publications, previous.entry_problems, previous.digests)))
        built = BuiltFile(stamp, [], [])
        for entry, address in zip(self.parsed.entries, addresses):
            key = entry_key(entry, address)
            known = kept.get(key)
            if known is None:
                problems: list[Problem] = []
                pub = build_publication(entry, 0, options, problems, address)
                # Digested once here, not each time a page showing it is fingerprinted.
                known = (pub, problems, record_digest(pub))
            built.entry_keys.append(key)
            built.publications.append(known[0])
            built.entry_problems.append(known[1])
            built.digests.append(known[2])
            built.problems.extend(known[1])
        return built

    def digests(self) -> list[bytes]:
        """The built publications' digests (pagecache.record_digest), in their order."""
        built = BUILT[self.path]
        if len(built.digests) != len(built.publications):
            built.digests = [record_digest(pub) for pub in built.publications]
        return built.digests


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
        if url and external_url(url) is None:
            logger.warning("%s: venue %r: the url %r is not a full http(s) address; "
                           "its badge is not linked. Fix the url.", path, name, url)


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
        coauthors = CoauthorIndex(_load_data(coauthors_path, "co-author links from it are not used"),
                                  siteurl=settings.get("SITEURL") or "")
        for problem in coauthors.problems:
            logger.warning("%s: %s", shown_path(coauthors_path, settings), problem)
        venues_path = os.path.join(base, settings["PUBLICATIONS_VENUES_FILE"] or "")
        venues = _load_data(venues_path, "venue badges have no links or colours")
        _check_venues(venues, os.path.relpath(venues_path, base))
        options = RenderOptions(
            owner_last_names=list(settings["PUBLICATIONS_OWNER_LAST_NAMES"]),
            owner_first_names=list(settings["PUBLICATIONS_OWNER_FIRST_NAMES"]),
            coauthors=coauthors,
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
            disk = DiskCache(os.path.join(settings["CACHE_PATH"], "scholar_publications"))

        files = [_BibFile(path, os.path.relpath(path, base)) for path in self._bib_files()]
        for bib in files:
            bib.read(disk)
        problems: list[Problem] = []
        addresses = assign_addresses(
            [entry for bib in files for entry in bib.parsed.entries],
            options.paper_url, options.paper_save_as, [settings["PUBLICATIONS_SAVE_AS"]],
            template_ids(self.env), problems)
        # What the built publications depend on besides the .bib itself: the
        # data files' bytes (hashing the loaded data could expand YAML aliases).
        fingerprint = hashlib.sha1(repr((
            sorted((k, repr(v)) for k, v in settings.items() if k.startswith("PUBLICATIONS_")),
            settings.get("SITEURL", ""), _file_digest(coauthors_path), _file_digest(venues_path),
        )).encode()).hexdigest()
        pubs: list[Publication] = []
        for bib in files:
            built = bib.build(fingerprint, addresses, options, disk)
            for pub, digest in zip(built, bib.digests()):
                pub.order = len(pubs)
                # A copy of the built record with its order set (nothing else changes it).
                declare_digest(pub, hashlib.sha1(digest + str(pub.order).encode()).digest())
                pubs.append(pub)
        for bib in files:
            for problem in bib.problems:
                logger.warning("%s", problem)
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

    def pages_to_write(self) -> int:
        """How many pages generate_output writes (second_writer.py may write them)."""
        settings = self.settings
        return bool(settings["PUBLICATIONS_SAVE_AS"]) + (
            len(self.publications) if settings["PUBLICATIONS_PAPER_PAGES"] else 0)

    def before_writing_elsewhere(self) -> None:
        """Convert here the formulas of the fields the templates filter with `mathml`:
        the copy of this process that writes the pages cannot start V8 (second_writer.py)."""
        convert = self.env.filters.get("mathml")
        for pub in self.publications if convert else ():
            for value in (pub.title_html, pub.abstract_html):
                if value:
                    convert(value)

    def generate_output(self, writer):
        if second_writer.took_over(self, writer):
            return
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
