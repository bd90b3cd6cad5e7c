"""YAML data files (content/data/*.yml): hostile or careless files never stop the build."""

from __future__ import annotations

import logging
import time

import pytest
from pelican.settings import read_settings

from pelican_scholar import data, defaults
from pelican_scholar.publications import generator

BIB = """
@article{lindqvist2024,
  title = {Drought and trees},
  author = {Lindqvist, Ada and Okafor, Chidi},
  journal = {Ecology},
  year = {2024},
}
"""


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """The 413-byte kind of file: each list holds `width` aliases of the one before."""
    names = "abcdefghijklmnopqrstuvwxyz"[:levels]
    lines = ["a: &a [%s]" % ", ".join(['"lol"'] * width)]
    for before, name in zip(names, names[1:]):
        lines.append("%s: &%s [%s]" % (name, name, ", ".join(["*" + before] * width)))
    return "\n".join(lines) + "\n"


def deeply_nested(levels: int = 5000) -> str:
    return "venue: " + "[" * levels + "]" * levels + "\n"


@pytest.fixture
def warnings(caplog):
    logging.getLogger(data.__name__).disable_filter()
    caplog.set_level(logging.WARNING)
    return caplog


def test_an_alias_bomb_is_refused_quickly_with_a_warning_naming_the_file(tmp_path, warnings):
    path = tmp_path / "venues.yml"
    path.write_text(alias_bomb(), encoding="utf-8")
    start = time.perf_counter()
    assert data.load_yaml(str(path), dict, "venue badges have no links") is None
    assert time.perf_counter() - start < 5
    [message] = warnings.messages
    assert "venues.yml" in message and "aliases" in message and "venue badges have no links" in message


def test_a_few_aliases_and_merge_keys_still_load(tmp_path, warnings):
    path = tmp_path / "venues.yml"
    path.write_text("base: &base {color: '#ffcc00'}\n"
                    "ICML: {<<: *base, url: 'https://icml.cc'}\n"
                    "NeurIPS: *base\n", encoding="utf-8")
    assert data.load_yaml(str(path)) == {
        "base": {"color": "#ffcc00"},
        "ICML": {"color": "#ffcc00", "url": "https://icml.cc"},
        "NeurIPS": {"color": "#ffcc00"},
    }
    assert warnings.messages == []


def test_an_alias_that_contains_itself_is_refused_with_a_warning(tmp_path, warnings):
    path = tmp_path / "coauthors.yml"
    path.write_text("okafor: &loop [{firstname: [Chidi], url: 'https://x.example'}, *loop]\n",
                    encoding="utf-8")
    assert data.load_yaml(str(path)) is None
    assert "coauthors.yml" in warnings.messages[0]


def test_a_file_nested_thousands_of_levels_deep_warns_and_counts_as_broken(tmp_path, warnings):
    path = tmp_path / "venues.yml"
    path.write_text(deeply_nested(), encoding="utf-8")
    assert data.load_yaml(str(path), dict, "venue badges have no links") is None
    [message] = warnings.messages
    assert "venues.yml" in message and "nest" in message


def test_a_data_file_that_is_not_utf8_keeps_its_clear_warning(tmp_path, warnings):
    path = tmp_path / "venues.yml"
    path.write_bytes(b"ICML: {url: 'https://icml.cc', note: 'Z\xfcrich'}\n")
    assert data.load_yaml(str(path)) is None
    assert "not UTF-8" in warnings.messages[0]


@pytest.mark.parametrize("name", ["venues.yml", "coauthors.yml"])
@pytest.mark.parametrize("body", [alias_bomb(), deeply_nested()], ids=["alias-bomb", "deep"])
def test_a_hostile_venues_or_coauthors_file_builds_the_publications_with_a_warning(
        build_site, name, body):
    start = time.perf_counter()
    site = build_site({"publications/papers.bib": BIB, "data/" + name: body})
    assert time.perf_counter() - start < 60
    assert site.html("publications/index.html").find(id="lindqvist2024") is not None
    assert any(name in warning for warning in site.warnings)


def test_the_publications_cache_key_hashes_the_data_files_bytes_not_their_values(
        tmp_path, monkeypatch):
    """A file of shared (aliased) values must not be expanded to compute the key."""
    (tmp_path / "publications").mkdir()
    (tmp_path / "publications" / "papers.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "data").mkdir()
    venues = tmp_path / "data" / "venues.yml"
    venues.write_text("ICML: {url: 'https://icml.cc'}\n", encoding="utf-8")
    seen = []
    real_sha1 = generator.hashlib.sha1

    def spying_sha1(value=b"", *args, **kwargs):
        seen.append(value)
        return real_sha1(value, *args, **kwargs)

    monkeypatch.setattr(generator.hashlib, "sha1", spying_sha1)
    settings = read_settings(None, override={**defaults.as_dict(), "PATH": str(tmp_path),
                                             "CACHE_PATH": str(tmp_path / "cache"),
                                             "PUBLICATIONS_OWNER_LAST_NAMES": ["Lindqvist"],
                                             "PUBLICATIONS_OWNER_FIRST_NAMES": []})
    gen = generator.PublicationsGenerator({}, settings, str(tmp_path), str(tmp_path), "")
    gen.generate_context()
    assert venues.read_bytes() in seen
    assert not any(b"https://icml.cc" in value and value != venues.read_bytes()
                   for value in seen)


def test_front_matter_with_an_alias_bomb_builds_the_page_with_a_warning(build_site):
    page = "---\ntitle: Teaching\n%s---\nCourses I teach.\n" % alias_bomb()
    start = time.perf_counter()
    site = build_site({"pages/teaching.md": page})
    assert time.perf_counter() - start < 60
    assert any("Courses I teach." in path.read_text(encoding="utf-8") for path in site.pages())
    assert any("teaching.md" in warning and "aliases" in warning for warning in site.warnings)
