"""Property tests: any field value a .bib can hold gives a safe, well-formed entry.

A fixed seed and a few hundred examples in CI; FUZZ_EXAMPLES=5000 runs more
locally. Each property asserts: no exception escapes, no element or attribute
that can run script, links only to http(s) and mailto, tags properly nested.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings, strategies as st
from jinja2 import Environment, FileSystemLoader

from pelican_scholar.publications.bibfile import BibEntry
from pelican_scholar.publications.fields import allow_inline_markup
from pelican_scholar.publications.names import CoauthorIndex
from pelican_scholar.publications.render import RenderOptions, build_publication
from pelican_scholar.templating import jsonld

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
fuzz = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces users (and attackers) write in fields, mixed with any text.
PIECES = st.sampled_from([
    "<b>", "</b>", "<i>", "</i>", "<strong>", "</strong>", "<em>", "</em>", "<sup>", "</sup>",
    "<br>", "<br/>", "**", "[x](", "https://e.example/", "javascript:alert(1)", "data:text/html,",
    ")", "](", "<script>", "</script>", "<img src=x onerror=alert(1)>", '"', "'", "&", "&amp;",
    "$x^2$", "\\emph{", "}", "{", "\\url{", "<a href=\"javascript:x\">", "</a>", "mailto:a@b.c",
])
FIELD = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=12).map("".join)
SAFE_SCHEMES = ("http://", "https://", "mailto:")
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
INLINE = {"b", "i", "em", "strong", "sup", "sub", "u", "small", "a", "code", "span"}


def assert_safe(fragment: str) -> None:
    soup = BeautifulSoup("<div>%s</div>" % fragment, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name not in ("script", "iframe", "object", "embed", "img", "svg"), fragment
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), fragment
            if name in ("href", "src"):
                assert not value.lower().lstrip().startswith(UNSAFE_SCHEMES), fragment


@fuzz
@given(FIELD)
def test_inline_markup_is_safe_and_properly_nested(value):
    result = allow_inline_markup(html.escape(value, quote=False))
    assert_safe(result)
    for tag in INLINE - {"a", "span"}:
        assert result.count("<%s>" % tag) == result.count("</%s>" % tag), result
    for link in BeautifulSoup("<div>%s</div>" % result, "html.parser").find_all("a"):
        assert link.get("href", "").startswith(SAFE_SCHEMES), result


ENV = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")), autoescape=True)
ENV.filters.update(mathml=lambda value: value, jsonld=jsonld)
PUBLICATION = ENV.get_template("partials/publication.html").module.publication


@fuzz
@given(st.dictionaries(st.sampled_from(["title", "author", "journal", "booktitle", "note",
                                        "award", "abstract", "year", "month", "pages", "pdf",
                                        "website", "abbr", "additional_info", "media"]),
                       FIELD, max_size=8),
       st.sampled_from(["article", "inproceedings", "phdthesis", "techreport", "book", "misc"]))
def test_any_entry_renders_to_safe_html(fields, entry_type):
    options = RenderOptions(extra_fields=["media"], max_authors=2,
                            coauthors=CoauthorIndex({"x": {"url": "javascript:alert(1)"}}))
    pub = build_publication(BibEntry(entry_type, "k", fields, "x.bib", 1, {}), 0, options, [])
    rendered = str(PUBLICATION(pub, 3, "https://example.org"))
    assert_safe(rendered)
    assert "<script" not in rendered.lower()
