"""Customising without touching theme/ or plugins/: settings, extra.css, template
overrides in content/templates/, and the navigation."""

from __future__ import annotations


from helpers import differences, text

ABOUT = "---\nlayout: about\ntitle: About\npermalink: /\n---\nHello.\n"
PAGE = "---\ntitle: {title}\n---\nBody of {title}.\n"


def test_navigation_follows_the_order_in_settings(build_site):
    site = build_site({"pages/about.md": ABOUT, "pages/teaching.md": PAGE.format(title="Teaching"),
                       "pages/cv.md": PAGE.format(title="CV")},
                      NAVIGATION=["about", "cv", "blog", "teaching", ("Lab", "https://lab.example.org/")])
    nav = site.html("cv/index.html").select(".site-nav a")
    assert [(text(a), a["href"]) for a in nav] == [
        ("About", "/"), ("CV", "/cv/"), ("Blog", "/blog/"), ("Teaching", "/teaching/"),
        ("Lab", "https://lab.example.org/")]
    assert [text(a) for a in nav if a.get("aria-current") == "page"] == ["CV"]


def test_without_navigation_setting_al_folio_nav_flags_decide(build_site):
    site = build_site({
        "pages/about.md": ABOUT,
        "pages/cv.md": "---\ntitle: CV\nnav: true\nnav_order: 2\n---\nx\n",
        "pages/projects.md": "---\ntitle: Projects\nnav: true\nnav_order: 1\n---\nx\n",
        "pages/hidden.md": "---\ntitle: Hidden\n---\nx\n",
    })
    assert [text(a) for a in site.html("index.html").select(".site-nav a")] == [
        "About", "Projects", "CV", "Blog"]


def test_al_folio_permalink_decides_where_a_page_is_written(build_site):
    site = build_site({"pages/about.md": ABOUT,
                       "pages/pubs.md": "---\ntitle: Talks\npermalink: /talks/\n---\nx\n"})
    assert site.exists("talks/index.html")


def test_extra_css_is_loaded_after_the_theme_css(build_site):
    site = build_site({"pages/about.md": ABOUT, "extra.css": ":root { --color-accent: red; }"})
    sheets = [link["href"] for link in site.html("index.html").select('link[rel="stylesheet"]')]
    assert sheets == ["/theme/css/main.css", "/extra.css"]
    assert site.exists("extra.css")


def test_templates_in_content_templates_override_the_theme(build_site):
    footer = '<footer class="site-footer"><p id="my-footer">My own footer</p></footer>\n'
    site = build_site({"pages/about.md": ABOUT, "templates/partials/footer.html": footer})
    assert text(site.html("index.html").select_one("#my-footer")) == "My own footer"


BIB = "@article{k1, title={A $x^2$ paper}, author={Lindqvist, Ada}, journal={J}, year={2024}}\n"


def test_the_same_input_gives_byte_identical_output(build_site, monkeypatch):
    files = {"pages/about.md": ABOUT, "blog/2025-01-01-a.md": "---\ntitle: A\ndate: 2025-01-01\n---\n$x^2$\n",
             "news/n.md": "---\ndate: 2025-01-01\ninline: true\n---\nNews.\n",
             "publications/papers.bib": BIB}
    first = build_site(files, publish=True, SOCIALS={"email": "a@example.org"})
    # The second build happens "a day later": nothing may depend on the clock.
    from pelican_scholar import sitemap

    monkeypatch.setattr(sitemap._sitemap, "now", sitemap._sitemap.now.replace(year=2001))
    second = build_site(files, publish=True, SOCIALS={"email": "a@example.org"})
    assert differences(first.output, second.output) == []


def test_navigation_accepts_paths_with_a_leading_slash_and_other_schemes(build_site):
    site = build_site({"pages/about.md": ABOUT, "pages/cv.md": PAGE.format(title="CV")},
                      NAVIGATION=["about", ("CV", "/cv/"), ("Mail", "mailto:ada@example.org")],
                      publish=True)
    hrefs = [a["href"] for a in site.html("cv/index.html").select(".site-nav a")]
    assert hrefs == ["https://scholar.example.org/", "https://scholar.example.org/cv/",
                     "mailto:ada@example.org"]
    current = site.html("cv/index.html").select('.site-nav a[aria-current="page"]')
    assert [text(a) for a in current] == ["CV"]


def test_the_home_page_is_marked_current_once(build_site):
    site = build_site({"pages/about.md": ABOUT}, NAVIGATION=["about"])
    assert len(site.html("index.html").select('[aria-current="page"]')) == 1


def test_navigation_follows_changed_section_urls(build_site):
    site = build_site({"pages/about.md": ABOUT}, NAVIGATION=["blog", "news"],
                      INDEX_URL="writing/", INDEX_SAVE_AS="writing/index.html",
                      NEWS_INDEX_URL="updates/", NEWS_INDEX_SAVE_AS="updates/index.html")
    assert [a["href"] for a in site.html("index.html").select(".site-nav a")] == ["/writing/", "/updates/"]
    assert site.exists("writing/index.html") and site.exists("updates/index.html")


def test_sitemap_leaves_out_the_404_page_and_robots_txt(build_site):
    site = build_site({"pages/about.md": ABOUT}, publish=True)
    sitemap = site.text("sitemap.xml")
    assert "404.html" not in sitemap and "robots.txt" not in sitemap
    assert "<loc>https://scholar.example.org/</loc>" in sitemap


def test_an_image_favicon_is_copied_into_the_site(build_site):
    site = build_site({"pages/about.md": ABOUT, "favicon.png": b"\x89PNG\r\n"}, FAVICON="favicon.png")
    assert site.html("index.html").select_one('link[rel="icon"]')["href"] == "/favicon.png"
    assert site.exists("favicon.png")


def test_a_missing_favicon_file_warns(build_site):
    site = build_site({"pages/about.md": ABOUT}, FAVICON="images/nope.png")
    assert any("FAVICON" in w and "does not exist" in w for w in site.warnings)


def test_keep_pelican_defaults_lets_a_setting_keep_pelicans_value(build_site):
    post = "---\ntitle: A \"quoted\" title\ndate: 2025-01-01\n---\nIt's -- plain.\n"
    site = build_site({"blog/2025-01-01-a.md": post}, TYPOGRIFY=False)
    assert "It's -- plain." in text(site.html("blog/2025/a/index.html").select_one(".prose"))
