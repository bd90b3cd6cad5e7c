"""Reading the user's data files (YAML under content/data/) without ever crashing.

Every plugin that reads YAML goes through `load_yaml`, so every broken file
is reported the same way: one warning naming the file and the line, saying
what happens and what to do.
"""

from __future__ import annotations

import logging
import os
import re

import yaml

logger = logging.getLogger(__name__)


def shown_path(path: str, settings: dict) -> str:
    """A content file as warnings name it: relative to content/, as Pelican's own do."""
    try:
        relative = os.path.relpath(path, settings["PATH"])
    except (ValueError, KeyError):
        return path
    return path if relative.startswith("..") else relative


# Characters XML 1.0 cannot hold (the feeds are XML): C0 controls but tab,
# newline and carriage return. Terminal colour codes (ESC, \x1b) are the usual ones.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def strip_control_characters(text: str) -> tuple[str, int | None]:
    """`text` without control characters, and the line of the first one (None: none)."""
    found = CONTROL_CHARACTERS.search(text)
    if not found:
        return text, None
    return CONTROL_CHARACTERS.sub("", text), text.count("\n", 0, found.start()) + 1


def truthy(value) -> bool:
    """A front-matter or BibTeX flag: true, yes, 1, on (any case), or a real True."""
    return str(value).strip().lower() in ("true", "yes", "1", "on")


def yaml_error_line(error: yaml.YAMLError, first_line: int = 1) -> int | None:
    """The line where a YAML error starts (where the broken construct opened)."""
    mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
    return mark.line + first_line if mark else None


class LineDict(dict):
    """A mapping read from YAML that knows the line it starts on (`line`, 1-based)."""

    line: int | None = None


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML whose mappings are LineDicts, so warnings can name the line.

    On libyaml's parser where PyYAML has it: six times faster than the pure-Python one.
    """

    def construct_mapping(self, node, deep=False):
        mapping = LineDict(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                            _LineLoader.construct_mapping)


def line_of(value) -> int | None:
    """The line a mapping of a file read with `lines=True` starts on."""
    return getattr(value, "line", None)


def load_yaml(path: str, expected: type = dict, what: str = "it", lines: bool = False,
              shown: str | None = None):
    """The data in a YAML file, or None (after one warning) when it can't be used.

    `what` says what is lost, e.g. "social links from it are skipped".
    With `lines`, every mapping is a LineDict that knows its line. `shown`
    names the file in warnings (default: `path`).
    """
    loader = _LineLoader if lines else yaml.SafeLoader
    path_in_messages = shown or path
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=loader)  # noqa: S506 (a SafeLoader)
    except UnicodeDecodeError as error:
        logger.warning("%s: not UTF-8 text (byte %d); %s. Save the file as UTF-8.",
                       path_in_messages, error.start, what)
        return None
    except yaml.YAMLError as error:
        line = yaml_error_line(error)
        where = f"{path_in_messages}:{line}" if line else path_in_messages
        logger.warning("%s: not valid YAML (%s); %s. Fix that line.",
                       where, getattr(error, "problem", None) or error, what)
        return None
    except OSError as error:
        logger.warning("%s: cannot be read (%s); %s.", path_in_messages, error.strerror, what)
        return None
    if data is None:
        return expected()
    if not isinstance(data, expected):
        kind = "'key: value' lines" if expected is dict else "a list"
        logger.warning("%s: expected %s at the top level; %s.", path_in_messages, kind, what)
        return None
    return data
