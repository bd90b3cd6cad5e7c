"""Rendering a page again only when what it is drawn from changed.

A page's fingerprint is a hash of everything its rendering can read:

- the build's key: every setting, this plugin's code, Pelican's and Jinja's
  versions (`settings.content_cache_key`);
- the source of its template and of every template that one extends,
  includes or imports (your overrides included);
- the value of each variable those templates name, as the page's context
  holds it (the paper's record, the menu, SITEURL …), pickled.

When a page's fingerprint is the one recorded by the previous build and the
file in output/ still holds the bytes written then, the file's text is used
instead of rendering the template again. A template whose variables hold
something that cannot be fingerprinted as plain data (a post or page object,
which links to the whole site), or whose includes are computed at build time,
is always rendered: posts, lists and feeds are drawn afresh every build;
paper pages, the publications page and other pages drawn from plain records
are skipped while their inputs stay the same.

The fingerprints (and which variables each template names) are kept in
CACHE_PATH/scholar-pages.json. `pelican --ignore-cache` (LOAD_CONTENT_CACHE =
False) renders every page; CACHE_CONTENT = False keeps no fingerprints.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import pickle
import types

import jinja2
from jinja2 import meta
from pelican.contents import Content

logger = logging.getLogger(__name__)

CACHE_FILE = "scholar-pages.json"
# Read by template helpers (href) and Pelican's writer without being named in a template.
ALWAYS_READ = ("SITEURL", "localsiteurl", "output_file")
_MISSING = b"\0missing"


class _NotPlainData(Exception):
    pass


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj):
        # Content objects hold the whole site (their _context); Jinja and module
        # objects are machinery, not data.
        if isinstance(obj, (Content, jinja2.Environment, jinja2.Template, types.ModuleType)):
            raise _NotPlainData(type(obj).__name__)
        return NotImplemented


def _pickled(value) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=5).dump(value)
    return buffer.getvalue()


# Parsing a template to find the variables it names takes longer than drawing
# a page: each analysis is kept for the process, and used while the sources of
# the templates it covers are unchanged.
_analyses: dict[str, tuple[tuple[str, ...], bytes, tuple[str, ...]]] = {}


def _sources_digest(env, names) -> bytes:
    digest = hashlib.sha1()
    for name in names:
        digest.update(name.encode() + b"\0" + env.loader.get_source(env, name)[0].encode() + b"\0")
    return digest.digest()


def _analyse(env, name: str) -> tuple[tuple[str, ...], bytes] | None:
    kept = _analyses.get(name)
    if kept is not None:
        try:
            if _sources_digest(env, kept[0]) == kept[1]:
                return kept[2], kept[1]
        except jinja2.TemplateError:
            pass  # a template it drew in is gone: analysed afresh below
    try:
        found: set[str] = set()
        family, todo = [], [name]
        while todo:
            current = todo.pop()
            if current in family:
                continue
            family.append(current)
            tree = env.parse(env.loader.get_source(env, current)[0])
            found |= meta.find_undeclared_variables(tree)
            for referenced in meta.find_referenced_templates(tree):
                if referenced is None:
                    return None  # an include computed at build time
                todo.append(referenced)
        family = sorted(family)
        names = tuple(sorted(found | set(ALWAYS_READ)))
        digest = _sources_digest(env, family)
    except jinja2.TemplateError:
        return None
    _analyses[name] = (tuple(family), digest, names)
    return names, digest


class PageCache:
    """The fingerprints of the previous build, and those of this one."""

    def __init__(self, settings: dict) -> None:
        from . import settings as scholar_settings

        self.folder = settings.get("CACHE_PATH") or ""
        self.saving = bool(settings.get("CACHE_CONTENT")) and bool(self.folder)
        self.key = (scholar_settings.content_cache_key(settings) + jinja2.__version__).encode()
        self.previous: dict[str, list[str]] = {}
        self._loaded: dict = {}
        if settings.get("LOAD_CONTENT_CACHE") and self.folder:
            try:
                with open(os.path.join(self.folder, CACHE_FILE), encoding="utf-8") as handle:
                    self._loaded = json.load(handle)
                self.previous = dict(self._loaded["pages"])
                # Template analyses of an earlier process: each is used only while
                # the sources it covers are unchanged (checked when it is used).
                for name, (family, digest, names) in self._loaded["templates"].items():
                    _analyses.setdefault(name, (tuple(family), bytes.fromhex(digest), tuple(names)))
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self.previous, self._loaded = {}, {}
        self.current: dict[str, list[str]] = {}
        self.pending: dict[str, str] = {}  # path -> fingerprint, until its bytes are written
        self._templates: dict[str, tuple[tuple[str, ...], bytes] | None] = {}
        self._failed: dict[str, str] = {}  # template -> the variable that could not be pickled

    def _template_inputs(self, template) -> tuple[tuple[str, ...], bytes] | None:
        """The variables a template (with everything it draws in) names, and a hash of
        their sources; None when its includes are only known at build time."""
        name = template.name
        if name not in self._templates:
            self._templates[name] = _analyse(template.environment, name)
        return self._templates[name]

    def fingerprint(self, template, context: dict) -> str | None:
        inputs = self._template_inputs(template) if getattr(template, "name", None) else None
        if inputs is None:
            return None
        names, sources = inputs
        digest = hashlib.sha1(self.key + b"\0" + sources)
        # A variable that held a post last time likely does again: try it first.
        failed = self._failed.get(template.name)
        if failed in context and failed not in template.environment.globals:
            try:
                _pickled(context[failed])
            except (_NotPlainData, pickle.PicklingError, TypeError, AttributeError, RecursionError):
                return None
        try:
            for name in names:
                if name in context:
                    value = _pickled(context[name])
                elif name in template.environment.globals:
                    continue  # a helper: its code is in the key
                else:
                    value = _MISSING
                digest.update(name.encode() + b"=" + hashlib.sha1(value).digest())
        except (_NotPlainData, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            self._failed[template.name] = name
            return None
        return digest.hexdigest()

    def text_if_unchanged(self, path: str, fingerprint: str) -> str | None:
        """The page as the previous build wrote it, when its fingerprint is the same
        and the file still holds those bytes."""
        recorded = self.previous.get(path)
        if not recorded or recorded[0] != fingerprint:
            return None
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        if hashlib.sha1(data).hexdigest() != recorded[1]:
            return None
        return data.decode("utf-8")

    def written(self, path: str, data: bytes) -> None:
        fingerprint = self.pending.pop(path, None)
        if fingerprint is not None:
            self.current[path] = [fingerprint, hashlib.sha1(data).hexdigest()]

    def save(self) -> None:
        data = {"pages": self.current,
                "templates": {name: [list(family), digest.hex(), list(names)]
                              for name, (family, digest, names) in sorted(_analyses.items())}}
        if not self.saving or data == self._loaded:
            return
        try:
            os.makedirs(self.folder, exist_ok=True)
            temporary = os.path.join(self.folder, CACHE_FILE + ".tmp")
            with open(temporary, "w", encoding="utf-8") as handle:
                json.dump(data, handle, sort_keys=True)
            os.replace(temporary, os.path.join(self.folder, CACHE_FILE))
        except OSError as error:
            logger.debug("%s: the page fingerprints cannot be saved (%s).", self.folder, error)


class CachedTemplate:
    """A template whose render() uses the previous build's page when nothing it reads changed."""

    def __init__(self, template, cache: PageCache, output_path: str) -> None:
        self.template, self.cache, self.output_path = template, cache, output_path
        self.name = template.name

    def render(self, context: dict) -> str:
        from pelican.utils import sanitised_join

        path = sanitised_join(self.output_path, context["output_file"])
        fingerprint = self.cache.fingerprint(self.template, context)
        if fingerprint is None:
            return self.template.render(context)
        self.cache.pending[path] = fingerprint
        text = self.cache.text_if_unchanged(path, fingerprint)
        return text if text is not None else self.template.render(context)
