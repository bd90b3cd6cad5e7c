"""Equation numbers as MathJax numbers them with `tags: 'ams'` (al-folio's setting).

Numbered environments (`equation`, `align`, `gather`, `multline`, `flalign`,
`alignat`, `eqnarray`; not their starred forms) get (1), (2), … in page
order: one number per row of `align`-like environments, one for `equation`
and `multline`. `\\tag{x}` replaces a number, `\\notag`/`\\nonumber` removes
one. `\\label{x}` names the number, and `\\eqref{x}`/`\\ref{x}` show it.

This module only rewrites TeX: each number becomes an explicit `\\tag{n}`,
each label the row's id (`\\label{eq-x}`, which Temml puts on the row), and
each reference a marker that `math.py` turns into a link once the whole page
is numbered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NUMBERED = ("equation", "align", "gather", "multline", "flalign", "alignat", "eqnarray", "xalignat")
# Environments whose every row carries its own number.
ROWS = {"align", "gather", "flalign", "alignat", "eqnarray", "xalignat"}
# The display environments al-folio's posts write bare in a paragraph.
BARE_ENVIRONMENTS = (*NUMBERED, "split", "gathered", "aligned", "alignedat", "multline")
ENVIRONMENT = re.compile(
    r"\\begin\{(?P<name>%s)(?P<star>\*?)\}(?P<body>.*?)\\end\{(?P=name)(?P=star)\}"
    % "|".join(NUMBERED), re.S)
LABEL = re.compile(r"\\label\s*\{(?P<name>[^{}]*)\}")
TAG = re.compile(r"\\tag(?P<star>\*?)\s*\{(?P<text>[^{}]*)\}")
NOTAG = re.compile(r"\\(?:notag|nonumber)(?![a-zA-Z])")
REF = re.compile(r"\\(?P<kind>eqref|ref)\s*\{(?P<name>[^{}]*)\}")
# A reference inside math, until the page is numbered: \text{scholar-eqref-n}.
MARK = re.compile(r"<mtext>scholar-eqref-(?P<index>\d+)</mtext>")
# Temml lacks \DeclareMathOperator; it becomes the \def MathJax would make of it.
DECLARE_OPERATOR = re.compile(
    r"\\DeclareMathOperator(?P<star>\*?)\s*(?:\{\s*(?P<name>\\[a-zA-Z]+)\s*\}|(?P<bare>\\[a-zA-Z]+))"
    r"\s*\{(?P<text>(?:[^{}]|\{[^{}]*\})*)\}")

# MathJax reads `\hat\mathbf{x}`, Temml wants `\hat{\mathbf{x}}`.
ACCENT_ON_FONT = re.compile(
    r"\\(?P<accent>hat|bar|tilde|vec|dot|ddot|check|breve|acute|grave|widehat|widetilde|overline|underline)"
    r"\s*\\(?P<font>mathbf|mathrm|mathit|mathcal|mathbb|mathsf|mathfrak|mathscr|boldsymbol|bm)\s*"
    r"\{(?P<body>[^{}]*)\}")
# MathJax prints `_` and `#` inside \text as they are; TeX and Temml want `\_`, `\#`.
TEXT = re.compile(r"\\(?:text|textrm|textit|textbf|textsf|texttt|mbox)\s*\{[^{}]*[_#][^{}]*\}")
TEXT_SPECIAL = re.compile(r"(?<!\\)([_#])")
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")


def markdown_unescaped(tex: str) -> str:
    """The TeX as a Markdown that unescapes inside math would pass it on (`\\*` -> `*`)."""
    return MARKDOWN_ESCAPE.sub(r"\1", tex)


def anchor(label: str) -> str:
    """The id of a labelled equation: a safe fragment, never the page's own ids.

    Only the characters Temml keeps in a `\\label` id (it drops any other), so
    that `\\label{eq:mle}` and the links of `\\eqref{eq:mle}` agree: `eq-eq-mle`.
    """
    return "eq-" + re.sub(r"[^A-Za-z0-9_-]", "-", label.strip())


@dataclass
class Numbering:
    """A page's numbers, labels and references, filled formula by formula."""
    count: int = 0
    labels: dict[str, str | None] = field(default_factory=dict)  # label -> number shown
    refs: list[tuple[str, str]] = field(default_factory=list)  # (kind, label)

    def reference(self, kind: str, label: str) -> int:
        self.refs.append((kind, label.strip()))
        return len(self.refs) - 1

    def prepare(self, tex: str, display: bool) -> str:
        """The TeX Temml gets: numbers as \\tag, labels as ids, refs as markers."""
        tex = ACCENT_ON_FONT.sub(r"\\\g<accent>{\\\g<font>{\g<body>}}", tex)
        tex = TEXT.sub(lambda m: TEXT_SPECIAL.sub(r"\\\1", m[0]), tex)
        tex = DECLARE_OPERATOR.sub(
            lambda m: "\\def%s{\\operatorname%s{%s}}" % (m["name"] or m["bare"], m["star"], m["text"]),
            tex)
        if display:
            tex, numbered = ENVIRONMENT.subn(self._environment, tex)
            if not numbered:
                tex = self._row(tex, number=False)
        else:
            tex = self._row(tex, number=False)
        return REF.sub(self._ref, tex)

    def _ref(self, match: re.Match) -> str:
        index = self.reference(match["kind"], match["name"])
        return "\\text{scholar-eqref-%d}" % index

    def _environment(self, match: re.Match) -> str:
        name, star, body = match["name"], match["star"], match["body"]
        number = not star
        if name in ROWS:
            rows = split_rows(body)
            body = "\\\\".join(
                self._row(row, number and row.strip() != "") for row in rows)
        else:
            body = self._row(body, number)
        return "\\begin{%s%s}%s\\end{%s%s}" % (name, star, body, name, star)

    def _row(self, row: str, number: bool) -> str:
        """One numbered line: give it its number (or its \\tag) and its label's id."""
        if NOTAG.search(row):
            row, number = NOTAG.sub("", row), False
        tag = TAG.search(row)
        shown = None
        if tag:
            shown = tag["text"] if tag["star"] else f"({tag['text']})"
        elif number:
            self.count += 1
            shown = f"({self.count})"
            row = row.rstrip() + " \\tag{%d}" % self.count
        labels = LABEL.findall(row)
        row = LABEL.sub("", row)
        for label in labels:
            self.labels[label.strip()] = shown
        if labels and shown is not None:
            row = row.rstrip() + " \\label{%s}" % anchor(labels[0])
        return row


def split_rows(body: str) -> list[str]:
    r"""Split at `\\` outside braces and nested environments."""
    rows, depth, start, index = [], 0, 0, 0
    while index < len(body):
        if body.startswith("\\begin{", index):
            depth += 1
        elif body.startswith("\\end{", index):
            depth -= 1
        char = body[index]
        if char == "\\":
            if body.startswith("\\\\", index) and depth == 0:
                rows.append(body[start:index])
                index += 2
                start = index
                continue
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        index += 1
    rows.append(body[start:])
    return rows
