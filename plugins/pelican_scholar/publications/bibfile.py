"""Tolerant reading of BibTeX files.

pybtex in strict mode rejects a whole file for one flaw (a duplicate field, a
bare ``true``, an ``@`` in comment prose).  Real files have such flaws, so
this module finds the entries itself, with their line numbers, and hands each
one to pybtex's low-level parser on its own: a bad entry costs that entry at
most, never the file.  Entries pybtex cannot parse go through a lenient
fallback that recovers the fields it can.

Every problem is returned as a :class:`Problem` (file, line, key, message);
the caller logs them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from pybtex.database.input.bibtex import NAME_CHARS, LowLevelParser, month_names
from pybtex.scanner import PybtexSyntaxError
from pybtex.textutils import normalize_whitespace
from pybtex.utils import CaseInsensitiveDict

__all__ = ["BibEntry", "Problem", "parse_bib_text"]

_ENTRY_START = re.compile(r"@[ \t]*([A-Za-z][\w:.+-]*)\s*([{(])")
_LOOKS_LIKE_FIELD = re.compile(r"^[ \t]*[A-Za-z][\w-]*[ \t]*=[ \t]*[{\"\d]", re.M)
# Bare words BibTeX would take for undefined macros but users mean literally.
_LITERAL_WORDS = {"true", "false", "yes", "no"}


@dataclass
class Problem:
    """Something wrong in a BibTeX file, located as precisely as known."""

    path: str
    line: int | None
    key: str | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else "%s:%d" % (self.path, self.line)
        key = "" if self.key is None else " entry %r:" % self.key
        return "%s:%s %s" % (where, key, self.message)


@dataclass
class BibEntry:
    """One entry as written: type, key and raw (LaTeX) field values."""

    entry_type: str  # lower case
    key: str
    fields: dict[str, str]  # lower-case names, file order, first value wins
    path: str
    line: int
    field_names: dict[str, str] = field(default_factory=dict)  # lower → as written


class _EntryParser(LowLevelParser):
    """pybtex's parser, taking unknown bare words literally instead of failing.

    pybtex's public `parse_string` stops at the first broken entry and keeps no
    line numbers; its undocumented `LowLevelParser` is the only way to parse
    one entry at a time with our own macro table. This class is the one place
    that depends on it (pinned: pybtex==0.26.1 in requirements.txt).
    """

    def __init__(self, text, macros, filename):
        super().__init__(text, macros=macros, filename=filename)
        self.undefined: list[str] = []

    def handle_error(self, error):
        raise error

    def substitute_macro(self, name):
        try:
            return self.macros[name]
        except KeyError:
            self.undefined.append(name)
            return name


@dataclass
class _Chunk:
    start: int
    end: int
    entry_type: str
    complete: bool


def _find_chunks(text: str) -> tuple[list[_Chunk], list[tuple[int, str]]]:
    """Find each ``@type{...}`` in ``text``, matching braces.

    Returns the chunks and the stretches of text between them.
    """
    chunks: list[_Chunk] = []
    between: list[tuple[int, str]] = []
    pos = 0
    while True:
        match = _ENTRY_START.search(text, pos)
        if not match:
            between.append((pos, text[pos:]))
            break
        between.append((pos, text[pos : match.start()]))
        line_start = text.rfind("\n", 0, match.start()) + 1
        commented = text[line_start : match.start()].lstrip().startswith("%")
        end, complete = _match_body(text, match.end() - 1)
        if not commented:
            chunks.append(_Chunk(match.start(), end, match.group(1).lower(), complete))
        pos = end
    return chunks, between


# What _match_body looks at: braces, and a newline that starts an entry.
_NEXT_ENTRY = r"\n(?=[ \t]*@[ \t]*[A-Za-z][\w:.+-]*\s*[{(])"
_BODY_MARKS = {"}": re.compile(r"[{}]|" + _NEXT_ENTRY), ")": re.compile(r"[{})]|" + _NEXT_ENTRY)}


def _match_body(text: str, open_pos: int) -> tuple[int, bool]:
    """The end of the entry whose body opens at ``open_pos``.

    Counts braces.  If an entry never closes, it ends where the next line
    starting with ``@type{`` begins (it lost its closing brace).
    """
    closer = "}" if text[open_pos] == "{" else ")"
    depth = 0
    # A regular expression jumps from mark to mark: a loop over every
    # character costs more than the rest of the parse.
    for mark in _BODY_MARKS[closer].finditer(text, open_pos + 1):
        ch = mark.group()
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0 and closer == "}":
                return mark.end(), True
            depth = max(depth - 1, 0)
        elif ch == ")":
            if depth == 0:
                return mark.end(), True
        elif depth <= 1:
            return mark.start(), False
    return len(text), False


def _blank_comment_lines(body: str) -> str:
    """Blank ``% ...`` lines between fields, keeping line numbers."""
    if "%" not in body:
        return body
    out = []
    depth = 0
    for number, line in enumerate(body.split("\n")):
        if number and depth <= 1 and line.lstrip().startswith("%"):
            out.append("")
            continue
        out.append(line)
        depth = max(depth + line.count("{") - line.count("}"), 0)
    return "\n".join(out)


def parse_bib_text(text: str, path: str) -> tuple[list[BibEntry], list[Problem]]:
    """Parse BibTeX source tolerantly.  Never raises on bad input."""
    problems: list[Problem] = []
    entries: list[BibEntry] = []
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect.bisect_right(line_starts, offset)

    macros = CaseInsensitiveDict(month_names)
    chunks, between = _find_chunks(text)
    for offset, stray in between:
        found = _LOOKS_LIKE_FIELD.search(stray)
        if found:
            problems.append(
                Problem(path, line_of(offset + found.start()), None,
                        "text that looks like a field is outside any entry and is ignored; "
                        "check the braces of the entry above.")
            )

    seen: dict[str, BibEntry] = {}
    for chunk in chunks:
        line = line_of(chunk.start)
        source = text[chunk.start : chunk.end]
        if chunk.entry_type in ("comment",):
            continue
        if chunk.entry_type == "preamble":
            continue
        if not chunk.complete:
            problems.append(Problem(path, line, _guess_key(source),
                                    "the entry is not closed; it is read up to the next entry. "
                                    "Add the missing '}'."))
            source = source.rstrip() + "\n}"
        entry = _parse_chunk(source, chunk.entry_type, path, line, macros, problems)
        if entry is None:
            continue
        if entry.key.lower() in seen:
            first = seen[entry.key.lower()]
            if first.fields == entry.fields and first.entry_type == entry.entry_type:
                problems.append(Problem(path, line, entry.key,
                                        "duplicate key; this copy is identical to the entry at "
                                        "line %d and is skipped. Remove one." % first.line))
                continue
            new_key = _unique_key(entry.key, seen)
            problems.append(Problem(path, line, entry.key,
                                    "duplicate key (first used at line %d); this entry is listed "
                                    "as %r. Give it a key of its own." % (first.line, new_key)))
            entry.key = new_key
        seen[entry.key.lower()] = entry
        entries.append(entry)
    return entries, problems


def _unique_key(key: str, seen: dict) -> str:
    n = 2
    while "%s-%d" % (key, n) in seen:
        n += 1
    return "%s-%d" % (key, n)


def _guess_key(source: str) -> str | None:
    match = re.match(r"@[^{(]*[{(]\s*([^\s,{}()=]+)\s*,", source)
    return match.group(1) if match else None


_KEYLESS = re.compile(r"(@[^{(]*[{(]\s*)(?=[A-Za-z][\w-]*\s*=)")


def _parse_chunk(source, entry_type, path, line, macros, problems) -> BibEntry | None:
    body = _blank_comment_lines(source)
    if entry_type not in ("string", "preamble") and _KEYLESS.match(body):
        stem = re.sub(r"[^\w-]+", "-", path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        key = "%s-line-%d" % (stem, line)
        problems.append(Problem(path, line, key, "entry has no key; it is listed as %r. "
                                "Add a key after the '{'." % key))
        body = _KEYLESS.sub(lambda m: m.group(1) + key + ", ", body, count=1)
    if entry_type != "string":
        fast = _read_simple_entry(body, macros)
        if fast is not None:
            key, fields, undefined = fast
            _warn_undefined(undefined, path, line, key, problems)
            return _make_entry(entry_type, key, fields, path, line, problems, body)
    parser = _EntryParser(body, macros=macros, filename=path)
    try:
        results = list(parser.parse_bibliography())
    except PybtexSyntaxError as error:
        key = parser.current_entry_key or _guess_key(source)
        err_line = line + (error.lineno or 1) - 1
        if entry_type == "string":
            problems.append(Problem(path, err_line, None, "malformed @string is ignored: %s" % error))
            return None
        fields = _lenient_fields(body)
        if not key or not fields:
            problems.append(Problem(path, err_line, key,
                                    "cannot read this entry (%s); it is skipped." % _reason(error)))
            return None
        if _reason(error) == "too many nested braces":
            message = ("braces are nested more than %d deep; the entry is kept with the deeper "
                       "braces flattened. Remove the extra braces." % _MAX_DEPTH)
        else:
            message = ("malformed entry (%s); %d field(s) recovered. Check its syntax."
                       % (_reason(error), len(fields)))
        problems.append(Problem(path, err_line, key, message))
        return _make_entry(entry_type, key, fields, path, line, problems, body)

    if entry_type == "string" or not results:
        return None
    command, (key, raw_fields) = results[0]
    _warn_undefined(parser.undefined, path, line, key, problems)
    fields = [(name, "".join(parts)) for name, parts in raw_fields]
    return _make_entry(entry_type, key, fields, path, line, problems, body)


def _warn_undefined(words, path, line, key, problems) -> None:
    for word in words:
        if word.lower() not in _LITERAL_WORDS:
            problems.append(Problem(path, line, key,
                                    "undefined macro %r is used as plain text. "
                                    "Put it in braces: {%s}." % (word, word)))


# A fast reader for the common case, ``@type{key, name = value, ...}``.
# pybtex's scanner costs about 0.2 ms an entry; this costs a tenth of that.
# It follows pybtex's rules (its own patterns for keys, numbers and macro
# names) and gives up, returning None, on anything unusual, which pybtex
# then reads: the two always agree (tests/publications/test_bibfile.py).
_SIMPLE_HEAD = re.compile(r"@[ \t]*[A-Za-z][A-Za-z0-9_:.+-]*\s*\{\s*([^\s,}]+)\s*,")
_SIMPLE_FIELD = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*")
_SIMPLE_AFTER_VALUE = re.compile(r"\s*([#,}])\s*")
_SIMPLE_END = re.compile(r"\s*\}\s*\Z")
_SIMPLE_REST = re.compile(r"\s*\Z")
_NUMBER = re.compile(r"[0-9]+")  # pybtex's NUMBER: ASCII digits only
_MACRO_NAME = re.compile("[%s][%s]*" % (re.escape(NAME_CHARS), re.escape(NAME_CHARS + "0123456789")))
_BRACES = re.compile(r"[{}]")
_QUOTE_OR_BRACES = re.compile(r'["{}]')
_MAX_DEPTH = 100  # pybtex's limit on nested braces


def _read_simple_entry(body: str, macros) -> tuple[str, list[tuple[str, str]], list[str]] | None:
    """``(key, [(name, value)], undefined macros)``, or None to let pybtex read it."""
    head = _SIMPLE_HEAD.match(body)
    if not head:
        return None
    fields: list[tuple[str, str]] = []
    undefined: list[str] = []
    pos = head.end()
    while True:
        name = _SIMPLE_FIELD.match(body, pos)
        if not name:
            return (head.group(1), fields, undefined) if _SIMPLE_END.match(body, pos) else None
        pos = name.end()
        parts = []
        while True:
            part = _simple_value(body, pos, macros, undefined)
            if part is None:
                return None
            value, pos = part
            parts.append(value)
            after = _SIMPLE_AFTER_VALUE.match(body, pos)
            if not after:
                return None
            pos = after.end()
            if after.group(1) != "#":
                break
        fields.append((name.group(1), "".join(parts)))
        if after.group(1) == "}":
            return (head.group(1), fields, undefined) if _SIMPLE_REST.match(body, pos) else None


def _simple_value(body: str, pos: int, macros, undefined: list[str]) -> tuple[str, int] | None:
    """One part of a value at ``pos``: ``{...}``, ``"..."``, a number or a macro."""
    if pos >= len(body):
        return None
    ch = body[pos]
    if ch == "{" or ch == '"':
        depth = 0
        for mark in (_BRACES if ch == "{" else _QUOTE_OR_BRACES).finditer(body, pos + 1):
            c = mark.group()
            if c == "{":
                depth += 1
                if depth > _MAX_DEPTH:
                    return None
            elif depth:
                if c == "}":
                    depth -= 1
            elif c == "}" and ch == '"':
                return None  # pybtex: unbalanced braces
            else:
                return body[pos + 1 : mark.start()], mark.end()
        return None
    number = _NUMBER.match(body, pos)
    if number:
        return number.group(), number.end()
    word = _MACRO_NAME.match(body, pos)
    if word:
        name = word.group()
        try:
            return macros[name], word.end()
        except KeyError:
            undefined.append(name)
            return name, word.end()
    return None


def _reason(error: PybtexSyntaxError) -> str:
    return str(error).split(": ", 1)[-1]


# Fields that some exporters repeat on purpose: their values are merged.
_MERGED_FIELDS = {"keyword", "keywords"}


def _make_entry(entry_type, key, fields, path, line, problems, body="") -> BibEntry:
    values: dict[str, str] = {}
    names: dict[str, str] = {}
    repeated: dict[str, int] = {}
    for name, value in fields:
        lower = name.lower()
        value = normalize_whitespace(value)
        if lower not in values:
            values[lower] = value
            names[lower] = name
        elif lower in _MERGED_FIELDS:
            values[lower] = "%s, %s" % (values[lower], value) if values[lower] else value
        elif value != values[lower]:
            repeated[lower] = repeated.get(lower, 0) + 1
    for lower, count in repeated.items():
        problems.append(Problem(path, line + _field_line(body, names[lower], 1), key,
                                "duplicate field %r%s; the first value is kept. Remove the other%s."
                                % (names[lower], "" if count == 1 else " (%d more times)" % count,
                                   "" if count == 1 else "s")))
    return BibEntry(entry_type, key, values, path, line, names)


def _field_line(body: str, name: str, occurrence: int) -> int:
    """Lines from the entry's first line to the n-th (0-based) ``name =``."""
    matches = list(re.finditer(r"(?:^|[,{\s])%s\s*=" % re.escape(name), body, re.I | re.M))
    if len(matches) <= occurrence:
        return 0
    return body.count("\n", 0, matches[occurrence].start() + 1)


_LENIENT_FIELD = re.compile(r"([A-Za-z][\w:.+-]*)\s*=\s*")


def _lenient_fields(body: str) -> list[tuple[str, str]]:
    """Recover ``name = value`` pairs from an entry pybtex cannot parse."""
    start = body.find(",")
    if start == -1:
        return []
    fields = []
    i, n = start + 1, len(body)
    while i < n:
        match = _LENIENT_FIELD.search(body, i)
        if not match:
            break
        i = match.end()
        value, i = _lenient_value(body, i)
        if value is not None:
            fields.append((match.group(1), value))
    return fields


def _lenient_value(body: str, i: int) -> tuple[str | None, int]:
    n = len(body)
    if i >= n:
        return None, i
    ch = body[i]
    if ch in "{\"":
        close = "}" if ch == "{" else '"'
        depth, j = 0, i + 1
        while j < n:
            c = body[j]
            if c == close and depth == 0:
                return body[i + 1 : j], j + 1
            if c == "{":
                depth += 1
            elif c == "}":
                if depth == 0:
                    break
                depth -= 1
            j += 1
        # Unterminated: take the rest of the line.
        eol = body.find("\n", i)
        eol = n if eol == -1 else eol
        return body[i + 1 : eol].rstrip(" ,}\""), eol
    match = re.compile(r"[^,}\s]+").match(body, i)
    if match:
        return match.group(0), match.end()
    return None, i + 1
