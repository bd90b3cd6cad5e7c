#!/usr/bin/env python3
"""How much 1,000 publications, each with its own page, add to a build.

Builds the same small site twice in this process, without and with a .bib
of 1,000 generated entries, several times each, and prints the median
times and their ratio. The target is under 0.5 s added. Timings, no
assertions: run it by hand or in CI for the numbers.

    .venv/bin/python benchmarks/bench_publications.py [--entries 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from pelican import Pelican  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

PLUGINS = ["scholar_core", "scholar_frontmatter", "scholar_about", "scholar_publications"]


def make_bib(count: int) -> str:
    """Entries like real ones: accents, marks, math, links, abstracts."""
    types = ["article", "inproceedings", "misc", "phdthesis"]
    parts = []
    for i in range(count):
        kind = types[i % len(types)]
        venue = {"article": "journal = {Journal of Tests %d}" % (i % 17),
                 "inproceedings": "booktitle = {Proceedings of {ICML} %d}" % (2000 + i % 25),
                 "misc": "howpublished = {arXiv preprint}",
                 "phdthesis": "school = {Universit{\\'e} de Nulle Part}"}[kind]
        parts.append(
            "@%s{key%04d,\n"
            "  title = {On {$O(n^%d)$} Models of Drought, Part {%d}: M{\\\"u}ller--Smith Bounds},\n"
            "  author = {Lindqvist*, Ada and M{\\\"u}ller*, Hans and Smith, J. and Doe, Jane and "
            "Roe, Richard and Poe, Edgar and others},\n"
            "  %s,\n  volume = {%d},\n  pages = {%d--%d},\n  year = {%d},\n  month = {%s},\n"
            "  abstract = {We study \\emph{drought} in $%d$ forests --- with care.},\n"
            "  abbr = {J%d},\n  pdf = {paper%04d.pdf},\n  arxiv = {2401.%05d},\n"
            "  doi = {10.1000/test.%d},\n  code = {https://github.com/example/p%d},\n"
            "  bibtex_show = {true},\n  selected = {%s},\n}\n"
            % (kind, i, i % 5, i, venue, i % 40, i, i + 9, 1990 + i % 35, ["jan", "jun", "dec"][i % 3],
               i, i % 9, i, i, i, i, "true" if i % 100 == 0 else "false"))
    return "\n".join(parts)


def make_site(root: Path, entries: int) -> Path:
    content = root / "content"
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "about.md").write_text(
        "---\ntitle: About\nlayout: about\npermalink: /\n---\nHello.\n", encoding="utf-8")
    for n in range(3):
        (content / "pages" / ("page%d.md" % n)).write_text(
            "---\ntitle: Page %d\n---\nSome *text* here.\n" % n, encoding="utf-8")
    if entries:
        (content / "publications").mkdir()
        (content / "publications" / "papers.bib").write_text(make_bib(entries), encoding="utf-8")
    return content


def build(content: Path, output: Path) -> float:
    settings = read_settings(None, override={
        "PATH": str(content), "OUTPUT_PATH": str(output), "THEME": str(ROOT / "theme"),
        "PLUGIN_PATHS": [str(ROOT / "plugins")], "PLUGINS": PLUGINS,
        "SITENAME": "Bench", "SITEURL": "", "AUTHOR": "Ada Lindqvist",
        "PUBLICATIONS_OWNER_LAST_NAMES": ["Lindqvist"], "PUBLICATIONS_MAX_AUTHORS": 5,
        "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False, "TIMEZONE": "UTC",
        "FEED_ALL_ATOM": None, "FEED_ALL_RSS": None,
    })
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        Pelican(settings).run()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", default=str(ROOT), help="where to build (default: the repository)")
    args = parser.parse_args()
    logging.getLogger().setLevel(logging.ERROR)
    from scholar_publications import generator, latex, names

    # Inside the repository's folder, where a real build writes: on some
    # machines /tmp is far slower at creating 1,000 folders.
    with tempfile.TemporaryDirectory(dir=args.dir, prefix=".bench-") as tmp:
        tmp = Path(tmp)
        base = make_site(tmp / "base", 0)
        pubs = make_site(tmp / "pubs", args.entries)
        build(base, tmp / "out-base")  # warm up imports and templates
        first = build(pubs, tmp / "out-first")  # empty output folder: 1,000 new files
        cold, warm, baseline = [], [], []
        for _ in range(args.runs):
            baseline.append(build(base, tmp / "out-base"))
            generator.clear_caches()
            latex._convert.cache_clear()
            names._person_parts.cache_clear()
            names.fold.cache_clear()
            cold.append(build(pubs, tmp / "out-pubs"))  # .bib parsed and converted
            warm.append(build(pubs, tmp / "out-pubs"))  # .bib unchanged: cached
        pages = len(list((tmp / "out-pubs" / "publications").glob("*/index.html")))

    b, c, w = (statistics.median(x) for x in (baseline, cold, warm))
    print("site without publications   : %.3f s (median of %d)" % (b, args.runs))
    print("with %d entries, %d paper pages (medians):" % (args.entries, pages))
    print("  .bib parsed, no caches    : %.3f s  added %.3f s  ratio %.2f" % (c, c - b, c / b))
    print("  .bib unchanged (cached)   : %.3f s  added %.3f s  ratio %.2f" % (w, w - b, w / b))
    print("  first build, empty output : %.3f s  (creating %d folders; disk-bound)" % (first, pages))
    print("target: under 0.5 s added (no caches) -> %s" % ("met" if c - b < 0.5 else "NOT met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
