"""Writing output/: only the files whose bytes changed, and nothing left behind.

output/ is not emptied before a build (DELETE_OUTPUT_DIRECTORY = False in
defaults.py). Instead:

- every page and feed Pelican's writer makes is compared with the file
  already there and written only when its bytes differ, so an unchanged
  page keeps its modification time (and a browser reloading on change, or
  rsync, has nothing to do for it);
- the parts that write files themselves (WebP copies, the CV's PDF, the math
  font) go through `write_if_changed`, or `record` a file they found current;
- when the build ends, every file under output/ that this build did not
  produce is removed (a deleted post's page, a renamed tag's list), with the
  folders it leaves empty. A file counts as produced when it was recorded, or
  when anything wrote to it during the build (its status-change time moved:
  Pelican's copies of static files, sitemap.xml, the search index, another
  plugin's files). The top-level names of OUTPUT_RETENTION (.git, CNAME …)
  are never touched.

So a rebuild leaves output/ exactly as a clean build of the same content
would, file for file and byte for byte (tests/test_rebuilds.py).

A page whose fingerprint (pagecache.py) is the previous build's, and whose
file is as that build left it (size and modification time), is not drawn,
read or written at all: the writer records it and tells Pelican's other
parts it was written (the sitemap lists it).

`add_page_filter(function)` lets a part change a page's text before it is
compared and written (the math part links its stylesheet that way);
`add_page_observer(name, observe, replay)` lets a part learn something from
each page (the math font's characters) that is kept with the page's
fingerprint and given back when a later build leaves the page as it is.
`capture_writing` and `take_captured` move what a writer did in a forked
copy of the build into the build (second_writer.py).
"""

from __future__ import annotations

import datetime
import io
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from pelican import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from .pagecache import CachedTemplate, PageCache, new_build

logger = logging.getLogger(__name__)

PageFilter = Callable[[str, str], str]  # (path, text) -> text
_page_filters: list[PageFilter] = []
# name -> (observe(path, text) -> a note (JSON) or None, replay(note))
_page_observers: dict[str, tuple[Callable[[str, str], object], Callable[[object], None]]] = {}


@dataclass
class _Build:
    output_path: str
    retention: tuple[str, ...]
    before: dict[str, int]  # path -> status-change time (ns) when the build started
    produced: set[str] = field(default_factory=set)
    context: dict | None = None
    pages: PageCache | None = None


_build: _Build | None = None


def add_page_filter(function: PageFilter) -> None:
    """Run `function(path, text)` on every page and feed before it is written."""
    if function not in _page_filters:
        _page_filters.append(function)


def add_page_observer(name: str, observe: Callable[[str, str], object],
                      replay: Callable[[object], None]) -> None:
    """Run `observe(path, text)` on every page as it is written (after the filters); what
    it returns, if not None, is kept with the page's fingerprint, and given to
    `replay(note)` in a later build that leaves the page as it is without reading it."""
    _page_observers[name] = (observe, replay)


@dataclass
class Capture:
    """What a writer in a forked copy of this process did (second_writer.py), for this
    process to take as its own: the files produced, the pages' fingerprints, what the
    page observers noted, the pages written (in order) and the warnings logged."""

    produced: set[str] = field(default_factory=set)
    records: dict[str, list] = field(default_factory=dict)
    notes: list[tuple[str, object]] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    written_files: set[str] = field(default_factory=set)
    overridden_files: set[str] = field(default_factory=set)
    warnings: list[tuple[str, int, str]] = field(default_factory=list)


_capture: Capture | None = None


class _WarningKeeper(logging.Handler):
    def __init__(self, capture: Capture) -> None:
        super().__init__(level=logging.WARNING)
        self.capture = capture

    def emit(self, record: logging.LogRecord) -> None:
        self.capture.warnings.append((record.name, record.levelno, record.getMessage()))


def capture_writing(run: Callable[[Writer], None], output_path: str, settings: dict) -> Capture:
    """In a forked copy of this process (second_writer.py): run `run(writer)` with a
    writer of its own, and return what it did, its warnings included."""
    global _capture
    capture = _capture = Capture()
    logging.getLogger().addHandler(_WarningKeeper(capture))
    pages = _build.pages if _build is not None else None
    produced = set(_build.produced) if _build is not None else set()
    recorded = set(pages.current) if pages is not None else set()
    signals.content_written.connect(_note_written)
    writer = ScholarWriter(output_path, settings=settings)
    run(writer)
    if _build is not None:
        capture.produced = _build.produced - produced
    if pages is not None:
        capture.records = {path: record for path, record in pages.current.items() if path not in recorded}
    capture.written_files, capture.overridden_files = writer._written_files, writer._overridden_files
    return capture


def _note_written(path, context) -> None:
    if _capture is not None:
        _capture.written.append(path)


def take_captured(capture: Capture, writer: Writer, context: dict) -> None:
    """Make what a copy's writer did this process's own, as if its writer had done it."""
    for name, level, message in capture.warnings:
        logging.getLogger(name).log(level, "%s", message)
    if _build is not None:
        _build.produced |= capture.produced
        if _build.pages is not None:
            _build.pages.current.update(capture.records)
    for name, note in capture.notes:
        if name in _page_observers:
            _page_observers[name][1](note)
    writer._written_files |= capture.written_files
    writer._overridden_files |= capture.overridden_files
    for path in capture.written:
        signals.content_written.send(path, context=context)


def is_building() -> bool:
    """Whether this build writes through this module (not when output/ holds content/)."""
    return _build is not None


def page_cache() -> PageCache | None:
    """This build's page fingerprints, when it keeps any."""
    return _build.pages if _build is not None else None


def record(path: str) -> None:
    """Say that this build produced `path` (a file found current and left as it is)."""
    if _build is not None:
        _build.produced.add(os.path.abspath(path))


def write_if_changed(path: str, data: bytes) -> bool:
    """Write `data` to `path` unless the file holds these bytes already; whether it wrote."""
    record(path)
    try:
        if os.path.getsize(path) == len(data):
            with open(path, "rb") as handle:
                if handle.read() == data:
                    return False
    except OSError:
        pass
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
    return True


def copy_if_changed(source: str, target: str) -> bool:
    """Copy `source` to `target` unless `target` has its bytes already."""
    with open(source, "rb") as handle:
        return write_if_changed(target, handle.read())


class _PageBuffer(io.StringIO):
    """What Pelican's writer writes to a page, kept until it is closed."""

    def __init__(self, path: str, encoding: str) -> None:
        super().__init__()
        self.path, self._encoding = path, encoding

    def close(self) -> None:
        if not self.closed:
            text = self.getvalue()
            for function in _page_filters:
                text = function(self.path, text)
            notes = {}
            for name, (observe, _) in _page_observers.items():
                note = observe(self.path, text)
                if note is not None:
                    notes[name] = note
            if _capture is not None:
                _capture.notes.extend(notes.items())
            data = text.encode(self._encoding)
            pages = _build.pages if _build is not None else None
            if pages is not None and pages.holds(self.path, data):
                record(self.path)  # the page taken from output/ as it was
            else:
                write_if_changed(self.path, data)
            if pages is not None:
                pages.written(self.path, data, notes)
        super().close()


class ScholarWriter(Writer):
    """Pelican's writer, writing a page or feed only when its bytes changed, and
    rendering a page only when what it reads changed (pagecache.py)."""

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        pages = _build.pages if _build is not None else None
        # Fingerprints only pay when there are some to compare with, or to keep.
        if name and pages is not None and (pages.saving or pages.previous) and hasattr(template, "render"):
            known = None
            if not self._paginates(paginated, template_name, kwargs):
                known = self._write_unless_unchanged(pages, name, template, context, relative_urls,
                                                     override_output, kwargs)
                if known is None:
                    return None  # left as the previous build wrote it
            template = CachedTemplate(template, pages, self.output_path, known)
        return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                  override_output, url, **kwargs)

    def _create_new_feed(self, feed_type, feed_title, context):
        # feedgenerator dates a feed without entries (a site with no posts yet) by the
        # clock, so every build would rewrite it: it gets the date of the site's newest
        # post, page or news item instead, as sitemap.xml does (or 1970 when none is dated).
        from .sitemap import newest_content_date

        feed = super()._create_new_feed(feed_type, feed_title, context)
        latest_of_its_entries = feed.latest_post_date

        def latest_post_date():
            if feed.items:  # the usual case: the site's documents are not looked through
                return latest_of_its_entries()
            return newest_content_date(context) or datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)

        feed.latest_post_date = latest_post_date
        return feed

    def _paginates(self, paginated, template_name, kwargs) -> bool:
        """Whether Pelican's write_file makes several pages of this call (as it decides)."""
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in {"articles", "dates"}}
        return bool(paginated) and template_name in self.settings["PAGINATED_TEMPLATES"]

    def _write_unless_unchanged(self, pages: PageCache, name, template, context, relative_urls,
                                override_output, kwargs) -> tuple[str, str | None] | None:
        """Leave a page whose fingerprint and file are the previous build's as it is, doing
        for it what Pelican's writer does but draw and write it; None then. Otherwise the
        page's path and fingerprint, for the writer to draw it."""
        # Pelican's write_file, as far as the page's context (Writer._write_file, _get_localcontext).
        localcontext = context.copy()
        localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
        if relative_urls:
            relative_url = path_to_url(get_relative_path(name))
            localcontext["SITEURL"] = relative_url
            localcontext["localsiteurl"] = relative_url
        localcontext["output_file"] = name
        localcontext.update(kwargs)
        if localcontext["localsiteurl"]:  # posts link relative to it when they are drawn
            context["localsiteurl"] = localcontext["localsiteurl"]
        path = sanitised_join(self.output_path, name)
        fingerprint = pages.fingerprint(template, localcontext)
        if (fingerprint is None or path in self._written_files or path in self._overridden_files
                or not pages.unchanged_on_disk(path, fingerprint)):
            return path, fingerprint
        if override_output:
            self._overridden_files.add(path)
        self._written_files.add(path)
        for observer, note in pages.kept(path).items():
            if observer in _page_observers:
                _page_observers[observer][1](note)
                if _capture is not None:
                    _capture.notes.append((observer, note))
        record(path)
        signals.content_written.send(path, context=localcontext)
        return None

    def _open_w(self, filename, encoding, override=False):
        # Pelican's rules for a file written twice in one build, kept as they are.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            logger.info('Skipping "%s", not overwriting', filename)
            return open(os.devnull, "w", encoding=encoding)  # noqa: SIM115 (the caller closes it)
        if filename in self._written_files:
            if not override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" as Pelican has already written to it '
                    "previously (set `override=True` if intended)")
            logger.info('Overwriting "%s"', filename)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _PageBuffer(filename, encoding)


def _status_times(folder: str) -> dict[str, int]:
    """The status-change time of every file under `folder`, by absolute path."""
    times: dict[str, int] = {}
    stack = [os.path.abspath(folder)]  # so every entry's path is absolute as it is
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            else:
                try:
                    times[entry.path] = entry.stat(follow_symlinks=False).st_ctime_ns
                except OSError:
                    pass
    return times


def _holds_content(output: str, content: str) -> bool:
    output, content = os.path.realpath(output), os.path.realpath(content)
    return os.path.commonpath([output, content]) == output


def _start(pelican) -> None:
    global _build
    new_build()
    output = os.path.abspath(pelican.output_path)
    if _holds_content(output, pelican.path):
        _build = None  # as Pelican, never remove anything from a folder holding content/
        return
    _build = _Build(output, tuple(pelican.settings.get("OUTPUT_RETENTION") or ()),
                    _status_times(output), pages=PageCache(pelican.settings))


def _keep_context(generators) -> None:
    if _build is not None and generators:
        _build.context = generators[0].context
        if _build.pages is not None:
            _build.pages.shared = _build.context


def _get_writer(pelican):
    return ScholarWriter


def stale_files(build: _Build) -> list[str]:
    """Files under output/ this build neither recorded nor wrote, outside OUTPUT_RETENTION."""
    stale = []
    inside = len(build.output_path) + len(os.sep)  # _status_times gives paths under it
    for path, changed in _status_times(build.output_path).items():
        first = path[inside:].split(os.sep, 1)[0]
        if first in build.retention or path in build.produced:
            continue
        if build.before.get(path) == changed:
            stale.append(path)
    return sorted(stale)


def _remove_empty_folders(build: _Build, removed: list[str]) -> None:
    """Remove the folders that removing these files left empty (never output/ itself)."""
    for path in removed:
        folder = os.path.dirname(path)
        while folder != build.output_path and folder.startswith(build.output_path + os.sep):
            try:
                os.rmdir(folder)
            except OSError:
                break  # not empty
            folder = os.path.dirname(folder)


def finish(pelican) -> None:
    """Remove what earlier builds wrote and this one did not."""
    global _build
    build, _build = _build, None
    if build is None:
        return
    if build.pages is not None:
        build.pages.save()
    for static in (build.context or {}).get("staticfiles") or ():
        if getattr(static, "save_as", None):
            build.produced.add(os.path.abspath(os.path.join(build.output_path, static.save_as)))
    removed = []
    for path in stale_files(build):
        try:
            os.remove(path)
        except OSError as error:
            logger.warning("%s: left from an earlier build, but it cannot be removed (%s). "
                           "Delete it by hand.", path, error.strerror)
        else:
            removed.append(path)
            logger.debug("Removed %s: this build no longer makes it", path)
    _remove_empty_folders(build, removed)


def register() -> None:
    signals.get_generators.connect(_start)
    signals.all_generators_finalized.connect(_keep_context)
    signals.get_writer.connect(_get_writer)
    signals.finalized.connect(finish)
