"""Social links: al-folio's keys and URL patterns, custom entries, and unknown keys."""

from __future__ import annotations

import html

import pytest
from helpers import text

ABOUT = "---\nlayout: about\ntitle: About\npermalink: /\n---\nHello.\n"

EXPECTED_URLS = {
    "scholar_userid": ("qc6CJjYAAAAJ", "https://scholar.google.com/citations?user=qc6CJjYAAAAJ"),
    "orcid_id": ("0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097"),
    "github_username": ("adal", "https://github.com/adal"),
    "linkedin_username": ("ada-l", "https://www.linkedin.com/in/ada-l"),
    "x_username": ("ada_l", "https://twitter.com/ada_l"),
    "bluesky_url": ("https://bsky.app/profile/ada.bsky.social",
                    "https://bsky.app/profile/ada.bsky.social"),
    "mastodon_username": ("fediscience.org/@ada", "https://fediscience.org/@ada"),
    "dblp_url": ("https://dblp.org/pid/00/1234.html", "https://dblp.org/pid/00/1234.html"),
    "semanticscholar_id": ("1741101", "https://www.semanticscholar.org/author/1741101"),
    "arxiv_id": ("lindqvist_a_1", "https://arxiv.org/a/lindqvist_a_1.html"),
    "research_gate_profile": ("Ada-Lindqvist", "https://www.researchgate.net/profile/Ada-Lindqvist/"),
    "inspirehep_id": ("1010907", "https://inspirehep.net/authors/1010907"),
}


@pytest.fixture
def social_site(build_site):
    socials = {key: value for key, (value, _) in EXPECTED_URLS.items()}
    socials.update({
        "email": "ada@example.org",
        "rss_icon": True,
        "cv_pdf": "files/cv.pdf",
        "lab": {"title": "The Forest Lab", "url": "https://lab.example.org", "icon": "globe"},
    })
    return build_site({"pages/about.md": ABOUT}, SOCIALS=socials,
                      CONTACT_NOTE="Write to me <em>any time</em>.")


def links_by_label(site) -> dict[str, str]:
    page = site.html("index.html")
    return {text(a.select_one(".visually-hidden")): a["href"] for a in page.select(".social-links a")}


@pytest.mark.parametrize("key", sorted(EXPECTED_URLS))
def test_network_links_use_al_folio_url_patterns(social_site, key):
    from pelican_scholar.socials.networks import NETWORKS

    assert links_by_label(social_site)[NETWORKS[key].label] == EXPECTED_URLS[key][1]


def test_links_keep_the_order_they_were_written_in(social_site):
    labels = list(links_by_label(social_site))
    assert labels[:3] == ["Google Scholar", "ORCID", "GitHub"]
    assert labels[-1] == "The Forest Lab"


def test_email_is_a_mailto_link_not_readable_in_the_raw_file(social_site):
    assert links_by_label(social_site)["Email"] == "mailto:ada@example.org"
    raw = social_site.text("index.html")
    assert "ada@example.org" not in raw
    assert html.unescape(raw).count("mailto:ada@example.org") == 1


def test_feed_cv_and_custom_links(social_site):
    links = links_by_label(social_site)
    assert links["RSS feed"] == "/feeds/all.atom.xml"
    assert links["CV"] == "/files/cv.pdf"
    assert links["The Forest Lab"] == "https://lab.example.org"


def test_each_icon_is_inline_svg_hidden_from_screen_readers(social_site):
    for link in social_site.html("index.html").select(".social-links a"):
        svg = link.select_one("svg")
        assert svg is not None and svg["aria-hidden"] == "true"


def test_mastodon_link_verifies_the_profile(social_site):
    page = social_site.html("index.html")
    assert page.select_one('a[href="https://fediscience.org/@ada"]')["rel"] == ["me"]


def test_contact_note_is_shown_under_the_icons(social_site):
    note = social_site.html("index.html").select_one(".contact-note")
    assert note.select_one("em").get_text() == "any time"


def test_a_page_carries_only_the_icons_it_shows(build_site):
    site = build_site({"pages/about.md": ABOUT}, SOCIALS={"orcid_id": "0000-0002-1825-0097"})
    page = site.html("index.html")
    assert len(page.select(".social-links svg")) == 1
    # The only other icons on the page are the theme toggle's two.
    assert len(page.select("svg")) == 3


def test_unknown_key_warns_naming_it_and_the_rest_still_render(build_site):
    site = build_site({"pages/about.md": ABOUT},
                      SOCIALS={"orcid_id": "0000-0002-1825-0097", "myspace_id": "ada"})
    assert any("'myspace_id'" in warning and "unknown social key" in warning
               for warning in site.warnings)
    assert list(links_by_label(site)) == ["ORCID"]


def test_al_folio_socials_yml_is_read_from_content_data(build_site):
    socials_yml = "github_username: adal\nwork_url: https://uni.example.org/~ada\n"
    site = build_site({"pages/about.md": ABOUT, "data/socials.yml": socials_yml})
    assert links_by_label(site) == {"GitHub": "https://github.com/adal",
                                    "Work": "https://uni.example.org/~ada"}


def test_broken_socials_yml_warns_with_file_and_line(build_site):
    site = build_site({"pages/about.md": ABOUT, "data/socials.yml": "github_username: a\n  bad: [\n"})
    assert any("socials.yml:" in w and "not valid YAML" in w for w in site.warnings)
    assert site.exists("index.html")


def test_link_values_cannot_break_out_of_the_attribute(build_site):
    site = build_site({"pages/about.md": ABOUT},
                      SOCIALS={"bluesky_url": 'https://x.example/" onmouseover="alert(1)'})
    link = site.html("index.html").select_one(".social-links a")
    assert link["href"] == 'https://x.example/" onmouseover="alert(1)'
    assert not link.has_attr("onmouseover")


def test_links_that_would_run_code_are_refused_with_a_warning(build_site):
    site = build_site({"pages/about.md": ABOUT}, SOCIALS={
        "lab": {"title": "Lab", "url": "javascript:alert(1)"}, "work_url": "data:text/html,x",
        "orcid_id": "0000-0002-1825-0097"})
    assert list(links_by_label(site)) == ["ORCID"]
    assert sum("not a web address" in warning for warning in site.warnings) == 2


def test_a_key_in_both_settings_and_socials_yml_warns_and_settings_win(build_site):
    site = build_site({"pages/about.md": ABOUT, "data/socials.yml": "github_username: theirs\n"},
                      SOCIALS={"github_username": "mine"})
    assert links_by_label(site) == {"GitHub": "https://github.com/mine"}
    assert sum("also in SOCIALS" in w for w in site.warnings) == 1


def test_a_logo_on_another_host_is_not_loaded(build_site):
    site = build_site({"pages/about.md": ABOUT}, SOCIALS={
        "custom_social": {"title": "Lab", "url": "https://lab.example.org",
                          "logo": "https://cdn.example.com/logo.png"}})
    assert site.html("index.html").select(".social-links img") == []
    assert any("another host" in w for w in site.warnings)


def test_a_cv_that_is_not_in_content_warns(build_site):
    site = build_site({"pages/about.md": ABOUT}, SOCIALS={"cv_pdf": "/assets/pdf/cv.pdf"})
    assert any("'cv_pdf'" in w and "content/files/" in w for w in site.warnings)
    present = build_site({"pages/about.md": ABOUT, "files/cv.pdf": b"%PDF"},
                         SOCIALS={"cv_pdf": "files/cv.pdf"})
    assert not any("cv_pdf" in w for w in present.warnings)
