"""A rebuild after any edit is byte-identical to a clean build of the same content.

One writing session: the site is built once with every cache on, then edited
step by step and rebuilt after each edit (with the content cache, the
publications cache and the compiled templates warm), and compared with a
clean build of the same content into a fresh folder with fresh caches. The
rebuilds are made once by a new Pelican each time, as `./dev build` makes
them, and once by the one Pelican a livereload session keeps (and
`regenerate`, which Pelican's own loop runs the same way).
"""

from __future__ import annotations

import io
import logging
import os
import shutil
from pathlib import Path

from PIL import Image

from pelican import Pelican
from pelican.settings import read_settings

from helpers import differences, write_files
from pelican_scholar import defaults
from pelican_scholar.devserver import SiteBuilder

ROOT = Path(__file__).resolve().parent.parent


def png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 50), colour).save(buffer, "PNG")
    return buffer.getvalue()


ABOUT = """\
---
layout: about
title: About
permalink: /
profile:
  image: me.png
news: true
latest_posts: true
---
I study trees.
"""
POST = """\
---
title: {title}
date: {date}
tags: {tags}
---
Rings record {word} -- see {{% cite lindqvist2024 %}}; $x^2$ grows.

{{% include figure.liquid path="assets/img/ring.png" alt="A ring" %}}
"""
BIB = ("@article{lindqvist2024, title={Drought memory}, author={Lindqvist, Ada and Okafor, Chidi}, "
       "journal={Ecology}, year={2024}}\n")
COAUTHORS = "okafor:\n  - firstname: [Chidi]\n    url: https://okafor.example.org\n"
CV = "- title: Education\n  type: time_table\n  contents:\n    - title: PhD\n      year: 2019\n"
# Links to Cores in its body and shares Rings' tag: its page shows both, its body Cores' address.
# Its formula's characters are its own: the math font must keep them when its page is left as it is.
BARK = """\
---
title: Bark
date: 2025-03-20
tags: trees
---
Bark grows over [the cores]({filename}2025-02-10-cores.md).

Its rate, past the summary lists show: $\\beta \\le \\gamma$.
"""
NEWS = "---\ndate: 2025-03-01\ninline: true\n---\nWe moved to {where}.\n"

START = {
    "pages/about.md": ABOUT,
    "blog/2025-01-10-rings.md": POST.format(title="Rings", date="2025-01-10", tags="trees", word="drought"),
    "blog/2025-02-10-cores.md": POST.format(title="Cores", date="2025-02-10", tags="field", word="growth"),
    "blog/2025-03-20-bark.md": BARK,
    "publications/papers.bib": BIB,
    "data/coauthors.yml": COAUTHORS,
    "data/cv.yml": CV,
    "news/moved.md": NEWS.format(where="Forest Hall"),
    "images/me.png": png((10, 120, 60)),
}


def replace(path: str, old: str, new: str):
    def edit(content: Path) -> None:
        target = content / path
        target.write_text(target.read_text().replace(old, new))
    return edit


def write(path: str, text: str):
    return lambda content: write_files(content, {path: text})


def delete(path: str):
    return lambda content: (content / path).unlink()


EDITS = [
    ("a post's body", replace("blog/2025-01-10-rings.md", "drought", "fire"), {}),
    ("a post's title", replace("blog/2025-01-10-rings.md", "title: Rings", "title: Tree rings"), {}),
    ("the title of a post shown in its neighbours' links and others' related posts",
     replace("blog/2025-03-20-bark.md", "title: Bark", "title: Bark beetles"), {}),
    ("the address of a post another post links to in its body",
     replace("blog/2025-02-10-cores.md", "tags: field\n", "tags: field\nslug: tree-cores\n"), {}),
    ("a post's tags", replace("blog/2025-02-10-cores.md", "tags: field", "tags: field trees"), {}),
    ("a post's date", replace("blog/2025-02-10-cores.md", "2025-02-10", "2024-12-24"), {}),
    ("a post's modified date, which the sitemap shows",
     replace("blog/2025-01-10-rings.md", "date: 2025-01-10\n", "date: 2025-01-10\nmodified: 2025-06-01\n"), {}),
    ("a new post", write("blog/2025-03-01-new.md",
                         POST.format(title="New", date="2025-03-01", tags="new", word="rain")), {}),
    ("a deleted post", delete("blog/2025-02-10-cores.md"), {}),
    ("a template override", write("templates/partials/footer.html",
                                  '<footer class="site-footer"><p>Mine</p></footer>\n'), {}),
    ("the figure partial, drawn into posts as they are read",
     write("templates/partials/figure.html", '<figure class="mine"><img src="{{ src }}" alt="{{ alt }}"></figure>\n'),
     {}),
    ("extra.css", write("extra.css", ":root { --color-accent: #7a1f5c; }\n"), {}),
    # MATH changes how Markdown is converted, which the content cache keeps.
    ("a setting", lambda content: None, {"MATH": False}),
    ("a cited BibTeX entry", replace("publications/papers.bib", "Drought memory", "Forest memory"), {}),
    ("a new BibTeX entry before the others, moving every entry one place on",
     lambda content: (content / "publications/papers.bib").write_text(
         "@article{okafor2023, title={Soil}, author={Okafor, Chidi}, journal={Soils}, year={2023}}\n"
         + (content / "publications/papers.bib").read_text()), {}),
    ("a co-author's URL", replace("data/coauthors.yml", "okafor.example.org", "chidi.example.org"), {}),
    ("a news item on the about page", replace("news/moved.md", "Forest Hall", "Canopy Road"), {}),
    ("a CV entry", replace("data/cv.yml", "title: PhD", "title: PhD in Ecology"), {}),
    ("a new page in the menu", write("pages/teaching-notes.md", "---\ntitle: Notes\nnav: true\n---\nNotes.\n"), {}),
    ("a menu setting", lambda content: None, {"NAVIGATION": ["publications", "blog", ("Lab", "https://lab.example.org")]}),
    ("the paper template", write("templates/paper.html", '{% extends "base.html" %}{% block content %}'
                                 '<h1>{{ publication.title_html }}</h1>{% endblock %}\n'), {}),
    ("the profile photo, for one of the same name", write("images/me.png", png((200, 30, 30))), {}),
    ("a tag no post has any more", replace("blog/2025-03-01-new.md", "tags: new", "tags: rain"), {}),
]


SITE_SETTINGS = {"THEME": str(ROOT / "theme"), "TIMEZONE": "UTC", "AUTHOR": "Ada Lindqvist",
                 "SITENAME": "Ada Lindqvist", "SITEURL": "https://scholar.example.org",
                 "FEED_DOMAIN": "https://scholar.example.org", "AUTHOR_LAST_NAMES": ["Lindqvist"]}


def build(content: Path, output: Path, cache: Path, settings: dict) -> None:
    override = {**defaults.as_dict(), **SITE_SETTINGS, **settings,
                "PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache)}
    logging.disable(logging.WARNING)
    try:
        Pelican(read_settings(None, override=override)).run()
    finally:
        logging.disable(logging.NOTSET)


class LivereloadSession:
    """Builds as `./dev livereload` does: one Pelican for the session, made again
    only when the settings file changes (devserver.SiteBuilder itself)."""

    def __init__(self, site: Path, settings: dict) -> None:
        self.settings_file = site / "pelicanconf.py"
        self._write_settings(settings)
        self.builder = SiteBuilder(self.settings_file, {
            "PATH": str(site / "content"), "OUTPUT_PATH": str(site / "output"),
            "CACHE_PATH": str(site / "cache")}, freeze=lambda: None)

    def _write_settings(self, settings: dict) -> None:
        lines = ["from pelican_scholar.defaults import *",
                 *(f"{name} = {value!r}" for name, value in {**SITE_SETTINGS, **settings}.items())]
        self.settings_file.write_text("\n".join(lines) + "\n")

    def build(self, settings: dict, settings_changed: bool) -> None:
        if settings_changed:
            self._write_settings(settings)
        logging.disable(logging.WARNING)
        try:
            assert self.builder.build([str(self.settings_file)] if settings_changed else [])
        finally:
            logging.disable(logging.NOTSET)


def assert_every_edit_rebuilds_to_a_clean_build(tmp_path, start: dict, edits: list, settings: dict,
                                                livereload: bool = False) -> None:
    """After each edit, `./dev build` again (a new Pelican), or, with `livereload`,
    the livereload session's Pelican runs again."""
    site = tmp_path / "site"
    content, output, cache = site / "content", site / "output", site / "cache"
    write_files(content, start)
    settings = dict(settings)
    session = LivereloadSession(site, settings) if livereload else None
    if session:
        session.build(settings, settings_changed=False)
    else:
        build(content, output, cache, settings)
    for number, (what, edit, changed_settings) in enumerate(edits):
        edit(content)
        settings.update(changed_settings)
        if session:
            session.build(settings, settings_changed=bool(changed_settings))
        else:
            build(content, output, cache, settings)
        clean = tmp_path / f"clean{number}"
        shutil.copytree(content, clean / "content")
        build(clean / "content", clean / "output", clean / "cache", settings)
        assert differences(output, clean / "output") == [], f"after editing {what}"


def test_every_edit_rebuilds_to_exactly_what_a_clean_build_gives(tmp_path):
    assert_every_edit_rebuilds_to_a_clean_build(tmp_path, START, EDITS, {})


def test_in_livereload_every_edit_rebuilds_to_exactly_what_a_clean_build_gives(tmp_path):
    assert_every_edit_rebuilds_to_a_clean_build(tmp_path, START, EDITS, {}, livereload=True)


def test_pages_left_as_they_are_still_give_the_math_font_their_characters(tmp_path):
    # With MATH on: Bark's page is left as it was, and its formula's characters
    # (in no summary, no list page) must still be in the font.
    news = [("a news item on the about page", replace("news/moved.md", "Forest Hall", "Canopy Road"), {})]
    assert_every_edit_rebuilds_to_a_clean_build(tmp_path, START, news, {})


# Two posts a page: the blog index and the tag pages run over several pages,
# and a list page is drawn again only when the posts it shows change.
PAGED_POST = "---\ntitle: {title}\ndate: {date}\ntags: {tags}\n---\n{title} is about {word}.\n"


def paged_post(number: int, tags: str = "trees") -> str:
    return PAGED_POST.format(title=f"Post {number}", date=f"2024-0{number}-01", tags=tags, word="soil")


PAGED_START = {"pages/about.md": ABOUT, **{f"blog/post-{n}.md": paged_post(n, "trees" if n % 2 else "field")
                                          for n in range(1, 8)}}
# Every page lists all the posts: each page depends on every post again.
WHOLE_LIST = ('{% extends "base.html" %}{% block content %}<p>{{ articles_page.number }}</p>'
              '{% for post in articles_paginator.object_list %}<p>{{ post.title }}</p>{% endfor %}'
              '{% endblock %}\n')
# Reaches the next page's posts through a name of its own: pages depend on their neighbours' posts.
NEXT_PAGE_TITLES = ('{% extends "archive_list.html" %}{% block content %}{{ super() }}'
                    '{% set following = articles_next_page %}{% if following %}'
                    '{% for post in following.object_list %}<p class="next">{{ post.title }}</p>{% endfor %}'
                    '{% endif %}{% endblock %}{% set archive_title = tag.name %}{% set archive_url = tag.url %}\n')
PAGED_EDITS = [
    ("the summary of a post on the second page of the index",
     replace("blog/post-4.md", "about soil", "about rain"), {}),
    ("a post's date, moving it to another page of the index",
     replace("blog/post-2.md", "2024-02-01", "2024-07-15"), {}),
    ("a post's tag, moving it from one tag's pages to another's",
     replace("blog/post-3.md", "tags: trees", "tags: field"), {}),
    ("a new post, shifting every older post one place on", write("blog/post-8.md", paged_post(8)), {}),
    ("a deleted post, shifting every older post one place back", delete("blog/post-5.md"), {}),
    ("an index template listing every post on every page", write("templates/index.html", WHOLE_LIST), {}),
    ("the title of a post the index template lists on every page",
     replace("blog/post-1.md", "title: Post 1", "title: First post"), {}),
    ("a tag template showing the next page's titles", write("templates/tag.html", NEXT_PAGE_TITLES), {}),
    ("the title of a post a tag page shows as the next page's",
     replace("blog/post-1.md", "title: First post", "title: The first post"), {}),
    ("the number of posts a page", lambda content: None, {"DEFAULT_PAGINATION": 3}),
]


def test_edits_that_move_posts_between_list_pages_rebuild_to_a_clean_build(tmp_path):
    # Without related posts, a list page depends on fewer posts: the rules are tested closer.
    assert_every_edit_rebuilds_to_a_clean_build(tmp_path, PAGED_START, PAGED_EDITS,
                                                {"DEFAULT_PAGINATION": 2, "RELATED_BLOG_POSTS": False})


def test_a_deleted_posts_page_and_its_empty_folders_disappear(tmp_path):
    content, output, cache = tmp_path / "content", tmp_path / "output", tmp_path / "cache"
    write_files(content, START)
    build(content, output, cache, {})
    page = output / "blog" / "2025" / "cores" / "index.html"
    assert page.is_file() and (output / "blog" / "tag" / "field").is_dir()
    (content / "blog/2025-02-10-cores.md").unlink()
    build(content, output, cache, {})
    assert not page.exists() and not page.parent.exists()
    assert not (output / "blog" / "tag" / "field").exists()  # the tag only that post had
    assert (output / "blog" / "2025" / "rings" / "index.html").is_file()


def test_files_kept_by_output_retention_and_written_by_others_during_the_build_stay(tmp_path):
    content, output, cache = tmp_path / "content", tmp_path / "output", tmp_path / "cache"
    write_files(content, START)
    write_files(output, {"CNAME": "scholar.example.org\n", ".git/HEAD": "ref: main\n",
                         "old/left-over.html": "<p>from a build long ago</p>"})
    build(content, output, cache, {})
    assert (output / "CNAME").read_text() == "scholar.example.org\n"
    assert (output / ".git" / "HEAD").is_file()
    assert not (output / "old").exists()


LONG_AGO = 946_684_800  # 2000-01-01, in seconds


def test_a_rebuild_writes_only_the_files_whose_bytes_changed(tmp_path):
    content, output, cache = tmp_path / "content", tmp_path / "output", tmp_path / "cache"
    write_files(content, START)
    build(content, output, cache, {})
    files = [path for path in output.rglob("*") if path.is_file()]
    for path in files:
        os.utime(path, (LONG_AGO, LONG_AGO))
    replace("blog/2025-01-10-rings.md", "drought", "fire")(content)
    build(content, output, cache, {})
    rewritten = {str(path.relative_to(output)) for path in files if path.stat().st_mtime != LONG_AGO}
    assert "blog/2025/rings/index.html" in rewritten
    for unchanged in ("blog/2025/cores/index.html", "publications/index.html", "cv/index.html",
                      "cv/cv.pdf", "sitemap.xml", "theme/fonts/math.woff2", "images/me-40w.webp"):
        assert (output / unchanged).is_file() and unchanged not in rewritten, unchanged


def test_pages_drawn_from_unchanged_records_are_not_rendered_again(tmp_path, monkeypatch):
    import jinja2

    content, output, cache = tmp_path / "content", tmp_path / "output", tmp_path / "cache"
    write_files(content, START)
    build(content, output, cache, {})
    rendered: list[str] = []
    original = jinja2.Template.render

    def render(self, *args, **kwargs):
        rendered.append(self.name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", render)
    paper = output / "publications" / "lindqvist2024" / "index.html"
    paper.write_text(paper.read_text(encoding="utf-8").replace("Drought memory", "Tampered"), encoding="utf-8")
    replace("blog/2025-01-10-rings.md", "drought", "fire")(content)
    build(content, output, cache, {})
    assert "article.html" in rendered  # posts are always drawn
    assert "publications.html" not in rendered
    assert rendered.count("paper.html") == 1  # only the page changed by hand in output/
    assert "Tampered" not in paper.read_text(encoding="utf-8")


def test_post_pages_are_drawn_again_only_when_they_or_the_posts_they_show_changed(tmp_path, monkeypatch):
    import jinja2

    content, output, cache = tmp_path / "content", tmp_path / "output", tmp_path / "cache"
    write_files(content, {**START, "blog/2024-06-01-old.md": "---\ntitle: Old\ndate: 2024-06-01\n---\nSoil.\n"})
    build(content, output, cache, {})
    drawn: list[str] = []
    original = jinja2.Template.render

    def render(self, *args, **kwargs):
        if self.name == "article.html":
            drawn.append(args[0]["output_file"])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", render)
    replace("blog/2025-03-20-bark.md", "Bark grows", "Bark thickens")(content)
    build(content, output, cache, {})
    # Bark itself, and Cores, whose next-post link shows Bark; not Old, two posts away and unrelated.
    assert "blog/2025/bark/index.html" in drawn and "blog/2025/cores/index.html" in drawn
    assert "blog/2024/old/index.html" not in drawn
    assert "Bark thickens" in (output / "blog/2025/bark/index.html").read_text(encoding="utf-8")


def test_a_post_edit_draws_again_only_the_list_pages_showing_that_post_or_its_neighbours(tmp_path, monkeypatch):
    import jinja2

    content, output, cache = tmp_path / "content", tmp_path / "output", tmp_path / "cache"
    settings = {"DEFAULT_PAGINATION": 2, "RELATED_BLOG_POSTS": False}
    write_files(content, PAGED_START)
    build(content, output, cache, settings)
    drawn: list[str] = []
    original = jinja2.Template.render

    def render(self, *args, **kwargs):
        if self.name in ("index.html", "tag.html"):
            drawn.append(args[0]["output_file"])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", render)
    # Newest first, two a page: 7 6 | 5 4 | 3 2 | 1. Post 4's neighbours are posts 5 and 3.
    replace("blog/post-4.md", "about soil", "about rain")(content)
    build(content, output, cache, settings)
    assert "blog/page/2/index.html" in drawn and "blog/page/3/index.html" in drawn
    assert "blog/index.html" not in drawn and "blog/page/4/index.html" not in drawn
    assert "about&nbsp;rain" in (output / "blog/page/2/index.html").read_text(encoding="utf-8")


def test_a_document_class_making_its_own_summary_or_address_is_fingerprinted_by_them():
    from pelican.contents import Article

    from pelican_scholar.pagecache import _properties

    class Teaser(Article):
        def get_summary(self, siteurl):
            return "A teaser."

    class Moved(Article):
        def get_url_setting(self, key):
            return "elsewhere/"

    # Pelican's own follow from what is digested anyway (metadata, body); others are read.
    assert "summary" not in _properties(Article) and "url" not in _properties(Article)
    assert "summary" in _properties(Teaser)
    assert {"url", "save_as"} <= set(_properties(Moved))
