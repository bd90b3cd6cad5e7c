"""`invoke import-alfolio` keeps every address the al-folio site published.

Each fixture is a tiny al-folio site with one kind of address (a custom post
permalink, a named style, a page permalink, a collection permalink, archives,
`redirect_from:`, a baseurl). The test imports it, then follows every old
address in the built output/, as a web server and a browser would: it must be
a page, or a redirect page whose target is a page.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from helpers import write_files
from pelican.settings import get_settings_from_file

from pelican_scholar.importer import import_alfolio
from pelican_scholar.importer.addresses import fill, post_settings
from pelican_scholar.importer.moved import served_files

ROOT = Path(__file__).resolve().parent.parent

CONFIG = """\
title: Ada Lindqvist
first_name: Ada
last_name: Lindqvist
url: https://ada.example.org
baseurl: {baseurl}
permalink: {permalink}
scholar:
  last_name: Lindqvist
pagination:
  enabled: true
collections:
  news:
    output: true
    permalink: /news/:path/
  projects:
    output: true
    permalink: /:collection/:title/
jekyll-archives:
  enabled: [year, tags, categories]
  permalinks:
    year: /blog/:year/
    tag: /blog/tag/:name/
    category: /blog/category/:name/
plugins:
  - jekyll-feed
  - jekyll-archives
"""
ABOUT = "---\nlayout: about\ntitle: about\npermalink: /\n---\nI study trees.\n"
BLOG = ("---\nlayout: default\npermalink: /blog/\ntitle: blog\npagination:\n  enabled: true\n"
        "  per_page: 2\n  permalink: /page/:num/\n---\n{% for post in paginator.posts %}x{% endfor %}\n")


def post(title: str, extra: str = "") -> str:
    return f"---\nlayout: post\ntitle: {title}\n{extra}---\nAbout {title}.\n"


def alfolio_site(root: Path, permalink: str = "/blog/:year/:title/", baseurl: str = "", **extra) -> Path:
    write_files(root, {
        "_config.yml": CONFIG.format(permalink=permalink, baseurl=baseurl),
        "_pages/about.md": ABOUT, "_pages/blog.md": BLOG,
        "_pages/teaching.md": "---\nlayout: page\ntitle: teaching\npermalink: /teaching/\n---\nI teach.\n",
        "_pages/notes.md": "---\nlayout: page\ntitle: notes\n---\nA page without a permalink.\n",
        "_posts/2021-5-5-score.md": post("Score", "categories: research methods\ntags: Machine-Learning trees\n"
                                                 "redirect_from:\n  - /old-score/\n  - /2021/score.html\n"),
        "_posts/2022-01-10-rings.md": post("Rings", "tags: trees\n"),
        "_posts/2023-03-01-drought.md": post("Drought"),
        "_news/2024-02-01-grant.md": "---\nlayout: post\ntitle: A grant\ndate: 2024-02-01\n---\nWe got it.\n",
        "_news/talk.md": "---\nlayout: post\ndate: 2024-03-01\ninline: true\n---\nA talk.\n",
        "assets/pdf/paper.pdf": b"%PDF-1.4 a paper", "assets/img/ring.png": b"\x89PNG not really",
        "_projects/Tree_Rings.md": "---\nlayout: page\ntitle: Tree rings\nimportance: 1\n---\nRings.\n",
        **extra,
    })
    return root


def follow(output: Path, path: str, siteurl: str = "") -> str | None:
    """The file under output/ a reader ends on from `path`, following one redirect page; None if lost."""
    for name in served_files(path):
        file = output / name
        if not file.is_file():
            continue
        if file.suffix != ".html":
            return name
        refresh = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml").select_one('meta[http-equiv="refresh"]')
        if refresh is None:
            return name
        target = refresh["content"].split("url=", 1)[1]
        if "://" in target and not target.startswith(siteurl or "\0"):
            return target  # a page elsewhere on the web
        target = unquote(target.removeprefix(siteurl)) if siteurl else unquote(target)
        landing = next((n for n in served_files(target) if (output / n).is_file()), None)
        if landing and BeautifulSoup((output / landing).read_text(encoding="utf-8"), "lxml").select_one(
                'meta[http-equiv="refresh"]') is None:
            return landing
        return None
    return None


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("addresses")
    report = import_alfolio(alfolio_site(root / "alfolio"), ROOT, root / "site")
    return report, root / "site"


def every_old_address_resolves(report, site: Path) -> None:
    lost = [(a.path, a.what) for a in report.alfolio_addresses
            if not a.left_out and follow(site / "output", a.path) is None]
    assert lost == []
    assert report.addresses.lost == []


def test_every_al_folio_address_is_a_page_or_a_redirect_to_one(imported):
    report, site = imported
    every_old_address_resolves(report, site)
    assert report.addresses.computed == len(report.alfolio_addresses) > 15


def test_the_default_post_address_is_kept_as_a_page(imported):
    _, site = imported
    assert follow(site / "output", "/blog/2021/score/") == "blog/2021/score/index.html"


def test_a_page_permalink_is_kept_and_jekylls_path_address_redirects(imported):
    report, site = imported
    assert "/teaching/" in report.addresses.kept
    assert follow(site / "output", "/_pages/notes/") == "notes/index.html"
    assert ("/_pages/notes/", "/notes/") in report.moved_urls


def test_collection_permalinks_redirect_to_the_imported_items(imported):
    _, site = imported
    output = site / "output"
    assert follow(output, "/news/2024-02-01-grant/") == "news/grant/index.html"
    assert follow(output, "/news/talk/") == "news/index.html"  # inline: no page of its own here
    assert follow(output, "/projects/Tree_Rings/") is not None


def test_archives_pagination_and_feed_are_kept(imported):
    report, site = imported
    output = site / "output"
    assert follow(output, "/blog/tag/machine-learning/") == "blog/tag/machine-learning/index.html"
    assert follow(output, "/blog/category/research/") == "blog/category/research/index.html"
    assert follow(output, "/blog/category/methods/") == "blog/index.html"  # ours: one category a post
    assert follow(output, "/blog/2022/") == "blog/2022/index.html"
    assert follow(output, "/blog/page/2/") == "blog/page/2/index.html"
    assert follow(output, "/feed.xml") == "feed.xml"
    settings = get_settings_from_file(str(site / "pelicanconf.py"))
    assert settings["DEFAULT_PAGINATION"] == 2 and settings["FEED_ALL_ATOM"] == "feed.xml"


def test_a_pdf_is_served_at_its_old_address_too_and_images_are_only_reported(imported):
    report, site = imported
    output = site / "output"
    assert follow(output, "/assets/pdf/paper.pdf") == "assets/pdf/paper.pdf"
    assert (output / "assets/pdf/paper.pdf").read_bytes() == (output / "files/paper.pdf").read_bytes()
    assert ("/assets/pdf/paper.pdf", "/files/paper.pdf") in report.moved_urls
    assert not (output / "assets/img/ring.png").exists() and (output / "images/ring.png").exists()
    assert "Images and media files (1) moved" in (site / "IMPORT-REPORT.md").read_text()


def test_redirect_from_entries_redirect_to_the_post(imported):
    _, site = imported
    assert follow(site / "output", "/old-score/") == "blog/2021/score/index.html"
    assert follow(site / "output", "/2021/score.html") == "blog/2021/score/index.html"


def test_the_report_lists_moved_addresses_and_those_that_could_not_be_kept(tmp_path):
    # No page can stand at an old address that was a JSON file: reported lost, with the reason.
    source = alfolio_site(tmp_path / "alfolio", **{
        "_posts/2020-01-01-data.md": post("Data", "redirect_from: /data.json\n")})
    report = import_alfolio(source, ROOT, tmp_path / "site")
    text = (tmp_path / "site" / "IMPORT-REPORT.md").read_text()
    assert "| `/_pages/notes/` | `/notes/` |" in text
    lost = dict(report.addresses.lost)
    assert list(lost) == ["/data.json"]
    assert f"`/data.json`: {lost['/data.json']}" in text
    redirects = (tmp_path / "site" / "content" / "data" / "redirects.yml").read_text()
    assert '"/_pages/notes/": "{filename}/pages/notes.md"' in redirects


def test_a_page_outside_pages_folder_is_imported_and_its_address_kept(tmp_path):
    # Jekyll publishes any file with front matter, e.g. a note in a folder of its own.
    source = alfolio_site(tmp_path / "alfolio", **{
        "old/Field Notes.md": "---\ntitle: Field notes\n---\nOutside the pages folder.\n",
        "old/README.md": "No front matter: Jekyll copies it as a file, so it is not a page.\n"})
    report = import_alfolio(source, ROOT, tmp_path / "site")
    every_old_address_resolves(report, tmp_path / "site")
    page = follow(tmp_path / "site" / "output", "/old/Field Notes/")
    text = BeautifulSoup((tmp_path / "site" / "output" / page).read_text(), "lxml").select_one("main").get_text()
    assert "Outside the pages\xa0folder." in text  # typogrify keeps the last two words together
    assert not (tmp_path / "site" / "content" / "pages" / "README.md").exists()


def test_a_custom_post_permalink_becomes_the_post_address(tmp_path):
    source = alfolio_site(tmp_path / "alfolio", permalink="/blog/:year/:month/:title/")
    report = import_alfolio(source, ROOT, tmp_path / "site")
    settings = get_settings_from_file(str(tmp_path / "site" / "pelicanconf.py"))
    assert settings["ARTICLE_URL"] == "blog/{date:%Y}/{date:%m}/{slug}/"
    page = tmp_path / "site" / "output" / "blog" / "2021" / "05" / "score" / "index.html"
    assert BeautifulSoup(page.read_text(), "lxml").select_one('meta[http-equiv="refresh"]') is None
    assert "/blog/2021/05/score/" in report.addresses.kept
    every_old_address_resolves(report, tmp_path / "site")


@pytest.mark.parametrize("style, old", [
    ("pretty", "/research/methods/2021/05/05/score/"),
    ("date", "/research/methods/2021/05/05/score.html"),
    ("none", "/research/methods/score.html"),
])
def test_named_permalink_styles_keep_their_addresses(tmp_path, style, old):
    report = import_alfolio(alfolio_site(tmp_path / "alfolio", permalink=style),
                            ROOT, tmp_path / "site")
    assert old in {a.path for a in report.alfolio_addresses}
    assert follow(tmp_path / "site" / "output", old) == "blog/2021/score/index.html"
    every_old_address_resolves(report, tmp_path / "site")


def test_a_baseurl_is_part_of_the_reported_addresses(tmp_path):
    report = import_alfolio(alfolio_site(tmp_path / "alfolio", baseurl="/lab"),
                            ROOT, tmp_path / "site")
    assert ("/lab/_pages/notes/", "/lab/notes/") in report.moved_urls
    assert "'https://ada.example.org/lab'" in (tmp_path / "site" / "publishconf.py").read_text()
    every_old_address_resolves(report, tmp_path / "site")


@pytest.mark.parametrize("template, values, expected", [
    ("/blog/:year/:title/", {"year": "2021", "title": "score"}, "/blog/2021/score/"),
    ("/:categories/:year/:i_month/:title:output_ext", {"categories": "", "year": "2021", "i_month": "5",
                                                      "title": "score", "output_ext": ".html"}, "/2021/5/score.html"),
    ("/:collection/:path/", {"collection": "news", "path": "../../etc"}, "/news/etc/"),
])
def test_jekyll_url_templates_are_filled_as_jekyll_fills_them(template, values, expected):
    assert fill(template, values) == expected


@pytest.mark.parametrize("permalink, expected", [
    ("/blog/:year/:title/", {}),  # ours already
    ("/blog/:year/:i_month/:title", {"ARTICLE_URL": "blog/{date:%Y}/{date:%-m}/{slug}",
                                     "ARTICLE_SAVE_AS": "blog/{date:%Y}/{date:%-m}/{slug}.html"}),
    ("/posts/:title.html", {"ARTICLE_URL": "posts/{slug}.html", "ARTICLE_SAVE_AS": "posts/{slug}.html"}),
    ("/:categories/:title/", {}),  # Pelican has no :categories: those posts are redirected instead
    ("pretty", {}),
])
def test_post_permalinks_become_article_settings_where_pelican_can_say_them(permalink, expected):
    assert post_settings({"permalink": permalink}) == expected


def test_where_imported_content_lives_decides_the_redirect_target():
    from pelican_scholar.importer.addresses import Sources

    sources = Sources({"_talks/a.md": ("imported with changes", "data/talks.yml", []),
                       "_posts/2021-01-01-x.md": ("imported as is", "blog/2021-01-01-x.md", []),
                       "_posts/2015-01-01-math.md": ("skipped", "", ["al-folio's sample content"]),
                       "_people/x.md": ("skipped", "", ["`show: false`"])})
    assert sources.targets_of("_talks/a.md") == (("talks/",), "", "")
    assert sources.targets_of("_posts/2021-01-01-x.md") == (("{filename}/blog/2021-01-01-x.md",), "", "")
    assert sources.targets_of("_posts/2015-01-01-math.md") == ((), "al-folio's sample content", "")
    assert sources.targets_of("_people/x.md") == ((), "", "`show: false`")


def test_jekyll_archives_v2_and_old_jekyll_paginate_addresses_are_computed(tmp_path):
    from pelican_scholar.importer.addresses import Sources, alfolio_addresses

    root = tmp_path / "alfolio"
    write_files(root, {
        "_posts/2024-01-01-a.md": post("A", "tags: [Deep Learning]\ncategories: ml\n"),
        "_posts/2024-02-01-b.md": post("B"), "_posts/2024-03-01-c.md": post("C"),
    })
    config = {"permalink": "/blog/:year/:title/", "plugins": ["jekyll-archives-v2"], "paginate": 2,
              "paginate_path": "/blog/page:num/",
              "jekyll-archives": {"posts": {"enabled": ["year", "tags", "categories"],
                                            "permalinks": {"year": "/blog/:year/", "tags": "/blog/:type/:name/",
                                                           "categories": "/blog/:type/:name/"}}}}
    paths = {a.path for a in alfolio_addresses(root, config, Sources()).addresses}
    assert {"/blog/tag/deep-learning/", "/blog/category/ml/", "/blog/2024/", "/blog/page2/"} <= paths
    assert "/blog/page3/" not in paths


def test_hostile_permalinks_are_reported_lost_and_nothing_is_written_outside_the_site(tmp_path):
    source = alfolio_site(tmp_path / "alfolio", **{
        "_pages/escape.md": "---\ntitle: Escape\npermalink: /../../escape/\n---\nx\n",
        "_posts/2024-01-01-odd.md": post("Odd", 'permalink: "/odd\\u001b[31m/"\nredirect_from: [7, "/a?b=1"]\n'),
        "_pages/per-page.md": "---\ntitle: P\npagination:\n  enabled: true\n  per_page: lots\n---\nx\n",
    })
    report = import_alfolio(source, ROOT, tmp_path / "site")
    assert not (tmp_path / "escape").exists() and not (tmp_path / "site" / "escape").exists()
    lost = dict(report.addresses.lost)
    assert "/a?b=1" in lost and "/../../escape/" in lost
    assert follow(tmp_path / "site" / "output", "/_pages/notes/") == "notes/index.html"
