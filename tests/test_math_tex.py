"""Math as TeX and MathJax draw it: spacing, glyphs, rows, numbers, references, safety."""

from __future__ import annotations

import logging
import pytest
from helpers import text

from pelican_scholar.math import font
from pelican_scholar.math.math import math_spans_to_mathml, render_math

PAGE = "blog/2025/m/index.html"


def post(body: str) -> dict:
    return {"blog/2025-01-01-m.md": f"---\ntitle: M\ndate: 2025-01-01\n---\n{body}\n"}


@pytest.fixture
def warnings_shown():
    for name in ("pelican_scholar.math.math", "pelican_scholar.math.font"):
        logging.getLogger(name).disable_filter()


def build_post(build_site, body: str, **settings):
    site = build_site(post(body), **settings)
    return site, site.html(PAGE)


# ---- What TeX draws ----------------------------------------------------------


def test_log_is_an_upright_operator_followed_by_a_thin_space(build_site):
    _, page = build_post(build_site, "A $\\log p(x)$ here.")
    math = page.select_one(".prose p math")
    log = math.find("mi", string="log")
    assert log is not None
    assert log.find_next_sibling("mo").get_text() == "\u2061"  # function application
    assert math.select_one("mspace[width]") is not None


def test_capital_greek_is_upright_and_small_greek_italic(build_site):
    _, page = build_post(build_site, "A $\\Delta \\delta$ here.")
    delta, small = page.select(".prose p math mi")
    assert delta.get_text() == "Δ" and delta["mathvariant"] == "normal"
    assert small.get_text() == "δ" and "mathvariant" not in small.attrs


def test_sim_is_a_relation_and_hat_an_accent(build_site):
    _, page = build_post(build_site, "A $x \\sim \\hat{y}$ here.")
    math = page.select_one(".prose p math")
    assert math.find("mo", string="∼") is not None
    assert math.select_one("mover mi").get_text() == "y"


def test_mathjax_require_is_dropped_as_temml_has_its_extensions_built_in(build_site, warnings_shown):
    site, page = build_post(build_site, "$$\\require{colorv2} f = \\textcolor{red}{x}$$")
    assert not [warning for warning in site.warnings if "math" in warning]
    assert page.select_one("div.math-display math") is not None
    assert page.select_one("code.math") is None  # not left as TeX


@pytest.mark.parametrize("tex", ["\\tfrac12 + \\boxed{\\displaystyle x}", "\\mathop{\\mathrm{max}}_x f",
                                 "\\underset{\\boldsymbol{x}}{\\operatorname{argmin}} f"])
def test_mathml_has_the_shape_the_html_checker_accepts(build_site, tex):
    _, page = build_post(build_site, f"$${tex}$$")
    math = page.select_one("div.math-display math")
    # scriptlevel and displaystyle only on <mstyle>; an <mo> holds text; a base and one script.
    assert not [e.name for e in math.select("[scriptlevel], [displaystyle]") if e.name != "mstyle"]
    assert not [mo for mo in math.select("mo") if mo.find(True)]
    assert all(len(under.find_all(True, recursive=False)) == 2 for under in math.select("munder"))
    assert "max" in math.get_text() or "argmin" in math.get_text() or "x" in math.get_text()


def test_aligned_rows_are_table_rows_with_no_literal_ampersand(build_site):
    _, page = build_post(build_site, "$$\n\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}\n$$")
    math = page.select_one("div.math-display math")
    assert len(math.select("mtr")) == 2
    assert "&" not in text(math)


def test_gather_rows_are_numbered_one_each(build_site):
    _, page = build_post(build_site, "$$\n\\begin{gather} a \\\\ b \\end{gather}\n$$")
    rows = page.select("div.math-display mtr")
    assert [text(row.select_one(".tml-tag")) for row in rows] == ["(1)", "(2)"]


# ---- Numbering as MathJax's tags: 'ams' ------------------------------------


NUMBERED = r"""
Intro text with a forward reference \eqref{sum}.

$$
\begin{equation} a = b \label{first} \end{equation}
$$

$$
\begin{align}
x &= y \label{sum} \\
y &= z \notag \\
z &= w \tag{$\star$} \label{star}
\end{align}
$$

$$ \begin{equation*} u = v \end{equation*} $$

$$ \begin{multline} p + q \\ + r \label{long} \end{multline} $$

See \eqref{first}, equation \ref{long} and \eqref{star}; in math $\eqref{sum}$.
"""


def numbers(page) -> list[str]:
    return [tag.get_text().strip() for tag in page.select(".math .tml-tag")]


def test_numbered_environments_count_in_page_order_and_honour_notag_and_tag(build_site):
    _, page = build_post(build_site, NUMBERED)
    assert numbers(page) == ["(1)", "(2)", "(⋆)", "(3)"]


def test_a_label_gives_the_equation_row_an_id(build_site):
    _, page = build_post(build_site, NUMBERED)
    assert page.select_one("#eq-first").name == "mtr"
    assert text(page.select_one("#eq-sum .tml-tag")) == "(2)"


def test_eqref_and_ref_in_text_link_to_the_equation_with_its_number(build_site):
    _, page = build_post(build_site, NUMBERED)
    links = {a["href"]: a.get_text().strip() for a in page.select(".prose p a.eqref")}
    assert links == {"#eq-sum": "(2)", "#eq-first": "(1)", "#eq-long": "3", "#eq-star": "(⋆)"}


def test_labels_with_colons_and_dots_link_to_their_equation(build_site):
    body = "$$\\begin{equation} a = b \\label{eq:first.one} \\end{equation}$$\n\nSee \\eqref{eq:first.one}."
    _, page = build_post(build_site, body)
    link = page.select_one(".prose p a.eqref")
    target = page.select_one("#" + link["href"][1:])
    assert target is not None and target.name == "mtr", link["href"]
    assert text(target.select_one(".tml-tag")) == text(link) == "(1)"


def test_eqref_inside_math_is_a_link_too(build_site):
    _, page = build_post(build_site, NUMBERED)
    link = page.select_one("p math mtext a.eqref")
    assert link["href"] == "#eq-sum" and text(link) == "(2)"


def test_a_label_with_a_colon_or_dot_links_to_the_id_its_row_gets(build_site):
    _, page = build_post(build_site, "$$\\begin{equation} a = b \\label{eq:sde.1} \\end{equation}$$\n\n"
                                     "See \\eqref{eq:sde.1}.")
    link = page.select_one(".prose p a.eqref")
    assert page.select_one(f'[id="{link["href"][1:]}"]').name == "mtr"


def test_an_unknown_label_warns_with_file_and_line(build_site, warnings_shown):
    site, page = build_post(build_site, "Line one.\n\nSee \\eqref{nowhere}.")
    assert any("blog/2025-01-01-m.md:7" in w and "nowhere" in w for w in site.warnings), site.warnings
    assert "(??)" in text(page.select_one(".prose"))


def test_environments_written_bare_in_a_paragraph_are_display_math(build_site):
    body = "Text before\n\\begin{equation}\n\\int_0^1 f \\label{ebm}\n\\end{equation}\nand after \\eqref{ebm}."
    _, page = build_post(build_site, body)
    prose = page.select_one(".prose")
    assert prose.select_one('math[display="block"]') is not None
    assert "\\begin" not in text(prose) and "label" not in text(prose)
    assert numbers(page) == ["(1)"]
    assert prose.select_one("a.eqref")["href"] == "#eq-ebm"


def test_math_in_a_raw_html_details_block_is_converted(build_site):
    body = "<details><summary>Primer on $p(x)$</summary>\n<p>We have $$a &lt; b$$ and <code>$x$</code>.</p>\n</details>"
    _, page = build_post(build_site, body)
    details = page.select_one(".prose details")
    assert details.select_one("summary math") is not None
    assert details.select_one("p math").find("mo", string="<") is not None
    assert text(details.select_one("code")) == "$x$"


def test_a_less_than_sign_in_math_inside_raw_html_is_math_not_a_tag(build_site):
    # kramdown reads `<t` in `$0<t \ll T$` as text; an HTML parser would open a <t> element.
    body = ('<div class="caption">An early snapshot $\\Theta_{0<t \\ll T}$ is kept.</div>\n\n'
            '<div>It costs $5 and <b>$10</b> later.</div>\n\n'
            '```html\n<div>$0<t$</div>\n```\n')
    site, page = build_post(build_site, body)
    caption = page.select_one(".prose div.caption")
    assert caption.math is not None and caption.math.find("mo", string="<") is not None
    assert text(caption).endswith("is kept.")
    assert page.select_one(".prose t") is None
    assert page.select_one(".prose b").get_text() == "$10"
    assert page.select_one(".prose pre").get_text().strip() == "<div>$0<t$</div>"


def test_math_in_a_table_cell_and_figcaption_is_converted(build_site):
    body = ('<table><tr><td>$\\alpha$</td></tr></table>\n\n'
            '<figure><figcaption>Loss $\\mathcal{L}$</figcaption></figure>')
    _, page = build_post(build_site, body)
    assert page.select_one(".prose td math") is not None
    assert page.select_one(".prose figcaption math") is not None


def test_a_formula_temml_cannot_read_warns_and_shows_the_tex_as_code(build_site, warnings_shown):
    site, page = build_post(build_site, "Fine.\n\nBroken $\\frac{a$ here.")
    code = page.select_one(".prose code.math")
    assert code is not None and text(code) == "\\frac{a"
    assert any("blog/2025-01-01-m.md:7" in w and "\\\\frac{a" in w for w in site.warnings), site.warnings


def test_macros_defined_in_one_formula_hold_for_the_rest_of_the_page(build_site):
    body = "$$\\newcommand{\\R}{\\mathbb{R}}$$\n\nThen $x \\in \\R$ and $\\DeclareMathOperator{\\tr}{tr} \\tr A$."
    site, page = build_post(build_site, body)
    assert page.select_one(".prose p code") is None, site.warnings
    assert page.find("mi", string="ℝ") is not None


def test_slot_markup_typed_into_a_post_is_left_alone(build_site):
    site, page = build_post(build_site, '<div data-scholar-math="99"></div>\n\nAnd $x$.')
    assert page.select_one('.prose [data-scholar-math="99"]') is not None
    assert page.select_one(".prose p math") is not None


def test_dollar_amounts_stay_text(build_site):
    _, page = build_post(build_site, "It costs $5 and $10 today.")
    assert page.select_one(".prose math") is None


# ---- Safety (issue 8): escaped text, allow-listed attributes ------------------


HOSTILE = [
    r"$\text{<script>alert(1)</script>}$",
    r"$\text{<svg/onload=alert(1)>}$",
    r"$\unicode{><script>alert(1)</script>}$",
    r"$\href{javascript:alert(1)}{x}$",
    r"$\style{background:url(javascript:alert(1))}{x}$",
    r"$\class{x onclick=alert(1)}{x}$",
    r"$\color{red;background:url(x)}{x}$",
]


def assert_safe(fragment: str) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(fragment, "lxml")
    soup = soup.select_one(".prose") or soup
    assert soup.find("script") is None and soup.find("svg") is None
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            assert not name.startswith("on"), fragment
            assert "javascript:" not in value.lower() and "url(" not in value.lower(), fragment
            if name == "class":
                assert "onclick" not in value and value.split()[0] != "x", fragment


@pytest.mark.parametrize("tex", HOSTILE)
def test_hostile_tex_in_a_post_gives_no_script_handler_or_url(build_site, tex):
    site, _ = build_post(build_site, f"Look: {tex} here.")
    assert_safe(site.text(PAGE))


@pytest.mark.parametrize("tex", HOSTILE)
def test_hostile_tex_from_bibtex_spans_is_never_unescaped_into_html(tex):
    from html import escape

    out = math_spans_to_mathml(f'<span class="math">{escape(tex, quote=False)}</span>')
    assert_safe(str(out))
    assert "<script" not in str(out) and "<svg" not in str(out)


def test_hostile_bibtex_title_builds_without_script(build_site):
    bib = ("@article{x, title={A $\\text{<script>alert(1)</script>}$ and $\\unicode{><script>alert(1)</script>}$},"
           " author={Doe, Jane}, journal={J}, year={2024}}\n")
    site = build_site({"publications/papers.bib": bib})
    for path in ("publications/index.html", "publications/x/index.html"):
        title = site.html(path).select_one(".pub-title, .paper__title")
        assert title.select_one("math") is not None, path
        assert title.find("script") is None and "alert" not in str(title.select("[onload]")), path


def test_href_to_a_web_address_is_refused_like_any_untrusted_command():
    out = render_math(r"\href{https://example.org}{x}", False, "test")
    assert "<code" in out and "<a" not in out


# ---- Phones, font, stylesheet -----------------------------------------------


def test_display_formulas_are_focusable_named_scroll_boxes(build_site):
    _, page = build_post(build_site, "$$\n\\sum_{k=1}^{n} k\n$$")
    box = page.select_one("div.math-display")
    assert box["tabindex"] == "0" and box["role"] == "group" and box["aria-label"]


def test_only_pages_with_math_link_the_math_stylesheet_and_get_the_font(build_site):
    files = {**post("$$ \\sum_k a_k $$"),
             "pages/plain.md": "---\ntitle: Plain\npermalink: /plain/\n---\nNo math.\n"}
    site = build_site(files)
    assert site.html(PAGE).select_one('link[href$="/theme/css/math.css"]') is not None
    assert site.html("plain/index.html").select_one('link[href$="math.css"]') is None
    woff2 = site.output / "theme" / "fonts" / "math.woff2"
    assert woff2.read_bytes()[:4] == b"wOF2"
    assert 'url("../fonts/math.woff2")' in site.text("theme/css/math.css")


def test_the_font_keeps_the_characters_used_and_their_growing_variants(tmp_path):
    from io import BytesIO

    from fontTools.ttLib import TTFont

    data = font.subset(set("∑x"), {"CACHE_PATH": str(tmp_path)})
    subset = TTFont(BytesIO(data))
    cmap = subset.getBestCmap()
    assert ord("∑") in cmap and ord("x") in cmap and ord("y") not in cmap
    math_table = subset["MATH"].table
    variants = math_table.MathVariants.VertGlyphCoverage.glyphs
    assert cmap[ord("∑")] in variants


def test_the_subset_font_is_cached_on_the_glyph_set(tmp_path, monkeypatch):
    first = font.subset(set("abc"), {"CACHE_PATH": str(tmp_path)})
    calls = []
    monkeypatch.setattr(font, "_subset", lambda text: calls.append(text) or b"new")
    assert font.subset(set("cba"), {"CACHE_PATH": str(tmp_path)}) == first and calls == []
    assert font.subset(set("abcd"), {"CACHE_PATH": str(tmp_path)}) == b"new" and calls == ["abcd"]


def test_the_build_is_byte_identical_twice(build_site):
    body = "$$ \\begin{align} a &= b \\label{x} \\end{align} $$\n\nSee \\eqref{x}."
    first = build_site(post(body))
    second = build_site(post(body))
    assert first.text(PAGE) == second.text(PAGE)
    assert (first.output / "theme/fonts/math.woff2").read_bytes() == (
        second.output / "theme/fonts/math.woff2").read_bytes()
