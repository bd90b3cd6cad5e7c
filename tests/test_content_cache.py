"""Pelican's content cache is on by default, and a settings or plugin change invalidates it."""

from __future__ import annotations

import pytest
from pelican.log import LimitFilter

from pelican_scholar import defaults, settings as scholar_settings
from pelican_scholar.frontmatter.frontmatter import ScholarFrontMatterReader
from pelican_scholar.strict import StrictModeError

CACHED = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
POST = """---
title: Tree rings
date: 2025-01-02
---
Rings record *droughts*.
"""


@pytest.fixture
def reads(monkeypatch):
    """The names of the files the front-matter reader read."""
    names: list[str] = []
    original = ScholarFrontMatterReader.read

    def counting(self, source_path):
        names.append(source_path.rsplit("/", 1)[-1])
        return original(self, source_path)

    monkeypatch.setattr(ScholarFrontMatterReader, "read", counting)
    return names


def test_the_content_cache_is_on_by_default():
    assert defaults.CACHE_CONTENT is True and defaults.LOAD_CONTENT_CACHE is True


def test_a_second_build_with_the_same_settings_reads_nothing_again(build_site, rebuild_site, reads):
    site = build_site({"blog/rings.md": POST}, **CACHED)
    assert "rings.md" in reads
    reads.clear()
    rebuild_site(site, **CACHED)
    assert reads == []


def test_a_file_taken_from_the_cache_warns_again_as_when_it_was_read(build_site, rebuild_site, reads):
    # The Liquid tag is named while the Markdown is converted, which a cached file skips.
    site = build_site({"blog/rings.md": POST + "{% twitter https://x.example/1 %}\n"}, **CACHED)
    first = [warning for warning in site.warnings if "rings.md:6" in warning]
    assert first
    reads.clear()
    LimitFilter._raised_messages.clear()  # as in a new process: `./dev build` again
    again = rebuild_site(site, **CACHED)
    assert reads == []
    assert [warning for warning in again if "rings.md" in warning] == first
    LimitFilter._raised_messages.clear()
    with pytest.raises(StrictModeError):
        rebuild_site(site, **CACHED, STRICT=True)


def test_a_settings_change_reads_every_file_again(build_site, rebuild_site, reads):
    site = build_site({"blog/rings.md": POST}, **CACHED)
    reads.clear()
    rebuild_site(site, **CACHED, TYPOGRIFY=False)
    assert "rings.md" in reads
    assert any("<em>droughts</em>" in page.read_text(encoding="utf-8") for page in site.pages())


def test_a_plugin_code_change_reads_every_file_again(build_site, rebuild_site, reads, monkeypatch):
    site = build_site({"blog/rings.md": POST}, **CACHED)
    reads.clear()
    original = scholar_settings.content_cache_key
    monkeypatch.setattr(scholar_settings, "content_cache_key",
                        lambda settings: original(settings) + "-edited")
    rebuild_site(site, **CACHED)
    assert "rings.md" in reads


def test_the_cache_key_is_the_same_in_every_process_for_the_same_settings():
    one = {"A": {"x", "y", "z"}, "B": lambda: None, "C": {"k": [1, (2, 3)]}}
    two = {"C": {"k": [1, (2, 3)]}, "B": lambda: None, "A": {"z", "y", "x"}}
    assert scholar_settings.content_cache_key(one) == scholar_settings.content_cache_key(two)
    assert scholar_settings.content_cache_key(one) != scholar_settings.content_cache_key({**one, "D": 1})


def test_dev_build_and_livereload_share_the_content_cache():
    # `./dev build` runs Pelican's command line, which adds DEBUG (and PORT and BIND
    # when serving); livereload reads pelicanconf.py without it.
    settings = {**defaults.as_dict(), "PATH": "/site/content", "OUTPUT_PATH": "/site/output"}
    command_line = {**settings, "DEBUG": False, "PORT": 8000, "BIND": "127.0.0.1"}
    assert scholar_settings.content_cache_key(command_line) == scholar_settings.content_cache_key(settings)


def test_typogrify_results_are_remembered_and_equal_typogrifys_own(monkeypatch):
    import smartypants

    from pelican_scholar import typography

    calls: list[str] = []
    original = typography._original

    def counting(text, *args, **kwargs):
        calls.append(text)
        return original(text, *args, **kwargs)

    monkeypatch.setattr(typography, "_original", counting)
    monkeypatch.setattr(typography, "_current", {})
    monkeypatch.setattr(typography, "_previous", {})
    text = '<p>"Rings" -- and --- cores in 2025...</p>'
    for dashes in (smartypants.Attr.set1, smartypants.Attr.set2):
        monkeypatch.setattr(smartypants.Attr, "default", dashes)
        first = typography.remembered_typogrify(text, ["pre", "code"])
        assert typography.remembered_typogrify(text, ["pre", "code"]) == first == original(text, ["pre", "code"])
    assert len(calls) == 2  # once per dash style, not once per call
