"""Reading al-folio's YAML: _config.yml, data files and front matter, never failing."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..data import parse_yaml  # safe_load that refuses alias bombs and deep nesting


def read_yaml(path: Path):
    """(data, problem): the file's YAML, or None and a sentence saying what is wrong."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return None, f"cannot be read ({error})"
    try:
        return parse_yaml(text), ""
    except (yaml.YAMLError, RecursionError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        return None, f"is not valid YAML{where} ({getattr(error, 'problem', None) or error})"


def front_matter(text: str) -> tuple[dict, str]:
    """(front matter, body) of a Jekyll file; ({}, text) when it has none or it is broken."""
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        return {}, text
    head, body = text[3:end], text[end + 4:]
    body = body[body.find("\n") + 1:] if "\n" in body else ""
    try:
        data = parse_yaml(head)
    except (yaml.YAMLError, RecursionError):
        return {}, text
    return (data if isinstance(data, dict) else {}), body
