"""A user changes how an entry looks by overriding one partial, without touching Python.

The override is README's worked example ("Customise the look"): venue before
authors, and a button for a custom BibTeX field. It must show on the
publications page, the paper page and the about page's selected papers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
BIB = """@article{mine,
  title = {My Paper},
  author = {Lindqvist, Ada and Doe, Jane},
  journal = {Journal of Trees},
  year = {2024},
  dataset = {https://zenodo.org/records/1},
  selected = {true},
}
@article{evil,
  title = {Other},
  author = {Lindqvist, Ada},
  journal = {J},
  year = {2023},
  dataset = {javascript:alert(1)},
}
"""
ABOUT = "---\ntitle: About\nlayout: about\npermalink: /\n---\nHello.\n"


def readme_example() -> bytes:
    """The partial as README shows it (the block after its file name)."""
    text = README.read_text(encoding="utf-8")
    match = re.search(r"content/templates/partials/publication_details\.html`:\n\n"
                      r"\s*```jinja\n(.*?)```", text, re.S)
    assert match, "README lost its worked example"
    lines = match.group(1).splitlines()
    indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    return "\n".join(line[indent:] for line in lines).encode()


@pytest.fixture
def site(build_publications_site):
    return build_publications_site(
        bibs={"mine.bib": BIB}, pages={"about.md": ABOUT},
        files={"templates/partials/publication_details.html": readme_example()})


PAGES = ["publications/", "publications/mine/", "index.html"]


def test_an_overridden_partial_changes_the_entry_on_every_page(site):
    for page in PAGES:
        entry = site.page(page).find(id="mine")
        lines = [tag["class"][0] for tag in entry.select(".pub-venue, .pub-authors")]
        assert lines == ["pub-venue", "pub-authors"], page
        button = entry.select_one("a.pub-button--dataset")
        assert button["href"] == "https://zenodo.org/records/1", page
        assert button.get_text() == "Dataset"


def test_without_the_override_the_authors_come_first(build_publications_site):
    site = build_publications_site(bibs={"mine.bib": BIB})
    for page in PAGES[:2]:
        entry = site.page(page).find(id="mine")
        lines = [tag["class"][0] for tag in entry.select(".pub-venue, .pub-authors")]
        assert lines == ["pub-authors", "pub-venue"], page
        assert entry.select_one("a.pub-button--dataset") is None


def test_the_example_links_only_web_addresses(site):
    assert site.page("publications/").find(id="evil").select_one(".pub-button--dataset") is None
