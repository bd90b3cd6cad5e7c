"""al-folio's Liquid tags in Markdown posts and pages, for sites moving over.

Translated while the Markdown is read:

    {% highlight python linenos %} … {% endhighlight %}   a fenced code block, with
                                                          line numbers when asked
    {% post_url 2015-10-20-math %}                        a link to that post
    {{ site.baseurl }}, {{ '/x' | relative_url }}         the site's own paths
    {% include figure.liquid path="assets/img/x.jpg" alt="…" caption="…" %}
                                                          a <figure>; al-folio's
                                                          assets/img/ is images/
    {% details Summary %} … {% enddetails %}              a <details> (blocks.py)
    {% tabs g %}{% tab g Name %} … {% endtab %}{% endtabs %}
                                                          tabs without JavaScript (blocks.py)
    {% raw %} … {% endraw %}                              the text between, as it is
    [//]: # (a note), [comment]: <> (a note)              nothing: kramdown's comments
                                                          (link definitions nothing uses)
    <!-- a comment over
         several lines -->                                kept as it is: a fence or Liquid
                                                          inside is not read (as kramdown)
    </div>␣␣␣␣ (spaces after a closing tag)               the spaces go (as kramdown)

Fenced code asks for line numbers the ways Markdown tools write it:
```python linenos, ```python linenums="1", ```python {linenos=true}.

The HTML of figures, details and tabs comes from the theme's partials
(`partials/figure.html`, `details.html`, `tabs.html`; yours in
content/templates/ win). `{% cite … %}` is left to the citations part.
Any other `{% … %}` or `{{ … }}`
is shown as it is, with a warning naming the file and line, so that nothing
of a migrated post disappears unnoticed. Code blocks are never touched.

No settings.
"""

from __future__ import annotations

import functools
import logging
import os
import re

from jinja2 import Environment, FileSystemLoader
from markdown import Extension
from markdown.preprocessors import Preprocessor
from pelican import signals

from ..markdown import FENCE, add_markdown_extension, current_document
from ..settings import template_folders
from .blocks import Blocks

logger = logging.getLogger(__name__)

HIGHLIGHT_START = re.compile(r"^\s*\{%-?\s*highlight\s+(?P<lang>[\w+#.-]+)(?P<options>[^%]*?)-?%\}\s*$")
# A fence's info string asking for line numbers: ```python linenos, linenums="5",
# {linenos=true}, {.python linenums="1"}.
NUMBERED_FENCE = re.compile(
    r"""^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?:\{\s*\.?)?(?P<lang>[\w+#.-]*)\s*\{?\s*"""
    r"""(?:linenos|linenums|lineNumbers)(?:\s*=\s*["']?(?P<start>\w+)["']?)?\s*\}?\s*$""")
HIGHLIGHT_END = re.compile(r"^\s*\{%-?\s*endhighlight\s*-?%\}\s*$")
POST_URL = re.compile(r"\{%-?\s*post_url\s+(?P<name>[^\s%]+)\s*-?%\}")
BASEURL = re.compile(r"\{\{-?\s*site\.baseurl\s*-?\}\}")
# Also when the tag is split over lines: `{{ '/x.png' |` and `relative_url }}`.
RELATIVE_URL = re.compile(
    r"""\{\{-?\s*(?P<quote>['"])(?P<path>[^'"]*)(?P=quote)\s*\|\s*(?:relative_url|absolute_url)\s*-?\}\}""")
FIGURE = re.compile(r"\{%-?\s*include\s+figure(?:\.liquid|\.html)?\s+(?P<params>[^%]*?)\s*-?%\}")
PARAM = re.compile(r"""(?P<name>\w+)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>\S+))""")
LEFTOVER = re.compile(r"\{%-?\s*(?P<tag>\w+)[^%]*%\}|\{\{[^}]*\}\}")
RAW_START = re.compile(r"^\s*\{%-?\s*raw\s*-?%\}\s*$")
RAW_END = re.compile(r"^\s*\{%-?\s*endraw\s*-?%\}\s*$")
# Inline: the text between stays as it is, the tags go.
RAW_INLINE = re.compile(r"\{%-?\s*raw\s*-?%\}(?P<text>.*?)\{%-?\s*endraw\s*-?%\}")
# kramdown's comment idiom: a link definition nothing refers to. kramdown takes
# the whole line as one, whatever follows the label (Python-Markdown only when
# the title's parentheses close on the line).
KRAMDOWN_COMMENT = re.compile(r"^ {0,3}\[(?://|comment)\]:", re.I)
HTML_COMMENT_START = re.compile(r"^ {0,3}<!--")
# `</div>    `: Python-Markdown turns the spaces after a raw HTML block's last tag
# into an empty code block; kramdown ignores them.
CLOSING_TAG_LINE = re.compile(r"^\s*</[A-Za-z][^<>]*>\s+$")
HANDLED_ELSEWHERE = {"cite"}  # scholar_citations


def _site_path(match: re.Match) -> str:
    """`{{ 'assets/x.pdf' | relative_url }}` is `/assets/x.pdf`: Jekyll's filter adds the slash."""
    path = match["path"]
    return path if not path or "://" in path or path.startswith(("/", "#", "?", "mailto:")) else "/" + path


class LiquidPreprocessor(Preprocessor):
    def __init__(self, md, articles_path: str):
        super().__init__(md)
        self.articles_path = articles_path

    def run(self, lines: list[str]) -> list[str]:
        document = current_document()
        source = document.shown_path or "Markdown"
        offset = document.body_line
        out: list[str] = []
        closing = ""  # the line that ends the code block we are in, if any
        blocks = Blocks(self.md, self._partial, source)
        raw = False
        rows = list(enumerate(lines, offset + 1))
        index = 0
        while index < len(rows):
            number, line = rows[index]
            index += 1
            if raw:
                raw = not RAW_END.match(line)
                out.append(line if raw else "")
                continue
            if closing:
                if (closing == "endhighlight" and HIGHLIGHT_END.match(line)) or (
                        closing != "endhighlight" and line.strip().startswith(closing)):
                    line = "```" if closing == "endhighlight" else line
                    closing = ""
                out.append(line)
                continue
            start = HIGHLIGHT_START.match(line)
            if start:
                numbered = re.search(r"\blinenos\b", start["options"])
                out.append(numbered_fence("```", start["lang"]) if numbered else "```" + start["lang"])
                closing = "endhighlight"
                continue
            fence = FENCE.match(line)
            if fence:
                closing = fence["fence"]
                asked = NUMBERED_FENCE.match(line)
                out.append(numbered_fence(asked["indent"] + asked["fence"], asked["lang"], asked["start"])
                           if asked else line)
                continue
            if RAW_START.match(line):
                raw = True
                out.append("")
                continue
            if KRAMDOWN_COMMENT.match(line):
                out.append("")
                continue
            if HTML_COMMENT_START.match(line) and "-->" not in line.split("<!--", 1)[1]:
                end = next((i for i in range(index, len(rows)) if "-->" in rows[i][1]), None)
                if end is not None:
                    out.extend(self._comment([line] + [text for _, text in rows[index:end + 1]]))
                    index = end + 1
                    continue
            if CLOSING_TAG_LINE.match(line):
                line = line.rstrip()
            line, index = _join_split_output(line, rows, index)
            translated = blocks.line(line, number)
            out.extend(translated if translated is not None else [self._translate(line, source, number)])
        return out + blocks.finish()

    def _comment(self, lines: list[str]) -> list[str]:
        """An HTML comment over several lines, stashed whole: Python-Markdown would
        otherwise read a code fence inside it as the start of a code block."""
        last = lines[-1]
        cut = last.index("-->") + 3
        lines[-1] = last[:cut]
        placeholder = self.md.htmlStash.store("\n".join(lines).strip())
        return ["", placeholder, "", last[cut:]]

    def _partial(self, name: str):
        """A partial's macros, for the block tags."""
        return partial_template(self.template_folders, name).module

    def _translate(self, line: str, source: str, number: int) -> str:
        if "{" not in line:
            return line
        if RAW_INLINE.search(line):
            kept = []
            line = RAW_INLINE.sub(lambda m: kept.append(m["text"]) or "\0raw%d\0" % (len(kept) - 1), line)
            line = self._translate(line, source, number)
            return re.sub("\0raw(\\d+)\0", lambda m: kept[int(m[1])], line)
        line = POST_URL.sub(lambda m: "{filename}/%s/%s.md" % (self.articles_path, m["name"]), line)
        line = FIGURE.sub(lambda m: self._figure(m["params"], source, number), line)
        line = BASEURL.sub("", line)
        line = RELATIVE_URL.sub(_site_path, line)
        for leftover in LEFTOVER.finditer(line):
            if leftover["tag"] not in HANDLED_ELSEWHERE:
                logger.warning(
                    "%s:%d: %r is Liquid (al-folio's template language), which Pelican "
                    "Scholar does not run; it is shown as text. Replace it with Markdown or HTML.",
                    source, number, leftover[0])
        return line


    def _figure(self, params: str, source: str, number: int) -> str:
        """al-folio's figure include as HTML, kept whole by Markdown."""
        values = {m["name"]: next(v for v in (m["double"], m["single"], m["bare"]) if v is not None)
                  for m in PARAM.finditer(params)}
        path = values.get("path", "")
        path = RELATIVE_URL.sub(lambda m: m["path"], path)
        if path.startswith(("assets/img/", "/assets/img/")):
            path = "images/" + path.split("assets/img/", 1)[1]
        if "://" not in path:
            path = "/" + path.lstrip("/")
        alt = values.get("alt") or values.get("title") or ""
        if not alt:
            logger.warning("%s:%d: the figure %s has no alt text; add alt=\"…\" describing it "
                           "for readers who can't see it.", source, number, path)
        caption = values.get("caption", "")
        # `id="fig-mesh"`: the text links to the figure by it ([Figure 2](#fig-mesh)).
        figure = partial_template(self.template_folders, "figure.html").render(
            src=path, alt=alt, caption=caption, id=values.get("id", ""))
        return self.md.htmlStash.store(figure)


def _join_split_output(line: str, rows: list[tuple[int, str]], index: int) -> tuple[str, int]:
    """A `{{ … }}` written over several lines (`{{ 'x.png' |` then `relative_url }}`)
    as one line, with the index of the row after it; a tag that never closes is left alone."""
    if line.rfind("{{") <= line.rfind("}}"):
        return line, index
    for count in range(1, min(5, len(rows) - index) + 1):
        joined = " ".join([line.rstrip(), *(text.strip() for _, text in rows[index:index + count])])
        if joined.rfind("{{") < joined.rfind("}}"):
            return joined, index + count
    return line, index


def numbered_fence(fence: str, lang: str, start: str | None = None) -> str:
    """An opening fence whose code is shown with line numbers (Pygments' inline numbers,
    which main.css keeps out of a selection, so copied code has none)."""
    first = f' linenostart="{int(start)}"' if start and start.isdigit() and int(start) > 1 else ""
    language = f".{lang} " if lang else ""
    return f'{fence}{{ {language}linenos="inline"{first} }}'


def partial_template(folders: tuple[str, ...], name: str):
    """A partial drawn into posts (yours in content/templates/ wins), with the theme's escaping.

    settings.py keys the content cache on its source, so an edited partial
    redraws every post that uses it.
    """
    found = next(path for folder in folders
                 if os.path.isfile(path := os.path.join(folder, "partials", name)))
    return _compiled_template(found, os.stat(found).st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _compiled_template(path: str, modified: int):
    folder, name = os.path.split(path)
    return Environment(loader=FileSystemLoader(folder), autoescape=True).get_template(name)


class LiquidExtension(Extension):
    def __init__(self, articles_path: str = "blog", template_folders: tuple[str, ...] = ()):
        super().__init__()
        self.articles_path = articles_path
        self.template_folders = template_folders  # plain strings: settings get copied

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # Before the fenced-code preprocessor (25), which then sees real fences.
        preprocessor = LiquidPreprocessor(md, self.articles_path)
        preprocessor.template_folders = self.template_folders
        md.preprocessors.register(preprocessor, "liquid", 28)


def _add_extension(pelican) -> None:
    """At the start of each build: the template folders may have changed since the
    last (content/templates/ added while livereload runs, settings.py)."""
    settings = pelican.settings
    folders = tuple(template_folders(settings))
    for extension in settings["MARKDOWN"].get("extensions", []):
        if isinstance(extension, LiquidExtension):
            extension.template_folders = folders
            return
    articles = (settings.get("ARTICLE_PATHS") or ["blog"])[0] or "blog"
    add_markdown_extension(settings, LiquidExtension(articles, folders))


def register() -> None:
    signals.get_generators.connect(_add_extension)
