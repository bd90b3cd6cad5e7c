"""Filling the repositories cache from GitHub's REST API: `invoke fetch-repositories`.

Run by hand (it needs the network); the build only ever reads the cache. Any
error (offline, rate limit, a name that does not exist) leaves the old cache
as it was. GITHUB_TOKEN, when set, is sent, for a higher rate limit.

The cache keeps only the fields the cards show, with sorted keys, so it
changes only when the data does.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Callable

API = "https://api.github.com"
USER_FIELDS = ("login", "html_url", "name", "bio", "location", "public_repos", "followers")
REPO_FIELDS = ("full_name", "html_url", "description", "language", "stargazers_count",
               "forks_count", "archived")


class FetchError(Exception):
    pass


def _get(url: str, token: str | None, opener: Callable) -> dict:
    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28",
               "User-Agent": "pelican-scholar"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        with opener(urllib.request.Request(url, headers=headers), timeout=20) as response:
            data = json.load(response)
    except urllib.error.HTTPError as error:
        raise FetchError(f"{url}: HTTP {error.code} {error.reason}") from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise FetchError(f"{url}: {getattr(error, 'reason', error)}") from error
    if not isinstance(data, dict):
        raise FetchError(f"{url}: the answer is not a JSON object")
    return data


def fetch(users, repos, token: str | None = None,
          opener: Callable = urllib.request.urlopen) -> dict:
    """The cache's data for these users and owner/name repositories; FetchError on any failure."""
    data: dict = {"users": {}, "repos": {}}
    for login in users:
        answer = _get(f"{API}/users/{login}", token, opener)
        data["users"][login.lower()] = {field: answer.get(field) for field in USER_FIELDS}
    for full_name in repos:
        answer = _get(f"{API}/repos/{full_name}", token, opener)
        data["repos"][full_name.lower()] = {field: answer.get(field) for field in REPO_FIELDS}
    return data


def update_cache(list_path: str, cache_path: str, token: str | None = None,
                 opener: Callable = urllib.request.urlopen) -> tuple[bool, str]:
    """Fetch what the repositories file lists and write the cache; (succeeded, message)."""
    from .repositories import read_list

    listed = read_list(list_path)
    if listed is None:
        return False, f"{list_path}: missing or not usable; nothing fetched."
    users, repos = listed
    try:
        data = fetch(users, repos, token, opener)
    except FetchError as error:
        return False, f"GitHub could not be read ({error}); {cache_path} is left as it was."
    temporary = f"{cache_path}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, sort_keys=True, ensure_ascii=False)
        handle.write("\n")
    os.replace(temporary, cache_path)
    return True, f"{cache_path}: {len(users)} users and {len(repos)} repositories."
