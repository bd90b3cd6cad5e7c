"""Static checks of what each built page makes a browser load.

* ``third-party``: no page may load a resource (script, stylesheet, font,
  image, frame, preconnect ...) from another host. Links (``<a href>``) to
  other sites are fine; loading from them is not.
* ``js``: a page with neither math nor code loads no JavaScript but the theme
  toggle: at most ``js_max_files`` script file(s) and ``js_max_bytes`` of
  script in all (files + inline ``<script>``, uncompressed). JSON-LD and other
  data blocks are not JavaScript and do not count.

The browser gate (``audit.browser``) checks the same at run time on the
audited pages; this one covers every page of the site without a browser.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from lxml.html import HtmlElement

from .budgets import Budgets
from .links import Page, Ref, Site, css_urls, page_label
from .report import ToolResult

# <link rel> values that make the browser fetch or connect
_LOADING_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "prerender",
    "preconnect",
    "dns-prefetch",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "mask-icon",
    "manifest",
}
_LOADING_TAGS = {
    "img",
    "source",
    "script",
    "iframe",
    "frame",
    "embed",
    "object",
    "video",
    "audio",
    "track",
    "input",
    "use",
    "image",
    "style",
}
_JS_TYPES = {
    "",
    "text/javascript",
    "application/javascript",
    "module",
    "text/ecmascript",
    "application/ecmascript",
}
# class names math and highlighting libraries and Pelican's own Markdown use
_MATH_CODE_CLASSES = {
    "math",
    "katex",
    "katex-display",
    "mathjax",
    "arithmatex",
    "highlight",
    "codehilite",
    "sourceCode",
}


def is_javascript(script: HtmlElement) -> bool:
    return (script.get("type") or "").strip().lower() in _JS_TYPES


def has_math_or_code(tree: HtmlElement) -> bool:
    if tree.xpath("//pre | //code | //math | //*[local-name()='math']"):
        return True
    for cls in tree.xpath("//@class"):
        if _MATH_CODE_CLASSES & set(str(cls).split()):
            return True
    return False


def loads(ref: Ref) -> bool:
    """The browser fetches (or connects to) what the reference names."""
    if ref.tag == "link":
        return bool(_LOADING_RELS & set(ref.rel.split()))
    return ref.tag in _LOADING_TAGS or ref.attr == "style"


def check_third_party(site: Site) -> ToolResult:
    result = ToolResult("third-party")
    for url, page in site.pages.items():
        label = page_label(url)
        for ref in page.refs():
            if not loads(ref):
                continue
            c = site.classify(ref.raw, page.base)
            if c and c[0] == "external":
                result.fail(
                    label,
                    "third-party-resource",
                    f'<{ref.tag} {ref.attr}="{ref.raw}"> (line {ref.line}) loads from another host',
                )
    css_files = sorted(p for p in site.root.rglob("*.css") if p.is_file())
    for css in css_files:
        url = "/" + css.relative_to(site.root).as_posix()
        for raw in css_urls(css.read_text(encoding="utf-8", errors="replace")):
            c = site.classify(raw, "http://site.invalid" + url)
            if c and c[0] == "external":
                result.fail(
                    url,
                    "third-party-resource",
                    f"url({raw}) in a stylesheet loads from another host",
                )
    result.checked = f"{len(site.pages)} pages + {len(css_files)} stylesheets"
    return result


def page_js(site: Site, page: Page) -> tuple[list[tuple[str, int | None]], int]:
    """Script files ([(url, bytes or None if not in the site)]) and inline script bytes."""
    files: list[tuple[str, int | None]] = []
    inline = 0
    for script in page.tree.xpath("//script"):
        if not is_javascript(script):
            continue
        src = (script.get("src") or "").strip()
        if not src:
            inline += len((script.text or "").encode())
            continue
        c = site.classify(src, page.base)
        f = site.target_file(c[1]) if c and c[0] == "internal" else None
        files.append((src, f.stat().st_size if f else None))
    return files, inline


def check_js(site: Site, budgets: Budgets) -> ToolResult:
    result = ToolResult("js")
    plain = 0
    for url, page in site.pages.items():
        if has_math_or_code(page.tree):
            continue
        plain += 1
        label = page_label(url)
        files, inline = page_js(site, page)
        # A service's script (search, comments) is allowed where the page shows that service.
        files = [(src, n) for src, n in files
                 if not ((needs := budgets.service_script(urlsplit(src).path)) and page.tree.xpath(needs))]
        total = inline + sum(n or 0 for _, n in files)
        listing = ", ".join(
            f"{src} ({n} B)" if n is not None else f"{src} (not in the site)" for src, n in files
        )
        if inline:
            listing = ", ".join(x for x in (listing, f"inline {inline} B") if x)
        if len(files) > budgets.js_max_files:
            result.fail(
                label,
                "js-files",
                f"{len(files)} script files on a page without math or code (budget {budgets.js_max_files}): {listing}",
            )
        if any(n is None for _, n in files):
            result.fail(label, "js-unknown-script", f"script not served by the site: {listing}")
        if total > budgets.js_max_bytes:
            result.fail(
                label,
                "js-bytes",
                f"{total} B of JavaScript on a page without math or code (budget {budgets.js_max_bytes} B): {listing}",
            )
    result.checked = f"{plain} pages without math or code (of {len(site.pages)})"
    return result
