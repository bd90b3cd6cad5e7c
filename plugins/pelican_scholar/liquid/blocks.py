"""al-folio's block tags that wrap Markdown: `{% details %}` and jekyll-tabs' `{% tabs %}`.

    {% details Click to expand %} … {% enddetails %}     a <details> with that summary
    {% tabs log %}                                         tabs that work without JavaScript
    {% tab log php %} … {% endtab %}                       (partials/tabs.html, main.css)
    {% endtabs %}

The summary is Markdown too (emphasis, code, links; math is left to the math
part). Each tag on a line of its own becomes HTML drawn by its partial
(`partials/details.html`, `partials/tabs.html`), kept whole by Markdown, with
blank lines around it: the text between the tags stays Markdown, read with
the rest of the post (math, citations and footnotes included), as al-folio
renders it. Inside a raw HTML block, where Markdown reads nothing, the text
stays HTML (math in it is still converted). A tag closed twice, never closed
or closing the wrong block is a warning with the file and line; the page is
kept valid.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html import escape

import markdown
from markupsafe import Markup

logger = logging.getLogger(__name__)

_TAG = r"^\s*\{%%-?\s*%s\s*-?%%\}\s*$"
DETAILS = re.compile(_TAG % r"details\s+(?P<summary>.*?)")
END_DETAILS = re.compile(_TAG % "enddetails")
TABS = re.compile(_TAG % r"tabs\s+(?P<group>\S+)")
TAB = re.compile(_TAG % r"tab\s+(?P<group>\S+)\s+(?P<name>.*?)")
END_TAB = re.compile(_TAG % "endtab")
END_TABS = re.compile(_TAG % "endtabs")


@dataclass
class _Open:
    kind: str  # "details", "tabs" or "tab"
    line: int
    key: str = ""  # a tab group's name for its radio buttons, unique on the page
    tabs: int = 0  # tabs opened so far in a group


# Math in a summary, kept from Markdown's emphasis (`$a_1 b_2$`) and converted later.
_MATH = re.compile(r"\$\$.+?\$\$|\$[^$]+\$|\\\(.+?\\\)")


def _summary(text: str) -> Markup:
    """A summary's Markdown as inline HTML, as al-folio renders it (text that Markdown
    would make a list or a quote stays text: a summary holds a line)."""
    kept: list[str] = []
    marked = _MATH.sub(lambda m: kept.append(m[0]) or f"scholarmath{len(kept) - 1}x", text)
    html = markdown.markdown(marked).strip()
    inline = re.fullmatch(r"<p>(.*)</p>", html, flags=re.S)
    if inline is None:
        return Markup.escape(text)
    return Markup(re.sub(r"scholarmath(\d+)x", lambda m: escape(kept[int(m[1])], quote=False), inline[1]))


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-").lower() or "tab"


class Blocks:
    """The block tags of one document: `line()` translates one line, `finish()` closes what is left."""

    def __init__(self, md, partials, source: str) -> None:
        self.md = md
        self.details = partials("details.html")
        self.tabs = partials("tabs.html")
        self.source = source
        self.open: list[_Open] = []
        self.ids: set[str] = set()

    def line(self, line: str, number: int) -> list[str] | None:
        """The lines that replace this one, or None when it holds no block tag."""
        if "{%" not in line:
            return None
        if match := DETAILS.match(line):
            self.open.append(_Open("details", number))
            return self._html(self.details.open(_summary(match["summary"])))
        if END_DETAILS.match(line):
            return self._close("details", number)
        if match := TABS.match(line):
            self.open.append(_Open("tabs", number, key=self._unique("tabs-" + _slug(match["group"]))))
            return self._html(self.tabs.open(match["group"]))
        if match := TAB.match(line):
            return self._tab(match["name"], number)
        if END_TAB.match(line):
            return self._close("tab", number)
        if END_TABS.match(line):
            return self._close("tabs", number)
        return None

    def finish(self) -> list[str]:
        """Close every block still open at the end of the document, each with a warning."""
        out = []
        while self.open:
            block = self.open[-1]
            self._warn(block.line, f"{{% {block.kind} %}} is never closed; it is closed at the end of the text. "
                       f"Add {{% end{block.kind} %}} where it ends.")
            out += self._pop()
        return out

    def _tab(self, name: str, number: int) -> list[str]:
        out = []
        if self.open and self.open[-1].kind == "tab":
            self._warn(number, "{% tab %} before the previous tab's {% endtab %}; the previous tab ends here.")
            out += self._pop()
        group = self.open[-1] if self.open and self.open[-1].kind == "tabs" else None
        if group is None:
            self._warn(number, "{% tab %} outside {% tabs %}; its text is shown as it is. "
                       "Put the tabs between {% tabs name %} and {% endtabs %}.")
            return [""]
        group.tabs += 1
        self.open.append(_Open("tab", number))
        tab_id = self._unique(f"{group.key}-{_slug(name)}")
        return out + self._html(self.tabs.tab_open(group.key, tab_id, name, group.tabs == 1))

    def _close(self, kind: str, number: int) -> list[str]:
        out = []
        if kind == "tabs" and self.open and self.open[-1].kind == "tab":
            self._warn(number, "{% endtabs %} before the last tab's {% endtab %}; the tab ends here.")
            out += self._pop()
        if not self.open or self.open[-1].kind != kind:
            inside = f"inside {{% {self.open[-1].kind} %}}" if self.open else f"without {{% {kind} %}}"
            self._warn(number, f"{{% end{kind} %}} {inside}; it is left out. Check the tags' order.")
            return out + [""]
        return out + self._pop()

    def _pop(self) -> list[str]:
        block = self.open.pop()
        if block.kind == "details":
            return self._html(self.details.close())
        return self._html(self.tabs.tab_close() if block.kind == "tab" else self.tabs.close())

    def _html(self, html: str) -> list[str]:
        """HTML Markdown keeps whole, in a paragraph of its own (which Markdown then drops)."""
        return ["", self.md.htmlStash.store(str(html).strip()), ""]

    def _unique(self, wanted: str) -> str:
        candidate, count = wanted, 1
        while candidate in self.ids:
            count += 1
            candidate = f"{wanted}-{count}"
        self.ids.add(candidate)
        return candidate

    def _warn(self, number: int, message: str) -> None:
        logger.warning("%s:%d: %s", self.source, number, message)
