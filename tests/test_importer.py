"""`invoke import-alfolio`: an al-folio clone becomes a Pelican Scholar site.

Each test writes a tiny al-folio site of one vintage into tmp_path, imports it
into a new folder, and checks the written files, the report and the built site.
"""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest
from helpers import write_files
from bs4 import BeautifulSoup
from pelican.settings import get_settings_from_file

from pelican_scholar.importer import ImportError_, import_alfolio
from pelican_scholar.importer.files import normalised_post_name, rewrite_references
from pelican_scholar.importer.example import is_example_content, write_example_marker

ROOT = Path(__file__).resolve().parent.parent

CONFIG_2021 = """\
title: blank
first_name: Ada
middle_name:
last_name: Lindqvist
email: ada@example.org
description: >
  Forests and drought.
keywords: jekyll, jekyll-theme, ecology
icon: 🌲
url: https://ada.example.org
baseurl:
github_username: ada-l
twitter_username: ada_tweets
linkedin_username: ada-lindqvist
news_limit: 3
contact_note: Email is best.
blog_name: Field notes
scholar:
  last_name: Lindqvist
  first_name: [Ada, A.]
  bibliography: papers.bib
sass_rules_nobody_uses: true
"""

ABOUT = """\
---
layout: about
title: about
permalink: /
subtitle: Ecologist
profile:
  align: right
  image: prof_pic.jpg
news: true
selected_papers: true
social: true
---
I study trees. ![A ring]({{ site.baseurl }}/assets/img/ring.png)
"""

PUBLICATIONS_PAGE = """\
---
layout: page
permalink: /publications/
title: publications
description: all of them
nav: true
nav_order: 2
---
{% bibliography -f papers %}
"""

BLOG_PAGE = """\
---
layout: default
permalink: /blog/
title: blog
nav: true
nav_order: 1
---
{% for post in paginator.posts %}{{ post.title }}{% endfor %}
"""

TEACHING_PAGE = """\
---
layout: page
permalink: /teaching/
title: teaching
nav: true
nav_order: 3
---
I teach Forest Ecology every spring.
"""

POST = """\
---
layout: post
title: Reading rings
date: 2021-05-05
---
A [figure](/assets/img/ring.png) and a [PDF]({{ '/assets/pdf/notes.pdf' | relative_url }}).
"""

BIB = "@article{lindqvist2024, title={Drought}, author={Lindqvist, Ada}, journal={J}, year={2024}}\n"


def alfolio_2021(root: Path, **extra: str | bytes) -> Path:
    """An al-folio fork of the .html-layout years, socials in _config.yml."""
    write_files(root, {
        "_config.yml": CONFIG_2021,
        "Gemfile": "gem 'jekyll'\ngem 'jekyll-scholar'\n",
        "_layouts/about.html": "<div>{{ content }}</div>", "_layouts/bib.html": "x",
        "_layouts/distill.html": "x", "_layouts/cv.html": "x",
        "_pages/about.md": ABOUT, "_pages/publications.md": PUBLICATIONS_PAGE,
        "_pages/blog.md": BLOG_PAGE, "_pages/teaching.md": TEACHING_PAGE,
        "_posts/2021-5-5-score.md": POST,
        "_posts/2015-10-20-math.md": "---\nlayout: post\ntitle: a post with math\n---\n$x$\n",
        "_posts/2022-01-01-secret.md": "---\nlayout: post\ntitle: Secret\npublished: false\n---\nNo.\n",
        "_news/announcement_1.md": "---\nlayout: post\ndate: 2015-10-22\ninline: true\n---\n"
                                   "A simple inline announcement.\n",
        "_news/grant.md": "---\nlayout: post\ndate: 2024-02-01\ninline: true\n---\nWe got a grant.\n",
        "_bibliography/papers.bib": BIB,
        "_data/coauthors.yml": "okafor:\n  - firstname: [Chidi]\n    url: https://okafor.example.org\n",
        "assets/img/prof_pic.jpg": b"\xff\xd8\xff\xe0 not really a jpeg",
        "assets/img/ring.png": b"\x89PNG not really",
        "assets/pdf/notes.pdf": b"%PDF-1.4",
        "assets/js/common.js": "// the theme's",
        **extra,
    })
    return root


def fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def imported(tmp_path):
    source = alfolio_2021(tmp_path / "alfolio")
    before = fingerprint(source)
    report = import_alfolio(source, ROOT, tmp_path / "site")
    return source, before, report, tmp_path / "site"


def test_the_al_folio_folder_is_never_modified(imported):
    source, before, _, _ = imported
    assert fingerprint(source) == before


def test_settings_come_from_config_yml(imported):
    *_, site = imported
    settings = get_settings_from_file(str(site / "pelicanconf.py"))
    assert settings["AUTHOR"] == "Ada Lindqvist"
    assert settings["AUTHOR_FIRST_NAMES"] == ["Ada", "A."]
    assert settings["FAVICON"] == "🌲"
    assert settings["KEYWORDS"] == ["ecology"]
    assert settings["NEWS_LIMIT"] == 3
    assert settings["TYPOGRIFY"] is True  # the defaults are imported first
    # Old key names are renamed, so no social link is rejected.
    assert settings["SOCIALS"] == {"github_username": "ada-l", "x_username": "ada_tweets",
                                   "linkedin_username": "ada-lindqvist", "email": "ada@example.org"} \
        or set(settings["SOCIALS"]) == {"email", "github_username", "x_username", "linkedin_username"}
    publish = (site / "publishconf.py").read_text()
    assert "'https://ada.example.org'" in publish


def test_functional_pages_become_sections_in_al_folios_menu_order(imported):
    *_, site = imported
    settings = get_settings_from_file(str(site / "pelicanconf.py"))
    assert settings["NAVIGATION"][:3] == ["about", "blog", "publications"]
    assert not (site / "content" / "pages" / "publications.md").exists()
    assert (site / "content" / "pages" / "teaching.md").exists()  # a real page of words


def test_samples_and_unpublished_posts_are_skipped_and_reported(imported):
    *_, report, site = imported
    blog = sorted(p.name for p in (site / "content" / "blog").iterdir())
    assert blog == ["2021-05-05-score.md"]
    assert sorted(p.name for p in (site / "content" / "news").iterdir()) == ["grant.md"]
    skipped = {r.source: r.notes for r in report.files if r.status == "skipped"}
    assert "sample" in skipped["_posts/2015-10-20-math.md"][0]
    assert "published: false" in skipped["_posts/2022-01-01-secret.md"][0]
    text = (site / "IMPORT-REPORT.md").read_text()
    assert "_posts/2022-01-01-secret.md" in text and "sass_rules_nobody_uses" in text


def test_assets_move_and_references_follow(imported):
    *_, site = imported
    content = site / "content"
    assert (content / "images" / "ring.png").is_file() and (content / "files" / "notes.pdf").is_file()
    assert not (content / "files" / "js").exists()  # the theme's own JavaScript stays behind
    post = (content / "blog" / "2021-05-05-score.md").read_text()
    assert "({static}/images/ring.png)" in post
    assert "{{ '/files/notes.pdf' | relative_url }}" in post
    assert (content / "publications" / "papers.bib").read_text() == BIB


def test_the_imported_site_builds_with_al_folios_addresses(imported):
    *_, site = imported
    output = site / "output"
    post = BeautifulSoup((output / "blog/2021/score/index.html").read_text(), "lxml")
    assert post.select_one('article a[href$="ring.png"]')["href"] == "/images/ring.png"
    assert post.select_one('article a[href$="notes.pdf"]')["href"] == "/files/notes.pdf"
    assert (output / "publications" / "index.html").is_file()
    about = BeautifulSoup((output / "index.html").read_text(), "lxml")
    nav = [a.get_text(strip=True) for a in about.select(".site-nav a")]
    assert "Field notes" in nav and "Publications" in nav


def test_a_missing_referenced_file_is_listed_in_the_report(tmp_path):
    source = alfolio_2021(tmp_path / "alfolio", **{
        "_posts/2022-02-02-gone.md": "---\nlayout: post\ntitle: Gone\n---\n![x](/assets/img/gone.png)\n"})
    report = import_alfolio(source, ROOT, tmp_path / "site", run_build=False)
    assert ("_posts/2022-02-02-gone.md", "images/gone.png") in report.missing
    assert "images/gone.png" in (tmp_path / "site" / "IMPORT-REPORT.md").read_text()


def test_what_a_page_loads_from_another_host_is_listed_in_the_report(tmp_path):
    page = ("---\nlayout: page\ntitle: Contact\npermalink: /contact/\n---\nFind us:\n\n"
            '<iframe src="https://maps.example.org/embed?id=1" width="600"></iframe>\n\n'
            "![Campus](https://photos.example.net/campus.jpg) and [a link](https://example.com/x).\n")
    source = alfolio_2021(tmp_path / "alfolio", **{"_pages/contact.md": page})
    report = import_alfolio(source, ROOT, tmp_path / "site")
    record = next(r for r in report.files if r.source == "_pages/contact.md")
    assert record.status == "needs attention"
    assert "line 8: <iframe> from maps.example.org, line 10: an image from photos.example.net" in record.notes[-1]
    assert "example.com" not in record.notes[-1]  # a link loads nothing
    assert "line 8: <iframe> from maps.example.org" in (tmp_path / "site" / "IMPORT-REPORT.md").read_text()


def test_html_the_audit_rejects_is_named_in_the_report_with_file_and_line(tmp_path):
    page = ("---\nlayout: page\ntitle: Contact\npermalink: /contact/\n---\n### Mailing address\n\n"
            '<iframe src="/map.html" title="Map" width="100%" allowfullscreen="true"></iframe>\n')
    source = alfolio_2021(tmp_path / "alfolio", **{
        "_pages/contact.md": page, "assets/html/handout.html": "<html><body>Old</body></html>"})
    import_alfolio(source, ROOT, tmp_path / "site")
    attention = (tmp_path / "site" / "IMPORT-REPORT.md").read_text().split("## Needs attention", 1)[1]
    assert "- build: pages/contact.md:6: the heading “Mailing address” is level 3" in attention
    assert '- build: pages/contact.md:8: width="100%" on <iframe> is not valid HTML' in attention
    assert '- build: pages/contact.md:8: allowfullscreen="true" on <iframe>' in attention
    assert "- build: files/html/handout.html: published as it is, but it is not an HTML5 document" in attention


def test_style_sheets_from_other_hosts_and_html_pages_copied_as_they_are_are_named(tmp_path):
    page = ("---\nlayout: page\ntitle: Demo\npermalink: /demo/\n---\n"
            '<link rel="canonical" href="https://ada.example.org/demo/">\n'
            '<link href="https://fonts.example.com/css?family=Inter" rel="stylesheet">\n')
    source = alfolio_2021(tmp_path / "alfolio", **{
        "_pages/demo.md": page,
        "assets/html/map.html": '<!DOCTYPE html><title>Map</title><script src="leaflet.js"></script>'
                                '<script src="https://cdn.example.net/x.js"></script>'})
    report = import_alfolio(source, ROOT, tmp_path / "site", run_build=False)
    demo = next(r for r in report.files if r.source == "_pages/demo.md")
    assert demo.status == "needs attention"
    assert "line 7: <link> from fonts.example.com" in demo.notes[-1] and "ada.example.org" not in demo.notes[-1]
    copied = next(r for r in report.files if r.source == "assets/html/map.html")
    assert copied.status == "needs attention"
    assert "cdn.example.net" in copied.notes[-1] and "runs 2 script(s)" in copied.notes[-1]


def test_an_about_page_loading_more_than_the_audit_allows_is_named_with_what_it_loads(tmp_path):
    bib = "".join(f"@article{{p{n}, title={{Paper {n}}}, author={{Lindqvist, Ada}}, journal={{J}}, "
                  f"year={{2024}}, selected={{true}}, preview={{p{n}.png}}}}\n" for n in range(5))
    previews = {f"assets/img/publication_preview/p{n}.png": b"\x89PNG" for n in range(5)}
    source = alfolio_2021(tmp_path / "alfolio", **{"_bibliography/papers.bib": bib, **previews})
    report = import_alfolio(source, ROOT, tmp_path / "site")
    assert report.about_page is not None
    assert "`./dev audit` allows it 6" in report.about_page
    assert all(f"`/images/publications/p{n}.png`" in report.about_page for n in range(5))
    assert report.about_page in (tmp_path / "site" / "IMPORT-REPORT.md").read_text()


def test_a_light_about_page_is_not_named(imported):
    _, _, report, _ = imported
    assert report.about_page is None


def test_socials_yml_of_newer_sites_is_read(tmp_path):
    source = alfolio_2021(tmp_path / "alfolio", **{
        "_data/socials.yml": "orcid_id: 0000-0002-1825-0097\nx_username: ada\n"})
    import_alfolio(source, ROOT, tmp_path / "site", run_build=False)
    settings = get_settings_from_file(str(tmp_path / "site" / "pelicanconf.py"))
    assert settings["SOCIALS"]["orcid_id"] == "0000-0002-1825-0097"


def test_al_folio_v1_sites_are_recognised(tmp_path):
    source = tmp_path / "v1"
    write_files(source, {"_config.yml": "title: Lab\nal_folio:\n  theme: x\nscholar:\n  last_name: [Kim]\n",
                        "Gemfile": "gem 'al_folio_core'\n", "_pages/about.md": ABOUT})
    report = import_alfolio(source, ROOT, tmp_path / "site", run_build=False)
    assert report.site.vintage.startswith("v1")


@pytest.mark.parametrize("files, said", [
    ({"_config.yml": "theme: minimal-mistakes-jekyll\n", "_posts/a.md": "x"}, "minimal-mistakes"),
    ({"_config.yml": "author:\n  name: X\n", "_publications/a.md": "x", "_talks/b.md": "x",
      "_bibliography/papers.bib": BIB}, "academicpages"),
    ({"index.html": "<p>hi</p>"}, "no _config.yml"),
])
def test_other_sites_are_refused_saying_what_was_found(tmp_path, files, said):
    write_files(tmp_path / "other", files)
    with pytest.raises(ImportError_) as refused:
        import_alfolio(tmp_path / "other", ROOT, tmp_path / "site")
    assert said in str(refused.value)
    assert not (tmp_path / "site").exists()


def test_content_that_is_not_the_example_is_not_replaced_without_force(tmp_path):
    project = tmp_path / "project"
    write_files(project, {"content/pages/mine.md": "---\ntitle: Mine\n---\nMine.\n",
                         "publishconf.py": "SITEURL = ''\n"})
    source = alfolio_2021(tmp_path / "alfolio")
    with pytest.raises(ImportError_, match="holds your own files"):
        import_alfolio(source, project)
    write_example_marker(project / "content")
    assert is_example_content(project / "content")
    (project / "content" / "pages" / "mine.md").write_text("edited")
    assert not is_example_content(project / "content")


def test_a_dry_run_writes_nothing(tmp_path):
    source = alfolio_2021(tmp_path / "alfolio")
    report = import_alfolio(source, ROOT, tmp_path / "site", dry_run=True)
    assert report.count("imported as is") + report.count("imported with changes") > 5
    assert not (tmp_path / "site").exists()


def test_keep_samples_imports_them(tmp_path):
    source = alfolio_2021(tmp_path / "alfolio")
    import_alfolio(source, ROOT, tmp_path / "site", keep_samples=True, run_build=False)
    assert (tmp_path / "site" / "content" / "blog" / "2015-10-20-math.md").is_file()


@pytest.mark.parametrize("name, expected", [
    ("2021-5-5-score.md", "2021-05-05-score.md"),
    ("2020-10-16-explain_2_means.markdown", "2020-10-16-explain_2_means.md"),
    ("notes.md", "notes.md"),
])
def test_post_names_get_jekylls_zero_padded_dates(name, expected):
    assert normalised_post_name(name) == expected


def test_references_inside_liquid_stay_bare_and_others_become_static_links():
    seen = set()
    text = ('{% include figure.liquid path="assets/img/a.png" %} <img src="{{ site.baseurl }}/assets/img/'
            'publication_preview/b.png"> [c](/assets/pdf/c.pdf) /assets/js/x.js')
    out = rewrite_references(text, seen.add)
    assert 'path="images/a.png"' in out
    assert 'src="{static}/images/publications/b.png"' in out
    assert "[c]({static}/files/c.pdf)" in out
    assert "/assets/js/x.js" in out
    assert seen == {"images/a.png", "images/publications/b.png", "files/c.pdf"}


def test_comments_analytics_and_related_posts_switches_carry_over(tmp_path):
    config = CONFIG_2021 + textwrap.dedent("""\
        giscus:
          repo: ada/site
          repo_id: R_1
          category: Comments
          category_id: C_1
          mapping: title
        disqus_shortname: al-folio
        google_analytics: G-ABC123
        related_blog_posts:
          enabled: true
          max_related: 5
        search_enabled: true
        cronitor_analytics: XYZ
    """)
    source = alfolio_2021(tmp_path / "alfolio", **{"_config.yml": config})
    report = import_alfolio(source, ROOT, tmp_path / "site", run_build=False)
    settings = get_settings_from_file(str(tmp_path / "site" / "pelicanconf.py"))
    assert settings["GISCUS"]["repo"] == "ada/site" and settings["GISCUS"]["category_id"] == "C_1"
    assert settings["DISQUS_SHORTNAME"] == ""  # al-folio's placeholder is not a real site
    assert settings["GOOGLE_ANALYTICS"] == "G-ABC123"
    assert settings["RELATED_POSTS_LIMIT"] == 5 and settings["SEARCH_ENABLED"] is True
    assert ("cronitor_analytics" in dict(report.settings.not_carried))


def test_dates_in_config_yml_are_written_as_text(tmp_path):
    config = CONFIG_2021 + ("external_sources:\n  - name: Blog\n    posts:\n"
                            "      - url: https://x.example.org/a\n        published_date: 2024-03-01\n")
    source = alfolio_2021(tmp_path / "alfolio", **{"_config.yml": config})
    import_alfolio(source, ROOT, tmp_path / "site", run_build=False)
    settings = get_settings_from_file(str(tmp_path / "site" / "pelicanconf.py"))
    assert settings["EXTERNAL_SOURCES"][0]["posts"][0]["published_date"] == "2024-03-01"
