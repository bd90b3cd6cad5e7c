"""typogrify, remembered: the same text is typogrified once, not on every build.

Pelican keeps each post's HTML in its content cache, but runs typogrify on
it again after every read from the cache: a seventh of a rebuild of 500
posts. `typogrify.filters.typogrify` is replaced by a wrapper that returns
the result it gave before for the same text and options (the dash style
Pelican sets in `smartypants.Attr.default` included), so output is what
typogrify itself gives. The results of the last two builds are kept: in the
process for `regenerate` and livereload, and in CACHE_PATH for the next
`./dev build` (unless CACHE_CONTENT is off).
"""

from __future__ import annotations

import logging
import os
import pickle

import smartypants
import typogrify.filters
from pelican import signals

logger = logging.getLogger(__name__)

CACHE_FILE = "scholar-typogrify.pickle"
_original = typogrify.filters.typogrify
_current: dict[tuple, str] = {}
_previous: dict[tuple, str] = {}
_cache_file: str | None = None
_loaded_from: str | None = None


def remembered_typogrify(text, ignore_tags=None, **kwargs):
    key = (str(text), tuple(ignore_tags or ()), tuple(sorted(kwargs.items())), int(smartypants.Attr.default),
           type(text).__name__)
    result = _current.get(key)
    if result is None:
        result = _previous.get(key)
        if result is None:
            result = _original(text, ignore_tags, **kwargs)
        _current[key] = result
    return result


def results_of_this_build() -> dict[tuple, str]:
    return dict(_current)


def remember(results: dict[tuple, str]) -> None:
    """Results made in another process for this build (frontmatter/second_core.py)."""
    _current.update(results)


def _start(pelican) -> None:
    """A new build: what the last one used is kept, older results dropped."""
    global _current, _previous, _cache_file, _loaded_from
    settings = pelican.settings
    folder = settings.get("CACHE_PATH") if settings.get("CACHE_CONTENT") else None
    _cache_file = os.path.join(folder, CACHE_FILE) if folder else None
    if _current:
        _previous, _current = _current, {}
    elif _cache_file and settings.get("LOAD_CONTENT_CACHE") and _loaded_from != _cache_file:
        try:
            with open(_cache_file, "rb") as handle:
                _previous = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
            _previous = {}
    _loaded_from = _cache_file


def _save(pelican) -> None:
    if not _cache_file or _current == _previous:
        return
    try:
        os.makedirs(os.path.dirname(_cache_file), exist_ok=True)
        with open(_cache_file + ".tmp", "wb") as handle:
            pickle.dump(_current, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(_cache_file + ".tmp", _cache_file)
    except OSError as error:
        logger.debug("%s: typogrify's results cannot be saved (%s).", _cache_file, error)


def register() -> None:
    typogrify.filters.typogrify = remembered_typogrify
    signals.get_generators.connect(_start)
    signals.finalized.connect(_save)
