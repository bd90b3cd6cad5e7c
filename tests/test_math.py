"""Math: TeX in Markdown and in BibTeX fields becomes MathML at build time (no JavaScript)."""

from __future__ import annotations

import pytest

from helpers import text

BIB = r"""
@article{fast2024,
  title = {Sorting in $O(n \log n)$ time},
  author = {Lindqvist, Ada},
  journal = {Journal of Algorithms},
  year = {2024},
  abstract = {We show that $$\sum_{k=1}^{n} k = \frac{n(n+1)}{2}$$ holds.},
}
"""


def test_math_in_a_bibtex_title_is_mathml_on_the_list_and_the_paper_page(build_site):
    site = build_site({"publications/papers.bib": BIB})
    for path in ("publications/index.html", "publications/fast2024/index.html"):
        title = site.html(path).select_one(".pub-title, .paper__title")
        math = title.select_one(".math math")
        assert math is not None and math.get("display", "inline") == "inline", path
        assert "$" not in text(title), path


def test_display_math_in_a_bibtex_abstract_is_a_block(build_site):
    site = build_site({"publications/papers.bib": BIB})
    abstract = site.html("publications/fast2024/index.html").select_one(".paper__abstract, .paper")
    assert abstract.select_one('math[display="block"]') is not None


def test_paper_meta_tags_carry_the_formula_as_plain_text(build_site):
    site = build_site({"publications/papers.bib": BIB})
    meta = site.html("publications/fast2024/index.html").select_one('meta[name="citation_title"]')
    assert "<" not in meta["content"] and "O(n" in meta["content"]


def test_with_math_off_the_tex_stays_as_it_is(build_site):
    site = build_site({"publications/papers.bib": BIB}, MATH=False)
    title = site.html("publications/index.html").select_one(".pub-title")
    assert title.select_one("math") is None
    assert "$O(n \\log n)$" in title.get_text()


def test_display_math_in_a_title_stays_valid_inside_the_heading_and_link(build_site):
    bib = "@article{d, title={On $$x^2$$ forms}, author={Doe, Jane}, journal={J}, year={2024}}\n"
    site = build_site({"publications/papers.bib": bib})
    for path, selector in (("publications/index.html", ".pub-title a"),
                           ("publications/d/index.html", "h1.paper__title")):
        holder = site.html(path).select_one(selector)
        assert holder.select_one("div") is None, path
        assert holder.select_one("[tabindex]") is None, path
        assert holder.select_one('span.math-display math[display="block"]') is not None, path


def post(body: str) -> dict:
    return {"blog/2025-01-01-m.md": f"---\ntitle: M\ndate: 2025-01-01\n---\n{body}\n"}


def test_double_dollars_within_a_sentence_are_inline_math_as_in_kramdown(build_site):
    site = build_site(post("You can also use $$ E = mc^2 $$ inline."))
    paragraph = site.html("blog/2025/m/index.html").select_one(".prose p")
    assert paragraph.select_one("math:not([display=block])") is not None
    assert paragraph.select_one("div") is None


def test_double_dollars_alone_are_a_display_block(build_site):
    site = build_site(post("Before.\n\n$$ E = mc^2 $$\n\nAfter."))
    block = site.html("blog/2025/m/index.html").select_one("div.math-display")
    assert block.select_one('math[display="block"]') is not None


def test_labels_are_dropped_and_kramdown_escaped_parentheses_work(build_site):
    site = build_site(post("$$\n\\sum_k a_k \\label{eq:sum}\n$$\n\nAnd \\\\(x^2\\\\) inline."))
    page = site.html("blog/2025/m/index.html")
    assert "label" not in page.select_one("div.math-display").get_text()
    assert page.select("p math")[0].get("display", "inline") == "inline"
    assert "\\" not in page.select("p")[-1].get_text()


def test_a_site_without_math_has_no_math_stylesheet_naming_a_missing_font(build_site):
    site = build_site({"pages/plain.md": "---\ntitle: Plain\n---\nNo formulas here.\n"})
    static = site.output / "theme"
    assert not (static / "fonts" / "math.woff2").exists()
    assert not (static / "css" / "math.css").exists()
    assert (static / "css" / "main.css").is_file()


def test_punctuation_after_inline_math_stays_on_its_line(build_site):
    site = build_site(post("With $x_i$, then $y$. And $z$ alone and \\(w\\);\n\n$$\nd\n$$\n\nDone."))
    prose = site.html("blog/2025/m/index.html").select_one(".prose")
    kept = prose.select("span.math-nobreak")
    assert [(k.select_one("span.math math") is not None, k.get_text()[-1]) for k in kept] == [
        (True, ","), (True, "."), (True, ";")]
    assert prose.select_one("div.math-display").parent.name == "div"  # display math is left alone
    assert "x" in text(prose.select("p")[0]) and "z alone" in text(prose.select("p")[0])


def test_a_new_process_takes_a_posts_unchanged_formulas_from_the_cache_without_starting_v8(
        build_site, rebuild_site, monkeypatch):
    from pelican_scholar.math import engine

    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    site = build_site(post("Rings: $$ E = mc^2 $$ and $x_1$."), **cached)
    first = site.html("blog/2025/m/index.html").select(".prose math")
    # A new process: nothing converted in memory, and V8 must not be needed.
    engine._render_page.cache_clear()
    monkeypatch.setattr(engine, "_disk", engine._DiskCache())
    monkeypatch.setattr(engine, "_context", lambda: pytest.fail("V8 was started"))
    path = site.content / "blog" / "2025-01-01-m.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Rings", "Growth"), encoding="utf-8")
    rebuild_site(site, **cached)
    page = site.html("blog/2025/m/index.html")
    assert "Growth" in page.select_one(".prose p").get_text()
    assert [str(math) for math in page.select(".prose math")] == [str(math) for math in first]
