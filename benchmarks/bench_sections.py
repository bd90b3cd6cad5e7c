"""What projects, courses and repository cards add to a build.

    .venv/bin/python benchmarks/bench_sections.py [--projects 30] [--courses 5] [--runs 3]

Generates the benchmark site (generate_site.py, small: 100 papers, 50 posts,
20 news items) plus N projects with a 1200x800 card image each, M courses
with a 12-week schedule, and a repositories list of 10 with its cache; then
builds it in fresh processes, timing the section generators (reading,
preparing, writing their pages and WebP copies). The first build into an
empty output folder makes the WebP copies; the next ones find them made.
Goal: under 0.2 s together with the CV (its PDF cached), for the warm builds.
Writes benchmarks/results-sections.md. Timings, no assertions.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import machine  # noqa: E402
from bench_services import run as run_child  # noqa: E402
from generate_site import generate, paragraph, sentence  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GENERATORS = {"projects": "pelican_scholar.projects.projects:ProjectsGenerator",
              "teaching": "pelican_scholar.teaching.teaching:TeachingGenerator",
              "repositories": "pelican_scholar.repositories.repositories:RepositoriesGenerator"}

CHILD = """
import importlib, logging, sys, time
from pelican import Pelican
from pelican.settings import read_settings
from pelican_scholar import defaults

logging.disable(logging.WARNING)
timings = {}
GENERATORS = %r

def timed(name, function):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - start
    return wrapper

for name, target in GENERATORS.items():
    module, cls = target.split(":")
    generator = getattr(importlib.import_module(module), cls)
    for method in ("generate_context", "generate_output"):
        setattr(generator, method, timed(name, getattr(generator, method)))
content, output, cache = sys.argv[1:4]
settings = {**defaults.as_dict(), "PATH": content, "OUTPUT_PATH": output, "CACHE_PATH": cache,
            "THEME": sys.argv[4], "TIMEZONE": "UTC", "SITEURL": "https://bench.example.org",
            "FEED_DOMAIN": "https://bench.example.org", "AUTHOR": "Ada Lindqvist",
            "SITENAME": "Bench", "AUTHOR_LAST_NAMES": ["Lindqvist"], "AUTHOR_FIRST_NAMES": ["Ada"]}
start = time.perf_counter()
Pelican(read_settings(None, override=settings)).run()
timings["build"] = time.perf_counter() - start
for name, seconds in timings.items():
    print("TIMING", name, seconds)
""" % (GENERATORS,)


def add_sections(content: Path, projects: int, courses: int) -> None:
    import random

    from PIL import Image

    rng = random.Random(20261206)
    (content / "projects").mkdir()
    (content / "teaching").mkdir()
    (content / "images" / "projects").mkdir(parents=True)
    for index in range(projects):
        image = Image.new("RGB", (1200, 800), (rng.randrange(256), rng.randrange(256), 90))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=80)
        (content / "images" / "projects" / f"p{index}.jpg").write_bytes(buffer.getvalue())
        (content / "projects" / f"p{index}.md").write_text(
            f"---\ntitle: {sentence(rng, 4)[:-1]}\ndescription: {sentence(rng, 12)}\n"
            f"img: projects/p{index}.jpg\nimportance: {index % 7}\ncategory: group {index % 3}\n"
            f"github: bench/p{index}\nrelated_publications: [paper{index}, paper{index + 1}]\n---\n"
            f"{paragraph(rng, 4)}\n")
    for index in range(courses):
        weeks = "".join(f"  - week: {w}\n    date: Feb {w + 1}\n    topic: {sentence(rng, 4)[:-1]}\n"
                        f"    materials:\n      - name: Slides\n        url: https://example.org/{w}.pdf\n"
                        for w in range(1, 13))
        (content / "teaching" / f"c{index}.md").write_text(
            f"---\nlayout: course\ntitle: {sentence(rng, 3)[:-1]}\nyear: {2020 + index}\nterm: Spring\n"
            f"instructor: Ada Lindqvist\ncourse_id: BIO {100 + index}\nschedule:\n{weeks}---\n"
            f"{paragraph(rng, 3)}\n")
    repos = [f"bench/r{index}" for index in range(10)]
    (content / "data" / "repositories.yml").write_text(
        "github_users:\n  - bench\ngithub_repos:\n" + "".join(f"  - {name}\n" for name in repos))
    cache = {"users": {"bench": {"login": "bench", "html_url": "https://github.com/bench",
                                 "name": "Bench", "followers": 3, "public_repos": 10}},
             "repos": {name: {"full_name": name, "html_url": f"https://github.com/{name}",
                              "description": sentence(rng, 10), "language": "Python",
                              "stargazers_count": 5, "forks_count": 1} for name in repos}}
    (content / "data" / "repositories-cache.json").write_text(json.dumps(cache))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=30)
    parser.add_argument("--courses", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results-sections.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scholar-sections-") as tmp:
        folder = Path(tmp)
        content = generate(folder, 100, 50, 20)
        (content / "data").mkdir(exist_ok=True)
        add_sections(content, args.projects, args.courses)
        cold = run_child(content, folder / "out", folder / "cache", CHILD)
        warm = [run_child(content, folder / "out", folder / "cache", CHILD) for _ in range(args.runs)]
        pages = sum(1 for _ in (folder / "out").rglob("*.html"))
    names = (*GENERATORS, "build")
    median = {name: statistics.median(sample.get(name, float("nan")) for sample in warm) for name in names}
    sections = sum(median[name] for name in GENERATORS)
    rows = [f"| {name} | {cold.get(name, float('nan')):.3f} | {median[name]:.3f} |" for name in GENERATORS]
    report = "\n".join([
        "# Sections benchmark: projects, courses, repositories", "", f"Machine: {machine()}", "",
        f"Site: 100 papers, 50 posts, 20 news items, {args.projects} projects (1200x800 card images), "
        f"{args.courses} courses (12-week schedules), 10 repositories ({pages} HTML pages). "
        f"Cold: the first build, which makes the WebP copies; warm: median of {args.runs} "
        "later builds, each a fresh process.", "",
        "| generator (read, prepare, write) | cold (s) | warm (s) |", "| --- | ---: | ---: |", *rows,
        f"| all three | {sum(cold.get(n, 0) for n in GENERATORS):.3f} | {sections:.3f} |",
        f"| the whole build (for scale) | {cold['build']:.2f} | {median['build']:.2f} |", "",
        "Goal: under 0.2 s for the warm builds, together with the CV.", "",
        "Regenerate with `.venv/bin/python benchmarks/bench_sections.py`.", ""])
    print(report)
    args.results.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
