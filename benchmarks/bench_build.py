"""Build-speed benchmark: our theme and plugins against bare Pelican.

    python benchmarks/bench_build.py [--papers 1000] [--posts 500] [--news 200] [--runs 3]

Generates one synthetic site (generate_site.py) and builds it:
  * "bare":    Pelican's built-in `simple` theme, no plugins (the baseline);
  * "scholar": our theme/ and plugins/, as pelicanconf.py configures them,
    into an empty output/ and without the content cache;
  * "scholar, posts only": the same, on the posts alone, which is all that
    bare Pelican builds of this content (it ignores the .bib and the news);
  * incremental, fresh process: with every cache warm, after one post, one
    .bib entry or the newest news item is edited (`./dev build` run again);
  * incremental, same process: the same edits, each followed by another run
    of the Pelican that built the site (`./dev livereload`, `regenerate`),
    timed on the second rebuild of a new process;
  * bare Pelican after the post edit, with its content cache on, in a fresh
    process and in the same one: what Pelican itself costs for that rebuild
    (it writes every page again).
Builds run in fresh processes (Pelican's signals are process-wide) and
report wall time and peak memory. Prints a table of medians and ratios
against the baseline measured in the same run (these machines are noisy:
trust the ratios), and writes the first section of benchmarks/results.md,
with a description of the machine (the other benchmarks' sections after it
are kept). `--note` adds a sentence about the machine's load.
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

from generate_site import edit, generate  # run as a script: its folder is on the path

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
usage = resource.getrusage(resource.RUSAGE_SELF)
copies = resource.getrusage(resource.RUSAGE_CHILDREN)  # the second core's copies (PARALLEL_BUILD)
print("PEAK_RSS_KB", usage.ru_maxrss, usage.ru_utime + usage.ru_stime + copies.ru_utime + copies.ru_stime,
      copies.ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


# `invoke regenerate` and livereload keep one Pelican process and run it again
# when a file changes: build once, then for each run and each kind of edit,
# edit and time the next run. Prints the times and the peak memory.
CHILD_REBUILD = """
import logging, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from generate_site import edit
from pelican import Pelican
from pelican.settings import read_settings
logging.disable(logging.WARNING)
content, settings_path, output, runs, first_edit, *kinds = sys.argv[2:]
settings = read_settings(settings_path, override={"PATH": content, "OUTPUT_PATH": output})
pelican = Pelican(settings)
pelican.run()
for run in range(int(runs)):
    for kind in kinds:
        edit(Path(content), kind, int(first_edit) + run)
        start, cpu = time.perf_counter(), time.process_time()
        pelican.run()
        print("REBUILD", kind, time.perf_counter() - start, time.process_time() - cpu)
print("PEAK_RSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

EDITS = {"post": "one post edited", "bib": "one .bib entry edited", "news": "one news item (on the about page) edited"}


def settings_file(folder: Path, scholar: bool, cache: bool, parallel: bool = True) -> Path:
    # Pelican names its cache files after its generators: bare Pelican's are kept apart.
    cache_path = folder / ("cache" if scholar else "cache-bare")
    lines = ["TIMEZONE = 'UTC'", "SITEURL = 'https://bench.example.org'",
             "FEED_DOMAIN = SITEURL", f"CACHE_PATH = {str(cache_path)!r}", "AUTHOR = 'Ada Lindqvist'",
             "SITENAME = 'Bench'"]
    # After the defaults (which turn the content cache on), so that a full build is cold.
    caches = [f"CACHE_CONTENT = {cache}", f"LOAD_CONTENT_CACHE = {cache}"]
    if scholar:
        lines += [f"THEME = {str(ROOT / 'theme')!r}", "from pelican_scholar.defaults import *", *caches,
                  "AUTHOR_LAST_NAMES = ['Lindqvist']", "AUTHOR_FIRST_NAMES = ['Ada']",
                  "PUBLICATIONS_OWNER_LAST_NAMES = ['Lindqvist']",
                  # A full build starts cold; the incremental ones may use every cache.
                  f"PUBLICATIONS_CACHE = {cache}", f"PARALLEL_BUILD = {parallel}"]
    else:
        lines += [*caches, "THEME = 'simple'", "PLUGINS = []", "ARTICLE_PATHS = ['blog']"]
    path = folder / (f"settings-{'scholar' if scholar else 'bare'}-{'cache' if cache else 'nocache'}"
                     f"{'' if parallel else '-one-core'}.py")
    path.write_text("\n".join(lines) + "\n")
    return path


def build(content: Path, settings: Path, output: Path) -> tuple[float, int, float, int]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", CHILD, str(content), "-s", str(settings),
                             "-o", str(output), "-q"], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build failed ({settings.name}):\n{result.stdout}\n{result.stderr}")
    peak, cpu, copy = next(line.split()[1:4] for line in result.stderr.splitlines()
                           if line.startswith("PEAK_RSS_KB"))
    return elapsed, int(peak), float(cpu), int(copy)


def rebuild_in_process(content: Path, settings: Path, output: Path, runs: int,
                       kinds: tuple[str, ...] = tuple(EDITS),
                       first_edit: int = 100) -> dict[str, list[tuple[float, int, float, int]]]:
    """Build once in a new process, then edit and run the same Pelican again, `runs`
    times each kind; edits are numbered from `first_edit` (each one a new text)."""
    result = subprocess.run([sys.executable, "-c", CHILD_REBUILD, str(Path(__file__).parent), str(content),
                             str(settings), str(output), str(runs), str(first_edit), *kinds],
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"rebuild failed:\n{result.stdout}\n{result.stderr}")
    lines = [line.split() for line in result.stdout.splitlines()]
    peak = next(int(line[1]) for line in lines if line and line[0] == "PEAK_RSS_KB")
    times: dict[str, list[tuple[float, int, float, int]]] = {kind: [] for kind in kinds}
    for line in lines:
        if line and line[0] == "REBUILD":
            times[line[1]].append((float(line[2]), peak, float(line[3]), 0))
    return times


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
    parser.add_argument("--note", default="", help="a sentence about the machine's load, for results.md")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="scholar-bench-") as tmp:
        folder = Path(tmp)
        content = generate(folder, args.papers, args.posts, args.news)
        # The same posts without papers and news: what bare Pelican builds too.
        posts_only = generate(folder / "posts-only", 0, args.posts, 0, cv=False)
        bare, scholar = settings_file(folder, False, False), settings_file(folder, True, False)
        one_core = settings_file(folder, True, False, parallel=False)
        cached, bare_cached = settings_file(folder, True, True), settings_file(folder, False, True)
        samples: dict[str, list[tuple[float, int, float, int]]] = {"bare": [], "scholar": [], "posts": [],
                                                                   "one-core": []}
        build(content, bare, folder / "warmup")  # file-system and bytecode caches
        for run in range(args.runs):
            # Full builds into an empty output/: every page is written.
            samples["bare"].append(build(content, bare, folder / f"out-bare-{run}"))
            samples["scholar"].append(build(content, scholar, folder / f"out-scholar-{run}"))
            samples["one-core"].append(build(content, one_core, folder / f"out-one-core-{run}"))
            samples["posts"].append(build(posts_only, scholar, folder / f"out-posts-{run}"))
        build(content, cached, folder / "out-cached")  # fills the caches
        build(content, bare_cached, folder / "out-bare-cached")  # fills bare Pelican's cache
        for name in ("bare-fresh-post", "bare-same-post", *(f"{way}-{kind}" for way in ("fresh", "same")
                                                            for kind in EDITS)):
            samples[name] = []
        for run in range(args.runs):
            # Ours and bare Pelican's in each round: the host's speed drifts over minutes.
            for kind in EDITS:
                edit(content, kind, run)
                samples[f"fresh-{kind}"].append(build(content, cached, folder / "out-cached"))
            edit(content, "post", 100 + run)
            samples["bare-fresh-post"].append(build(content, bare_cached, folder / "out-bare-cached"))
            # In a new process each round, the second of two rebuilds: as a writing session goes on.
            # Into the same output/ as `./dev build`: the content cache's key includes OUTPUT_PATH.
            for kind, runs in rebuild_in_process(content, cached, folder / "out-cached", 2,
                                                 first_edit=200 + 2 * run).items():
                samples[f"same-{kind}"].append(runs[-1])
            samples["bare-same-post"].append(rebuild_in_process(
                content, bare_cached, folder / "out-bare-cached", 2, ("post",), first_edit=300 + 2 * run)["post"][-1])
        pages = sum(1 for _ in (folder / "out-scholar-0").rglob("*.html"))

    median = {name: statistics.median(t for t, _, _, _ in runs) for name, runs in samples.items()}
    cpu = {name: statistics.median(c for _, _, c, _ in runs) for name, runs in samples.items()}
    peak = {name: max(m for _, m, _, _ in runs) / 1024 for name, runs in samples.items()}
    copy_peak = {name: max(c for _, _, _, c in runs) / 1024 for name, runs in samples.items()}
    rows = [("bare Pelican, `simple` theme, no plugins", "bare"),
            ("Pelican Scholar, full build", "scholar"),
            ("Pelican Scholar, full build on one core (`PARALLEL_BUILD = False`)", "one-core"),
            ("Pelican Scholar, the same posts only (no papers, no news)", "posts")]
    rows += [(f"{what}: fresh process (`./dev build`), caches warm", f"fresh-{kind}") for kind, what in EDITS.items()]
    rows += [(f"{what}: same process (`./dev livereload`, `regenerate`)", f"same-{kind}")
             for kind, what in EDITS.items()]
    rows += [("bare Pelican, one post edited: fresh process, its content cache on", "bare-fresh-post"),
             ("bare Pelican, one post edited: same process (`pelican -r`)", "bare-same-post")]
    table = ["| build | median wall time (s) | ratio to bare | median CPU time (s) | CPU ratio to bare "
             "| peak memory (MiB) | the second core's copy (MiB) |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    table += [f"| {name} | {median[key]:.2f} | {median[key] / median['bare']:.2f} | {cpu[key]:.2f} "
              f"| {cpu[key] / cpu['bare']:.2f} | {peak[key]:.0f} | {copy_peak[key]:.0f} |" for name, key in rows]
    summary = (f"Site: {args.papers} papers, {args.posts} posts, {args.news} news items "
               f"({pages} HTML pages written by Pelican Scholar); median of {args.runs} rounds, each "
               "measuring every row once, bare Pelican's included (the host's speed drifts). Full and "
               "fresh-process builds each run in a new process and include interpreter start-up; their CPU "
               "time includes the copies a build forks to use the second core (`PARALLEL_BUILD`), and the "
               "last column is the largest copy's peak (its pages are mostly shared with the build's); "
               "same-process rebuilds time `Pelican.run()` alone (the second rebuild of a new process, "
               "as a session goes on), and their memory is that process's peak (first build included); "
               "the CV's PDF and the math font are made in short-lived copies, counted in the last column.")
    goals = [
        f"- Incremental < 0.5 s: one post {median['same-post']:.2f} s in the same process "
        f"(CPU {cpu['same-post']:.2f} s), {median['fresh-post']:.2f} s in a fresh one (CPU {cpu['fresh-post']:.2f} s) "
        f"({'met' if max(median['same-post'], median['fresh-post']) < 0.5 else 'missed'}); bare Pelican's own "
        f"rebuild after that edit: {median['bare-same-post']:.2f} s in the same process, "
        f"{median['bare-fresh-post']:.2f} s in a fresh one.",
        f"- Full build of the same posts ≤ 1.3× bare Pelican: {median['posts'] / median['bare']:.2f}× "
        f"(CPU {cpu['posts'] / cpu['bare']:.2f}×) "
        f"({'met' if median['posts'] / median['bare'] <= 1.3 else 'missed'}).",
        f"- Whole benchmark site < 2 s: {median['scholar']:.2f} s (CPU {cpu['scholar']:.2f} s) "
        f"({'met' if median['scholar'] < 2 else 'missed'}).",
        f"- Memory < 150 MB: {max(peak.values()):.0f} MiB at most, {max(copy_peak.values()):.0f} MiB in a copy "
        f"on the second core ({'met' if max(peak.values()) < 150 else 'missed'}).",
    ]
    report = "\n".join(["# Build benchmark", "", f"Machine: {machine()}", *([args.note] if args.note else []),
                        "", summary, "", *table, "", "Goals (issue 13):", *goals, "",
                        "Regenerate with `python benchmarks/bench_build.py`.", ""])
    print(report)
    # The file's first part is this script's; the sections after it (`## …`)
    # are written by the other benchmarks and kept as they are.
    previous = args.results.read_text(encoding="utf-8") if args.results.exists() else ""
    others = previous[previous.find("\n## ") + 1:] if "\n## " in previous else ""
    args.results.write_text(report + ("\n" + others if others else ""), encoding="utf-8")


if __name__ == "__main__":
    main()
