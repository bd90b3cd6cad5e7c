"""LaTeX in BibTeX fields to HTML and to plain text.

BibTeX values are small LaTeX fragments: accents (``M{\\"u}ller``), escaped
specials (``\\&``), dashes (``--``), protected capitals (``{DNA}``), a little
markup (``\\emph``, ``\\textbf``) and math (``$O(n^2)$``).  This module parses
such a fragment into a small tree and renders it either as HTML (everything
escaped except the tags generated here) or as plain text for ``<title>``,
``<meta>`` and JSON-LD.

Math is never interpreted: it is kept verbatim, with its ``$`` delimiters,
inside ``<span class="math">`` so a math renderer can find it and typogrify
leaves it alone.

Symbols this module does not know are looked up in latexcodec.  Commands
neither knows are dropped (their arguments are kept as text) and reported in
``Converted.unknown_commands``, so the caller can warn about them.

Groups and arguments nested deeper than ``MAX_DEPTH`` are flattened: their
text is kept, their braces and styles are not (pybtex rejects such fields;
the BibTeX reader recovers them and warns), so no input can exhaust the stack.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

from ..data import CONTROL_CHARACTERS

__all__ = ["MAX_DEPTH", "Converted", "convert", "flatten_braces", "to_html", "to_text"]

# Deepest nesting of groups and arguments kept as structure (pybtex's limit).
MAX_DEPTH = 100

# Accent commands and the Unicode combining character each one adds.
_ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
    "t": "\u0361",
}

# Control words that stand for a character (or for nothing).
_SYMBOLS = {
    "i": "ı",
    "j": "ȷ",
    "l": "ł",
    "L": "Ł",
    "o": "ø",
    "O": "Ø",
    "ss": "ß",
    "SS": "SS",
    "aa": "å",
    "AA": "Å",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "dag": "†",
    "dagger": "†",
    "ddag": "‡",
    "ddagger": "‡",
    "S": "§",
    "P": "¶",
    "textsection": "§",
    "textparagraph": "¶",
    "textdagger": "†",
    "textdaggerdbl": "‡",
    "ast": "*",
    "textasteriskcentered": "*",
    "star": "⋆",
    "copyright": "©",
    "textcopyright": "©",
    "textregistered": "®",
    "texttrademark": "™",
    "textendash": "–",
    "textemdash": "—",
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textunderscore": "_",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "textdegree": "°",
    "texttimes": "×",
    "textdiv": "÷",
    "textpm": "±",
    "textmu": "µ",
    "textordmasculine": "º",
    "textordfeminine": "ª",
    "textperthousand": "‰",
    "textbullet": "•",
    "textperiodcentered": "·",
    "euro": "€",
    "texteuro": "€",
    "pounds": "£",
    "textsterling": "£",
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2e",
    "TeX": "TeX",
    "BibTeX": "BibTeX",
    "quad": "\u2003",
    "qquad": "\u2003\u2003",
    "enspace": "\u2002",
    "thinspace": "\u2009",
    "space": " ",
    "newline": " ",
    "linebreak": " ",
    "par": " ",
    "xspace": "",
    "relax": "",
    "protect": "",
    "noindent": "",
    "nolinebreak": "",
    "allowbreak": "",
    "hfill": " ",
    "ignorespaces": "",
}

_GREEK = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau "
          "upsilon phi chi psi omega").split()
_SYMBOLS.update(zip(_GREEK, "αβγδεζηθικλμνξπρστυφχψω"))
_SYMBOLS.update({
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
    "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "varepsilon": "ε", "vartheta": "ϑ", "varphi": "φ",
    "ell": "ℓ", "pm": "±", "times": "×", "approx": "≈", "leq": "≤", "geq": "≥", "infty": "∞",
    "sim": "∼", "rightarrow": "→", "to": "→", "cdot": "·",
})

# Control symbols: a backslash and one non-letter.
_CONTROL_SYMBOLS = {
    "&": "&",
    "%": "%",
    "$": "$",
    "#": "#",
    "_": "_",
    "{": "{",
    "}": "}",
    "\\": " ",
    ",": "\u2009",
    ";": " ",
    ":": " ",
    " ": " ",
    "-": "",
    "/": "",
    "@": "",
}

# Commands with one argument, rendered as an HTML element (or as the bare
# argument, when the element is None).
_FORMATS = {
    "emph": "em",
    "textit": "em",
    "textsl": "em",
    "textbf": "strong",
    "textsuperscript": "sup",
    "textsubscript": "sub",
    "texttt": "code",
    "textsc": "small-caps",
    "textrm": None,
    "textsf": None,
    "textup": None,
    "textmd": None,
    "textnormal": None,
    "mbox": None,
    "hbox": None,
    "text": None,
    "NoCaseChange": None,
    "MakeUppercase": None,
    "uppercase": None,
    "MakeLowercase": None,
    "lowercase": None,
    "underline": None,
    "uline": None,
    "ensuremath": None,
}

# Declarations, which change the style of the rest of their group.
_DECLARATIONS = {
    "em": "em",
    "it": "em",
    "itshape": "em",
    "sl": "em",
    "slshape": "em",
    "bf": "strong",
    "bfseries": "strong",
    "tt": "code",
    "ttfamily": "code",
    "sc": "small-caps",
    "scshape": "small-caps",
    "rm": None,
    "rmfamily": None,
    "sf": None,
    "sffamily": None,
    "normalfont": None,
    "upshape": None,
    "mdseries": None,
    "tiny": None,
    "scriptsize": None,
    "footnotesize": None,
    "small": None,
    "normalsize": None,
    "large": None,
    "Large": None,
    "LARGE": None,
    "huge": None,
    "Huge": None,
}

# Commands whose arguments are dropped entirely.
_DISCARD_ARGS = {"hspace": 1, "vspace": 1, "label": 1, "footnote": 1, "cite": 1}

_TEXT_REPLACEMENTS = (
    ("---", "—"),
    ("--", "–"),
    ("``", "“"),
    ("''", "”"),
    ("~", "\u00a0"),
)


@dataclass
class _Text:
    value: str
    verbatim: bool = False  # URLs: no dashes, no quotes


@dataclass
class _Math:
    raw: str


@dataclass
class _Styled:
    style: str | None
    children: list


@dataclass
class _Accent:
    mark: str
    children: list


@dataclass(frozen=True)
class Converted:
    """A field converted to HTML and to plain text."""

    html: str
    text: str
    unknown_commands: tuple[str, ...] = ()
    stray_braces: int = 0


# Characters _Parser._sequence passes through unchanged.
_PLAIN = re.compile(r"[^{}$\\]+")


class _Parser:
    def __init__(self, source: str, math: bool = False):
        self.s = source
        self.math = math  # inside math, for the plain-text form of a formula
        self.i = 0
        self.unknown: list[str] = []
        self.stray_braces = 0
        self.depth = 0  # groups and arguments open around the current position
        self.flat = 0  # braces open beyond MAX_DEPTH, read as if not there

    def parse(self) -> list:
        nodes = self._sequence(closing=None)
        return nodes

    def _sequence(self, closing: str | None) -> list:
        """Parse until ``closing`` ('}') or the end; handle declarations."""
        self.depth += 1
        try:
            return self._sequence_at_depth(closing)
        finally:
            self.depth -= 1

    def _sequence_at_depth(self, closing: str | None) -> list:
        nodes: list = []
        buf: list[str] = []

        def flush():
            if buf:
                nodes.append(_Text("".join(buf)))
                buf.clear()

        s = self.s
        n = len(s)
        while self.i < n:
            plain = _PLAIN.match(s, self.i)
            if plain:
                # A run of ordinary characters, taken at once.
                buf.append(plain.group())
                self.i = plain.end()
                continue
            ch = s[self.i]
            if ch == "}" and self.flat:
                self.flat -= 1
                self.i += 1
            elif ch == "{" and self.depth >= MAX_DEPTH:
                self.flat += 1
                self.i += 1
            elif ch == "}":
                if closing == "}":
                    self.i += 1
                    flush()
                    return nodes
                # A closing brace with no opening one: drop it.
                self.stray_braces += 1
                self.i += 1
            elif ch == "{":
                self.i += 1
                flush()
                nodes.extend(self._sequence(closing="}"))
            elif ch == "$":
                flush()
                nodes.append(self._math())
            elif ch == "\\":
                name = self._peek_command()
                if name in ("(", "["):
                    flush()
                    nodes.append(self._math())
                    continue
                if name in _DECLARATIONS:
                    self.i += 1 + len(name)
                    self._skip_spaces()
                    if self.depth >= MAX_DEPTH:
                        continue  # too deep: the style is dropped, the text kept
                    flush()
                    rest = self._sequence(closing=closing)
                    nodes.append(_Styled(_DECLARATIONS[name], rest))
                    return nodes
                flush()
                nodes.extend(self._command())
        flush()
        if closing == "}":
            # An opening brace that is never closed.
            self.stray_braces += 1
        return nodes

    def _peek_command(self) -> str:
        s, j = self.s, self.i + 1
        if j >= len(s):
            return ""
        if s[j].isascii() and s[j].isalpha():
            k = j
            while k < len(s) and s[k].isascii() and s[k].isalpha():
                k += 1
            return s[j:k]
        return s[j]

    def _skip_spaces(self):
        while self.i < len(self.s) and self.s[self.i] in " \t\n\r":
            self.i += 1

    def _math(self) -> _Math | _Text:
        s, start = self.s, self.i
        if s.startswith("$$", start):
            end = s.find("$$", start + 2)
            width = 2
        elif s.startswith("\\(", start):
            end = s.find("\\)", start + 2)
            width = 2
        elif s.startswith("\\[", start):
            end = s.find("\\]", start + 2)
            width = 2
        else:
            end = start + 1
            while True:
                end = s.find("$", end)
                if end == -1 or s[end - 1] != "\\":
                    break
                end += 1
            width = 1
        if end == -1:
            # A lone dollar sign is just a dollar sign.
            self.i = start + 1
            return _Text("$")
        self.i = end + width
        return _Math(s[start : self.i])

    def _argument(self) -> list:
        """One macro argument: a group, a control sequence or a character."""
        self._skip_spaces()
        s = self.s
        if self.i >= len(s) or self.depth >= MAX_DEPTH:
            # Too deep: the argument stays in place, read as the text around it.
            return []
        self.depth += 1
        try:
            return self._argument_at_depth()
        finally:
            self.depth -= 1

    def _argument_at_depth(self) -> list:
        s = self.s
        ch = s[self.i]
        if ch == "{":
            self.i += 1
            return self._sequence(closing="}")
        if ch == "\\":
            return self._command()
        if ch == "}":
            return []
        self.i += 1
        return [_Text(ch)]

    def _raw_argument(self) -> str:
        self._skip_spaces()
        s = self.s
        if self.i < len(s) and s[self.i] == "{":
            depth, j = 1, self.i + 1
            while j < len(s) and depth:
                depth += {"{": 1, "}": -1}.get(s[j], 0)
                j += 1
            raw = s[self.i + 1 : j - 1] if depth == 0 else s[self.i + 1 :]
            self.i = j
            return raw
        return ""

    def _command(self) -> list:
        name = self._peek_command()
        self.i += 1 + len(name)
        if not name:
            return []
        is_word = name.isalpha()
        if name in _ACCENTS:
            return [_Accent(_ACCENTS[name], self._argument())]
        if not is_word:
            if name in _CONTROL_SYMBOLS:
                return [_Text(_CONTROL_SYMBOLS[name], verbatim=True)]
            self.unknown.append("\\" + name)
            return []
        # TeX ignores spaces after a control word.
        if name in _SYMBOLS:
            self._skip_spaces()
            self._eat_empty_group()
            return [_Text(_SYMBOLS[name], verbatim=True)]
        if name in _FORMATS:
            return [_Styled(_FORMATS[name], self._argument())]
        if name == "url":
            return [_Text(self._raw_argument(), verbatim=True)]
        if name == "href":
            self._raw_argument()
            return self._argument()
        if name in _DISCARD_ARGS:
            for _ in range(_DISCARD_ARGS[name]):
                self._argument()
            return []
        if self.math:
            return self._math_command(name)
        decoded = _latexcodec_symbol(name)
        self._skip_spaces()
        if decoded is not None:
            self._eat_empty_group()
            return [_Text(decoded, verbatim=True)]
        self.unknown.append("\\" + name)
        return []

    def _math_command(self, name: str) -> list:
        """Commands inside math, for plain text: best effort, never reported."""
        if name in _MATH_FUNCTIONS:
            return [_Text(name, verbatim=True)]
        if name in _MATH_FONTS:
            return self._argument()
        if name == "sqrt":
            return [_Text("√", verbatim=True), *self._argument()]
        if name in ("frac", "dfrac", "tfrac"):
            numerator, denominator = self._argument(), self._argument()
            return [*numerator, _Text("/", verbatim=True), *denominator]
        return []

    def _eat_empty_group(self):
        if self.s.startswith("{}", self.i):
            self.i += 2


_MATH_FUNCTIONS = {"log", "ln", "exp", "sin", "cos", "tan", "max", "min", "lim", "sup",
                   "inf", "det", "dim", "arg", "deg", "gcd", "Pr", "mod", "arctan", "sinh",
                   "cosh", "tanh"}
_MATH_FONTS = {"mathrm", "mathbf", "mathit", "mathcal", "mathbb", "mathsf", "mathtt", "mathfrak",
               "operatorname", "boldsymbol", "bm", "text", "textrm", "textit", "textbf", "mbox",
               "left", "right", "big", "Big", "bigg", "Bigg"}
_SYMBOLS.update({"sim": "∼", "simeq": "≃", "neq": "≠", "ne": "≠", "le": "≤", "ge": "≥",
                 "ll": "≪", "gg": "≫", "in": "∈", "partial": "∂", "nabla": "∇", "sum": "∑",
                 "prod": "∏", "int": "∫", "hbar": "ℏ", "propto": "∝", "mp": "∓", "circ": "∘",
                 "prime": "′", "emptyset": "∅", "forall": "∀", "exists": "∃", "mid": "|",
                 "langle": "⟨", "rangle": "⟩", "lvert": "|", "rvert": "|", "vert": "|",
                 "leftarrow": "←", "Rightarrow": "⇒", "mapsto": "↦", "otimes": "⊗",
                 "oplus": "⊕", "cdots": "⋯", "subset": "⊂", "subseteq": "⊆", "cup": "∪",
                 "cap": "∩", "mu": "μ", "Upsilon": "Υ"})


def math_to_text(raw: str) -> str:
    r"""A formula as readable plain text: ``$\Delta u^{2}$`` → ``Δu^2``."""
    inner = raw
    for opening, closing in (("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]")):
        if inner.startswith(opening) and inner.endswith(closing) and len(inner) >= len(opening) + len(closing):
            inner = inner[len(opening): len(inner) - len(closing)]
            break
    parser = _Parser(inner, math=True)
    return _render_both(parser.parse())[1].strip()


def flatten_braces(value: str, max_depth: int = MAX_DEPTH) -> str:
    """``value`` with the braces nested deeper than ``max_depth`` removed.

    For tools with a hard limit on nesting (pybtex's name parser): what is
    inside the removed braces stays, and the braces left stay balanced.
    """
    if value.count("{") <= max_depth:
        return value
    out: list[str] = []
    depth = 0
    for part in _BRACE_OR_TEXT.findall(value):
        if part == "{":
            depth += 1
            if depth > max_depth:
                continue
        elif part == "}" and depth:
            depth -= 1
            if depth >= max_depth:
                continue
        out.append(part)
    return "".join(out)


_BRACE_OR_TEXT = re.compile(r"\\[{}]|[{}]|[^{}\\]+|\\")


def _latexcodec_symbol(name: str) -> str | None:
    try:
        decoded = codecs.decode("\\" + name, "ulatex")
    except (UnicodeDecodeError, ValueError):
        return None
    if "\\" in decoded or decoded == name:
        return None
    return decoded


_REPLACED = re.compile(r"[-`'~&]")


def _apply_text_replacements(value: str) -> str:
    if not _REPLACED.search(value):
        return value
    value = html.unescape(value)
    for old, new in _TEXT_REPLACEMENTS:
        value = value.replace(old, new)
    return value


def _accent(mark: str, text: str) -> str:
    if not text:
        return ""
    first = {"ı": "i", "ȷ": "j"}.get(text[0], text[0])
    return unicodedata.normalize("NFC", first + mark + text[1:])


_TAGS = {
    "em": ("<em>", "</em>"),
    "strong": ("<strong>", "</strong>"),
    "sup": ("<sup>", "</sup>"),
    "sub": ("<sub>", "</sub>"),
    "code": ("<code>", "</code>"),
    "small-caps": ('<span class="small-caps">', "</span>"),
}


def _render_both(nodes: list) -> tuple[str, str]:
    """``(html, text)`` of a tree, in one walk."""
    out_html: list[str] = []
    out_text: list[str] = []
    for node in nodes:
        if isinstance(node, _Text):
            value = node.value if node.verbatim else _apply_text_replacements(node.value)
            out_html.append(html.escape(value, quote=False))
            out_text.append(value)
        elif isinstance(node, _Math):
            out_html.append('<span class="math">%s</span>' % html.escape(node.raw, quote=False))
            out_text.append(math_to_text(node.raw))
        elif isinstance(node, _Accent):
            text = _accent(node.mark, _render_both(node.children)[1])
            out_html.append(html.escape(text, quote=False))
            out_text.append(text)
        elif isinstance(node, _Styled):
            inner_html, inner_text = _render_both(node.children)
            if node.style and inner_html.strip():
                start, end = _TAGS[node.style]
                out_html.append(start + inner_html + end)
            else:
                out_html.append(inner_html)
            out_text.append(inner_text)
    return "".join(out_html), "".join(out_text)


_SPACES = re.compile(r"[ \t\r\n]+")
# Characters that may need more than HTML escaping.
_SPECIAL = re.compile(r"[\\{}$~`'&-]")


def convert(source: str) -> Converted:
    """Convert a BibTeX field value to HTML and plain text.

    Control characters are dropped (the BibTeX reader warns about them): feeds cannot hold them.
    """
    return _convert(_SPACES.sub(" ", CONTROL_CHARACTERS.sub("", source or "")).strip())


@lru_cache(maxsize=65536)
def _convert(source: str) -> Converted:
    # Cached: names, venues and years repeat across entries and rebuilds.
    if not _SPECIAL.search(source):
        return Converted(html=html.escape(source, quote=False), text=source)
    parser = _Parser(source)
    html_form, text_form = _render_both(parser.parse())
    return Converted(
        html=html_form.strip(),
        text=text_form.strip(),
        unknown_commands=tuple(parser.unknown),
        stray_braces=parser.stray_braces,
    )


def to_html(source: str) -> str:
    return convert(source).html


def to_text(source: str) -> str:
    return convert(source).text
