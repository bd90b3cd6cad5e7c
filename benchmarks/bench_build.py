"""Build-speed benchmark: our theme and plugins against bare Pelican.

    python benchmarks/bench_build.py [--papers 1000] [--posts 500] [--news 200] [--runs 3]

Generates one synthetic site (generate_site.py) and builds it, alternating:
  * "bare":    Pelican's built-in `simple` theme, no plugins (the baseline);
  * "scholar": our theme/ and plugins/, as pelicanconf.py configures them;
  * "scholar, posts only": the same, on the posts alone, which is all that
    bare Pelican builds of this content (it ignores the .bib and the news);
  * "scholar, incremental": with Pelican's content cache warm, after one post
    is touched, in a fresh process (`invoke build` run again);
  * "scholar, regenerate": the same, in the process that built the site
    (what `invoke regenerate` and `invoke livereload` do).
Each build runs in a fresh process (Pelican's signals are process-wide) and
reports wall time and peak memory. Prints a table of medians and ratios
against the baseline measured in the same run (these machines are noisy), and
writes the first section of benchmarks/results.md, with a description of the
machine (the other benchmarks' sections after it are kept).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate_site import generate  # run as a script: its folder is on the path

ROOT = Path(__file__).resolve().parent.parent

# Runs Pelican's command line and reports the process's peak memory on stderr.
CHILD = """
import resource, runpy, sys
sys.argv = ["pelican", *sys.argv[1:]]
try:
    runpy.run_module("pelican", run_name="__main__")
except SystemExit as exit:
    code = exit.code or 0
else:
    code = 0
print("PEAK_RSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


# `invoke regenerate` and livereload keep one Pelican process and run it again
# when a file changes: build once, touch a post, time the second run.
CHILD_REBUILD = """
import logging, sys, time
from pathlib import Path
from pelican import Pelican
from pelican.settings import read_settings
logging.disable(logging.WARNING)
content, settings_path, output, touched = sys.argv[1:5]
settings = read_settings(settings_path, override={"PATH": content, "OUTPUT_PATH": output})
pelican = Pelican(settings)
pelican.run()
Path(touched).write_text(Path(touched).read_text() + "\\nOne more line.\\n")
start = time.perf_counter()
pelican.run()
print("REBUILD_SECONDS", time.perf_counter() - start)
"""


def settings_file(folder: Path, scholar: bool, cache: bool) -> Path:
    lines = ["TIMEZONE = 'UTC'", "SITEURL = 'https://bench.example.org'",
             "FEED_DOMAIN = SITEURL", f"CACHE_CONTENT = {cache}", f"LOAD_CONTENT_CACHE = {cache}",
             f"CACHE_PATH = {str(folder / 'cache')!r}", "AUTHOR = 'Ada Lindqvist'",
             "SITENAME = 'Bench'"]
    if scholar:
        lines += [f"THEME = {str(ROOT / 'theme')!r}", "from pelican_scholar.defaults import *",
                  "AUTHOR_LAST_NAMES = ['Lindqvist']", "AUTHOR_FIRST_NAMES = ['Ada']",
                  "PUBLICATIONS_OWNER_LAST_NAMES = ['Lindqvist']",
                  # A full build starts cold; the incremental ones may use every cache.
                  f"PUBLICATIONS_CACHE = {cache}"]
    else:
        lines += ["THEME = 'simple'", "PLUGINS = []", "ARTICLE_PATHS = ['blog']"]
    path = folder / f"settings-{'scholar' if scholar else 'bare'}-{'cache' if cache else 'nocache'}.py"
    path.write_text("\n".join(lines) + "\n")
    return path


def build(content: Path, settings: Path, output: Path) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", CHILD, str(content), "-s", str(settings),
                             "-o", str(output), "-q"], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed ({settings.name}):\n{result.stdout}\n{result.stderr}")
    peak = next(int(line.split()[1]) for line in result.stderr.splitlines() if line.startswith("PEAK_RSS_KB"))
    return elapsed, peak


def rebuild_in_process(content: Path, settings: Path, output: Path, touched: Path) -> tuple[float, int]:
    result = subprocess.run([sys.executable, "-c", CHILD_REBUILD, str(content), str(settings),
                             str(output), str(touched)], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"rebuild failed:\n{result.stdout}\n{result.stderr}")
    seconds = next(float(line.split()[1]) for line in result.stdout.splitlines()
                   if line.startswith("REBUILD_SECONDS"))
    return seconds, 0


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import pelican

    return (f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}; "
            f"Pelican {pelican.__version__}; {platform.system()} {platform.release()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--news", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="scholar-bench-") as tmp:
        folder = Path(tmp)
        content = generate(folder, args.papers, args.posts, args.news)
        # The same posts without papers and news: what bare Pelican builds too.
        posts_only = generate(folder / "posts-only", 0, args.posts, 0, cv=False)
        bare, scholar = settings_file(folder, False, False), settings_file(folder, True, False)
        cached = settings_file(folder, True, True)
        samples: dict[str, list[tuple[float, int]]] = {"bare": [], "scholar": [], "posts": [],
                                                       "incremental": [], "regenerate": []}
        build(content, bare, folder / "warmup")  # file-system and bytecode caches
        for _ in range(args.runs):
            samples["bare"].append(build(content, bare, folder / "out-bare"))
            samples["scholar"].append(build(content, scholar, folder / "out-scholar"))
            samples["posts"].append(build(posts_only, scholar, folder / "out-posts"))
        build(content, cached, folder / "out-cached")  # fills the content cache
        touched = content / "blog" / "post-0.md"
        for run in range(args.runs):
            touched.write_text(touched.read_text() + f"\nEdit {run}.\n")
            samples["incremental"].append(build(content, cached, folder / "out-cached"))
        for _ in range(args.runs):
            samples["regenerate"].append(rebuild_in_process(content, cached, folder / "out-regen", touched))
        pages = sum(1 for _ in (folder / "out-scholar").rglob("*.html"))

    median = {name: statistics.median(t for t, _ in runs) for name, runs in samples.items()}
    peak = {name: max(m for _, m in runs) / 1024 for name, runs in samples.items()}
    peak["regenerate"] = float("nan")  # measured in a process that also did the first build
    rows = [
        ("bare Pelican, `simple` theme, no plugins", median["bare"], 1.0, peak["bare"]),
        ("Pelican Scholar, full build", median["scholar"], median["scholar"] / median["bare"], peak["scholar"]),
        ("Pelican Scholar, the same posts only (no papers, no news)", median["posts"],
         median["posts"] / median["bare"], peak["posts"]),
        ("Pelican Scholar, one post touched (cache warm)", median["incremental"],
         median["incremental"] / median["bare"], peak["incremental"]),
        ("Pelican Scholar, `regenerate`: same process, one post touched", median["regenerate"],
         median["regenerate"] / median["bare"], float("nan")),
    ]
    table = ["| build | median wall time (s) | ratio to bare | peak memory (MiB) |",
             "| --- | ---: | ---: | ---: |"]
    table += [f"| {name} | {seconds:.2f} | {ratio:.2f} | {'' if memory != memory else f'{memory:.0f}'} |"
              for name, seconds, ratio, memory in rows]
    summary = (f"Site: {args.papers} papers, {args.posts} posts, {args.news} news items "
               f"({pages} HTML pages written by Pelican Scholar); median of {args.runs} runs, "
               "each build a fresh process (times include interpreter start-up).")
    report = "\n".join(["# Build benchmark", "", f"Machine: {machine()}", "", summary, "", *table, "",
                        "Goals (issue 4): ratio ≤ 1.3; full build < 3 s on 2 cores; incremental < 0.5 s.",
                        "Regenerate with `python benchmarks/bench_build.py`.", ""])
    print(report)
    # The file's first part is this script's; the sections after it (`## …`)
    # are written by the other benchmarks and kept as they are.
    previous = args.results.read_text(encoding="utf-8") if args.results.exists() else ""
    others = previous[previous.find("\n## ") + 1:] if "\n## " in previous else ""
    args.results.write_text(report + ("\n" + others if others else ""), encoding="utf-8")


if __name__ == "__main__":
    main()
