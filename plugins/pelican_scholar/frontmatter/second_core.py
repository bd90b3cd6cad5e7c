"""Reading posts and pages on a second core, when a build has many to read.

Pelican reads documents one after another, and reading (Markdown, formulas,
typogrify) is most of a first build. When a build has many Markdown files
that Pelican's content cache does not hold (the first build, or one after a
change to the settings, the plugin or a template read with content), a
forked copy of this process reads every page and the later half of the
posts, in the order Pelican will ask for them, while this process reads the
first half. When Pelican asks the front matter reader for a file the copy
read, and the file is unchanged since, the reader answers with the copy's
result. The copy also sends the typogrify results and the converted formulas
it made, which Pelican asks for next and the caches keep.

The output is that of a build on one core: the copy runs the same reader on
the same files with the same settings. What the reader logs in the copy is
not printed there: it is kept in the document's metadata (reading_warnings)
and logged here when Pelican takes the document, in Pelican's order, so
messages and strict mode are unchanged. Anything the copy fails at (an
exception, a file changed meanwhile) is read here as usual.

Only on Linux, with two cores or more, and only from a process not running
V8 (forking it is unsafe: the copy converts formulas): in practice the first
build of a process (`./dev build`, the first build of `./dev livereload`).
PARALLEL_BUILD = False turns it off. The fork itself is forked.py's.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

from pelican.utils import file_suffix

from .. import forked

# Fewer files to read than this, and forking costs more than the copy saves.
MINIMUM_FILES = 40


@dataclass
class _Copy:
    forked: forked.Forked
    stamps: dict[str, tuple[int, int] | None]  # the files it reads, as they were when it started
    results: dict[str, tuple] | None = None


_copy: _Copy | None = None
_read_in_copy: dict[str, tuple] | None = None  # in the copy: what the reader answered


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def _can_fork() -> bool:
    from ..math import engine

    if not forked.can_fork() or engine.started():
        return False
    try:
        # Python's own threads (rich's progress spinner) hold no lock the copy
        # needs; a thread of a library (V8's) might.
        return len(os.listdir("/proc/self/task")) == threading.active_count()
    except OSError:
        return False


def _files_to_read(generator, paths, excludes, reader_class) -> list[tuple[str, str]]:
    """(path relative to content, absolute path) of the files Pelican will give our
    reader, in the order it will, without those its content cache holds."""
    readers = generator.readers
    found = []
    for relative in generator.get_files(paths, exclude=excludes):
        path = os.path.abspath(os.path.join(generator.path, relative))
        if (isinstance(readers.readers.get(file_suffix(path)), reader_class)
                and readers.get_cached_data(path, None) is None):
            found.append((relative, path))
    return found


def start(generator) -> None:
    """At the start of a build (the posts' generator is made first): fork the copy, if worth it."""
    from .frontmatter import ScholarFrontMatterReader

    global _copy
    finish()
    settings = generator.settings
    if not settings.get("PARALLEL_BUILD") or not _can_fork():
        return
    posts = _files_to_read(generator, settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"],
                           ScholarFrontMatterReader)
    pages = _files_to_read(generator, settings["PAGE_PATHS"], settings["PAGE_EXCLUDES"],
                           ScholarFrontMatterReader)
    if len(posts) + len(pages) < MINIMUM_FILES:
        return
    theirs = posts[len(posts) // 2:] + pages
    stamps = {path: _stamp(path) for _, path in theirs}
    copy = forked.start(lambda: _read(generator, theirs))
    if copy is not None:
        _copy = _Copy(copy, stamps)


class _Discarded:
    """What Pelican makes of a document in the copy: nothing (this process makes the real one)."""

    def __init__(self, *args, **kwargs) -> None:
        pass


def _read(generator, files) -> tuple:
    """In the copy: read the files as Pelican does; what the reader answered for each,
    and the typogrify results and converted formulas the reading made."""
    from .. import typography
    from ..math import engine

    global _read_in_copy
    _read_in_copy = {}
    for relative, _path in files:
        try:
            generator.readers.read_file(base_path=generator.path, path=relative,
                                        content_class=_Discarded, context=generator.context)
        except Exception:  # noqa: BLE001 (this process reads it again and reports it)
            _read_in_copy.pop(os.path.abspath(os.path.join(generator.path, relative)), None)
    return _read_in_copy, typography.results_of_this_build(), engine.results_of_this_build()


def keep(source_path: str, content, metadata: dict) -> None:
    """The reader's answer for a file, noted when this is the copy."""
    if _read_in_copy is not None:
        _read_in_copy[os.path.abspath(source_path)] = (content, dict(metadata))


def take(source_path: str) -> tuple | None:
    """The copy's answer for this file, if it read it and the file is unchanged since."""
    copy = _copy
    if copy is None:
        return None
    path = os.path.abspath(source_path)
    if path not in copy.stamps:
        return None
    stamp = copy.stamps.pop(path)
    if not copy.forked.done:
        _take_answer(copy)
    answer = (copy.results or {}).pop(path, None)
    if answer is None or _stamp(path) != stamp:
        return None
    return answer


def _take_answer(copy: _Copy) -> None:
    from .. import typography
    from ..math import engine

    answer = forked.answer(copy.forked)
    if answer is None:
        return  # its files are read here
    results, typogrified, formulas = answer
    typography.remember(typogrified)
    engine.remember(formulas)
    copy.results = results


def finish(*_) -> None:
    """At the end of a build (or the start of the next): the copy's answers are dropped."""
    global _copy
    copy, _copy = _copy, None
    if copy is not None:
        forked.end(copy.forked)
