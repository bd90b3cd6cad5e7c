"""Hostile builds: whole sites, each with one bad input a careless or hostile user can write.

Every build is checked the same way (`assert_survived`): it finishes without
Pelican's "Could not process" error, the expected warning names the file, the
home page is there, content/ is byte for byte what it was, nothing is written
beside the site, and no output file carries a script or event handler the
theme did not put there. XML files (sitemap, feeds) must parse.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from helpers import text

ROOT = Path(__file__).resolve().parent.parent
ABOUT = "---\nlayout: about\ntitle: About\npermalink: /\n---\nHello.\n"
GOOD_POST = "---\ntitle: Fine post\ndate: 2025-01-01\n---\nFine.\n"
BASE = {"pages/about.md": ABOUT, "blog/2025-01-01-fine.md": GOOD_POST}

# The theme's own scripts: anything else in a page was injected.
THEME_SCRIPTS = ("try{var t=localStorage", "(function () {\n  /* Copy button")
THEME_SCRIPT_SRC = re.compile(r"^(https://scholar\.example\.org)?/(theme/js|pagefind)/[\w-]+\.js$")


# --- What every hostile build must satisfy --------------------------------------

def as_written(files: dict[str, str | bytes]) -> dict[str, bytes]:
    """The bytes conftest.write_files puts in content/ for these files."""
    return {name: body if isinstance(body, bytes)
            else textwrap.dedent(body).lstrip("\n").encode("utf-8")
            for name, body in files.items()}


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes()
            for path in folder.rglob("*") if path.is_file()}


def injected(markup: str) -> list[str]:
    """Scripts, event handlers and javascript: URLs the theme did not write."""
    found = []
    for element in BeautifulSoup(markup, "lxml").find_all(True):
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"<{element.name} {name}=…>")
            if name in ("href", "src", "action", "formaction") and \
                    value.strip().lower().startswith(("javascript:", "data:text")):
                found.append(f"<{element.name} {name}={value!r}>")
        if element.name == "script":
            theirs = THEME_SCRIPT_SRC.search(element.get("src", "")) or \
                element.get("type") == "application/ld+json" or \
                element.get_text().strip().startswith(THEME_SCRIPTS)
            if not theirs:
                found.append(f"<script>{element.get_text()[:40]}")
    return found


def assert_clean_output(output: Path) -> None:
    for path in sorted(output.rglob("*")):
        if path.suffix == ".html":
            assert injected(path.read_text(encoding="utf-8")) == [], path
        elif path.suffix == ".xml":
            tree = etree.parse(str(path))  # raises if not well-formed
            for node in tree.iter():
                if isinstance(node.tag, str) and node.text and "<" in node.text:
                    assert injected(node.text) == [], path


def assert_survived(site, files: dict[str, str | bytes]) -> None:
    errors = [r.getMessage() for r in site.records if r.levelno >= logging.ERROR]
    assert errors == []
    assert site.exists("index.html"), "the home page is missing"
    assert files_under(site.content) == as_written(files), "content/ was changed"
    beside = {path.name for path in site.content.parent.iterdir()}
    assert beside <= {"content", "output", "cache"}, beside
    assert_clean_output(site.output)


def warning_about(site, *fragments: str) -> str:
    matching = [w for w in site.warnings if all(f in w for f in fragments)]
    assert matching, site.warnings
    return matching[0]


@contextlib.contextmanager
def time_limit(seconds: int):
    """Fail instead of hanging (a build that loops forever)."""
    def expire(signum, frame):
        raise TimeoutError(f"the build took more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- Escaping ------------------------------------------------------------------------

def test_templates_escape_by_default_and_are_still_compiled_once(build_site):
    files = {**BASE, "blog/2025-02-01-t.md": "---\ntitle: T\ntags: [\"<i>x</i>\"]\n---\nT.\n"}
    site = build_site(files, AFFILIATION="<b>Lab</b> & Co")
    assert_survived(site, files)
    footer = site.html("index.html").select_one(".site-footer p")
    assert footer.select_one("b") is None and "<b>Lab</b> & Co" in text(footer)
    assert site.html("blog/2025/t/index.html").select_one(".post-meta a.tag i") is None
    assert list((site.content.parent / "cache" / "jinja").iterdir())  # bytecode cache in use


def test_a_jinja_environment_without_autoescape_warns(build_site):
    site = build_site(dict(BASE), JINJA_ENVIRONMENT={"extensions": ["jinja2.ext.do"]})
    warning_about(site, "JINJA_ENVIRONMENT", "autoescape")


# --- Addresses, tags and categories ------------------------------------------------

def test_a_file_name_written_as_markup_cannot_break_out_of_an_attribute(build_site):
    hostile = 'blog/2025-12-03-"><svg onload=alert(1)>.md'
    files = {**BASE, hostile: "---\ndate: 2025-12-03\ntags: [a<b]\ncategories: x\"y\n---\nBody.\n"}
    site = build_site(files)
    assert_survived(site, files)
    warning_about(site, '2025-12-03-"><svg onload=alert(1)>.md', "web address")
    post = site.html("blog/2025/svg-onload-alert-1/index.html")
    assert text(post.select_one("h1")).endswith("><svg onload=alert(1)>")  # text, not markup
    listed = site.html("blog/index.html").select(".post-list__title a")
    assert {a["href"] for a in listed} == {"/blog/2025/svg-onload-alert-1/", "/blog/2025/fine/"}
    tag = post.select_one(".post-meta a.tag")
    assert (text(tag), tag["href"]) == ("a<b", "/blog/tag/ab/")
    assert text(site.html("blog/tag/ab/index.html").select_one("h1")) == "Posts tagged “a<b”"
    assert 'content="a&lt;b"' in site.text("blog/2025/svg-onload-alert-1/index.html")


def test_slug_and_permalink_are_made_valid_addresses(build_site):
    files = {**BASE,
             "blog/2025-02-01-q.md": '---\ntitle: Q\nslug: \'x" onmouseover="alert(1)\'\n---\nQ.\n',
             "pages/teaching.md": "---\ntitle: Teaching\npermalink: '/a b/\"><script>alert(1)</script>/../'\n---\nT.\n"}
    site = build_site(files)
    assert_survived(site, files)
    warning_about(site, "blog/2025-02-01-q.md", "web address")
    assert site.exists("blog/2025/x-onmouseoveralert1/index.html")
    # Every part of the path a slug ("</script>" holds a "/"), `..` dropped.
    assert site.exists("a-b/alert1/script/index.html")


def test_file_names_with_spaces_and_ampersands_give_urls_sitemap_xml_can_hold(build_site):
    files = {**BASE,
             "blog/2025-12-22-Mein Beitrag über Bäume.md": "---\ntitle: Bäume\n---\nText.\n",
             "news/2025-12-23-q&a.md": "---\ndate: 2025-12-23\ntitle: Q and A\n---\nAnswers.\n"}
    site = build_site(files, publish=True)
    assert_survived(site, files)
    assert site.exists("blog/2025/mein-beitrag-uber-baume/index.html")
    assert site.exists("news/qa/index.html")
    hrefs = [a["href"] for a in site.html("blog/index.html").select("a[href]")]
    assert not [href for href in hrefs if " " in href]
    locations = [loc.text for loc in etree.parse(str(site.output / "sitemap.xml")).iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://scholar.example.org/blog/2025/mein-beitrag-uber-baume/" in locations
    assert "https://scholar.example.org/news/qa/" in locations


def test_normal_file_names_keep_their_jekyll_addresses(build_site):
    files = {**BASE, "blog/2025-03-01-My_Post.v2.md": "---\ntitle: V2\n---\nText.\n"}
    site = build_site(files)
    assert_survived(site, files)
    assert site.exists("blog/2025/My_Post.v2/index.html")
    assert not [w for w in site.warnings if "web address" in w]


# --- Front matter ----------------------------------------------------------------------

FRONT_MATTER = {
    # case: (front matter lines, what the warning says, title the page gets or None: skipped)
    "number key": ("title: T\n2024: award", "2024", "T"),
    "yes/no key": ("title: T\nyes: no", "yes or no", "T"),
    "title list": ("title: [a, b]", "`title:` should be text", "2025 02 01 odd"),
    "number title": ("title: 2024", "`title: 2024`", "2024"),
    "layout list": ("title: T\nlayout: [page]", "`layout:`", "T"),
    "date words": ("title: T\ndate: next tuesday", "`date: next tuesday` is not a date", "T"),
    "status list": ("title: T\nstatus: []", "`status:`", "T"),
    "summary mapping": ("title: T\nsummary: [{a: 1}]", "`summary:`", "T"),
    "lang list": ("title: T\nlang: []", "`lang:`", "T"),
}


@pytest.mark.parametrize("case", FRONT_MATTER)
def test_a_front_matter_value_of_the_wrong_kind_warns_and_keeps_the_post(build_site, case):
    lines, reason, title = FRONT_MATTER[case]
    files = {**BASE, "blog/2025-02-01-odd.md": f"---\n{lines}\n---\nOdd body.\n"}
    site = build_site(files)
    assert_survived(site, files)
    warning_about(site, "blog/2025-02-01-odd.md", reason)
    post = site.html("blog/2025/odd/index.html")
    assert text(post.select_one("h1")) == title
    assert "Odd body." in text(post.select_one(".prose"))
    assert site.exists("blog/2025/fine/index.html")


@pytest.mark.parametrize("case", ["title list", "number title", "layout list", "lang list"])
def test_a_page_with_front_matter_of_the_wrong_kind_is_kept(build_site, case):
    lines, reason, _ = FRONT_MATTER[case]
    files = {**BASE, "pages/odd.md": f"---\n{lines}\n---\nOdd page.\n"}
    site = build_site(files)
    assert_survived(site, files)
    warning_about(site, "pages/odd.md", reason)
    assert "Odd page." in site.text("odd/index.html")


def test_a_file_that_is_not_utf8_is_skipped_with_a_warning(build_site):
    files = {**BASE, "pages/latin.md": "---\ntitle: Bäume\n---\nGrün.\n".encode("latin-1"),
             "blog/2025-02-01-latin.md": "---\ntitle: Öl\n---\nÖl.\n".encode("latin-1")}
    site = build_site(files)
    assert_survived(site, files)
    warning_about(site, "pages/latin.md", "not UTF-8")
    warning_about(site, "blog/2025-02-01-latin.md", "not UTF-8")
    assert site.exists("blog/2025/fine/index.html")


# --- The about page ------------------------------------------------------------------------

def test_a_news_limit_that_is_not_a_number_keeps_the_home_page(build_site):
    about = ABOUT.replace("permalink: /\n", "permalink: /\nannouncements: {limit: '²'}\n")
    files = {**BASE, "pages/about.md": about,
             "news/2025-01-02-n.md": "---\ndate: 2025-01-02\ninline: true\n---\nNews.\n"}
    site = build_site(files)
    assert_survived(site, files)
    warning_about(site, "pages/about.md", "limit")
    assert "News." in text(site.html("index.html").select_one(".about__news"))


def png(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def test_a_photo_over_the_decompression_bomb_limit_is_left_out_with_a_warning(
        build_site, monkeypatch):
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 64 × 64 is over twice this
    about = ABOUT.replace("permalink: /\n", "permalink: /\nprofile:\n  image: me.png\n")
    files = {**BASE, "pages/about.md": about, "images/me.png": png(64, 64)}
    site = build_site(files)
    assert_survived(site, files)
    warning_about(site, "pages/about.md", "too large")
    assert site.html("index.html").select_one("img.profile__photo") is None


@pytest.mark.parametrize("path", ["../content/images/prof_pic.png", "../../prof_pic.png",
                                  "/../content/images/prof_pic.png"])
def test_a_photo_path_climbing_out_of_content_is_refused(build_site, path):
    about = ABOUT.replace("permalink: /\n", f"permalink: /\nprofile:\n  image: {path}\n")
    files = {**BASE, "pages/about.md": about, "images/prof_pic.png": png(300, 300)}
    site = build_site(files)
    assert_survived(site, files)  # no WebP copies in content/ or beside the site
    warning_about(site, "pages/about.md", "outside content/")
    assert site.html("index.html").select_one("img.profile__photo") is None


# --- News -------------------------------------------------------------------------------------

NEWS = "---\ndate: 2025-01-0{day}\ntitle: Item {day}\n{extra}\n---\nItem {day}.\n"


@pytest.mark.parametrize("extra, settings", [
    ("permalink: /news/same/", {}),
    ("save_as: news/same.html", {}),
    ("", {"NEWSITEM_SAVE_AS": "news/item.html", "NEWSITEM_URL": "news/item.html"}),
])
def test_news_items_with_the_same_address_are_numbered_instead_of_hanging(
        build_site, extra, settings):
    files = {**BASE, **{f"news/item{day}.md": NEWS.format(day=day, extra=extra)
                        for day in (1, 2, 3)}}
    with time_limit(60):
        site = build_site(files, **settings)
    assert_survived(site, files)
    assert len([w for w in site.warnings if "another news item already has" in w]) == 2
    headings = [text(BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").h1)
                for path in site.output.rglob("*.html")]
    # Three pages, none overwritten.
    assert sorted(h for h in headings if h.startswith("Item")) == ["Item 1", "Item 2", "Item 3"]
    links = [a["href"] for a in site.html("news/index.html").select(".news-item a")]
    assert len(set(links)) == 3


# --- Social links -------------------------------------------------------------------------------

@pytest.mark.parametrize("socials", [
    {"bluesky_url": "https://[bsky.app/profile/x"},
    {"work_url": "http://[::1"},
    {"lab": {"title": "Lab", "url": "https://[lab.example", "icon": "globe"}},
])
def test_a_social_url_that_cannot_be_parsed_is_skipped_with_a_warning(build_site, socials):
    files = dict(BASE)
    site = build_site(files, SOCIALS={**socials, "github_username": "ada"})
    assert_survived(site, files)
    warning_about(site, repr(next(iter(socials))), "not a web address")
    hrefs = [a["href"] for a in site.html("index.html").select(".social-links a")]
    assert hrefs == ["https://github.com/ada"]


# --- Control characters --------------------------------------------------------------------------

def test_terminal_colour_codes_in_a_post_and_a_cited_title_do_not_break_the_feeds(build_site):
    bib = "@article{red2024, title={\x1b[31mRed\x1b[0m results}, author={Noether, Emmy}, " \
          "journal={J}, year={2024}}\n"
    files = {**BASE, "publications/papers.bib": bib,
             "blog/2025-02-01-colour.md": "---\ntitle: Colour\ndate: 2025-02-01\n---\n"
                                          "Output: \x1b[31merror\x1b[0m, see [@red2024].\n"}
    site = build_site(files)
    assert_survived(site, files)  # the feeds parse
    warning_about(site, "blog/2025-02-01-colour.md", "control characters")
    warning_about(site, "publications/papers.bib", "control characters")
    feed = site.text("feeds/all.atom.xml")
    assert "\x1b" not in feed
    assert "[31mRed[0m results" in feed and "[31merror" in feed  # only the ESC goes


# --- Settings of the wrong type: one message, exit code 1, no traceback ----------------------------

WRONG_SETTINGS = {
    "NAVIGATION": '["about", ["Blog", "blog/", "x"]]',
    "SOCIALS": '["github_username"]',
    "NEWS_LIMIT": '"5"',
    "READING_SPEED": "0",
    "PROFILE_IMAGE_WIDTHS": '["240"]',
    "NEWSITEM_SAVE_AS": "5",
    "PUBLICATIONS_TYPE_GROUPS": '["Articles"]',
}


@pytest.mark.parametrize("name", WRONG_SETTINGS)
def test_a_setting_of_the_wrong_type_stops_the_build_with_one_message(tmp_path, name):
    (tmp_path / "content" / "pages").mkdir(parents=True)
    (tmp_path / "content" / "pages" / "about.md").write_text(ABOUT, encoding="utf-8")
    (tmp_path / "pelicanconf.py").write_text(
        "from pelican_scholar.defaults import *\n"
        f"AUTHOR = 'Ada'\nSITENAME = 'Ada'\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"CACHE_PATH = 'cache'\n{name} = {WRONG_SETTINGS[name]}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py",
                             "-o", "output"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert "Traceback" not in said
    assert said.count(f"{name} = ") == 1, said
    assert "it should be" in said
    assert not (tmp_path / "output" / "index.html").exists()


# --- BibTeX and data files (the fixes live in publications/, math/ and data.py) ----------

def _entry(key: str = "k1", author: str = "Lindqvist, Ada", title: str = "T", extra: str = "") -> str:
    return f"@article{{{key}, title={{{title}}}, author={{{author}}}, journal={{J}}, year={{2024}}{extra}}}\n"


BIBTEX = {
    # case: (files, what the warning says; None: no warning is needed)
    "authors separated by commas": (
        {"publications/p.bib": _entry(author="Smith, John, Doe, Jane")}, "commas between names"),
    "initials separated by commas": (
        {"publications/p.bib": _entry(author="Smith, J., Doe, A.")}, "commas between names"),
    "a superscript year": (
        {"publications/p.bib": "@article{k1, title={T}, author={Doe, A.}, year={²}, month={²}}\n"},
        None),
    "a co-author that is a number": (
        {"publications/p.bib": _entry(), "data/coauthors.yml": "okafor: 5\n"}, "'okafor'"),
    "a co-author's first name that is a number": (
        {"publications/p.bib": _entry(),
         "data/coauthors.yml": "lindqvist:\n  - firstname: 5\n    url: https://x.example\n"},
        "firstname 5"),
    "a co-author URL that runs script": (
        {"publications/p.bib": _entry(author="Lindqvist, Ada and Okafor, Ben"),
         "data/coauthors.yml": "okafor:\n  - firstname: [Ben]\n    url: 'javascript:alert(1)'\n"},
        "javascript:alert(1)"),
    "a key that is a file name": (
        {"publications/p.bib": _entry(key="index.html")}, "would overwrite"),
    "keys that are the page's own ids": (
        {"publications/p.bib": _entry(key="main") + _entry(key="y2024")}, "also an id"),
}
BIBTEX["math that would write a script element"] = (
    {"publications/p.bib": _entry(title="$\\text{<script>alert(1)</script>}$")}, None)


@pytest.mark.parametrize("case", BIBTEX)
def test_a_bad_bibtex_or_data_file_builds_with_a_warning(build_site, case):
    files, reason = BIBTEX[case]
    files = {**BASE, **files}
    site = build_site(files)
    assert_survived(site, files)
    assert site.exists("publications/index.html")
    if reason:
        warning_about(site, reason)


# --- Building again, and the ./dev script ----------------------------------------------------------

def test_a_post_deleted_since_the_last_build_leaves_no_page_behind(build_site, rebuild_site):
    site = build_site({**BASE, "blog/2025-02-01-gone.md": GOOD_POST})
    assert site.exists("blog/2025/gone/index.html")
    (site.output / ".git").mkdir()
    (site.output / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site.content / "blog/2025-02-01-gone.md").unlink()
    rebuild_site(site)
    assert not (site.output / "blog/2025/gone").exists()
    assert site.exists("blog/2025/fine/index.html")
    assert site.exists(".git/HEAD")  # OUTPUT_RETENTION keeps it


def test_sitemap_is_written_after_a_build_that_stopped_half_way(build_site):
    from pelican_scholar import sitemap

    sitemap._sitemap._main_pelican = object()  # what a build that crashed leaves behind
    site = build_site(dict(BASE))
    assert site.exists("sitemap.xml")


def test_in_livereload_a_build_that_stopped_half_way_leaves_nothing_in_the_next_sitemap(
        build_site, kept_pelican):
    # ./dev livereload runs one Pelican again after a build that failed while writing.
    import xml.etree.ElementTree as ET

    from pelican_scholar import sitemap

    site = build_site(dict(BASE))
    pelican = kept_pelican(site)
    pelican.run()
    # What that Pelican's build leaves behind when it stops half-way through writing.
    sitemap._sitemap._main_pelican = pelican
    sitemap._sitemap.page_queue = [(str(site.output / "gone" / "index.html"), None)]
    pelican.run()
    locations = [node.text for node in ET.parse(site.output / "sitemap.xml").iter()
                 if node.tag.endswith("loc")]
    assert not [location for location in locations if "gone" in location]
    assert len(locations) == len(set(locations)) > 0


def test_dev_runs_its_tasks_with_the_venv_tools_on_path(tmp_path):
    """`./dev gh-pages` in a fresh clone: ghp-import is in .venv/bin, not on the user's PATH."""
    (tmp_path / "dev").write_bytes((ROOT / "dev").read_bytes())
    for name in ("requirements.txt", "requirements-dev.txt"):
        (tmp_path / name).write_text("")
    tools = tmp_path / ".venv" / "bin"
    tools.mkdir(parents=True)
    for name, script in {"python": "exit 0", "ghp-import": "exit 0",
                         "invoke": "command -v ghp-import"}.items():
        (tools / name).write_text(f"#!/bin/sh\n{script}\n")
        (tools / name).chmod(0o755)
    checksum = subprocess.run("cat requirements.txt requirements.txt | cksum | cut -d' ' -f1",
                              shell=True, cwd=tmp_path, capture_output=True, text=True).stdout
    (tmp_path / ".venv" / f".stamp-{checksum.strip()}-requirements.txt").touch()
    result = subprocess.run(["sh", "dev", "gh-pages"], cwd=tmp_path, capture_output=True,
                            text=True, env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable})
    assert result.stdout.strip() == str(tools / "ghp-import"), result.stderr


def test_webp_copies_come_from_the_cache_when_output_was_emptied(build_site, rebuild_site):
    about = ABOUT.replace("permalink: /\n", "permalink: /\nprofile:\n  image: me.png\n")
    site = build_site({**BASE, "pages/about.md": about, "images/me.png": png(300, 300)})
    kept = sorted((site.content.parent / "cache" / "images").glob("*-240w.webp"))
    assert len(kept) == 1 and (site.output / "images/me-240w.webp").read_bytes() == kept[0].read_bytes()
    kept[0].write_bytes(b"kept")  # what the next build copies, instead of encoding again
    rebuild_site(site)
    assert (site.output / "images/me-240w.webp").read_bytes() == b"kept"
