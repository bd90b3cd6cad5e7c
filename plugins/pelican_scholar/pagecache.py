"""Rendering a page again only when what it is drawn from changed.

A page's fingerprint is a hash of everything its rendering can read:

- the build's key: every setting, this plugin's code, Pelican's and Jinja's
  versions (`settings.content_cache_key`);
- the source of its template and of every template that one extends,
  includes or imports (your overrides included);
- the value of each variable those templates name, as the page's context
  holds it (the paper's record, the menu, SITEURL …), pickled.

Pelican's own objects (posts, pages, tags, paginators) link to the whole
site and are not pickled as they are: each stands for a digest of what a
template can read of it, its attributes and the values of its properties
(the body with its links resolved, the summary, the URL …), without the
settings (already in the key) and the site's context. The posts it links
to (previous and next, related posts, translations) are digested in the same
way, and the posts those link to by their source path only: the theme shows a
neighbour's title, date and address, never a neighbour's neighbour. So a
post page is drawn again when the post, its neighbours or its related posts
changed, and a list page when a post it shows (or its paginator) changed.
A template whose includes are computed at build time, or whose variables
hold something that cannot be fingerprinted (a static file, whose address
Pelican notes when read), is always rendered. Feeds are always written.

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
from pelican.contents import Content, Static
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

logger = logging.getLogger(__name__)

CACHE_FILE = "scholar-pages.json"
# Read by template helpers (href) and Pelican's writer without being named in a template.
ALWAYS_READ = ("SITEURL", "localsiteurl", "output_file")
_MISSING = b"\0missing"


class _NotPlainData(Exception):
    pass


# Pelican's objects that hold the settings and the site: fingerprinted by what a template reads of them.
_SITE_OBJECTS = (Content, URLWrapper, Paginator, Page)
_LEFT_OUT = frozenset({"settings", "_context"})
# Derived from attributes already digested (the metadata, the source path): reading them costs time.
_DERIVED = frozenset({"url_format", "relative_dir"})
_property_names: dict[type, tuple[str, ...]] = {}


def _properties(cls: type) -> tuple[str, ...]:
    names = _property_names.get(cls)
    if names is None:
        found = set()
        for klass in cls.__mro__:
            for name, value in vars(klass).items():
                # Pelican's deprecated aliases (filename, src …) log a warning when read.
                if (isinstance(value, property) and name not in _DERIVED
                        and "deprecated_attribute" not in getattr(value.fget, "__qualname__", "")):
                    found.add(name)
        names = _property_names[cls] = tuple(sorted(found))
    return names


def _state(obj) -> tuple:
    """What a template can read of one of Pelican's objects: its attributes, and its
    properties' values (the body with its links resolved, the URL …)."""
    cls = type(obj)
    properties = []
    for name in _properties(cls):
        try:
            properties.append((name, getattr(obj, name)))
        except NotImplementedError:
            properties.append((name, None))
        except Exception as error:  # noqa: BLE001 (the page is rendered, and shows the error itself)
            raise _NotPlainData(f"{cls.__name__}.{name}") from error
    attributes = sorted(((name, value) for name, value in vars(obj).items() if name not in _LEFT_OUT),
                        key=lambda item: item[0])
    return (cls.__module__, cls.__qualname__, attributes, properties)


class _Digests:
    """Digests of Pelican's objects in one build.

    A post's own digest covers its state with the posts it links to named by
    source path; its digest as a page shows it adds those posts' own digests.
    """

    def __init__(self) -> None:
        self._own: dict[tuple, tuple[bytes, list]] = {}
        self._shown: dict[tuple, str] = {}
        self._kept: list = []  # the objects digested, so that their ids are not reused in this build

    def own(self, obj, siteurl) -> tuple[bytes, list]:
        """The digest of `obj` with the posts it links to by name, and those posts."""
        key = (id(obj), siteurl)
        known = self._own.get(key)
        if known is None:
            linked: list = []
            known = (hashlib.sha1(_pickled(_state(obj), self, siteurl, linked)).digest(), linked)
            self._own[key] = known
            self._kept.append(obj)
        return known

    def shown(self, obj, siteurl) -> str:
        """The digest of `obj` as a page shows it: its own, and those of the posts it links to."""
        key = (id(obj), siteurl)
        known = self._shown.get(key)
        if known is None:
            digest, linked = self.own(obj, siteurl)
            whole = hashlib.sha1(digest)
            for post in linked:
                whole.update(self.own(post, siteurl)[0])
            known = self._shown[key] = whole.hexdigest()
        return known


class _Pickler(pickle.Pickler):
    def __init__(self, file, digests: _Digests | None, siteurl, linked: list | None) -> None:
        super().__init__(file, protocol=5)
        # No memo: equal values give equal bytes, whether or not they are one object in this build.
        self.fast = True
        self.digests, self.siteurl, self.linked = digests, siteurl, linked

    def reducer_override(self, obj):
        # A static file notes when its address is read; Jinja and module objects
        # are machinery, not data.
        if isinstance(obj, (Static, jinja2.Environment, jinja2.Template, types.ModuleType)):
            raise _NotPlainData(type(obj).__name__)
        if isinstance(obj, _SITE_OBJECTS):
            if self.digests is None:
                raise _NotPlainData(type(obj).__name__)
            if self.linked is not None and isinstance(obj, Content):
                # Inside a post's own digest: a post it links to, by name (its
                # own digest is added where the page shows this post).
                self.linked.append(obj)
                return str, (f"{type(obj).__qualname__}:{obj.source_path}",)
            if self.linked is not None:  # a tag, in a post: the posts it links to count as the post's
                digest, linked = self.digests.own(obj, self.siteurl)
                self.linked.extend(linked)
                return str, (digest.hex(),)
            return str, (self.digests.shown(obj, self.siteurl),)
        return NotImplemented


def _pickled(value, digests: _Digests | None = None, siteurl=None, linked: list | None = None) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, digests, siteurl, linked).dump(value)
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
        self._digests = _Digests()

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
        siteurl = context.get("localsiteurl")  # posts' bodies link relative to it
        # A variable that could not be fingerprinted last time likely cannot again: try it first.
        failed = self._failed.get(template.name)
        if failed in context and failed not in template.environment.globals:
            try:
                _pickled(context[failed], self._digests, siteurl)
            except (_NotPlainData, pickle.PicklingError, TypeError, AttributeError, RecursionError):
                return None
        try:
            for name in names:
                if name in context:
                    value = _pickled(context[name], self._digests, siteurl)
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
