"""Math benchmark: what a 250-formula post adds to a build, a rebuild, and the font.

    python benchmarks/bench_math.py [--formulas 250] [--runs 3]

Makes one long math post (inline and display formulas, numbered `align` and
`equation` environments with labels, `\\eqref` references) and builds it in
this process, alternating:
  * "baseline": the same site with MATH = False (the TeX stays text);
  * "math, first build": MATH on, Temml's V8 context not yet started, the
    font not yet in CACHE_PATH;
  * "math, rebuild": MATH on again in the same process and CACHE_PATH (what
    `invoke regenerate` and livereload do), the post re-read;
and times, apart from the builds, the font subsetting with an empty cache
(cold) and with the subset already in CACHE_PATH (cached). Prints a table of
medians and ratios against the baseline measured in the same run, and writes
its section of benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import gzip
import logging
import platform
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.md"
SECTION = "## Math benchmark"

# Building blocks of a long post, as al-folio's math posts write them.
INLINE = [
    r"$\log p_\theta(x_{%d})$", r"$\mathbb{E}_{q}[\nabla_\theta f_{%d}]$", r"$\Delta_{%d} \sim \mathcal{N}(0, I)$",
    r"$\hat{\mu}_{%d} = \frac{1}{n}\sum_i x_i$", r"$\operatorname{tr}(A_{%d}^\top B)$",
]
DISPLAY = [
    "$$\n\\int_0^{%d} e^{-x^2}\\,\\mathrm{d}x = \\frac{\\sqrt{\\pi}}{2}\n$$",
    "$$\n\\begin{align}\nL_{%d} &= \\sum_{k=1}^{K} \\left( y_k - \\hat{y}_k \\right)^2 \\label{loss%d} \\\\\n"
    "&\\leq \\Big\\| W \\Big\\|_F^2 \\notag\n\\end{align}\n$$",
    "\\begin{equation}\np(x_{%d}) = \\frac{e^{-E(x)}}{Z}, \\quad Z = \\int e^{-E(x)}\\,dx"
    " \\label{ebm%d}\n\\end{equation}",
    "$$\n\\begin{pmatrix} a_{%d} & b \\\\ c & d \\end{pmatrix}\n$$",
]


def long_post(formulas: int) -> str:
    """A post with `formulas` formulas: four inline to one display, references after."""
    paragraphs, count, index = [], 0, 0
    while count < formulas:
        if index % 5 == 4:
            template = DISPLAY[index // 5 % len(DISPLAY)]
            tex = template.replace("%d", str(index))
            labels = re.findall(r"\\label\{(\w+)\}", tex)
            ref = f" As \\eqref{{{labels[0]}}} shows." if labels else ""
            paragraphs.append(tex + "\n\nThen" + ref)
        else:
            paragraphs.append("We have " + INLINE[index % len(INLINE)].replace("%d", str(index)) + " here.")
        count += 1
        index += 1
    body = "\n\n".join(paragraphs)
    return f"---\ntitle: A long math post\ndate: 2025-01-01\n---\n{body}\n"


def build(content: Path, output: Path, cache: Path, math: bool) -> float:
    from pelican import Pelican
    from pelican.settings import read_settings

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import BASE_SETTINGS

    settings = {**BASE_SETTINGS, "PATH": str(content), "OUTPUT_PATH": str(output),
                "CACHE_PATH": str(cache), "MATH": math}
    start = time.perf_counter()
    Pelican(read_settings(None, override=settings)).run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formulas", type=int, default=250)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    from pelican_scholar.math import engine, font

    work = Path(tempfile.mkdtemp(prefix="bench-math-"))
    content = work / "content"
    (content / "blog").mkdir(parents=True)
    (content / "blog" / "2025-01-01-long.md").write_text(long_post(args.formulas), encoding="utf-8")

    times: dict[str, list[float]] = {"baseline": [], "first": [], "rebuild": []}
    outputs = iter(range(1000))

    def output() -> Path:
        return work / f"out{next(outputs)}"

    # Each side keeps its own CACHE_PATH across its builds, as a site does: the
    # first math build starts V8, converts every formula and subsets the font;
    # a rebuild in the same process finds the formulas and the font cached.
    baseline_cache, math_cache = work / "cache-baseline", work / "cache-math"
    times["baseline"].append(build(content, output(), baseline_cache, math=False))
    first_output = output()
    times["first"].append(build(content, first_output, math_cache, math=True))
    for _ in range(args.runs):
        times["baseline"].append(build(content, output(), baseline_cache, math=False))
        times["rebuild"].append(build(content, output(), math_cache, math=True))

    # The converter alone: V8 start-up, then the page's formulas with no cache.
    engine._context.cache_clear()
    start = time.perf_counter()
    engine._context()
    v8_start = time.perf_counter() - start
    page = (first_output / "blog" / "2025" / "long" / "index.html").read_text(encoding="utf-8")
    converted = page.count("<math")
    from pelican_scholar.math.math import ANY_MATH

    source = (content / "blog" / "2025-01-01-long.md").read_text(encoding="utf-8")
    items = tuple((m[0].strip("$"), m[0].startswith(("$$", "\\begin"))) for m in ANY_MATH.finditer(source)
                  if not m[0].startswith("\\eqref"))
    convert = []
    for _ in range(args.runs):
        engine.render_page.cache_clear()
        start = time.perf_counter()
        engine.render_page(items)
        convert.append(time.perf_counter() - start)

    # The font: cold (empty cache) and cached (same glyph set).
    glyphs = font.characters(page)
    cold, cached = [], []
    for index in range(args.runs):
        cache = work / f"font-cache{index}"
        start = time.perf_counter()
        data = font.subset(glyphs, {"CACHE_PATH": str(cache)})
        cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        font.subset(glyphs, {"CACHE_PATH": str(cache)})
        cached.append(time.perf_counter() - start)

    css = (ROOT / "theme" / "static" / "css" / "math.css").read_bytes()
    page_gz = len(gzip.compress(page.encode("utf-8")))
    css_gz = len(gzip.compress(css))

    base = statistics.median(times["baseline"])
    rows = [
        ("baseline: MATH = False, the same post", base),
        ("math, first build (V8 starts, font subset cold)", statistics.median(times["first"])),
        ("math, rebuild in the same process (formulas and font cached)", statistics.median(times["rebuild"])),
    ]
    lines = [
        SECTION,
        "",
        f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}; "
        f"Temml {engine.version()} in mini-racer. One post of {args.formulas} formulas "
        f"({converted} `<math>` on the page, numbered `align`/`equation` with labels and `\\eqref`), "
        f"built in one process; median of {args.runs} runs (the first math build once).",
        "",
        "| build | wall time (s) | ratio to baseline | math adds (s) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, value in rows:
        lines.append(f"| {name} | {value:.2f} | {value / base:.2f} | {value - base:+.2f} |")
    lines += [
        "",
        "| step | time (s) |",
        "| --- | ---: |",
        f"| V8 start-up and loading Temml, once per process | {v8_start:.2f} |",
        f"| converting the post's {len(items)} formulas (no cache) | {statistics.median(convert):.2f} |",
        f"| font subset, cold (empty cache) | {statistics.median(cold):.2f} |",
        f"| font subset, cached (same glyph set) | {statistics.median(cached):.4f} |",
        "",
        f"First visit of the math page, gzip: page {page_gz / 1024:.0f} KB + math.css {css_gz / 1024:.0f} KB "
        f"+ font {len(data) / 1024:.0f} KB (WOFF2, {len(glyphs)} characters) "
        f"= {(page_gz + css_gz + len(data)) / 1024:.0f} KB, plus main.css and theme.js as on every page.",
        "",
        "Goals (issue 9): a 250-formula post adds under 0.3 s to a build; the font is subset once and "
        "reused while the glyph set is unchanged; a math page's first visit is under 120 KB compressed "
        "including the font. Regenerate with `python benchmarks/bench_math.py`.",
        "",
    ]
    section = "\n".join(lines)
    print(section)
    existing = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if SECTION in existing:
        before, _, after = existing.partition(SECTION)
        rest = after.split("\n## ", 1)
        existing = before.rstrip("\n") + ("\n\n## " + rest[1] if len(rest) > 1 else "")
    RESULTS.write_text(existing.rstrip("\n") + "\n\n" + section, encoding="utf-8")


if __name__ == "__main__":
    main()
