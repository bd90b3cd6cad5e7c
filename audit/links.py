"""Link check over the built files: every internal link, asset and #anchor.

Pure Python on lxml, no server and no crawl: every ``href``, ``src``,
``srcset``, ``poster``, ``data`` and SVG ``href`` of every HTML page, and every
``url()`` / ``@import`` of every stylesheet, is resolved against the page's own
URL. An internal target must exist as a file (``dir/`` means
``dir/index.html``) and a ``#fragment`` on an HTML or SVG target must name an
``id`` there (or an ``<a name>``; ``#top`` and empty fragments always work).

External URLs are never fetched. A URL under the published address
(``site_url``, e.g. ``https://ada.example.org/``) counts as internal, since
Pelican writes absolute links when ``RELATIVE_URLS`` is off.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.etree
import lxml.html

from .report import ToolResult

# attributes that make the browser load or navigate to a URL, by element
_URL_ATTRS: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href", "imagesrcset"),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "form": ("action",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}
_SRCSET = {"srcset", "imagesrcset"}
# <link rel> values that are hints, not documents: their href is a host, not a page
_HINT_RELS = {"preconnect", "dns-prefetch"}
_SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:", "about:", "sms:", "geo:")
_CSS_URL = re.compile(
    r"""url\(\s*(['"]?)([^'")]+?)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.IGNORECASE
)
_ORIGIN = "http://site.invalid"  # stands for the audited site while resolving URLs


@dataclass(frozen=True)
class Ref:
    """One URL found in a file."""

    tag: str
    attr: str
    raw: str
    line: int | None
    rel: str = ""  # <link rel>, lower-cased


@dataclass
class Page:
    """A parsed HTML page of the built site."""

    path: Path  # file on disk
    url: str  # site-absolute URL path, e.g. /publications/index.html
    tree: lxml.html.HtmlElement

    @cached_property
    def ids(self) -> set[str]:
        ids = set(self.tree.xpath("//@id"))
        ids.update(self.tree.xpath("//a/@name"))
        return {str(i) for i in ids}

    @cached_property
    def base(self) -> str:
        """The URL relative links resolve against (honours <base href>)."""
        page = _ORIGIN + self.url
        base = self.tree.xpath("//base/@href")
        return urljoin(page, str(base[0]).strip()) if base else page

    def refs(self) -> Iterator[Ref]:
        for el in self.tree.iter(lxml.etree.Element):
            tag = el.tag.rsplit("}", 1)[-1].lower() if isinstance(el.tag, str) else ""
            attrs = _URL_ATTRS.get(tag)
            if attrs:
                rel = (el.get("rel") or "").lower()
                for attr in attrs:
                    value = el.get(attr)
                    if not value or not value.strip():
                        continue
                    if attr in _SRCSET:
                        for cand in value.split(","):
                            cand = cand.strip().split()
                            if cand:
                                yield Ref(tag, attr, cand[0], el.sourceline, rel)
                    else:
                        yield Ref(tag, attr, value.strip(), el.sourceline, rel)
            if tag == "style" and el.text:
                for raw in css_urls(el.text):
                    yield Ref("style", "url()", raw, el.sourceline)
            style = el.get("style") if tag else None
            if style and "url(" in style:
                for raw in css_urls(style):
                    yield Ref(tag, "style", raw, el.sourceline)


# A quoted data: URL, whose own text (an SVG, say) may hold url(%23id) of its own.
_CSS_DATA_URL = re.compile(r"""url\(\s*(["'])data:.*?\1\s*\)""", re.IGNORECASE | re.DOTALL)


def css_urls(css: str) -> Iterator[str]:
    for m in _CSS_URL.finditer(_CSS_DATA_URL.sub("", css)):
        raw = (m.group(2) or m.group(4) or "").strip()
        if raw and not raw.startswith("#"):  # url(#id) points into an inline SVG
            yield raw


def parse_page(path: Path, site: Path) -> Page:
    data = path.read_bytes()
    try:
        tree = lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError):
        tree = lxml.html.document_fromstring("<html></html>")
    return Page(path, "/" + path.relative_to(site).as_posix(), tree)


def html_files(site: Path) -> list[Path]:
    return sorted(
        p
        for p in site.rglob("*")
        if p.suffix.lower() in (".html", ".htm")
        and p.is_file()
        and not any(
            part.startswith(".") or part == "node_modules" for part in p.relative_to(site).parts
        )
    )


def page_label(url: str) -> str:
    """/publications/index.html -> /publications/ (how people name a page)."""
    return url[: -len("index.html")] if url.endswith("/index.html") else url


@dataclass
class Site:
    """The built site: its files and parsed pages, and how to tell its URLs."""

    root: Path
    site_url: str = ""  # the published address; URLs under it are internal
    pages: dict[str, Page] = field(default_factory=dict)  # by URL path

    @classmethod
    def load(cls, root: Path, site_url: str = "") -> Site:
        root = Path(root).resolve()
        site = cls(root, site_url.rstrip("/"))
        for path in html_files(root):
            page = parse_page(path, root)
            site.pages[page.url] = page
        return site

    def classify(self, raw: str, base: str) -> tuple[str, str, str] | None:
        """Resolve ``raw`` against ``base``.

        Returns ("internal", path, fragment), ("external", url, "") or None
        for URLs nobody fetches (mailto:, data:, javascript: ...).
        """
        if raw.lower().startswith(_SKIP_SCHEMES):
            return None
        url = urljoin(base, raw)
        if self.site_url:
            pub = urlsplit(self.site_url)
            u = urlsplit(url)
            prefix = pub.path.rstrip("/")
            if (
                u.netloc.lower() == pub.netloc.lower()
                and u.scheme in ("http", "https")
                and (u.path == prefix or u.path.startswith(prefix + "/"))
            ):
                url = (
                    _ORIGIN
                    + (u.path[len(prefix) :] or "/")
                    + (f"?{u.query}" if u.query else "")
                    + (f"#{u.fragment}" if u.fragment else "")
                )
        u = urlsplit(url)
        if f"{u.scheme}://{u.netloc}" != _ORIGIN:
            return ("external", url, "") if u.scheme in ("http", "https", "") else None
        return ("internal", unquote(u.path) or "/", unquote(u.fragment))

    def target_file(self, path: str) -> Path | None:
        """The file a static host serves for URL path ``path``, or None."""
        rel = posixpath.normpath(path).lstrip("/")
        if path.endswith("/") or rel in ("", "."):
            rel = posixpath.join(rel, "index.html") if rel not in ("", ".") else "index.html"
        if rel.startswith(".."):
            return None
        f = self.root / rel
        if f.is_dir():
            f = f / "index.html"
        return f if f.is_file() else None

    def ids_of(self, f: Path) -> set[str] | None:
        """ids a fragment may name in file ``f`` (None: not a document with ids)."""
        url = "/" + f.relative_to(self.root).as_posix()
        if url in self.pages:
            return self.pages[url].ids
        if f.suffix.lower() == ".svg":
            try:
                tree = lxml.etree.parse(str(f))
            except lxml.etree.XMLSyntaxError:
                return set()
            return {str(i) for i in tree.xpath("//@id")}
        return None


def _check_target(
    site: Site, result: ToolResult, label: str, ref: Ref, where: str, base: str
) -> None:
    if ref.rel in _HINT_RELS:
        return
    c = site.classify(ref.raw, base)
    if c is None or c[0] == "external":
        return
    _, path, fragment = c
    f = site.target_file(path)
    kind = (
        "link"
        if ref.tag in ("a", "area")
        or (ref.tag == "link" and ref.attr == "href" and ref.rel != "stylesheet")
        else "asset"
    )
    if f is None:
        result.fail(
            label,
            f"broken-{kind}",
            f'<{ref.tag} {ref.attr}="{ref.raw}"> ({where}) → {path} does not exist',
        )
        return
    if fragment and fragment.lower() != "top" and not fragment.startswith(":~:"):
        ids = site.ids_of(f)
        if ids is not None and fragment not in ids:
            target = page_label("/" + f.relative_to(site.root).as_posix())
            result.fail(
                label,
                "missing-anchor",
                f'<{ref.tag} {ref.attr}="{ref.raw}"> ({where}) → no id="{fragment}" in {target}',
            )


def check_links(site: Site) -> ToolResult:
    """The link gate: broken internal links, assets and anchors anywhere in the site."""
    result = ToolResult("links")
    n_refs = 0
    for url, page in site.pages.items():
        label = page_label(url)
        for ref in page.refs():
            n_refs += 1
            _check_target(site, result, label, ref, f"line {ref.line}", page.base)
    css_files = sorted(p for p in site.root.rglob("*.css") if p.is_file())
    for css in css_files:
        url = "/" + css.relative_to(site.root).as_posix()
        for raw in css_urls(css.read_text(encoding="utf-8", errors="replace")):
            n_refs += 1
            _check_target(
                site, result, url, Ref("css", "url()", raw, None), "stylesheet", _ORIGIN + url
            )
    result.checked = f"{n_refs} URLs in {len(site.pages)} pages + {len(css_files)} stylesheets"
    result.data = {"urls": n_refs, "pages": len(site.pages), "stylesheets": len(css_files)}
    return result
