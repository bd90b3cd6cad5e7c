"""The disk cache: an unchanged .bib is not parsed again by a new process.

A new process is simulated by clearing the plugin's in-memory caches between
builds; the disk cache under CACHE_PATH is all that is left.
"""

from __future__ import annotations

import pytest

from pelican_scholar.publications import generator


@pytest.fixture
def parse_calls(monkeypatch):
    """The files the plugin parsed, in order (a spy on its parser)."""
    calls: list[str] = []
    real = generator.parse_bib_text

    def spy(text, path):
        calls.append(path)
        return real(text, path)

    monkeypatch.setattr(generator, "parse_bib_text", spy)
    generator.clear_caches()
    yield calls
    generator.clear_caches()


@pytest.fixture
def cached_build(build_publications_site, tmp_path):
    """Build with the disk cache on, as a new process would."""

    def build(bibs=("broken.bib",), **settings):
        generator.clear_caches()
        return build_publications_site(bibs=bibs, PUBLICATIONS_CACHE=True,
                                       CACHE_PATH=str(tmp_path / "cache"), **settings)

    return build


def test_unchanged_file_is_read_from_the_cache_with_its_warnings(
        cached_build, parse_calls, publication_warnings, tmp_path):
    first = cached_build().page("publications/")
    first_warnings = publication_warnings()
    assert parse_calls == ["publications/broken.bib"]
    assert first_warnings
    assert list((tmp_path / "cache" / "scholar_publications").glob("*.pickle"))

    second = cached_build().page("publications/")
    assert parse_calls == ["publications/broken.bib"]  # not parsed again
    assert publication_warnings()[len(first_warnings):] == first_warnings
    assert str(second.select_one("main")) == str(first.select_one("main"))


def test_changed_file_is_parsed_again(cached_build, parse_calls, tmp_path):
    cached_build(bibs={"papers.bib": "@misc{one, title={One}, author={Doe, J.}, year={2020}}"})
    page = cached_build(bibs={"papers.bib": "@misc{two, title={Two}, author={Doe, J.}, year={2021}}"})
    assert parse_calls == ["publications/papers.bib"] * 2
    assert [a["id"] for a in page.page("publications/").select("article.pub")] == ["two"]


def test_changed_settings_rebuild_without_parsing_again(cached_build, parse_calls):
    cached_build(bibs=("papers.bib",))
    site = cached_build(bibs=("papers.bib",), PUBLICATIONS_BIBTEX="always")
    assert parse_calls == ["publications/papers.bib"]
    entries = site.page("publications/").select("article.pub")
    assert all(e.select_one(".pub-toggle--bibtex") for e in entries)


def test_strict_mode_fails_on_a_cached_broken_file(cached_build, parse_calls, publication_warnings):
    from pelican_scholar.strict import StrictModeError

    cached_build()
    with pytest.raises(StrictModeError):
        cached_build(STRICT=True)
    assert parse_calls == ["publications/broken.bib"]


def test_cache_is_on_by_default(build_publications_site, parse_calls, tmp_path):
    for _ in range(2):
        generator.clear_caches()
        build_publications_site(CACHE_PATH=str(tmp_path / "cache"))
    assert parse_calls == ["publications/papers.bib"]
    assert (tmp_path / "cache" / "scholar_publications").is_dir()


def test_the_cache_can_be_turned_off(build_publications_site, parse_calls, tmp_path):
    for _ in range(2):
        generator.clear_caches()
        build_publications_site(CACHE_PATH=str(tmp_path / "cache"), PUBLICATIONS_CACHE=False)
    assert parse_calls == ["publications/papers.bib"] * 2
    assert not (tmp_path / "cache" / "scholar_publications").exists()


def test_unreadable_cache_file_is_ignored(cached_build, parse_calls, tmp_path):
    cached_build(bibs=("papers.bib",))
    for stored in (tmp_path / "cache" / "scholar_publications").glob("*.pickle"):
        stored.write_bytes(b"not a pickle")
    site = cached_build(bibs=("papers.bib",))
    assert parse_calls == ["publications/papers.bib"] * 2
    assert site.page("publications/").select("article.pub")


@pytest.fixture
def built_keys(monkeypatch):
    """The keys of the entries the plugin built into publications, in order."""
    keys: list[str] = []
    real = generator.build_publication

    def spy(entry, *args, **kwargs):
        keys.append(entry.key)
        return real(entry, *args, **kwargs)

    monkeypatch.setattr(generator, "build_publication", spy)
    return keys


THREE = ("@misc{one, title={One}, author={Doe, J.}, year={2020}}\n"
         "@misc{two, title={Two}, author={Doe, J.}, year={2021}}\n"
         "@misc{three, author={Doe, J.}, year={2022}}\n")


@pytest.mark.parametrize("new_process", [False, True], ids=["same process", "new process"])
def test_after_an_entry_is_edited_only_that_entry_is_built_again(
        build_publications_site, built_keys, publication_warnings, tmp_path, new_process):
    settings = {"PUBLICATIONS_CACHE": True, "CACHE_PATH": str(tmp_path / "cache")}
    generator.clear_caches()
    build_publications_site(bibs={"papers.bib": THREE}, **settings)
    assert sorted(built_keys) == ["one", "three", "two"]
    built_keys.clear()
    if new_process:
        generator.clear_caches()
    untitled = [warning for warning in publication_warnings() if "no title" in warning]
    assert len(untitled) == 1
    site = build_publications_site(bibs={"papers.bib": THREE.replace("{Two}", "{Second}")}, **settings)
    generator.clear_caches()
    assert built_keys == ["two"]
    # The unchanged entry's problem is reported again, as every build reports it.
    assert [warning for warning in publication_warnings() if "no title" in warning] == untitled * 2
    titles = [title.get_text(" ", strip=True) for title in site.page("publications/").select(".pub-title")]
    assert any("Second" in title for title in titles) and not any(title == "Two" for title in titles)
