"""Repositories: content/data/repositories.yml (al-folio's) as static cards, from a cache."""

from __future__ import annotations

import io
import json
import logging
import urllib.error
from pathlib import Path

import pytest
from helpers import text
from pelican_scholar.repositories.fetch import fetch, update_cache

FIXTURES = Path(__file__).parent / "fixtures" / "github"
ANSWERS = {
    "https://api.github.com/users/octocat": FIXTURES / "user-octocat.json",
    "https://api.github.com/repos/octocat/Hello-World": FIXTURES / "repo-octocat-hello-world.json",
}
LIST = "github_users:\n  - octocat\ngithub_repos:\n  - octocat/Hello-World\n  - octocat/Spoon-Knife\n"


class FakeGitHub:
    """Stands in for urllib's urlopen: answers from the recorded responses."""

    def __init__(self, fail_on: str = "") -> None:
        self.requests = []
        self.fail_on = fail_on

    def __call__(self, request, timeout=None):
        self.requests.append(request)
        if self.fail_on and self.fail_on in request.full_url:
            raise urllib.error.HTTPError(request.full_url, 403, "rate limit exceeded", {}, None)
        if request.full_url not in ANSWERS:
            raise urllib.error.HTTPError(request.full_url, 404, "Not Found", {}, None)
        return io.BytesIO(ANSWERS[request.full_url].read_bytes())


def recorded_cache() -> str:
    data = fetch(["octocat"], ["octocat/Hello-World"], opener=FakeGitHub())
    return json.dumps(data)


@pytest.fixture(autouse=True)
def every_warning():
    logging.getLogger("pelican_scholar").disable_filter()


def test_cards_show_name_description_language_stars_and_forks_from_the_cache(build_site):
    site = build_site({"data/repositories.yml": LIST.replace("  - octocat/Spoon-Knife\n", ""),
                       "data/repositories-cache.json": recorded_cache()})
    page = site.html("repositories/index.html")
    repo = page.select_one(".repo-grid .repo-card")
    assert text(repo.select_one(".repo-card__title")) == "Hello-World"
    assert repo.select_one(".repo-card__title a")["href"] == "https://github.com/octocat/Hello-World"
    assert text(repo.select_one(".repo-card__description")) == "This your first repo!"
    stats = text(repo.select_one(".repo-card__stats"))
    assert "C" in stats and "Stars 80" in stats and "Forks 1,234" in stats
    user = page.select_one(".repo-users .repo-card")
    assert text(user.select_one(".repo-card__title")) == "monalisa octocat"
    assert "Followers 20" in text(user)
    assert site.warnings == []


def test_no_page_makes_a_third_party_request(build_site):
    site = build_site({"data/repositories.yml": LIST, "data/repositories-cache.json": recorded_cache()})
    page = site.html("repositories/index.html")
    for selector, attribute in (("img", "src"), ("script", "src"), ("source", "srcset"),
                                ("iframe", "src"), ("link[rel~=stylesheet]", "href"),
                                ("link[rel~=icon]", "href"), ("link[rel~=preload]", "href")):
        for node in page.select(f"{selector}[{attribute}]"):
            assert "://" not in node[attribute], node


def test_without_a_cache_cards_show_names_and_links_and_one_warning_says_how_to_fill_it(build_site):
    site = build_site({"data/repositories.yml": LIST})
    assert len(site.warnings) == 1 and "fetch-repositories" in site.warnings[0]
    assert "data/repositories.yml" in site.warnings[0]
    cards = site.html("repositories/index.html").select(".repo-grid .repo-card")
    assert [text(c.select_one(".repo-card__title")) for c in cards] == ["Hello-World", "Spoon-Knife"]
    assert cards[1].select_one("a")["href"] == "https://github.com/octocat/Spoon-Knife"
    assert cards[0].select_one(".repo-card__stats") is None


def test_a_repository_missing_from_the_cache_is_named_in_one_warning(build_site):
    site = build_site({"data/repositories.yml": LIST, "data/repositories-cache.json": recorded_cache()})
    assert len(site.warnings) == 1 and "octocat/Spoon-Knife" in site.warnings[0]


def test_malformed_repositories_yml_warns_with_file_and_line_and_the_rest_builds(build_site):
    broken = "github_users:\n  - octocat\ngithub_repos: [octocat/Hello-World\n"
    site = build_site({"data/repositories.yml": broken,
                       "pages/about.md": "---\ntitle: About\nlayout: about\npermalink: /\n---\nHi.\n"})
    assert len(site.warnings) == 1
    assert "repositories.yml:3" in site.warnings[0] and "not valid YAML" in site.warnings[0]
    assert site.exists("index.html") and not site.exists("repositories/index.html")


def test_an_entry_that_is_not_a_github_name_warns_with_its_line_and_the_others_show(build_site):
    listed = "github_users:\n  - octocat\ngithub_repos:\n  - octocat/Hello-World\n  - not a repo\n"
    site = build_site({"data/repositories.yml": listed, "data/repositories-cache.json": recorded_cache()})
    assert len(site.warnings) == 1 and "data/repositories.yml:5:" in site.warnings[0]
    assert len(site.html("repositories/index.html").select(".repo-grid .repo-card")) == 1


def test_no_repositories_file_means_no_page_and_no_menu_entry(build_site):
    site = build_site({"blog/p.md": "---\ntitle: P\ndate: 2025-01-01\n---\nx\n"},
                      NAVIGATION=["blog", "repositories"])
    assert not site.exists("repositories/index.html")
    assert [text(a) for a in site.html("blog/index.html").select(".site-nav a")] == ["Blog"]


def test_repositories_join_the_menu_by_name(build_site):
    site = build_site({"data/repositories.yml": LIST, "data/repositories-cache.json": recorded_cache()},
                      NAVIGATION=["repositories"])
    link = site.html("repositories/index.html").select_one(".site-nav a")
    assert (text(link), link["href"], link["aria-current"]) == ("Repositories", "/repositories/", "page")


def test_fetch_writes_only_the_fields_the_cards_use_and_sends_the_token(tmp_path):
    listed, cache = tmp_path / "repositories.yml", tmp_path / "cache.json"
    listed.write_text(LIST.replace("  - octocat/Spoon-Knife\n", ""))
    github = FakeGitHub()
    succeeded, message = update_cache(str(listed), str(cache), token="t0ken", opener=github)
    assert succeeded, message
    data = json.loads(cache.read_text())
    assert data["repos"]["octocat/hello-world"] == {
        "archived": False, "description": "This your first repo!", "forks_count": 1234,
        "full_name": "octocat/Hello-World", "html_url": "https://github.com/octocat/Hello-World",
        "language": "C", "stargazers_count": 80}
    assert data["users"]["octocat"]["followers"] == 20
    assert "avatar_url" not in data["users"]["octocat"]
    assert all(r.get_header("Authorization") == "Bearer t0ken" for r in github.requests)
    assert [r.full_url for r in github.requests] == list(ANSWERS)


def test_fetch_keeps_the_old_cache_on_any_error(tmp_path):
    listed, cache = tmp_path / "repositories.yml", tmp_path / "cache.json"
    listed.write_text(LIST)
    cache.write_text('{"old": true}\n')
    for github in (FakeGitHub(), FakeGitHub(fail_on="/users/")):  # 404 for Spoon-Knife; 403
        succeeded, message = update_cache(str(listed), str(cache), opener=github)
        assert not succeeded and "left as it was" in message
        assert cache.read_text() == '{"old": true}\n'


def test_fetch_without_a_token_sends_no_authorization(tmp_path):
    github = FakeGitHub()
    fetch(["octocat"], [], opener=github)
    assert github.requests[0].get_header("Authorization") is None
    assert github.requests[0].get_header("Accept") == "application/vnd.github+json"


def test_the_repositories_page_is_in_the_sitemap(build_site):
    site = build_site({"data/repositories.yml": LIST, "data/repositories-cache.json": recorded_cache()})
    assert "/repositories/</loc>" in site.text("sitemap.xml")
