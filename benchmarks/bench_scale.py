"""Scale benchmark (issue 8): a 10,000-entry .bib, a 5 MB abstract, 2,000 posts.

    python benchmarks/bench_scale.py [--entries 10000] [--posts 2000] [--abstract-mb 5]

Every build runs in a fresh process (bench_build.build) and reports wall time
and peak memory; each scenario prints its ratio to a baseline built in this
same run, since these machines are shared and noisy:

  * entries: 1,000 entries cold (the baseline), then 10,000 entries cold
    (no cache at all) and warm (the publications cache and Pelican's content
    cache filled by a first build, nothing changed since);
  * abstract: one entry whose abstract is 5 MB, against the same entry with
    a 5 KB abstract: output bytes, and how many copies of the abstract the
    site holds (about page, list, paper page, JSON-LD …);
  * posts: 2,000 posts, bare Pelican (`simple` theme, no plugins) with its
    content cache warm as the baseline, then Pelican Scholar cold and warm.

Goals: 10,000 entries under 4 s warm and 200 MB; 2,000 posts under 5 s warm.
Nothing here is asserted in tests. Results: benchmarks/results.md (issue 8 section).
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
from pathlib import Path

from bench_build import build, machine, settings_file  # run as a script: its folder is on the path
from generate_site import generate, paragraph

MARK = "zqxabstractmarker"


def abstract_site(folder: Path, size: int) -> Path:
    """A site whose one (selected) entry has an abstract of about `size` bytes."""
    content = generate(folder, 0, 0, 0, cv=False)
    rng = random.Random(8)
    chunk = paragraph(rng, 20)
    text = (MARK + " " + chunk * (size // len(chunk) + 1))[:size]
    (content / "publications" / "papers.bib").write_text(
        "@article{big,\n  title = {A very long abstract},\n  author = {Lindqvist, Ada},\n"
        "  journal = {Journal of Length},\n  year = {2024},\n  selected = {true},\n"
        "  abstract = {%s},\n}\n" % text, encoding="utf-8")
    return content


def output_bytes(output: Path) -> tuple[int, dict[str, int]]:
    """Total bytes written, and the files holding the abstract with its copies in each."""
    total, copies = 0, {}
    for path in sorted(output.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            total += len(data)
            if MARK.encode() in data:
                copies[str(path.relative_to(output))] = data.count(MARK.encode())
    return total, copies


def timed(content: Path, settings: Path, output: Path) -> tuple[float, float]:
    seconds, peak_kb = build(content, settings, output)
    return seconds, peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--baseline-entries", type=int, default=1_000)
    parser.add_argument("--posts", type=int, default=2_000)
    parser.add_argument("--abstract-mb", type=float, default=5.0)
    args = parser.parse_args()
    rows: list[str] = []

    def row(name: str, seconds: float, ratio: float, memory: float | None, note: str = "") -> None:
        line = f"| {name} | {seconds:.2f} | {ratio:.2f} | {'' if memory is None else f'{memory:.0f}'} | {note} |"
        rows.append(line)
        print(line, flush=True)

    print("| build | wall time (s) | ratio to baseline | peak memory (MiB) | note |")
    with tempfile.TemporaryDirectory(prefix="scholar-scale-") as tmp:
        folder = Path(tmp)
        cold, warm = settings_file(folder, True, False), settings_file(folder, True, True)
        bare_warm = settings_file(folder, False, True)

        # ---- entries
        small = generate(folder / "small", args.baseline_entries, 0, 0, cv=False)
        base, base_mem = timed(small, cold, folder / "out-small")
        row(f"{args.baseline_entries:,} entries, cold (baseline)", base, 1.0, base_mem)
        large = generate(folder / "large", args.entries, 0, 0, cv=False)
        seconds, memory = timed(large, cold, folder / "out-large-cold")
        row(f"{args.entries:,} entries, cold", seconds, seconds / base, memory)
        timed(large, warm, folder / "out-large-warm")  # fills both caches
        seconds, memory = timed(large, warm, folder / "out-large-warm")
        row(f"{args.entries:,} entries, warm", seconds, seconds / base, memory, "goal < 4 s, < 200 MB")
        shutil.rmtree(folder / "small"), shutil.rmtree(folder / "large")
        shutil.rmtree(folder / "cache", ignore_errors=True)

        # ---- a huge abstract
        size = int(args.abstract_mb * 1024 * 1024)
        small_site = abstract_site(folder / "abstract-small", 5 * 1024)
        base, _ = timed(small_site, cold, folder / "out-abstract-small")
        base_bytes, _ = output_bytes(folder / "out-abstract-small")
        big_site = abstract_site(folder / "abstract-big", size)
        seconds, memory = timed(big_site, cold, folder / "out-abstract-big")
        total, copies = output_bytes(folder / "out-abstract-big")
        added = total - base_bytes
        where = ", ".join(f"{name} ×{count}" for name, count in copies.items())
        row(f"one {args.abstract_mb:g} MB abstract (baseline: 5 KB)", seconds, seconds / base, memory,
            f"output grows {added / 1e6:.1f} MB = {added / size:.1f} copies: {where}")

        # ---- posts
        posts = generate(folder / "posts", 0, args.posts, 0, cv=False)
        timed(posts, bare_warm, folder / "out-bare")  # fills bare Pelican's cache
        base, base_mem = timed(posts, bare_warm, folder / "out-bare")
        row(f"{args.posts:,} posts, bare Pelican, warm (baseline)", base, 1.0, base_mem)
        seconds, memory = timed(posts, cold, folder / "out-posts-cold")
        row(f"{args.posts:,} posts, cold (no content cache)", seconds, seconds / base, memory)
        timed(posts, warm, folder / "out-posts-warm")  # fills the caches
        seconds, memory = timed(posts, warm, folder / "out-posts-warm")
        row(f"{args.posts:,} posts, warm (content cache)", seconds, seconds / base, memory, "goal < 5 s")

    print(f"\nMachine: {machine()}")


if __name__ == "__main__":
    main()
