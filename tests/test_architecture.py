"""The plugin's shape: one package, settings that always win, builds that fail loudly.

These tests run Pelican the way a user does (`python -m pelican` with a
settings file) where the exit code or the settings file itself is the point.
"""

from __future__ import annotations

import subprocess
import sys
from itertools import permutations
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import differences
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent

POST = "---\ntitle: Dashes\ndate: 2025-01-31\n---\nFrom 1990--2000, \"quoted\".\n"
NEWS = "---\ndate: 2025-01-31\ninline: true\n---\nWe moved.\n"


def make_site(folder: Path, settings: str) -> tuple[Path, Path]:
    content = folder / "content"
    for name, body in {"blog/2025-01-31-dashes.md": POST, "news/moved.md": NEWS,
                       "pages/about.md": "---\nlayout: about\ntitle: About\npermalink: /\n---\nHi.\n"}.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(body)
    path = folder / "settings.py"
    path.write_text("from pelican_scholar.defaults import *\n"
                    f"THEME = {str(ROOT / 'theme')!r}\nTIMEZONE = 'UTC'\nAUTHOR = 'Ada'\n"
                    "SITENAME = 'Ada'\nFEED_DOMAIN = 'http://localhost'\n" + settings)
    return content, path


def run_pelican(folder: Path, settings: str, *extra: str) -> subprocess.CompletedProcess:
    content, path = make_site(folder, settings)
    return subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", str(path),
                           "-o", str(folder / "output"), *extra],
                          capture_output=True, text=True, cwd=folder, check=False)


@pytest.mark.parametrize("plugins", list(permutations(["sitemap", "pelican_scholar"])))
def test_listing_sitemap_beside_the_plugin_stops_the_build_in_any_order(tmp_path, plugins):
    result = run_pelican(tmp_path, f"PLUGINS = {list(plugins)!r}\n")
    assert result.returncode == 1
    assert 'remove "sitemap" from PLUGINS' in result.stderr + result.stdout


def test_the_one_plugin_writes_the_sitemap_itself(tmp_path):
    result = run_pelican(tmp_path, "")
    assert result.returncode == 0, result.stderr
    urls = BeautifulSoup((tmp_path / "output" / "sitemap.xml").read_text(), "xml").select("url loc")
    assert "/blog/2025/dashes/" in {loc.get_text() for loc in urls}


def test_a_part_that_cannot_be_imported_stops_the_build(tmp_path, monkeypatch):
    import pelican_scholar

    monkeypatch.setitem(sys.modules, "pelican_scholar.news", None)  # as if the file were missing
    content, path = make_site(tmp_path, "")
    with pytest.raises(SystemExit) as stopped:
        Pelican(read_settings(str(path), override={"PATH": str(content),
                                                   "OUTPUT_PATH": str(tmp_path / "out")}))
    assert "'news' cannot be loaded" in str(stopped.value)
    assert pelican_scholar.PARTS  # the package itself still imports


def test_a_setting_written_equal_to_pelicans_default_is_honoured(tmp_path):
    # Both are Pelican's own defaults; ours differ. Written in the file, they win.
    result = run_pelican(tmp_path, "TYPOGRIFY = False\nDEFAULT_PAGINATION = False\n")
    assert result.returncode == 0, result.stderr
    post = BeautifulSoup((tmp_path / "output" / "blog/2025/dashes/index.html").read_text(), "lxml")
    assert "1990--2000" in post.select_one("article").get_text()
    assert not (tmp_path / "output" / "blog" / "page" / "2").exists()


def test_a_settings_file_without_the_defaults_import_is_warned_about(tmp_path):
    content, path = make_site(tmp_path, "")
    path.write_text(path.read_text().replace("from pelican_scholar.defaults import *\n", "")
                    + "PLUGINS = ['pelican_scholar']\n")
    result = subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", str(path),
                             "-o", str(tmp_path / "output")],
                            capture_output=True, text=True, cwd=tmp_path, check=False)
    said = " ".join((result.stdout + result.stderr).split())  # the log wraps long lines
    assert "The settings do not start with" in said and "pelican_scholar.defaults import *`" in said


def test_two_separate_processes_build_byte_identical_sites(tmp_path):
    # Separate processes: a different hash seed and clock, so any set order or
    # time that leaks into a page shows up.
    first = run_pelican(tmp_path / "one", "")
    second = run_pelican(tmp_path / "two", "")
    assert first.returncode == second.returncode == 0
    assert differences(tmp_path / "one" / "output", tmp_path / "two" / "output") == []


def test_a_second_build_takes_unchanged_news_from_the_content_cache(tmp_path, monkeypatch):
    from pelican_scholar.frontmatter.frontmatter import ScholarFrontMatterReader

    read = []
    original = ScholarFrontMatterReader.read

    def counting_read(self, source_path):
        read.append(Path(source_path).name)
        return original(self, source_path)

    monkeypatch.setattr(ScholarFrontMatterReader, "read", counting_read)
    content, path = make_site(tmp_path, "CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n")

    def build() -> None:
        Pelican(read_settings(str(path), override={"PATH": str(content),
                                                   "OUTPUT_PATH": str(tmp_path / "output")})).run()

    build()
    assert "moved.md" in read
    read.clear()
    build()
    assert read == []
    news = BeautifulSoup((tmp_path / "output" / "news" / "index.html").read_text(), "lxml")
    assert "We\xa0moved." in news.select_one("main").get_text()
