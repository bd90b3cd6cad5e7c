"""The math font: STIX Two Math, subset to the glyphs the site's formulas use.

Every page written with `<math>` in it gets the math stylesheet
(`theme/css/math.css`, which declares the font) linked next to the main one,
and its formulas' characters are collected. When the build ends, the font is
subset to those characters (with the variants and assembly parts of the
OpenType MATH table that make `\\sum`, `\\int` and delimiters grow) and
written as WOFF2 to `theme/fonts/math.woff2`. The subset is kept under
CACHE_PATH keyed on the glyph set, so it is made again only when a new
character appears. Pages without math load neither file.

STIX Two Math (SIL Open Font License 1.1) comes with the pip package
`ziamath`, which is installed for its font file only.
"""

from __future__ import annotations

import hashlib
import html
import importlib.util
import logging
import os
import re
from pathlib import Path

from pelican import signals

from .. import forked
from ..output import add_page_filter, add_page_observer, write_if_changed

logger = logging.getLogger(__name__)

FONT_SAVE_AS = "fonts/math.woff2"  # under THEME_STATIC_DIR
STYLESHEET = "css/math.css"  # under THEME_STATIC_DIR, from theme/static/
MATH_ELEMENT = re.compile(r"<math\b.*?</math>", re.S)
TAG = re.compile(r"<[^>]*>")
MAIN_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<base>[^"]*)/css/main\.css">')

_characters: set[str] = set()
_enabled = True


def font_source() -> Path | None:
    """STIX Two Math as the `ziamath` package ships it, if installed."""
    spec = importlib.util.find_spec("ziamath")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "STIXTwoMath-Regular.ttf"
    return path if path.is_file() else None


def characters(page: str) -> set[str]:
    """The characters drawn inside the page's <math> elements."""
    found: set[str] = set()
    for element in MATH_ELEMENT.findall(page):
        found.update(html.unescape(TAG.sub("", element)))
    found.discard("\n")
    return found


def link_stylesheet(page: str) -> str:
    """The page with the math stylesheet linked after the main one (once)."""
    if "/css/math.css" in page:
        return page
    return MAIN_STYLESHEET.sub(
        lambda m: m[0] + '\n<link rel="stylesheet" href="%s/%s">' % (m["base"], STYLESHEET), page, count=1)


def subset(characters: set[str], settings: dict) -> bytes:
    """The WOFF2 font with just these characters, from the cache when it has them."""
    text = "".join(sorted(characters))
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
    cache_dir = settings.get("CACHE_PATH")
    cached = Path(cache_dir, "scholar_math", f"math-{key}.woff2") if cache_dir else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    data = forked.in_a_copy(lambda: _subset(text), settings)  # fontTools' 25 MiB go with the copy
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(".tmp")
        temporary.write_bytes(data)
        os.replace(temporary, cached)
    return data


def _subset(text: str) -> bytes:
    from io import BytesIO

    from fontTools import subset as ftsubset
    from fontTools.ttLib import TTFont

    source = font_source()
    if source is None:
        raise FileNotFoundError("STIX Two Math (pip package ziamath) is not installed")
    options = ftsubset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # the copyright and licence records stay with the font
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    font = TTFont(source, recalcTimestamp=False)
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def _has_math(path: str, page: str) -> bool:
    return _enabled and path.endswith(".html") and "<math" in page


def _link_stylesheet(path: str, page: str) -> str:
    """A page as it is written: with the math stylesheet when it has formulas."""
    return link_stylesheet(page) if _has_math(path, page) else page


def _collect(path: str, page: str) -> str | None:
    """The characters of the page's formulas, collected for the font (and kept with
    the page, for a build that leaves it as it is)."""
    if not _has_math(path, page):
        return None
    found = characters(page)
    _characters.update(found)
    return "".join(sorted(found))


def _collect_again(note: str) -> None:
    if _enabled:
        _characters.update(note)


def _start(pelican) -> None:
    global _enabled
    _enabled = bool(pelican.settings.get("MATH", True))
    _characters.clear()


def _write_font(pelican) -> None:
    settings = pelican.settings
    if not settings.get("MATH", True) or not _characters:
        _characters.clear()
        # No page has math: the theme's math stylesheet, copied with the other
        # static files, would name a font that was never written.
        Path(settings["OUTPUT_PATH"], settings.get("THEME_STATIC_DIR", "theme"), STYLESHEET).unlink(missing_ok=True)
        return
    try:
        data = subset(set(_characters), settings)
    except (OSError, ImportError) as error:
        logger.warning("math: the math font could not be made (%s); formulas use the reader's own "
                       "math font. Reinstall the requirements: pip install -r requirements.txt", error)
        return
    finally:
        _characters.clear()
    write_if_changed(os.path.join(settings["OUTPUT_PATH"], settings.get("THEME_STATIC_DIR", "theme"),
                                  FONT_SAVE_AS), data)


def register() -> None:
    signals.get_generators.connect(_start)
    add_page_filter(_link_stylesheet)
    add_page_observer("math characters", _collect, _collect_again)
    signals.finalized.connect(_write_font)
