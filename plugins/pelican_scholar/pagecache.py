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
Each value is digested once per build, however many pages show it: nothing
changes the context's values while pages are written. A part that builds
records from a cache may declare each record's digest (`declare_digest`),
made once when the record was built: the record is then not pickled again
on every build (the publications part does so for its 1,000 records).

A list page (the blog index, a tag's or a category's pages) is drawn from a
page of Pelican's paginator: when the templates read the posts only as that
page's `object_list`, and never reach the paginator's other pages, the page
and the paginator count by their numbers (page number, number of pages and
posts), the page with the posts it shows. The whole list the templates name
beside it (`dates` in `x if articles_page else dates`) is left out when the
branch naming it cannot be taken: a paginated page is always true. So a post
edit draws again the list pages showing it or a post linking to it, not
every page of every list it is in.

A template whose includes are computed at build time, or whose variables
hold something that cannot be fingerprinted (a static file, whose address
Pelican notes when read), is always rendered. Feeds are always written.

Most variables hold the site's shared values (the settings, the menu, the
publications): those are digested together once per template and build;
only a page's own values (its post, its paper, its address) are digested
for each page.

The fingerprints (with each page's digest, size and modification time, and
what page observers noted of it; see output.py) and which variables each
template names are kept in CACHE_PATH/scholar-pages.json. `pelican --ignore-cache` (LOAD_CONTENT_CACHE =
False) renders every page; CACHE_CONTENT = False keeps no fingerprints.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import logging
import os
import pickle
import types
import zoneinfo
from dataclasses import dataclass

import jinja2
from jinja2 import meta, nodes
from markupsafe import Markup
from pelican.contents import Content, Static
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper
from pelican.utils import SafeDatetime

logger = logging.getLogger(__name__)

CACHE_FILE = "scholar-pages.json"
# Read by template helpers (href) and Pelican's writer without being named in a template.
ALWAYS_READ = ("SITEURL", "localsiteurl", "output_file")
_MISSING_DIGEST = hashlib.sha1(b"\0missing").digest()
_ABSENT = object()
_AS_IN_METADATA = "\0as in metadata"
# Variables that differ from page to page even when they hold the same value as the site's.
_PER_PAGE = frozenset({"localsiteurl", "output_file"})
_ATOMS = (str, bytes, int, float, bool, type(None))


class _Unfingerprintable(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class _NotPlainData(Exception):
    pass


# Pelican's objects that hold the settings and the site: fingerprinted by what a template reads of them.
_SITE_OBJECTS = (Content, URLWrapper, Paginator, Page)
# Values (beyond those pickle never shows reducer_override) that are data as they are.
# Classes and functions are pickled by name (the str standing for a digest, a date's class).
_PLAIN_VALUES = frozenset({Markup, SafeDatetime, datetime.datetime, datetime.date, datetime.timezone,
                           zoneinfo.ZoneInfo, type(None), bool, int, float, str, bytes, tuple, list, dict,
                           type, types.BuiltinFunctionType, types.FunctionType})
# (_output_location_referenced says whether a page's url was read yet, not what the page is.)
_LEFT_OUT = frozenset({"settings", "_context", "_output_location_referenced"})
# Derived from attributes already digested (the metadata, the source path): reading them costs time.
_DERIVED = frozenset({"url_format", "relative_dir"})
_property_names: dict[type, tuple[str, ...]] = {}

# Digests declared by the parts for records they built (id -> (record, digest)), for one build.
_declared: dict[int, tuple[object, bytes]] = {}


def record_digest(record) -> bytes:
    """The digest of a plain record (no Pelican objects in it), as `declare_digest` takes."""
    return hashlib.sha1(_pickled(record)).digest()


def declare_digest(record, digest: bytes) -> None:
    """Let `record` stand for `digest` in this build's fingerprints, instead of being
    pickled. `digest` must change whenever anything a template can read of it does."""
    _declared[id(record)] = (record, digest)


def new_build() -> None:
    _declared.clear()


# Pelican's properties that follow from what is digested anyway, with the methods they
# call: a class that replaces any of these is digested by the value it gives.
_URL_METHODS = ("get_url_setting", "_expand_settings", "url_format", "get_relative_source_path")
_PURE = {"url": _URL_METHODS, "save_as": _URL_METHODS, "summary": ("get_summary",)}


def _is_pure(cls: type, name: str) -> bool:
    """Pelican's own `url`, `save_as` and `summary` of a document: its metadata formatted
    by the settings (in the key), and the start of its body (the `content` digested), so
    what is digested already decides them. (The summary costs an HTML parse to make.)"""
    if name not in _PURE or not issubclass(cls, Content) or issubclass(cls, Static):
        return False
    return all(next(klass for klass in cls.__mro__ if method in vars(klass)).__module__ == "pelican.contents"
               for method in (name, *_PURE[name]))


def _properties(cls: type) -> tuple[str, ...]:
    names = _property_names.get(cls)
    if names is None:
        found = set()
        for klass in cls.__mro__:
            for name, value in vars(klass).items():
                # Pelican's deprecated aliases (filename, src …) log a warning when read.
                if (isinstance(value, property) and name not in _DERIVED and not _is_pure(cls, name)
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
    fields = vars(obj)
    # Pelican makes each metadata field an attribute too: one that is still the
    # very value in `metadata` (the title, the tags, the date …) is digested there only.
    metadata = fields.get("metadata")
    metadata = metadata if type(metadata) is dict else {}
    attributes = [(name, _AS_IN_METADATA if metadata.get(name, _ABSENT) is fields[name] else fields[name])
                  for name in sorted(fields) if name not in _LEFT_OUT]
    return (cls.__module__, cls.__qualname__, attributes, properties)


def _plain_key(obj) -> tuple | None:
    """A tag, category or author whose attributes are all plain values (its name, its
    slug): its properties follow from them and the settings, so equal ones are one."""
    if not isinstance(obj, URLWrapper):
        return None
    fields = vars(obj)
    items = tuple((name, fields[name]) for name in sorted(fields) if name not in _LEFT_OUT)
    if all(type(value) in _ATOMS for _, value in items):
        return (type(obj), items)
    return None


class _Digests:
    """Digests of Pelican's objects in one build.

    A post's own digest covers its state with the posts it links to named by
    source path; its digest as a page shows it adds those posts' own digests.
    """

    def __init__(self) -> None:
        self._own: dict[tuple, tuple[bytes, list]] = {}
        self._shown: dict[tuple, str] = {}
        self._values: dict[tuple, bytes] = {}
        self._strings: dict[str, bytes] = {}  # the settings' texts, named by every page
        self._plain: dict[tuple, tuple[bytes, list]] = {}  # tags, categories, authors by their values
        self._kept: list = []  # the objects digested, so that their ids are not reused in this build

    def own(self, obj, siteurl) -> tuple[bytes, list]:
        """The digest of `obj` with the posts it links to by name, and those posts."""
        key = (id(obj), siteurl)
        known = self._own.get(key)
        if known is None:
            # Pelican gives every post its own copies of its tags, category and author.
            plain = _plain_key(obj)
            known = self._plain.get(plain) if plain is not None else None
            if known is None:
                linked: list = []
                known = (hashlib.sha1(_pickled(_state(obj), self, siteurl, linked)).digest(), linked)
                if plain is not None:
                    self._plain[plain] = known
            self._own[key] = known
            self._kept.append(obj)
        return known

    def value(self, value, siteurl) -> bytes:
        """The digest of a context variable's value. A list, a record or a post that
        several pages show (the menu, the publications, a tag's posts) is digested
        once per build: nothing changes the context's values while pages are written."""
        if type(value) is str:
            known = self._strings.get(value)
            if known is None:
                known = self._strings[value] = hashlib.sha1(b"str\0" + value.encode("utf-8", "surrogatepass")).digest()
            return known
        if isinstance(value, _ATOMS):
            return hashlib.sha1(_pickled(value)).digest()
        declared = _declared.get(id(value))
        if declared is not None and declared[0] is value:
            return declared[1]
        key = (id(value), siteurl)
        known = self._values.get(key)
        if known is None:
            known = self._values[key] = hashlib.sha1(_pickled(value, self, siteurl)).digest()
            self._kept.append(value)
        return known

    def page(self, page, siteurl, with_posts: bool) -> bytes:
        """The digest of a paginated page or a paginator by their numbers (and the page's
        address), with the posts of the page only when `with_posts`."""
        key = (id(page), siteurl, with_posts, "page")
        known = self._values.get(key)
        if known is None:
            paginator = page if isinstance(page, Paginator) else page.paginator
            state = [type(page).__qualname__, paginator.name, paginator.url, paginator.per_page,
                     paginator.orphans, paginator.count, paginator.num_pages]
            if isinstance(page, Page):
                state += [page.full_name, page.base_url, page.number]
            digest = hashlib.sha1(_pickled(state))
            if with_posts:
                digest.update(self.value(page.object_list, siteurl))
            known = self._values[key] = digest.digest()
            self._kept.append(page)
        return known

    def shown(self, obj, siteurl) -> str:
        """The digest of `obj` as a page shows it: its own, and those of the posts it links to."""
        key = (id(obj), siteurl)
        known = self._shown.get(key)
        if known is None:
            digest, linked = self.own(obj, siteurl)
            whole = hashlib.sha1(digest)
            for post in {id(post): post for post in linked}.values():
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
        if type(obj) in _PLAIN_VALUES:
            return NotImplemented  # most of what a post holds: pickled as it is, fast
        # A static file notes when its address is read; Jinja and module objects
        # are machinery, not data.
        if isinstance(obj, (Static, jinja2.Environment, jinja2.Template, types.ModuleType)):
            raise _NotPlainData(type(obj).__name__)
        declared = _declared.get(id(obj))
        if declared is not None and declared[0] is obj:
            return str, ("declared:" + declared[1].hex(),)
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
@dataclass(frozen=True)
class _Analysis:
    family: tuple[str, ...]  # the template and every template it draws in
    digest: bytes  # of their sources
    names: tuple[str, ...]  # the variables they name
    # The variables named when every guard holds one of Pelican's paginated pages:
    # `x if articles_page else dates` and `{% if articles_page %}…{% else %}…` then
    # never reach their other branch (a page is always true).
    guards: tuple[str, ...]
    guarded_names: tuple[str, ...]
    # Whether the templates read a paginator's posts only as the `object_list` of
    # a page variable they never assign (`articles_page.object_list`), and never
    # reach another page of the list (`paginator`, `page(n)`): then a paginator
    # and its pages are fingerprinted by their numbers, each page with its own
    # posts only when its `object_list` is read.
    pages_by_number: bool
    object_lists: tuple[str, ...]  # the variables whose object_list is read

    def as_json(self) -> list:
        return [list(self.family), self.digest.hex(), list(self.names), list(self.guards),
                list(self.guarded_names), self.pages_by_number, list(self.object_lists)]

    @classmethod
    def from_json(cls, data: list) -> _Analysis:
        family, digest, names, guards, guarded, by_number, object_lists = data
        return cls(tuple(family), bytes.fromhex(digest), tuple(names), tuple(guards), tuple(guarded),
                   bool(by_number), tuple(object_lists))


_analyses: dict[str, _Analysis] = {}
# Attributes and keys that reach a list's other posts or pages.
_OTHER_PAGES = frozenset({"paginator", "page", "object_list"})


def _sources_digest(env, names) -> bytes:
    digest = hashlib.sha1()
    for name in names:
        digest.update(name.encode() + b"\0" + env.loader.get_source(env, name)[0].encode() + b"\0")
    return digest.digest()


def _is_guard(name: str) -> bool:
    return name.endswith("_page") and not name.endswith(("_previous_page", "_next_page"))


def _assigned(trees) -> set[str]:
    """Every name the templates assign (set, for, with, macro and call arguments, imports)."""
    names = {node.name for tree in trees for node in tree.find_all(nodes.Name) if node.ctx != "load"}
    for tree in trees:
        names |= {node.target for node in tree.find_all(nodes.Import)}
        names |= {alias if isinstance(alias, str) else alias[-1]
                  for node in tree.find_all(nodes.FromImport) for alias in node.names}
        names |= {node.name for node in tree.find_all(nodes.Macro)}
    return names


def _pages_read(trees, assigned: set[str]) -> tuple[bool, tuple[str, ...]]:
    """Whether a list's pages are read only by number, and the page variables whose posts are read."""
    object_lists = set()
    for tree in trees:
        for node in tree.find_all((nodes.Const, nodes.Getattr)):
            if isinstance(node, nodes.Const):
                if isinstance(node.value, str) and node.value in _OTHER_PAGES:
                    return False, ()  # read by key or by filter: attr("object_list"), map(attribute=…)
                continue
            if node.attr in ("paginator", "page"):
                return False, ()
            if node.attr == "object_list":
                if not isinstance(node.node, nodes.Name) or node.node.name in assigned:
                    return False, ()
                object_lists.add(node.node.name)
    return True, tuple(sorted(object_lists))


def _analyse(env, name: str) -> _Analysis | None:
    kept = _analyses.get(name)
    if kept is not None:
        try:
            if _sources_digest(env, kept.family) == kept.digest:
                return kept
        except jinja2.TemplateError:
            pass  # a template it drew in is gone: analysed afresh below
    try:
        family, trees, todo = [], [], [name]
        while todo:
            current = todo.pop()
            if current in family:
                continue
            family.append(current)
            tree = env.parse(env.loader.get_source(env, current)[0])
            trees.append(tree)
            for referenced in meta.find_referenced_templates(tree):
                if referenced is None:
                    return None  # an include computed at build time
                todo.append(referenced)
        found: set[str] = set()
        for tree in trees:
            found |= meta.find_undeclared_variables(tree)
        assigned = _assigned(trees)
        pages_by_number, object_lists = _pages_read(trees, assigned)
        guards: set[str] = set()
        for tree in trees:  # the other branches cut off (the trees are not used again)
            for node in tree.find_all((nodes.If, nodes.CondExpr)):
                test = node.test
                if isinstance(test, nodes.Name) and _is_guard(test.name) and test.name not in assigned:
                    guards.add(test.name)
                    if isinstance(node, nodes.If):
                        node.elif_, node.else_ = [], []
                    else:
                        node.expr2 = nodes.Const(None)
        guarded: set[str] = set()
        for tree in trees:
            guarded |= meta.find_undeclared_variables(tree)
        analysis = _Analysis(tuple(sorted(family)), _sources_digest(env, sorted(family)),
                             tuple(sorted(found | set(ALWAYS_READ))), tuple(sorted(guards)),
                             tuple(sorted(guarded | set(ALWAYS_READ))), pages_by_number, object_lists)
    except jinja2.TemplateError:
        return None
    _analyses[name] = analysis
    return analysis


class PageCache:
    """The fingerprints of the previous build, and those of this one."""

    def __init__(self, settings: dict) -> None:
        from . import settings as scholar_settings

        self.folder = settings.get("CACHE_PATH") or ""
        self.saving = bool(settings.get("CACHE_CONTENT")) and bool(self.folder)
        self.key = (scholar_settings.content_cache_key(settings) + jinja2.__version__).encode()
        self.previous: dict[str, list] = {}  # path -> [fingerprint, sha1, size, mtime, notes]
        self._loaded: dict = {}
        if settings.get("LOAD_CONTENT_CACHE") and self.folder:
            try:
                with open(os.path.join(self.folder, CACHE_FILE), encoding="utf-8") as handle:
                    self._loaded = json.load(handle)
                self.previous = dict(self._loaded["pages"])
                # Template analyses of an earlier process: each is used only while
                # the sources it covers are unchanged (checked when it is used).
                for name, analysis in self._loaded["templates"].items():
                    _analyses.setdefault(name, _Analysis.from_json(analysis))
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self.previous, self._loaded = {}, {}
        self.current: dict[str, list] = {}
        self.pending: dict[str, str] = {}  # path -> fingerprint, until its bytes are written
        self._verified: dict[str, bytes] = {}  # path -> the bytes found in it, until it is written
        self._templates: dict[str, _Analysis | None] = {}
        self._failed: dict[str, str] = {}  # template -> the variable that could not be pickled
        self._digests = _Digests()
        self._common: dict[tuple, bytes] = {}  # digests of the shared variables, per template
        self.shared: dict | None = None  # the site's context, once every generator has filled it

    def _template_inputs(self, template) -> _Analysis | None:
        """The variables a template (with everything it draws in) names, and a hash of
        their sources; None when its includes are only known at build time."""
        name = template.name
        if name not in self._templates:
            self._templates[name] = _analyse(template.environment, name)
        return self._templates[name]

    def fingerprint(self, template, context: dict) -> str | None:
        analysis = self._template_inputs(template) if getattr(template, "name", None) else None
        if analysis is None:
            return None
        names, guarded = analysis.names, False
        if analysis.guards and all(isinstance(context.get(guard), Page) for guard in analysis.guards):
            names, guarded = analysis.guarded_names, True
        siteurl = context.get("localsiteurl")  # posts' bodies link relative to it
        # A variable that could not be fingerprinted last time likely cannot again: try it first.
        failed = self._failed.get(template.name)
        env = template.environment
        if failed in context and failed not in env.globals:
            try:
                _pickled(context[failed], self._digests, siteurl)
            except (_NotPlainData, pickle.PicklingError, TypeError, AttributeError, RecursionError):
                return None
        # Most variables hold the site's shared values (the settings, the menu, the
        # publications): those are digested together once per template and build,
        # and only the page's own values (its post, its paper, its address) each time.
        shared = self.shared if self.shared is not None else {}
        own, common = [], []
        for name in names:
            if name in _PER_PAGE or context.get(name, _ABSENT) is not shared.get(name, _ABSENT):
                own.append(name)
            else:
                common.append(name)
        try:
            key = (template.name, id(env), guarded, siteurl, tuple(common))
            part = self._common.get(key)
            if part is None:
                part = self._common[key] = self._names_digest(analysis, common, context, env, siteurl)
            digest = hashlib.sha1(self.key + b"\0" + analysis.digest + (b"guarded\0" if guarded else b"\0") + part)
            digest.update(self._names_digest(analysis, own, context, env, siteurl))
        except _Unfingerprintable as error:
            self._failed[template.name] = error.name
            return None
        return digest.hexdigest()

    def _names_digest(self, analysis: _Analysis, names, context: dict, env, siteurl) -> bytes:
        digest = hashlib.sha1()
        for name in names:
            try:
                if name in context:
                    value = context[name]
                    if analysis.pages_by_number and isinstance(value, (Page, Paginator)):
                        value = self._digests.page(value, siteurl, name in analysis.object_lists)
                    else:
                        value = self._digests.value(value, siteurl)
                elif name in env.globals:
                    continue  # a helper: its code is in the key
                else:
                    value = _MISSING_DIGEST
            except (_NotPlainData, pickle.PicklingError, TypeError, AttributeError, RecursionError) as error:
                raise _Unfingerprintable(name) from error
            digest.update(name.encode() + b"=" + value)
        return digest.digest()

    def outline_digest(self, document) -> bytes | None:
        """The digest of a post's or page's attributes but its body (its metadata, date,
        status, what its address is made from), or None for anything else."""
        if not isinstance(document, Content) or isinstance(document, Static):
            return None
        fields = vars(document)
        state = (type(document).__module__, type(document).__qualname__,
                 [(name, fields[name]) for name in sorted(fields) if name not in _LEFT_OUT and name != "_content"])
        try:
            return hashlib.sha1(_pickled(state, self._digests, document._context.get("localsiteurl"), [])).digest()
        except (_NotPlainData, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return None

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
        self._verified[path] = data
        return data.decode("utf-8")

    def unchanged_on_disk(self, path: str, fingerprint: str) -> bool:
        """Whether the previous build wrote this page with this fingerprint, and the
        file is as that build left it (its size and modification time): then the
        page need not be drawn, nor even read."""
        recorded = self.previous.get(path)
        if not recorded or recorded[0] != fingerprint or len(recorded) < 5:
            return False
        try:
            status = os.stat(path)
        except OSError:
            return False
        return [status.st_size, status.st_mtime_ns] == recorded[2:4]

    def kept(self, path: str) -> dict:
        """A page left as the previous build wrote it: its record carries over; the
        notes the page observers took of it (see output.add_page_observer)."""
        recorded = self.previous[path]
        self.current[path] = recorded
        return recorded[4]

    def holds(self, path: str, data: bytes) -> bool:
        """Whether the file at `path` was just found to hold these bytes (it need not be read again)."""
        return self._verified.get(path) == data

    def written(self, path: str, data: bytes, notes: dict) -> None:
        fingerprint = self.pending.pop(path, None)
        verified = self._verified.pop(path, None)
        if fingerprint is not None:
            recorded = self.previous.get(path)
            digest = recorded[1] if verified == data and recorded else hashlib.sha1(data).hexdigest()
            try:
                status = os.stat(path)
            except OSError:
                return
            self.current[path] = [fingerprint, digest, status.st_size, status.st_mtime_ns, notes]

    def save(self) -> None:
        data = {"pages": self.current,
                "templates": {name: analysis.as_json() for name, analysis in sorted(_analyses.items())}}
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

    def __init__(self, template, cache: PageCache, output_path: str,
                 known: tuple[str, str | None] | None = None) -> None:
        self.template, self.cache, self.output_path = template, cache, output_path
        self.name = template.name
        self.known = known  # (path, fingerprint) when the writer has computed it already

    def render(self, context: dict) -> str:
        from pelican.utils import sanitised_join

        path = sanitised_join(self.output_path, context["output_file"])
        if self.known is not None and self.known[0] == path:
            fingerprint = self.known[1]
        else:
            fingerprint = self.cache.fingerprint(self.template, context)
        if fingerprint is None:
            return self.template.render(context)
        self.cache.pending[path] = fingerprint
        text = self.cache.text_if_unchanged(path, fingerprint)
        return text if text is not None else self.template.render(context)
