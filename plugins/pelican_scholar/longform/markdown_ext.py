"""What Markdown must know about distill's tags before it reads a post.

- distill's block tags (<d-contents>, <d-appendix>, …) are HTML blocks, kept
  whole instead of being wrapped in a <p>;
- `<d-code block language="x">…</d-code>` is code: its text becomes a fenced
  code block (highlighted by Pygments like any other), because an HTML parser
  would read `<` in the code as a tag. Inline <d-code> is left to the tree
  pass (transform.py).
"""

from __future__ import annotations

import re
import textwrap

from markdown import Extension
from markdown.preprocessors import Preprocessor

from ..markdown import FENCE

BLOCK_TAGS = ("d-contents", "d-appendix", "d-bibliography", "d-figure", "d-article", "d-title",
              "d-byline", "d-front-matter", "d-footnote-list", "d-citation-list", "d-code")
_CODE_START = re.compile(r"^\s*<d-code\b(?P<attrs>[^>]*)>(?P<rest>.*)$")
_CODE_END = "</d-code>"
_LANGUAGE = re.compile(r"""\blanguage\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def _fence_for(code: str) -> str:
    longest = max((len(run) for run in re.findall(r"`{3,}", code)), default=2)
    return "`" * (longest + 1)


class DistillCodePreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fence = ""
        index = 0
        while index < len(lines):
            line = lines[index]
            opened = FENCE.match(line)
            if fence:
                if line.strip().startswith(fence):
                    fence = ""
                out.append(line)
                index += 1
                continue
            if opened:
                fence = opened.group(1)
                out.append(line)
                index += 1
                continue
            start = _CODE_START.match(line)
            if not start or not re.search(r"\bblock\b", start["attrs"]):
                out.append(line)
                index += 1
                continue
            body = [start["rest"]]
            end = index
            while _CODE_END not in body[-1] and end + 1 < len(lines):
                end += 1
                body.append(lines[end])
            if _CODE_END not in body[-1]:  # never closed: leave it as it is
                out.append(line)
                index += 1
                continue
            last, after = body[-1].split(_CODE_END, 1)
            body[-1] = last
            code = textwrap.dedent("\n".join(body)).strip("\n")
            language = _LANGUAGE.search(start["attrs"])
            language = next((g for g in language.groups() if g), "") if language else ""
            marks = _fence_for(code)
            opening = marks + re.sub(r"[^\w+#.-]", "", language)
            code_lines = code.split("\n")
            out.extend((not after.strip() and _in_the_same_lines(body, code_lines, opening, marks))
                       or ["", opening, *code_lines, marks, "", *([after] if after.strip() else [])])
            index = end + 1
        return out


def _in_the_same_lines(body: list[str], code_lines: list[str], opening: str, closing: str) -> list[str]:
    """The fenced block in exactly the lines the <d-code> element took, so that the line
    numbers later warnings give (Liquid's) still point into the file: the fences take
    the blank lines next to the code (the tags' own lines, when nothing else is on
    them). Empty when the code starts or ends on a tag's line."""
    leading = next((i for i, line in enumerate(body) if line.strip()), 0)
    trailing = next((i for i, line in enumerate(reversed(body)) if line.strip()), 0)
    if leading < 1 or trailing < 1:
        return []
    return [""] * (leading - 1) + [opening, *code_lines, closing] + [""] * (trailing - 1)


class DistillExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        for tag in BLOCK_TAGS:
            if tag not in md.block_level_elements:
                md.block_level_elements.append(tag)
        # Before the fenced-code preprocessor (25), which then sees real fences.
        md.preprocessors.register(DistillCodePreprocessor(md), "distill-code", 29)
