"""`./dev livereload`: one in-process build per save, then one browser reload.

The watcher and the builder are tested as units: file changes are made with
explicit modification times (no waiting), and the build and the reload are
recorded in the order they happen.
"""

from __future__ import annotations

import os
from pathlib import Path

from bs4 import BeautifulSoup

from helpers import text, write_files
from pelican_scholar.devserver import RebuildWatcher, SiteBuilder, changed_files, modification_times

ROOT = Path(__file__).resolve().parent.parent


def touch(path: Path, text: str, seconds: int) -> None:
    """Write `text` with a modification time of its own, as a later save would have."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (seconds, seconds))


class Recorder:
    def __init__(self, build_succeeds: bool = True) -> None:
        self.events: list[tuple] = []
        self.build_succeeds = build_succeeds

    def build(self, changed: list[str]) -> bool:
        self.events.append(("build", tuple(Path(path).name for path in changed)))
        return self.build_succeeds

    def reload(self, path: str) -> None:
        self.events.append(("reload", Path(path).name))

    def restart(self) -> None:
        self.events.append(("restart",))


def watcher(tmp_path: Path, recorder: Recorder) -> RebuildWatcher:
    touch(tmp_path / "content" / "blog" / "rings.md", "Rings", 1_000)
    touch(tmp_path / "content" / "blog" / "cores.md", "Cores", 1_000)
    touch(tmp_path / "plugins" / "part.py", "x = 1", 1_000)
    return RebuildWatcher([tmp_path / "content"], recorder.build, recorder.reload,
                          code=[tmp_path / "plugins"], restart=recorder.restart)


def test_a_save_gives_one_build_then_one_reload(tmp_path):
    recorder = Recorder()
    watching = watcher(tmp_path, recorder)
    assert watching.examine() == (None, None)
    assert recorder.events == []
    touch(tmp_path / "content" / "blog" / "rings.md", "Tree rings", 2_000)
    watching.examine()
    assert recorder.events == [("build", ("rings.md",)), ("reload", "rings.md")]
    watching.examine()  # nothing new since
    assert len(recorder.events) == 2


def test_several_files_changed_at_once_give_one_build_and_one_reload(tmp_path):
    recorder = Recorder()
    watching = watcher(tmp_path, recorder)
    touch(tmp_path / "content" / "blog" / "rings.md", "Tree rings", 2_000)
    (tmp_path / "content" / "blog" / "cores.md").unlink()
    touch(tmp_path / "content" / "blog" / "new.md", "New", 2_000)
    watching.examine()
    assert recorder.events == [("build", ("cores.md", "new.md", "rings.md")), ("reload", "*")]


def test_a_failed_build_reloads_nothing(tmp_path):
    recorder = Recorder(build_succeeds=False)
    watching = watcher(tmp_path, recorder)
    touch(tmp_path / "content" / "blog" / "rings.md", "Tree rings", 2_000)
    watching.examine()
    assert recorder.events == [("build", ("rings.md",))]


def test_editor_swap_files_are_not_saves(tmp_path):
    recorder = Recorder()
    watching = watcher(tmp_path, recorder)
    touch(tmp_path / "content" / "blog" / ".rings.md.swp", "…", 2_000)
    touch(tmp_path / "content" / "blog" / "rings.md~", "…", 2_000)
    watching.examine()
    assert recorder.events == []


def test_changed_plugin_code_restarts_the_process(tmp_path):
    recorder = Recorder()
    watching = watcher(tmp_path, recorder)
    touch(tmp_path / "plugins" / "part.py", "x = 2", 2_000)
    watching.examine()
    assert recorder.events == [("restart",)]


def test_each_change_the_file_system_reports_asks_for_a_look_at_once(tmp_path):
    recorder, looks = Recorder(), []
    watching = watcher(tmp_path, recorder)
    reported = []

    def file_system(*paths, **options):
        reported.append(set(paths))
        yield {("modified", str(tmp_path / "content" / "blog" / "rings.md"))}
        yield {("added", str(tmp_path / "plugins" / "new.py"))}

    watching.listen(lambda: looks.append("look"), watch=file_system)
    assert looks == ["look", "look"]
    assert reported == [{tmp_path / "content", tmp_path / "plugins"}]


def test_without_file_system_events_the_regular_looks_carry_on(tmp_path):
    def no_events(*paths, **options):
        raise OSError("inotify watch limit reached")
        yield

    watcher(tmp_path, Recorder()).listen(lambda: None, watch=no_events)  # returns, raises nothing


def test_changed_files_lists_added_changed_and_removed_files():
    assert changed_files({"a": 1, "b": 1, "c": 1}, {"a": 1, "b": 2, "d": 1}) == ["b", "c", "d"]


def test_modification_times_skip_hidden_folders(tmp_path):
    touch(tmp_path / ".git" / "HEAD", "ref", 1_000)
    touch(tmp_path / "post.md", "text", 1_000)
    assert list(modification_times([tmp_path])) == [str(tmp_path / "post.md")]


SETTINGS = """\
from pelican_scholar.defaults import *
AUTHOR = "Ada Lindqvist"
SITENAME = "Ada Lindqvist"
TIMEZONE = "UTC"
THEME = {theme!r}
CV_PDF = False
SITEMAP = {{"format": "xml"}}
FOOTER_TEXT = {footer!r}
"""
POST = "---\ntitle: Rings\ndate: 2025-01-10\n---\nRings record {word}.\n"


def site_builder(tmp_path: Path, footer: str = "one", extra: str = "", freezes: list | None = None) -> SiteBuilder:
    """A builder for a one-post site in tmp_path, with its own pelicanconf.py (the test
    process's memory is never frozen: `freezes` records when the builder would)."""
    settings = tmp_path / "pelicanconf.py"
    settings.write_text(SETTINGS.format(theme=str(ROOT / "theme"), footer=footer) + extra, encoding="utf-8")
    write_files(tmp_path / "content", {"blog/rings.md": POST.format(word="drought")})
    freezes = freezes if freezes is not None else []
    return SiteBuilder(settings, {"PATH": str(tmp_path / "content"), "OUTPUT_PATH": str(tmp_path / "output"),
                                  "CACHE_PATH": str(tmp_path / "cache")}, freeze=lambda: freezes.append("freeze"))


def test_the_builder_reuses_one_pelican_and_shows_each_edit(tmp_path):
    builder = site_builder(tmp_path)
    assert builder.build()
    first = builder.pelican
    page = tmp_path / "output" / "blog" / "2025" / "rings" / "index.html"
    write_files(tmp_path / "content", {"blog/rings.md": POST.format(word="fire")})
    assert builder.build([str(tmp_path / "content" / "blog" / "rings.md")])
    assert builder.pelican is first
    assert "Rings record fire." in text(BeautifulSoup(page.read_text(encoding="utf-8"), "lxml"))


def test_what_the_first_build_leaves_is_set_apart_from_the_garbage_collector_once(tmp_path):
    freezes: list = []
    (tmp_path / "failing").mkdir()
    (tmp_path / "working").mkdir()
    failing = site_builder(tmp_path / "failing", extra="NEWS_LIMIT = 'ten'\n", freezes=freezes)
    assert failing.build() is False
    assert freezes == []  # nothing worth keeping yet
    builder = site_builder(tmp_path / "working", freezes=freezes)
    assert builder.build()
    assert builder.build([str(tmp_path / "working" / "content" / "blog" / "rings.md")])
    assert freezes == ["freeze"]


def test_the_builder_reads_a_changed_settings_file_again(tmp_path):
    builder = site_builder(tmp_path)
    builder.build()
    first = builder.pelican
    builder.settings_file.write_text(SETTINGS.format(theme=str(ROOT / "theme"), footer="two"), encoding="utf-8")
    assert builder.build([str(builder.settings_file)])
    assert builder.pelican is not first and builder.pelican.settings["FOOTER_TEXT"] == "two"


def test_a_build_that_fails_keeps_the_server_going(tmp_path):
    assert site_builder(tmp_path, extra="NEWS_LIMIT = 'ten'\n").build() is False


def test_a_rebuild_in_the_same_process_lets_the_earlier_builds_posts_go(tmp_path):
    import gc
    import weakref

    from pelican import signals

    builder = site_builder(tmp_path)
    posts: list[weakref.ref] = []

    def keep(generator) -> None:
        posts.extend(weakref.ref(article) for article in generator.articles)

    signals.article_generator_finalized.connect(keep)
    assert builder.build()
    first = list(posts)
    assert builder.build()
    gc.collect()
    assert [ref for ref in first if ref() is not None] == []
