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
# newline and carriage return, and the non-characters U+FFFE and U+FFFF.
# Terminal colour codes (ESC, \x1b) are the usual ones.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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


# How many values YAML aliases (``*name``) may add to a data file when they
# are expanded. Real files use a few aliases for shared values; a "billion
# laughs" file (aliases of aliases of lists) would expand to billions.
ALIAS_BUDGET = 10_000
# How deep lists and mappings may nest. Data files need a few levels; a file
# nested thousands deep would exhaust Python's stack.
MAX_DEPTH = 100


class YAMLTooLarge(yaml.YAMLError):
    """A YAML document nested beyond MAX_DEPTH, or whose aliases expand beyond ALIAS_BUDGET
    or refer to themselves."""


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_nodes(root: yaml.Node) -> None:
    """Raise YAMLTooLarge if the document nests too deep, or its aliases expand beyond
    the budget or form a loop.

    Counts the nodes of the document as if every alias were written out, each
    shared node once (so this costs one walk over the file's own nodes), and
    without recursion, so deep files cannot overflow the stack here.
    """
    sizes: dict[int, int] = {}  # id(node) -> nodes with aliases expanded
    heights: dict[int, int] = {}  # id(node) -> levels of nesting in it
    open_nodes: set[int] = set()  # the current path (a node met again here is a loop)
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            children = [id(child) for child in _children(node)]
            sizes[key] = 1 + sum(sizes[child] for child in children)
            heights[key] = 1 + max((heights[child] for child in children), default=0)
            if heights[key] > MAX_DEPTH:
                raise YAMLTooLarge("it is nested more than %d levels deep" % MAX_DEPTH)
            open_nodes.discard(key)
        elif key in open_nodes:
            raise YAMLTooLarge("an alias refers to a value that contains it")
        elif key not in sizes:
            open_nodes.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    added = sizes[id(root)] - len(sizes)
    if added > ALIAS_BUDGET:
        raise YAMLTooLarge("its aliases (*name) would expand to %d more values, over the "
                           "limit of %d" % (added, ALIAS_BUDGET))


class DataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader, refusing deep nesting and alias bombs before it builds any value.

    On libyaml's parser where PyYAML has it (six times faster than the pure-Python
    one; it stops at 1,000 levels of nesting by itself).
    """

    _depth = 0

    # The pure-Python scanner and composer (without libyaml) recurse and read
    # ahead, at a cost that grows with the square of the depth of `[[[…`:
    # there, stop as soon as the file is too deep.
    def fetch_flow_collection_start(self, token_class):
        if self.flow_level >= MAX_DEPTH:
            raise YAMLTooLarge("it is nested more than %d levels deep" % MAX_DEPTH)
        super().fetch_flow_collection_start(token_class)

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YAMLTooLarge("it is nested more than %d levels deep" % MAX_DEPTH)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def get_single_node(self):
        node = super().get_single_node()
        if node is not None:
            _check_nodes(node)
        return node


def parse_yaml(text: str | bytes, loader: type[DataLoader] = DataLoader):
    """YAML text to Python data, as yaml.safe_load, but deep nesting and alias bombs
    raise YAMLTooLarge."""
    reader = loader(text)
    try:
        return reader.get_single_data()
    finally:
        reader.dispose()


class LineDict(dict):
    """A mapping read from YAML that knows the line it starts on (`line`, 1-based)."""

    line: int | None = None


class _LineLoader(DataLoader):
    """Safe YAML whose mappings are LineDicts, so warnings can name the line."""

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
    loader = _LineLoader if lines else DataLoader
    path_in_messages = shown or path
    try:
        with open(path, encoding="utf-8") as handle:
            data = parse_yaml(handle.read(), loader)
    except YAMLTooLarge as error:
        logger.warning("%s: %s; %s. Write the values out, a few levels deep.",
                       path_in_messages, error, what)
        return None
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
