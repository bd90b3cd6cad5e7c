"""Repositories: al-folio's _data/repositories.yml as static cards at /repositories/.

content/data/repositories.yml lists, as in al-folio:

    github_users:
      - your-name
    github_repos:
      - your-name/ring-archive

Each becomes a card with its description, language, stars and forks (users:
name, bio, repositories and followers), read from a cache file that
`invoke fetch-repositories` fills from GitHub's API. The build never touches
the network, and no page loads anything from GitHub: al-folio's stat-card
images come from a third-party service that has gone blank before and sees
every reader. Without the cache, the cards show the names and links only.

Settings (default):
    REPOSITORIES_FILE ("data/repositories.yml"): the list, under content/.
    REPOSITORIES_CACHE_FILE ("data/repositories-cache.json"): the fetched data.
    REPOSITORIES_URL ("repositories/"), REPOSITORIES_SAVE_AS
        ("repositories/index.html"): the cards, written only when the list names some.
    REPOSITORIES_TITLE ("Repositories"): the heading of a generated page.

Templates get `repositories` (a Repositories).
"""

from __future__ import annotations

import json
import logging
import os
import re

from pelican import signals
from pelican.generators import Generator

from ..data import load_yaml, shown_path
from ..sections import adopt_section_page, user_section_page, yaml_line
from .model import GithubUser, Repositories, Repository

logger = logging.getLogger(__name__)

USER_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
REPO_NAME = re.compile(r"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$")
FETCH_HINT = "Run `./dev fetch-repositories` (it needs the network) to fill it."


def read_list(path: str, shown: str = "") -> tuple[list[str], list[str]] | None:
    """The users and owner/name repositories a repositories.yml lists; bad entries are warned about.

    `shown`: the file as warnings name it (default: `path`).
    """
    shown = shown or path
    data = load_yaml(path, dict, "no repository cards are made")
    if data is None:
        return None
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    found = []
    for key, pattern, example in (("github_users", USER_NAME, "your-name"),
                                  ("github_repos", REPO_NAME, "your-name/ring-archive")):
        value = data.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            logger.warning("%s:%s: `%s:` should be a list (- %s); it is skipped.", shown,
                           yaml_line(text, key) or "?", key, example)
            value = []
        names = []
        for index, item in enumerate(value):
            name = str(item).strip().removeprefix("https://github.com/").strip("/")
            if pattern.match(name):
                names.append(name)
            else:
                logger.warning("%s:%s: %r in `%s:` is not a GitHub name such as %s; it is "
                               "skipped.", shown, yaml_line(text, key, index) or "?", item, key,
                               example)
        found.append(names)
    return found[0], found[1]


def read_cache(path: str, shown: str) -> dict | None:
    if not os.path.isfile(path):
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        logger.warning("%s: cannot be read (%s); the repository cards show names and links "
                       "only. %s", shown, error, FETCH_HINT)
        return {}
    if not isinstance(data, dict):
        return {}
    return data


def _count(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value) -> str:
    return str(value).strip() if value else ""


def make_user(login: str, cached: dict | None) -> GithubUser:
    cached = cached or {}
    return GithubUser(login=_text(cached.get("login")) or login,
                      url=_text(cached.get("html_url")) or f"https://github.com/{login}",
                      name=_text(cached.get("name")), bio=_text(cached.get("bio")),
                      location=_text(cached.get("location")),
                      public_repos=_count(cached.get("public_repos")),
                      followers=_count(cached.get("followers")))


def make_repo(full_name: str, cached: dict | None) -> Repository:
    cached = cached or {}
    return Repository(full_name=_text(cached.get("full_name")) or full_name,
                      url=_text(cached.get("html_url")) or f"https://github.com/{full_name}",
                      description=_text(cached.get("description")),
                      language=_text(cached.get("language")),
                      stars=_count(cached.get("stargazers_count")),
                      forks=_count(cached.get("forks_count")),
                      archived=cached.get("archived") is True)


def load_repositories(settings: dict) -> Repositories | None:
    path = os.path.join(settings["PATH"], settings["REPOSITORIES_FILE"])
    if not os.path.isfile(path):
        return None
    listed = read_list(path, shown_path(path, settings))
    if listed is None:
        return None
    users, repos = listed
    cache_path = os.path.join(settings["PATH"], settings["REPOSITORIES_CACHE_FILE"])
    shown_cache = shown_path(cache_path, settings)
    cache = read_cache(cache_path, shown_cache)
    if cache is None and (users or repos):
        logger.warning("%s: %s does not exist yet, so the repository cards show names and "
                       "links only. %s", shown_path(path, settings), shown_cache, FETCH_HINT)
    cache = cache or {}
    cached_users = cache.get("users") if isinstance(cache.get("users"), dict) else {}
    cached_repos = cache.get("repos") if isinstance(cache.get("repos"), dict) else {}
    missing = [name for name in users if name.lower() not in cached_users]
    missing += [name for name in repos if name.lower() not in cached_repos]
    if cache and missing:
        logger.warning("%s: has no data for %s; those cards show names and links only. %s",
                       shown_cache, ", ".join(missing), FETCH_HINT)
    return Repositories(
        users=tuple(make_user(name, cached_users.get(name.lower())) for name in users),
        repos=tuple(make_repo(name, cached_repos.get(name.lower())) for name in repos),
        cached=bool(cache))


class RepositoriesGenerator(Generator):
    def generate_context(self) -> None:
        self.repositories = load_repositories(self.settings)
        self.index_page = None
        if not self.repositories:
            return
        self.context["repositories"] = self.repositories
        self.index_page = user_section_page(self.context, self.settings["REPOSITORIES_SAVE_AS"])
        if self.index_page is not None:
            adopt_section_page(self.index_page, "repositories", "the repository cards")

    def generate_output(self, writer) -> None:
        if self.repositories and self.index_page is None:
            writer.write_file(self.settings["REPOSITORIES_SAVE_AS"],
                              self.get_template("repositories"), self.context,
                              url=self.settings["REPOSITORIES_URL"])


def _get_generators(pelican):
    return RepositoriesGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
