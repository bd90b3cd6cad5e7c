"""Author names: parsing, contribution marks, the site owner, co-authors.

Names are split by pybtex (``Last, First`` and ``First Last`` both work), then
decoded from LaTeX.  Comparisons fold case, accents and braces, so
``M{\\"u}ller``, ``Müller`` and ``Muller`` are the same name, and an initial
matches any first name that starts with it (``Y.`` matches ``Yang``).
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

from pybtex.bibtex.utils import split_name_list
from pybtex.database import Person
from pybtex.exceptions import PybtexError
from unidecode import unidecode

from . import latex
from .links import coauthor_url
from .model import Author

__all__ = [
    "Author",
    "CoauthorIndex",
    "first_names_match",
    "fold",
    "parse_authors",
]

# Contribution marks written after a name (al-folio's list, plus a few more).
MARK_CHARS = "*∗†‡§¶‖#&^"
_TRAILING_MARKS = re.compile("[%s]+$" % re.escape(MARK_CHARS))
# Marks written as LaTeX, e.g. "$^*$", "$^{\dagger}$", "\textsuperscript{*}".
_LATEX_MARK_WORDS = {
    r"\dagger": "†",
    r"\dag": "†",
    r"\ddagger": "‡",
    r"\ddag": "‡",
    r"\ast": "*",
    r"\star": "*",
    r"\S": "§",
    r"\P": "¶",
    r"\#": "#",
    r"\|": "‖",
}
_LATEX_MARK = re.compile(
    r"\$\s*\^?\s*\{?\s*((?:\\dagger|\\ddagger|\\dag|\\ddag|\\ast|\\star|\\S|\\P|\\#|\\\||[*†‡§¶#]|,)+)\s*\}?\s*\$"
)
# Values quoted in warnings: short, however deep the YAML nests.
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring = 2, 4, 4, 60
_short = _REPR.repr
_NOTE_TOKEN = re.compile(r"\{\s*(\[[^{}]*\])\s*\}")
# A whole name wrapped in markup, e.g. "\textbf{Collas, Antoine}": the
# author bolded themselves; we highlight the owner ourselves.
_WRAPPED = re.compile(r"^\s*(?:\\(?:textbf|emph|textit|underline|uline)\s*\{|\{\\(?:bf|em|it)\s)(.*)\}\s*$", re.S)


@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """Fold a name for comparison: no accents, braces, marks, case or dots."""
    value = latex.to_text(value) if "\\" in value or "{" in value else value
    value = unidecode(value).casefold()
    value = re.sub(r"[^a-z0-9]+", " ", value)
    return value.strip()


def _first_tokens(value: str) -> list[str]:
    return fold(value).split()


def first_names_match(first: str, variant: str) -> bool:
    """Whether a first name from BibTeX matches a configured variant.

    Token by token, an initial matches any name with that initial, so
    ``Y.`` matches ``Yang`` and ``J.-P.`` matches ``Jean-Pierre``.
    """
    a, b = _first_tokens(first), _first_tokens(variant)
    if not a or not b:
        return not a and not b
    for x, y in zip(a, b):
        if len(x) == 1 or len(y) == 1:
            if x[0] != y[0]:
                return False
        elif x != y:
            return False
    return True


class CoauthorIndex:
    """Co-author links, in al-folio's ``coauthors.yml`` format.

    ``{last name: [{firstname: [variants...], url: ...}, ...]}``; keys are
    compared folded, so ``müller`` and ``muller`` are the same key. What
    cannot be used is listed in ``problems`` (for the caller to warn about):
    a value of the wrong shape, a url that is neither a safe full address
    nor a path of this site (``/people/``, which gets ``siteurl`` before it).
    """

    def __init__(self, data: Mapping | None = None, siteurl: str = ""):
        self.problems: list[str] = []
        self._siteurl = siteurl.rstrip("/")
        self._by_last: dict[str, list[tuple[list[str], str]]] = {}
        for key, people in (data or {}).items():
            if isinstance(people, Mapping):
                people = [people]
            if not isinstance(people, list):
                self.problems.append("%r: expected a list of people, each with firstname and "
                                     "url, not %s; it is ignored." % (key, _short(people)))
                continue
            for person in people:
                self._add(str(key), person)

    def _add(self, key: str, person) -> None:
        if not isinstance(person, Mapping):
            self.problems.append("%r: expected firstname and url, not %s; it is ignored."
                                 % (key, _short(person)))
            return
        raw_url = person.get("url")
        if not raw_url:
            self.problems.append("%r: a person without a url; the name is not linked. "
                                 "Add a url." % key)
            return
        url = coauthor_url(raw_url) if isinstance(raw_url, str) else None
        if url is not None and url.startswith("/"):
            url = self._siteurl + url
        if url is None:
            self.problems.append("%r: the url %r is neither a full http(s) address nor a path "
                                 "of this site starting with /; the name is not linked. Fix the url."
                                 % (key, _short(raw_url)))
            return
        firsts = person.get("firstname") or []
        if not isinstance(firsts, list):
            firsts = [firsts]
        names = []
        for first in firsts:
            if not isinstance(first, str):
                self.problems.append("%r: firstname %s is not a name; write it in quotes, "
                                     "or as a list of names." % (key, _short(first)))
                if isinstance(first, (Mapping, list)):
                    continue
            names.append(str(first))
        self._by_last.setdefault(fold(key), []).append((names, url))

    def url_for(self, first: str, last: str) -> str | None:
        for firsts, url in self._by_last.get(fold(last), []):
            if not firsts or any(first_names_match(first, f) for f in firsts):
                return url
        return None


def _extract_marks(text: str) -> tuple[str, str]:
    match = _TRAILING_MARKS.search(text)
    if not match:
        return text, ""
    return text[: match.start()].rstrip(), match.group(0)


def _replace_latex_marks(raw: str) -> str:
    def repl(match: re.Match) -> str:
        marks = match.group(1)
        for word, char in sorted(_LATEX_MARK_WORDS.items(), key=lambda kv: -len(kv[0])):
            marks = marks.replace(word, char)
        return marks.replace(",", "")

    raw = _LATEX_MARK.sub(repl, raw)
    return re.sub(r"\\textsuperscript\s*\{([^{}]*)\}", r"\1", raw)


def _split_grouped(raw: str) -> list[str]:
    """``{Jian Zhu*, Cong Zhang*}``: a braced group listing several people."""
    stripped = raw.strip()
    if stripped.startswith("{") and stripped.endswith("}") and "," in stripped:
        inner = stripped[1:-1]
        if "{" not in inner and "}" not in inner:
            return [part.strip() for part in inner.split(",") if part.strip()]
    return [raw]


def _person(raw: str) -> Author:
    return Author(*_person_parts(raw))


@lru_cache(maxsize=65536)
def _person_parts(raw: str) -> tuple[str, str, str, str]:
    """``(first, last, marks, note)``; cached, as co-authors recur."""
    note = ""
    note_match = _NOTE_TOKEN.search(raw)
    if note_match:
        note = latex.to_text(note_match.group(1))
        raw = _NOTE_TOKEN.sub(" ", raw)
    raw = _replace_latex_marks(raw)
    wrapped = _WRAPPED.match(raw)
    if wrapped:
        raw = wrapped.group(1)
    # pybtex refuses braces nested deeper than it allows; flattened, they read the same.
    person = Person(latex.flatten_braces(raw.strip().strip(","), latex.MAX_DEPTH))
    first_raw = " ".join(person.first_names + person.middle_names)
    last_raw = " ".join(person.prelast_names + person.last_names)
    if person.lineage_names:
        last_raw += ", " + " ".join(person.lineage_names)
    first, first_marks = _extract_marks(latex.to_text(first_raw).strip(" ,"))
    last, last_marks = _extract_marks(latex.to_text(last_raw).strip(" ,"))
    if not last and first:
        # "Zhang *": pybtex took the mark for the last name.
        first, last = _split_last_word(first)
    return first, last, first_marks + last_marks, note


def _split_last_word(name: str) -> tuple[str, str]:
    parts = name.rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else ("", parts[0])


def _people(raw: str, report: Callable[[str], None] | None) -> list[Author]:
    """The people in one name of the list; names joined by commas are split.

    ``Smith, John, Doe, Jane`` (commas where BibTeX wants ``and``, the most
    common mistake) is not one name: pairs of parts are read as "Last, First",
    an odd count as full names, with a warning.
    """
    try:
        return [_person(part) for part in _split_grouped(raw)]
    except PybtexError:
        pass
    pieces = [piece.strip() for piece in raw.split(",") if piece.strip()]
    if len(pieces) % 2 == 0:
        names = ["%s, %s" % (pieces[i], pieces[i + 1]) for i in range(0, len(pieces), 2)]
    else:
        names = pieces
    people = []
    for name in names:
        try:
            people.append(_person(name))
        except PybtexError:
            people.append(Author(first="", last=latex.to_text(name).strip()))
    if report:
        report("the author list %r has commas between names; it is read as %s. "
               "Separate names with 'and'." % (raw, "; ".join(p.name for p in people)))
    return people


def parse_authors(
    value: str,
    owner_last_names: Iterable[str] = (),
    owner_first_names: Iterable[str] = (),
    coauthors: CoauthorIndex | None = None,
    report: Callable[[str], None] | None = None,
) -> list[Author]:
    """Split a BibTeX ``author`` value into :class:`Author` records.

    ``report`` receives a message for names that had to be guessed.
    """
    owner_lasts = {fold(n) for n in owner_last_names}
    owner_firsts = list(owner_first_names)
    authors: list[Author] = []
    for raw in split_name_list(value or ""):
        if raw.strip().lower() == "others":
            authors.append(Author(first="", last="", is_others=True))
            continue
        for author in _people(raw, report):
            if not (author.first or author.last):
                continue
            if fold(author.last) in owner_lasts and (
                not owner_firsts or any(first_names_match(author.first, v) for v in owner_firsts)
            ):
                author.is_owner = True
            elif coauthors is not None:
                author.url = coauthors.url_for(author.first, author.last)
            authors.append(author)
    return authors


def join_names(items: list[str], final: str = "and") -> str:
    """``A``, ``A and B``, ``A, B, and C`` (HTML fragments)."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return "%s %s %s" % (items[0], final, items[1])
    return "%s, %s %s" % (", ".join(items[:-1]), final, items[-1])
