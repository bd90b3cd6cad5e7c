#!/usr/bin/env python3
"""How much 1,000 publications, each with its own page, add to a build.

Builds the same small site without and with a .bib of 1,000 generated
entries, several times each, in three ways, and prints a table of median
times, the time added and the ratio:

  fresh process, no cache     a new Python process parses and builds the .bib
                              (``pelican`` run once, CACHE_CONTENT off)
  fresh process, disk cache   a new process finds the parsed .bib under
                              CACHE_PATH (PUBLICATIONS_CACHE on, file unchanged)
  same process                the .bib is unchanged and already in memory
                              (``pelican -r``, livereload)

Times are of the build itself (``Pelican(settings).run()``: plugins, reading,
templates, writing), not of starting Python. Every build writes into an
output folder that already exists; the time spent opening and writing
files, which depends on the disk more than on our code, is shown apart,
and so is a first build into an empty folder. The target is under 0.5 s
added. Timings, no assertions: run it by hand or in CI for the numbers.

    .venv/bin/python benchmarks/bench_publications.py [--entries 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from pelican import Pelican  # noqa: E402
from pelican import writers  # noqa: E402
from pelican.settings import read_settings  # noqa: E402
from pelican_scholar import defaults  # noqa: E402

TARGET = 0.5  # seconds added, at most


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


class _WriteTimer:
    """Time spent opening, writing and closing output files."""

    def __init__(self):
        self.seconds = 0.0
        self._open = writers.Writer._open_w
        timer = self

        class Timed:
            def __init__(self, file, start):
                self.file, self.start = file, start

            def __enter__(self):
                return self.file.__enter__()

            def __exit__(self, *exc):
                result = self.file.__exit__(*exc)
                timer.seconds += time.perf_counter() - self.start
                return result

        def open_w(writer, *args, **kwargs):
            start = time.perf_counter()
            return Timed(timer._open(writer, *args, **kwargs), start)

        writers.Writer._open_w = open_w


_TIMER: _WriteTimer | None = None


def build(content: Path, output: Path, cache: Path | None = None) -> tuple[float, float]:
    """Build once: ``(seconds, of which writing files)``."""
    global _TIMER
    if _TIMER is None:
        _TIMER = _WriteTimer()
    settings = read_settings(None, override={
        "PATH": str(content), "OUTPUT_PATH": str(output), "THEME": str(ROOT / "theme"),
        **defaults.as_dict(),
        "SITENAME": "Bench", "SITEURL": "", "AUTHOR": "Ada Lindqvist",
        "PUBLICATIONS_OWNER_LAST_NAMES": ["Lindqvist"], "PUBLICATIONS_MAX_AUTHORS": 5,
        # Only the publications cache differs between the modes: Pelican's
        # own content cache would also speed up the site without them.
        "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False,
        "PUBLICATIONS_CACHE": cache is not None,
        "CACHE_PATH": str(cache or output.parent / "no-cache"), "TIMEZONE": "UTC",
        "FEED_ALL_ATOM": None, "FEED_ALL_RSS": None,
    })
    _TIMER.seconds = 0.0
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        Pelican(settings).run()
    return time.perf_counter() - start, _TIMER.seconds


def build_in_new_process(content: Path, output: Path, cache: Path | None = None) -> tuple[float, float]:
    command = [sys.executable, __file__, "--child", str(content), str(output)]
    if cache is not None:
        command.append(str(cache))
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    return tuple(json.loads(result.stdout.strip().splitlines()[-1]))


def child(args: list[str]) -> int:
    logging.getLogger().setLevel(logging.ERROR)
    content, output, *cache = args
    print(json.dumps(build(Path(content), Path(output), Path(cache[0]) if cache else None)))
    return 0


def median_runs(runs: int, step) -> tuple[float, float]:
    results = [step() for _ in range(runs)]
    return (statistics.median(r[0] for r in results), statistics.median(r[1] for r in results))


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        return child(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", default=str(ROOT), help="where to build (default: the repository)")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results-publications.md",
                        help="where to write the table as Markdown")
    args = parser.parse_args()
    logging.getLogger().setLevel(logging.ERROR)
    from pelican_scholar.publications import generator

    rows = []
    # Inside the repository's folder, where a real build writes: on some
    # machines /tmp is far slower at creating 1,000 folders.
    with tempfile.TemporaryDirectory(dir=args.dir, prefix=".bench-") as tmp:
        tmp = Path(tmp)
        base = make_site(tmp / "base", 0)
        pubs = make_site(tmp / "pubs", args.entries)
        base_out, pubs_out, cache = tmp / "out-base", tmp / "out-pubs", tmp / "cache"
        build(base, base_out)  # warm up imports and the output folders
        first = build(pubs, pubs_out)[0]  # empty output folder: 1,000 new folders
        pages = len(list((pubs_out / "publications").glob("*/index.html")))

        fresh_base = median_runs(args.runs, lambda: build_in_new_process(base, base_out))
        rows.append(("fresh process, no cache", fresh_base,
                     median_runs(args.runs, lambda: build_in_new_process(pubs, pubs_out))))
        build_in_new_process(pubs, pubs_out, cache)  # fills the disk cache
        rows.append(("fresh process, disk cache", fresh_base,
                     median_runs(args.runs, lambda: build_in_new_process(pubs, pubs_out, cache))))
        generator.clear_caches()
        build(pubs, pubs_out)  # the .bib is now in this process's memory
        rows.append(("same process", median_runs(args.runs, lambda: build(base, base_out)),
                     median_runs(args.runs, lambda: build(pubs, pubs_out))))

    lines = ["# Publications benchmark", "",
             "%d entries, %d paper pages; medians of %d builds; seconds (`python %s`)."
             % (args.entries, pages, args.runs, "benchmarks/bench_publications.py"), "",
             "| build | without | with | added | ratio | of which writing files | added < %.1f s |"
             % TARGET, "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name, (b, b_write), (p, p_write) in rows:
        lines.append("| %s | %.3f | %.3f | %.3f | %.1fx | %.3f | %s |"
                     % (name, b, p, p - b, p / b, p_write - b_write, "yes" if p - b < TARGET else "no"))
    lines += ["", "First build into an empty output folder (same process): %.3f s." % first,
              "\"Of which writing files\": the part of \"added\" spent opening and writing the "
              "%d files, which depends on the disk more than on our code." % (pages + 1), ""]
    report = "\n".join(lines)
    print(report)
    args.results.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
