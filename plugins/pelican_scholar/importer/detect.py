"""Recognise an al-folio site by what only al-folio has, and name its vintage."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .yamlfile import front_matter, read_yaml


@dataclass(frozen=True)
class Site:
    root: Path
    config: dict
    vintage: str  # e.g. "v1 (al_folio_core gem)", ".liquid layouts", ".html layouts"
    evidence: tuple[str, ...]  # what made us sure


class NotAlFolio(Exception):
    """PATH is not an al-folio site; the message says what was found instead."""


def _gemfile(root: Path) -> str:
    path = root / "Gemfile"
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""


def detect(root: Path) -> Site:
    if not root.is_dir():
        raise NotAlFolio(f"{root} is not a folder. Give the folder of your al-folio clone.")
    config_path = root / "_config.yml"
    if not config_path.is_file():
        raise NotAlFolio(f"{root} has no _config.yml, so it is not a Jekyll site. Give the folder "
                         "of your al-folio clone (the one holding _config.yml and _pages/).")
    config, problem = read_yaml(config_path)
    if problem:
        raise NotAlFolio(f"_config.yml: {problem}. Fix it, then import again.")
    if not isinstance(config, dict):
        raise NotAlFolio("_config.yml does not hold settings (key: value lines).")
    gemfile = _gemfile(root)
    evidence: list[str] = []
    if re.search(r"al_folio_core|al-folio", gemfile) or "al_folio" in config:
        evidence.append("al-folio named in Gemfile or _config.yml")
    if isinstance(config.get("scholar"), dict):
        evidence.append("a `scholar:` section in _config.yml (jekyll-scholar)")
    if (root / "_bibliography").is_dir():
        evidence.append("_bibliography/")
    about = next((path for name in ("about.md", "about.markdown", "about.html")
                  if (path := root / "_pages" / name).is_file()), None)
    if about and front_matter(about.read_text(encoding="utf-8", errors="replace"))[0].get("layout") == "about":
        evidence.append("_pages/about.md with `layout: about`")
    layouts = {path.stem for path in (root / "_layouts").glob("*")} if (root / "_layouts").is_dir() else set()
    if {"about", "bib"} & layouts or {"distill", "cv"} <= layouts:
        evidence.append("al-folio's layouts (about, bib, distill, cv)")

    theme = str(config.get("theme") or config.get("remote_theme") or "")
    other = None
    if "minimal-mistakes" in theme or "minimal-mistakes" in gemfile:
        other = "the minimal-mistakes theme"
    elif (root / "_publications").is_dir() and (root / "_talks").is_dir() and isinstance(config.get("author"), dict):
        other = "academicpages (_publications/ and _talks/ folders, an `author:` section)"
    strong = [item for item in evidence if not item.startswith("_bibliography")]
    if other and len(strong) < 2:
        raise NotAlFolio(f"this looks like {other}, not al-folio. The importer reads al-folio sites "
                         "only; see the README's 'Coming from al-folio' for moving by hand.")
    if len(strong) < 2:
        found = ", ".join(evidence) or "nothing al-folio has"
        raise NotAlFolio(f"this Jekyll site does not look like al-folio (found: {found}). "
                         "The importer reads al-folio sites only.")

    if "al_folio_core" in gemfile or "al_folio" in config:
        vintage = "v1 (al_folio_core gem)"
    elif any(path.suffix == ".liquid" for path in (root / "_layouts").glob("*")):
        vintage = ".liquid layouts (2024 and later)"
    else:
        vintage = ".html layouts (2019 to 2023)"
    if (root / "_data" / "socials.yml").is_file():
        vintage += ", _data/socials.yml"
    return Site(root=root, config=config, vintage=vintage, evidence=tuple(evidence))
