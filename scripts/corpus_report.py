#!/usr/bin/env python3
"""Render every real BibTeX file of ../shared/corpus/bib/ and report.

For each file: entries in (entries the file declares, counted by their
``@type{`` lines), entries rendered (elements with the key's id on the
publications page), warnings logged, and leftovers: LaTeX commands or braces
in the text of the publications page and the paper pages (math and the
BibTeX view excluded; braces counted in visible text only), and LaTeX
commands in <title> and citation_* meta tags. Exits 1 if an entry is lost or anything is left
over; 0 with a note when the corpus is absent.

    .venv/bin/python scripts/corpus_report.py [CORPUS_DIR]
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bib"

from bs4 import BeautifulSoup  # noqa: E402
from pelican import Pelican  # noqa: E402
from pelican.settings import read_settings  # noqa: E402
from pelican_scholar import defaults  # noqa: E402

# An entry starts a line, or follows the closing brace of the one before.
_DECLARED = re.compile(r"(?:^|\})[ \t]*@[ \t]*([A-Za-z][\w:.+-]*)\s*[{(]", re.M)
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+|\\[^A-Za-z\s]")
_NOT_ENTRIES = {"string", "comment", "preamble"}


@dataclass
class FileReport:
    name: str
    entries_in: int = 0
    rendered: int = 0
    warnings: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _leftovers(html: str, where: str) -> list[str]:
    soup = BeautifulSoup(html, "lxml")
    main = soup.find("main") or soup
    for tag in main.select(".math, pre, code, script, style"):
        tag.decompose()
    found = []
    text = main.get_text(" ")
    for match in _LATEX_COMMAND.finditer(text):
        found.append("%s: %r in %r" % (where, match.group(0), text[max(0, match.start() - 30): match.end() + 30]))
    # Braces: visible text only. Hidden text (accessible names) holds the
    # plain-text form of formulas, where "{" can be a real set brace (\{).
    for tag in main.select(".visually-hidden"):
        tag.decompose()
    text = main.get_text(" ")
    for match in re.finditer(r"[{}]", text):
        found.append("%s: brace in %r" % (where, text[max(0, match.start() - 30): match.end() + 30]))
    for name in ("title", "meta"):
        for tag in soup.find_all(name):
            value = tag.get_text() if name == "title" else tag.get("content", "")
            if name == "meta" and not (tag.get("name", "") or "").startswith("citation_"):
                continue
            if _LATEX_COMMAND.search(value) and "$" not in value:
                found.append("%s: LaTeX in <%s>: %r" % (where, name, value[:80]))
    return found


def report_file(bib: Path, workdir: Path) -> FileReport:
    report = FileReport(bib.name)
    text = bib.read_text(encoding="utf-8", errors="replace")
    keys = [m for m in _DECLARED.finditer(text) if m.group(1).lower() not in _NOT_ENTRIES]
    report.entries_in = len(keys)

    content = workdir / "content"
    (content / "publications").mkdir(parents=True)
    shutil.copy(bib, content / "publications" / bib.name)
    settings = read_settings(None, override={
        "PATH": str(content),
        "OUTPUT_PATH": str(workdir / "output"),
        "THEME": str(ROOT / "theme"),
        **defaults.as_dict(),
        "SITENAME": "Corpus",
        "SITEURL": "https://example.org",
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "TIMEZONE": "UTC",
        "FEED_ALL_ATOM": None,
        "FEED_ALL_RSS": None,
        "PUBLICATIONS_BIBTEX": "always",
        "PUBLICATIONS_MAX_AUTHORS": 5,
    })
    collect = _Collect()
    plugin_logger = logging.getLogger("pelican_scholar.publications")
    plugin_logger.addHandler(collect)
    generator_logger = logging.getLogger("pelican_scholar.publications.generator")
    if hasattr(generator_logger, "disable_filter"):
        generator_logger.disable_filter()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            Pelican(settings).run()
    finally:
        plugin_logger.removeHandler(collect)
    report.warnings = collect.messages

    output = workdir / "output" / "publications"
    page = (output / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "lxml")
    report.rendered = len(soup.select("article.pub[id]"))
    report.leftovers.extend(_leftovers(page, "publications/"))
    for paper in sorted(output.glob("*/index.html")):
        report.leftovers.extend(_leftovers(paper.read_text(encoding="utf-8"),
                                           "publications/%s/" % paper.parent.name))
    return report


def run(corpus: Path, verbose: bool = True) -> list[FileReport]:
    reports = []
    logging.getLogger("pelican").setLevel(logging.ERROR)
    for bib in sorted(corpus.glob("*.bib")):
        with tempfile.TemporaryDirectory() as workdir:
            reports.append(report_file(bib, Path(workdir)))
    if verbose:
        # The corpus comes without its PDFs and preview images: warnings about
        # those files are counted apart from the warnings about the entries.
        def missing(r):
            return sum("is not in content/" in w for w in r.warnings)

        print("%-52s %6s %8s %8s %9s %13s" % ("file", "in", "rendered", "warnings", "leftovers",
                                              "missing files"))
        for r in reports:
            print("%-52s %6d %8d %8d %9d %13d" % (r.name[:52], r.entries_in, r.rendered,
                                                  len(r.warnings) - missing(r), len(r.leftovers),
                                                  missing(r)))
        totals = (sum(r.entries_in for r in reports), sum(r.rendered for r in reports),
                  sum(len(r.warnings) - missing(r) for r in reports),
                  sum(len(r.leftovers) for r in reports), sum(missing(r) for r in reports))
        print("%-52s %6d %8d %8d %9d %13d" % ("TOTAL (%d files)" % len(reports), *totals))
        for r in reports:
            for item in r.leftovers[:20]:
                print("leftover:", r.name, item)
    return reports


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else DEFAULT_CORPUS
    if not corpus.is_dir():
        print("corpus_report: %s is absent; skipped." % corpus)
        return 0
    reports = run(corpus)
    lost = [r.name for r in reports if r.rendered < r.entries_in]
    left = [r.name for r in reports if r.leftovers]
    if lost or left:
        print("FAILED: entries lost in %s; leftovers in %s" % (lost, left))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
