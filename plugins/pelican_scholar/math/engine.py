"""Temml, the TeX to MathML converter, run in an embedded V8 (mini-racer).

One V8 context per process, created on first use and reused for every
formula. A page's formulas are converted in one call, so that macros a page
defines (`\\newcommand`, `\\def`, `\\DeclareMathOperator`) hold for the
formulas after it on that page, as MathJax does, and so that the cost of
crossing into V8 is paid once per page.

What a page's formulas gave is also kept in CACHE_PATH/scholar_math/ (unless
CACHE_CONTENT is off), keyed on the formulas and on Temml's code: a new
`./dev build` after an edit that leaves a post's formulas as they were does
not start V8 at all (80 MB of memory and a tenth of a second saved).
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

VENDOR = Path(__file__).with_name("vendor")
CACHE_FILE = os.path.join("scholar_math", "pages.json")
# V8 tuned for a converter of short pages rather than for a browser: Temml's
# work per formula is small, so a heap kept small costs little time and saves
# about half of V8's memory (59 -> 28 MiB after 2,000 formulas).
V8_FLAGS = ("--single-threaded", "--optimize-for-size", "--no-opt")
# Pages' answers kept on disk, the most recently used last; the oldest go beyond this many.
CACHE_LIMIT = 20_000

# Called with a list of [tex, display, alternative], returns a JSON list of
# [ok, mathml or error message]; the alternative TeX (or "") is tried when the
# TeX fails, with the page's macros so far. `trust: false`: \href, \class, \style, \id,
# \data and \includegraphics are refused (an error, shown as TeX).
_RENDER_PAGE = r"""
function scholarRenderPage(items) {
  const macros = {};
  const defines = /\\(?:(?:re)?newcommand|providecommand|def|gdef|let|DeclareMathOperator)\b/;
  const render = (tex, display) => temml.renderToString(tex, {
    displayMode: display, macros: macros, trust: false, throwOnError: true,
    strict: false, maxSize: [100, 100], maxExpand: 1000,
  });
  return JSON.stringify(items.map(([tex, display, alternative]) => {
    let mathml;
    try {
      mathml = render(tex, display);
    } catch (error) {
      if (!alternative) {
        return [false, String((error && error.message) || error).replace(/^\s*ParseError:\s*/, "").trim()];
      }
      try {
        mathml = render(alternative, display);
        tex = alternative;
      } catch (ignored) {
        return [false, String((error && error.message) || error).replace(/^\s*ParseError:\s*/, "").trim()];
      }
    }
    if (defines.test(tex)) {
      try { Object.assign(macros, temml.definePreamble(tex, {macros: macros})); } catch (e) {}
    }
    return [true, mathml];
  }));
}
"""


@dataclass(frozen=True)
class Rendered:
    ok: bool
    text: str  # MathML when ok, else Temml's error message


_refused = False


def refuse_to_start() -> None:
    """In a forked copy of a process that runs V8 (second_writer.py): V8's threads
    did not come along, so using it would hang; a formula to convert is an error."""
    global _refused
    _refused = True


@functools.cache
def _context():
    if _refused:
        raise RuntimeError("V8 cannot run in a forked copy of this process")
    from py_mini_racer import MiniRacer, init_mini_racer

    init_mini_racer(flags=V8_FLAGS, ignore_duplicate_init=True)
    context = MiniRacer()
    # Closed before the interpreter shuts down: left to the garbage collector,
    # V8's threads can keep the process from exiting.
    atexit.register(context.close)
    context.eval((VENDOR / "temml.min.js").read_text(encoding="utf-8"))
    context.eval(_RENDER_PAGE)
    return context


def version() -> str:
    return str(_context().eval("temml.version"))


@functools.cache
def _code_digest() -> str:
    return hashlib.sha1(((VENDOR / "temml.min.js").read_text(encoding="utf-8") + _RENDER_PAGE).encode()).hexdigest()


class _DiskCache:
    """Pages' answers from earlier processes (key -> [[ok, text], …]), and this build's."""

    def __init__(self) -> None:
        self.path: str | None = None
        self.known: dict[str, list] = {}
        self.used: dict[str, list] = {}

    def start(self, folder: str | None, load: bool) -> None:
        path = os.path.join(folder, CACHE_FILE) if folder else None
        if path != self.path or not load:
            self.known = {}
            if path and load:
                try:
                    with open(path, encoding="utf-8") as handle:
                        data = json.load(handle)
                    if data.get("code") == _code_digest():
                        self.known = dict(data["pages"])
                except (OSError, ValueError, KeyError, TypeError, AttributeError):
                    self.known = {}
        self.path, self.used = path, {}

    def save(self) -> None:
        if not self.path or not self.used:
            return
        pages = {key: value for key, value in self.known.items() if key not in self.used}
        pages.update(self.used)
        pages = dict(list(pages.items())[-CACHE_LIMIT:])
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(self.path + ".tmp", "w", encoding="utf-8") as handle:
                json.dump({"code": _code_digest(), "pages": pages}, handle, ensure_ascii=False)
            os.replace(self.path + ".tmp", self.path)
        except OSError as error:
            logger.debug("%s: the converted formulas cannot be kept (%s).", self.path, error)
        self.known, self.used = pages, {}


_disk = _DiskCache()


def start_build(settings: dict) -> None:
    """Use CACHE_PATH's converted formulas in this build (when the content cache is on)."""
    folder = settings.get("CACHE_PATH") if settings.get("CACHE_CONTENT") else None
    _disk.start(folder, bool(settings.get("LOAD_CONTENT_CACHE")))


def end_build() -> None:
    _disk.save()


def started() -> bool:
    """Whether this process runs V8 (then it must not fork)."""
    cache_info = getattr(_context, "cache_info", None)  # tests replace _context
    return cache_info is None or cache_info().currsize > 0


def results_of_this_build() -> dict[str, list]:
    return dict(_disk.used)


def remember(results: dict[str, list]) -> None:
    """Pages' formulas converted in another process for this build (frontmatter/second_core.py)."""
    _disk.used.update(results)


def render_page(items: tuple[tuple[str, bool, str], ...]) -> tuple[Rendered, ...]:
    """Convert a page's formulas, in order: (tex, display, alternative) -> Rendered each."""
    if not items:
        return ()
    key = hashlib.sha1(json.dumps(items, ensure_ascii=False).encode()).hexdigest()
    answer = _render_page(items, key)
    # Kept for the build even without a cache folder: a forked copy of this process
    # (second_writer.py) finds them here.
    _disk.used[key] = [[rendered.ok, rendered.text] for rendered in answer]
    return answer


@functools.lru_cache(maxsize=1024)
def _render_page(items: tuple[tuple[str, bool, str], ...], key: str) -> tuple[Rendered, ...]:
    answer = _disk.used.get(key) or _disk.known.get(key)
    if answer is None or len(answer) != len(items):
        if _refused:
            raise RuntimeError("V8 cannot run in a forked copy of this process")
        answer = json.loads(_context().call("scholarRenderPage", [list(item) for item in items]))
    return tuple(Rendered(bool(ok), text) for ok, text in answer)


def render(tex: str, display: bool) -> Rendered:
    """One formula on its own."""
    return render_page(((tex, display, ""),))[0]
