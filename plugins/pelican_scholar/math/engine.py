"""Temml, the TeX to MathML converter, run in an embedded V8 (mini-racer).

One V8 context per process, created on first use and reused for every
formula. A page's formulas are converted in one call, so that macros a page
defines (`\\newcommand`, `\\def`, `\\DeclareMathOperator`) hold for the
formulas after it on that page, as MathJax does, and so that the cost of
crossing into V8 is paid once per page.
"""

from __future__ import annotations

import atexit
import functools
import json
from dataclasses import dataclass
from pathlib import Path

VENDOR = Path(__file__).with_name("vendor")

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


@functools.cache
def _context():
    from py_mini_racer import MiniRacer

    context = MiniRacer()
    # Closed before the interpreter shuts down: left to the garbage collector,
    # V8's threads can keep the process from exiting.
    atexit.register(context.close)
    context.eval((VENDOR / "temml.min.js").read_text(encoding="utf-8"))
    context.eval(_RENDER_PAGE)
    return context


def version() -> str:
    return str(_context().eval("temml.version"))


@functools.lru_cache(maxsize=1024)
def render_page(items: tuple[tuple[str, bool, str], ...]) -> tuple[Rendered, ...]:
    """Convert a page's formulas, in order: (tex, display, alternative) -> Rendered each."""
    if not items:
        return ()
    answer = json.loads(_context().call("scholarRenderPage", [list(item) for item in items]))
    return tuple(Rendered(bool(ok), text) for ok, text in answer)


def render(tex: str, display: bool) -> Rendered:
    """One formula on its own."""
    return render_page(((tex, display, ""),))[0]
