"""What the site services add to a build: related posts and search indexing.

    .venv/bin/python benchmarks/bench_services.py [--papers 1000] [--posts 500] [--news 200] [--runs 3]

Generates the benchmark site (generate_site.py) and builds it in fresh
processes with related posts and search on, timing the two steps inside the
build: choosing related posts for every post (goal: under 0.1 s for 500
posts) and Pagefind indexing the written site (goal: under 0.5 s). Reports
medians and writes benchmarks/results-services.md. Timings, no assertions.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import machine  # noqa: E402
from generate_site import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# One build in this process, with the two steps wrapped in timers.
CHILD = """
import logging, resource, sys, time
from pelican import Pelican
from pelican.settings import read_settings
from pelican_scholar import defaults
from pelican_scholar.related import related
from pelican_scholar.search import search

logging.disable(logging.WARNING)
timings = {}

def cpu():
    # This process's CPU time and its children's (Pagefind runs as a child).
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

def timed(name, function):
    def wrapper(*args, **kwargs):
        start, start_cpu = time.perf_counter(), cpu()
        try:
            return function(*args, **kwargs)
        finally:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - start
            timings[name + "-cpu"] = timings.get(name + "-cpu", 0.0) + cpu() - start_cpu
    return wrapper

related.add_related_posts = timed("related", related.add_related_posts)
search.index_site = timed("search", search.index_site)
content, output, cache = sys.argv[1:4]
settings = {**defaults.as_dict(), "PATH": content, "OUTPUT_PATH": output, "CACHE_PATH": cache,
            "THEME": sys.argv[4], "TIMEZONE": "UTC", "SITEURL": "https://bench.example.org",
            "FEED_DOMAIN": "https://bench.example.org", "AUTHOR": "Ada Lindqvist",
            "SITENAME": "Bench", "AUTHOR_LAST_NAMES": ["Lindqvist"], "AUTHOR_FIRST_NAMES": ["Ada"],
            "SEARCH_ENABLED": True, "RELATED_BLOG_POSTS": True, "PUBLICATIONS_CACHE": False}
start, start_cpu = time.perf_counter(), cpu()
Pelican(read_settings(None, override=settings)).run()
timings["build"] = time.perf_counter() - start
timings["build-cpu"] = cpu() - start_cpu
for name, seconds in timings.items():
    print("TIMING", name, seconds)
"""


def run(content: Path, output: Path, cache: Path, child: str = CHILD) -> dict[str, float]:
    """One build in a fresh process running `child`; the TIMING lines it prints."""
    result = subprocess.run([sys.executable, "-c", child, str(content), str(output), str(cache),
                             str(ROOT / "theme")], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stdout}\n{result.stderr}")
    return {line.split()[1]: float(line.split()[2]) for line in result.stdout.splitlines()
            if line.startswith("TIMING")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--news", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results-services.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scholar-services-") as tmp:
        folder = Path(tmp)
        content = generate(folder, args.papers, args.posts, args.news)
        samples = [run(content, folder / f"out{i}", folder / f"cache{i}") for i in range(args.runs)]
        pages = sum(1 for _ in (folder / "out0").rglob("*.html"))
    median = {name: statistics.median(sample.get(name, float("nan")) for sample in samples)
              for name in ("related", "search", "build", "related-cpu", "search-cpu", "build-cpu")}
    load = os.getloadavg()[0]
    report = "\n".join([
        "# Site services benchmark", "", f"Machine: {machine()}", "",
        f"Site: {args.papers} papers, {args.posts} posts, {args.news} news items ({pages} HTML "
        f"pages); related posts and search on; median of {args.runs} builds, each a fresh process.",
        f"Load average when it ended: {load:.1f} (on a shared machine, wall time grows with the "
        "load; CPU time much less so).",
        "", "| step | median wall time (s) | median CPU time (s) | goal (s) |", "| --- | ---: | ---: | ---: |",
        f"| related posts for every post | {median['related']:.3f} | {median['related-cpu']:.3f} | 0.1 |",
        f"| Pagefind indexing of the written site | {median['search']:.2f} | {median['search-cpu']:.2f} | 0.5 |",
        f"| the whole build (for scale) | {median['build']:.2f} | {median['build-cpu']:.2f} | |", "",
        "Regenerate with `.venv/bin/python benchmarks/bench_services.py`.", ""])
    print(report)
    args.results.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
