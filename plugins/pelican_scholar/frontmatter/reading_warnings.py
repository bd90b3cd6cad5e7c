"""The warnings of reading a file, kept with it in Pelican's content cache.

With the content cache on, a file that has not changed is not read again, so
the Markdown extensions that name problems in it (Liquid, math, figures
without alt text) do not run either: their warnings would show on the first
build only, and a strict build after it would pass. The reader keeps what it
logged in the file's metadata, which the cache stores with the body, and a
document taken from the cache logs it again.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator

KEY = "reading_warnings"

_read_this_build: set[str] = set()


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.found: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.found.append((record.name, record.levelno, record.getMessage()))


@contextlib.contextmanager
def collecting(source_path: str) -> Iterator[list[tuple[str, int, str]]]:
    """What is logged at WARNING or above while `source_path` is read: (logger, level, message)."""
    collector = _Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        yield collector.found
    finally:
        root.removeHandler(collector)
        _read_this_build.add(os.path.abspath(source_path))


def forget_reads(*_) -> None:
    """A new build: every document is either read again or taken from the cache."""
    _read_this_build.clear()


def log_again_if_cached(document) -> None:
    """A document from the cache logs the warnings its reading logged."""
    warnings = (getattr(document, "metadata", None) or {}).get(KEY)
    source = getattr(document, "source_path", None)
    if not warnings or not source or os.path.abspath(source) in _read_this_build:
        return
    for name, level, message in warnings:
        logging.getLogger(name).log(level, "%s", message)
