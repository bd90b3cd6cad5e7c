"""Pelican's content cache, on for every build and never stale.

Pelican keeps each parsed Markdown file in CACHE_PATH and reads it again only
when the file changes (CACHE_CONTENT, LOAD_CONTENT_CACHE: on by default here).
Pelican checks only the file's own time stamp, not what turned it into HTML,
so after an upgrade of this plugin or of Markdown, or a changed setting
(TYPOGRIFY, MATH, MARKDOWN …), a cached page would keep its old HTML. A
fingerprint of those is kept beside the cache; when it differs, the cached
documents are dropped before anything reads them.
"""

from __future__ import annotations

import hashlib
import logging
import os
from importlib import metadata
from pathlib import Path

logger = logging.getLogger(__name__)

STAMP = "pelican_scholar-content-cache.sha256"
# Settings that only decide where files go or how the build runs, not what a
# document's HTML is: changing them keeps the cache.
_NOT_CONTENT = {"OUTPUT_PATH", "DELETE_OUTPUT_DIRECTORY", "OUTPUT_RETENTION", "STRICT",
                "CACHE_CONTENT", "LOAD_CONTENT_CACHE", "CACHE_PATH", "JINJA_ENVIRONMENT"}


def _stable(value) -> object:
    """A value as plain data whose repr is the same in every process."""
    if isinstance(value, dict):
        return {str(key): _stable(item) for key, item in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_stable(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    # Objects (Markdown extensions, caches) by their class and plain attributes.
    fields = {key: _stable(item) for key, item in sorted(vars(value).items())
              if isinstance(item, (str, int, float, bool, list, tuple, dict))} if hasattr(value, "__dict__") else {}
    return [type(value).__module__ + "." + type(value).__qualname__, fields]


def fingerprint(settings: dict) -> str:
    digest = hashlib.sha256()
    for name in ("pelican", "markdown", "typogrify", "pygments", "pybtex"):
        try:
            digest.update(f"{name}={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            pass
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    for key in sorted(settings):
        if key.isupper() and key not in _NOT_CONTENT:
            digest.update(f"{key}={_stable(settings[key])!r}\n".encode())
    return digest.hexdigest()


def drop_stale_cache(settings: dict) -> None:
    """Remove Pelican's cached documents when they were made by other code or settings."""
    if not settings.get("CACHE_CONTENT"):
        return
    cache = settings["CACHE_PATH"]
    stamp_path = os.path.join(cache, STAMP)
    current = fingerprint(settings)
    try:
        with open(stamp_path, encoding="utf-8") as handle:
            stored = handle.read().strip()
    except OSError:
        stored = ""
    if stored == current:
        return
    if stored:
        logger.info("content cache: the plugin, a setting or a library changed; reading every file again")
    if os.path.isdir(cache):
        for name in os.listdir(cache):
            # Pelican names its cache files after the generator or reader.
            if name.endswith(("-Readers", "Generator")) or "Generator-" in name:
                os.remove(os.path.join(cache, name))
    os.makedirs(cache, exist_ok=True)
    with open(stamp_path, "w", encoding="utf-8") as handle:
        handle.write(current + "\n")
