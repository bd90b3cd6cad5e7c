"""A build with much to do uses a second core: it reads half of many posts and
pages there, and writes the paper pages there. It gives the same site, the same
warnings and the same strict-mode failure as a build on one core. The CV's PDF
and the math font are made in a copy of the build, so that what Typst and
fontTools load does not stay in its memory.

Each build runs in a new process, as `./dev build` does: the copy is forked only
from a process that does not run V8 yet, which this test process may.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import differences, write_files

ROOT = Path(__file__).resolve().parent.parent

# Builds the site in this process with the second core's threshold lowered to
# two files, and prints the warnings logged, the error if any, and whether a
# child process did work.
DRIVER = """
import json, logging, resource, sys
from pelican import Pelican
from pelican.settings import read_settings
from pelican_scholar import defaults
from pelican_scholar import second_writer
from pelican_scholar.frontmatter import second_core

second_core.MINIMUM_FILES = 2
second_writer.MINIMUM_PAGES = 2
theme, content, output, cache, parallel, strict = sys.argv[1:]
warnings = []

class Keep(logging.Handler):
    def emit(self, record):
        warnings.append(record.getMessage())

class Note(logging.Handler):
    def emit(self, record):
        notes.append(record.getMessage())

notes = []
logging.getLogger().addHandler(Keep(level=logging.WARNING))
logging.getLogger("pelican_scholar.second_writer").setLevel(logging.DEBUG)
logging.getLogger("pelican_scholar.second_writer").addHandler(Note(level=logging.DEBUG))
override = {**defaults.as_dict(), "THEME": theme, "TIMEZONE": "UTC", "SITENAME": "Ada",
            "AUTHOR": "Ada Lindqvist", "SITEURL": "https://scholar.example.org",
            "PATH": content, "OUTPUT_PATH": output, "CACHE_PATH": cache,
            "PARALLEL_BUILD": parallel == "1", "STRICT": strict == "1"}
error = None
try:
    Pelican(read_settings(None, override=override)).run()
except BaseException as exception:  # strict mode stops the build with SystemExit
    error = type(exception).__name__
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"warnings": warnings, "error": error, "notes": notes,
                  "child_cpu": children.ru_utime + children.ru_stime,
                  "loaded": sorted(name for name in ("typst", "fontTools.subset") if name in sys.modules)}))
"""

POST = """---
title: Post {n}
date: 2025-01-{n:02d}
tags: [trees, rings]
---
Rings record "droughts" -- and $\\sum_{{i=1}}^{{{n}}} x_i$ grows... {extra}

```python
def ring(n):
    return n + {n}
```
"""


# A formula in a title: the paper pages give the math font their characters too.
BIB = "\n".join(f"@article{{paper{n}, title={{Ring width $\\omega_{{{n}}}$ and drought}}, "
                f"author={{Lindqvist, Ada}}, journal={{Ecology}}, year={{20{10 + n}}}}}" for n in range(6))


def site_files(posts: int) -> dict[str, str]:
    files = {f"blog/post-{n}.md": POST.format(n=n, extra="") for n in range(1, posts + 1)}
    # Problems the reader names: a formula Temml refuses, a date that is not one,
    # a heading that skips a level.
    files["blog/post-2.md"] = POST.format(n=2, extra="A broken formula: $\\frac{1}{$.")
    files["blog/post-5.md"] = POST.format(n=5, extra="").replace("date: 2025-01-05", "date: next tuesday")
    files[f"blog/post-{posts}.md"] = POST.format(n=posts, extra="\n\n#### Too deep\n")
    files["pages/about.md"] = "---\ntitle: About\n---\nI study *trees*.\n"
    files["pages/notes.md"] = "---\ntitle: Notes\n---\nNotes, \"quoted\".\n"
    files["publications/papers.bib"] = BIB
    files["data/cv.yml"] = "- title: Education\n  type: time_table\n  contents:\n    - title: PhD\n      year: 2019\n"
    return files


def build(tmp_path: Path, name: str, content: Path, parallel: bool, strict: bool = False) -> dict:
    folder = tmp_path / name
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(ROOT / "theme"), str(content), str(folder / "output"), str(folder / "cache"),
         "1" if parallel else "0", "1" if strict else "0"],
        capture_output=True, text=True, cwd=ROOT, check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")})
    report = json.loads(result.stdout.strip().splitlines()[-1])
    report["output"] = folder / "output"
    return report


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the second core is used on Linux only")


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("second-core") / "content"
    write_files(folder, site_files(12))
    return folder


def test_the_second_core_gives_byte_for_byte_the_site_one_core_gives(tmp_path, content):
    one = build(tmp_path, "one-core", content, parallel=False)
    two = build(tmp_path, "two-cores", content, parallel=True)
    assert one["child_cpu"] < 0.05 <= two["child_cpu"], "the second core did none of the reading"
    assert (two["output"] / "blog/2025/post-12/index.html").is_file()
    assert (two["output"] / "publications/paper3/index.html").is_file()
    assert "PublicationsGenerator: 7 pages written on a second core." in two["notes"]
    assert differences(one["output"], two["output"]) == []


def test_the_cv_pdf_and_the_math_font_are_made_in_a_copy_that_takes_typst_and_fonttools_with_it(
        tmp_path, content):
    one = build(tmp_path, "one-core", content, parallel=False)
    two = build(tmp_path, "two-cores", content, parallel=True)
    assert one["loaded"] == ["fontTools.subset", "typst"]
    assert two["loaded"] == []
    assert (two["output"] / "cv/cv.pdf").read_bytes() == (one["output"] / "cv/cv.pdf").read_bytes()
    assert (two["output"] / "theme/fonts/math.woff2").is_file()


def test_the_files_read_on_the_second_core_warn_once_each_as_on_one_core(tmp_path, content):
    one = build(tmp_path, "one-core", content, parallel=False)
    two = build(tmp_path, "two-cores", content, parallel=True)
    named = [warning for warning in one["warnings"] if "post-" in warning]
    assert any("post-2.md" in warning for warning in named)
    assert any("post-5.md" in warning for warning in named)
    assert any("post-12.md" in warning for warning in named)
    # (Pelican reads files in an order that changes from one process to the next.)
    assert sorted(two["warnings"]) == sorted(one["warnings"])


def test_strict_mode_fails_on_a_warning_read_on_the_second_core(tmp_path, content):
    two = build(tmp_path, "two-cores", content, parallel=True, strict=True)
    assert two["error"] == "StrictModeError"
    assert two["child_cpu"] >= 0.05
