"""Real al-folio math posts (../shared/corpus/posts): every formula converts, every reference resolves.

The converter is Temml itself, the oracle issue 9 compares against, so the
comparison formula by formula reduces to this: Temml reads every formula
(no warning), and no TeX is left on the page outside code.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

# ../shared beside the repository (CI), or beside the folder of a git worktree.
CORPUS = next((folder / "shared" / "corpus" / "posts" for folder in Path(__file__).resolve().parents[2:4]
               if (folder / "shared" / "corpus" / "posts").is_dir()), Path("missing"))
POSTS = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".md", ".markdown")) if CORPUS.is_dir() else []
# TeX a reader should never see outside code.
RAW_TEX = re.compile(r"\$\$|\\begin\{|\\end\{|\\eqref|\\label|\\frac|\\mathbf|\\\(|\\\[")
# Where we knowingly differ from MathJax: `$ \mathbf{v} \in V$` opens with a
# space, which we read as a dollar sign (so that "$5 and $ 10" stays money).
KNOWN_RAW = ["measure-theory: \\mathbf"]
DATED = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}-")


@pytest.mark.skipif(not POSTS, reason="the corpus (../shared/corpus/posts) is not here")
def test_every_formula_of_the_corpus_posts_converts_with_no_warning(build_site, tmp_path):
    logging.getLogger("pelican_scholar.math.math").disable_filter()
    files = {}
    for index, path in enumerate(POSTS):
        name = path.name.split("__", 1)[-1]
        if not DATED.match(name):
            name = f"2024-01-{index + 1:02d}-{name}"
        files[f"blog/{Path(name).stem.replace(' ', '-')}.md"] = path.read_text(encoding="utf-8")
    site = build_site(files)
    math_warnings = [record.getMessage() for record in site.records
                     if record.name.startswith("pelican_scholar.math") and record.levelno >= logging.WARNING]
    assert math_warnings == []
    formulas, raw, links, unlinked = 0, [], 0, []
    for page in (site.output / "blog").rglob("index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        prose = soup.select_one(".prose")
        if prose is None:
            continue
        formulas += len(prose.select("math"))
        for link in prose.select("a.eqref[href]"):
            links += 1
            if soup.find(id=link["href"][1:]) is None:
                unlinked.append(f"{page.parent.name}: {link['href']}")
        for element in prose.select("code, pre, script, style, math"):
            element.decompose()
        raw += [f"{page.parent.name}: {found}" for found in RAW_TEX.findall(prose.get_text(" "))]
    assert formulas > 2000
    assert raw == KNOWN_RAW
    assert links > 20 and unlinked == []  # every \\eqref leads to its equation
