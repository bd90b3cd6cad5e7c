"""Generate a synthetic Pelican Scholar site for benchmarks.

    python benchmarks/generate_site.py DEST [--papers 1000] [--posts 500] [--news 200]

Writes DEST/content/ with an about page, N papers in one .bib file, M blog
posts (with code, math and tags), K news items and a CV (al-folio's cv.yml,
40 entries in 6 sections, with its PDF). The text is made up and
deterministic (a fixed random seed), so two runs give the same site.
Metadata is written as Pelican's plain `Key: value` header, which both our
theme and Pelican's bare `simple` theme read, so the same content can be built
both ways.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = ("forest drought ring growth model water stress pine spruce soil climate memory "
         "legacy signal sample core site tree canopy carbon season record estimate").split()


def sentence(rng: random.Random, n: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def bib_entry(rng: random.Random, index: int) -> str:
    year = 2000 + index % 26
    authors = " and ".join(f"{rng.choice(['Lindqvist', 'Okafor', 'Müller', 'Nakamura', 'Silva'])}, "
                           f"{rng.choice(['Ada', 'B.', 'Chen', 'Dario'])}" for _ in range(rng.randint(1, 8)))
    kind = "article" if index % 2 else "inproceedings"
    venue = (f"journal = {{Journal of {rng.choice(WORDS).title()} Studies}}" if kind == "article"
             else f"booktitle = {{Proceedings of the {rng.choice(WORDS).title()} Conference}}")
    selected = "  selected = {true},\n" if index % 97 == 0 else ""
    return (f"@{kind}{{paper{index},\n  title = {{{sentence(rng, 8)[:-1]}}},\n  author = {{{authors}}},\n"
            f"  {venue},\n  year = {{{year}}},\n  volume = {{{index % 40 + 1}}},\n  pages = {{1--{index % 30 + 10}}},\n"
            f"  abstract = {{{paragraph(rng, 3)}}},\n  doi = {{10.1234/bench.{index}}},\n"
            f"  pdf = {{paper{index}.pdf}},\n  abbr = {{JFS}},\n{selected}}}\n")


def post(rng: random.Random, index: int) -> str:
    month, day = index % 12 + 1, index % 28 + 1
    tags = ", ".join(sorted({rng.choice(WORDS) for _ in range(3)}))
    code = "```python\ndef f(x):\n    return x ** 2  # squared\n```\n" if index % 3 == 0 else ""
    math = "The model is $y = \\alpha + \\beta x$.\n\n" if index % 4 == 0 else ""
    body = "\n\n".join(paragraph(rng) for _ in range(rng.randint(3, 8)))
    return (f"Title: {sentence(rng, 6)[:-1]}\nDate: {2015 + index % 11}-{month:02d}-{day:02d}\n"
            f"Tags: {tags}\nSlug: post-{index}\n\n{body}\n\n{math}{code}")


def cv_yml(rng: random.Random) -> str:
    """A long academic CV in al-folio's format: 40 entries in 6 sections."""
    lines = ["- title: General Information", "  type: map", "  contents:"]
    for name in ("Full name", "Position", "Office", "Languages"):
        lines += [f"    - name: {name}", f"      value: {sentence(rng, 4)[:-1]}"]
    for title, count in (("Experience", 8), ("Education", 4), ("Awards", 10),
                         ("Invited talks", 10)):
        lines += [f"- title: {title}", "  type: time_table", "  contents:"]
        for i in range(count):
            lines += [f"    - title: {sentence(rng, 5)[:-1]}",
                      f"      institution: University of {rng.choice(WORDS).title()}",
                      f"      year: {2025 - 2 * i} – {2026 - 2 * i}",
                      "      description:",
                      f"        - {sentence(rng, 10)}", f"        - {sentence(rng, 8)}"]
    lines += ["- title: Service", "  type: list", "  contents:"]
    lines += [f"    - {sentence(rng, 9)}" for _ in range(4)]
    return "\n".join(lines) + "\n"


def generate(dest: Path, papers: int, posts: int, news: int, cv: bool = True) -> Path:
    rng = random.Random(20261127)
    content = dest / "content"
    for folder in ("pages", "blog", "news", "publications", "data"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    if cv:
        (content / "data" / "cv.yml").write_text(cv_yml(rng), encoding="utf-8")
    (content / "pages" / "about.md").write_text(
        "---\nlayout: about\ntitle: About\npermalink: /\nnews: true\nlatest_posts: true\n---\n"
        + paragraph(rng, 6) + "\n", encoding="utf-8")
    (content / "publications" / "papers.bib").write_text(
        "\n".join(bib_entry(rng, i) for i in range(papers)), encoding="utf-8")
    for i in range(posts):
        (content / "blog" / f"post-{i}.md").write_text(post(rng, i), encoding="utf-8")
    for i in range(news):
        inline = "Inline: true\n" if i % 2 else f"Title: {sentence(rng, 5)[:-1]}\n"
        (content / "news" / f"news-{i}.md").write_text(
            f"Date: {2015 + i % 11}-{i % 12 + 1:02d}-{i % 28 + 1:02d}\n{inline}\n{sentence(rng)}\n",
            encoding="utf-8")
    return content


def edit(content: Path, kind: str, run: int) -> Path:
    """Make a small edit, different for each run, as a writer saving a file would:
    `post` (a post's body), `bib` (a paper's title), `news` (the newest news item,
    shown on the about page). Returns the file edited."""
    if kind == "post":
        path = content / "blog" / "post-0.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\nEdit {run}.\n", encoding="utf-8")
    elif kind == "bib":
        path = content / "publications" / "papers.bib"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("  title = {", f"  title = {{Edit {run} ", 1), encoding="utf-8")
    else:
        path = max((content / "news").glob("*.md"),
                   key=lambda item: item.read_text(encoding="utf-8").split("\n", 1)[0])
        path.write_text(path.read_text(encoding="utf-8") + f"Edit {run}.\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--news", type=int, default=200)
    args = parser.parse_args()
    print(generate(args.dest, args.papers, args.posts, args.news))


if __name__ == "__main__":
    main()
