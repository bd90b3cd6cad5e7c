"""What a repository card and a GitHub profile card show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GithubUser:
    login: str
    url: str
    name: str = ""
    bio: str = ""
    location: str = ""
    public_repos: int | None = None
    followers: int | None = None


@dataclass(frozen=True)
class Repository:
    full_name: str  # owner/name
    url: str
    description: str = ""
    language: str = ""
    stars: int | None = None
    forks: int | None = None
    archived: bool = False

    @property
    def name(self) -> str:
        return self.full_name.split("/", 1)[1]

    @property
    def owner(self) -> str:
        return self.full_name.split("/", 1)[0]


@dataclass(frozen=True)
class Repositories:
    users: tuple[GithubUser, ...]
    repos: tuple[Repository, ...]
    cached: bool  # False: no cache file, the cards show names and links only

    def __bool__(self) -> bool:
        return bool(self.users or self.repos)
