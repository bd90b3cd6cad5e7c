"""Long-form posts: al-folio's distill layout, side notes, tables of contents, without JavaScript."""

from __future__ import annotations

import logging

from pathlib import Path

import pytest
from helpers import text

DISTILL = """---
layout: distill
title: A long essay
description: What the essay is about.
date: 2021-05-22
authors:
  - name: Albert Einstein
    url: "https://example.org/einstein"
    affiliations:
      name: IAS, Princeton
      url: "https://www.ias.edu"
  - name: Nathan Rosen
bibliography: refs.bib
toc:
  - name: Equations
    subsections:
      - name: Numbers
  - name: Citations
  - name: Nowhere
_styles: >
  .fake-img { background: #bbb; }
---
## Equations

Text with a note.<d-footnote>A side note with <em>emphasis</em>.</d-footnote> And more.

### Numbers

Markdown note.[^m] And a distill one.<d-footnote>Second.</d-footnote>

[^m]: The Markdown footnote.

## Citations

As shown <d-cite key="gregor2015draw"></d-cite>.

<d-code block language="python">
    def f(x):
        return x < 1 and "<div>"
</d-code>

Inline <d-code language="python">len(x)</d-code> code.

<d-figure class="l-page"><img src="/images/x.png" alt="A plot"></d-figure>

<div class="fake-img l-screen"><p>wide</p></div>

<d-appendix>
<h3>Acknowledgments</h3>
<p>Thanks.</p>
</d-appendix>

<d-bibliography src="/assets/bibliography/refs.bib"></d-bibliography>
"""
BIB = "@article{gregor2015draw, title={DRAW}, author={Gregor, Karol}, journal={arXiv}, year={2015}}\n"


@pytest.fixture
def distill(build_site):
    site = build_site({"blog/2021-05-22-essay.md": DISTILL, "bibliography/refs.bib": BIB})
    return site, site.html("blog/2021/essay/index.html")


def test_distill_posts_show_title_description_byline_and_date(distill):
    _, page = distill
    header = page.select_one("article.post--distill header")
    assert text(header.h1) == "A long essay"
    assert text(header.select_one(".page-subtitle")) == "What the essay is about."
    people = header.select(".byline__authors li")
    assert [text(p.select_one(".byline__name")) for p in people] == ["Albert Einstein", "Nathan Rosen"]
    assert people[0].select_one("a")["href"] == "https://example.org/einstein"
    assert people[0].select_one(".byline__affiliation a")["href"] == "https://www.ias.edu"
    assert text(people[0].select_one(".byline__affiliation")) == "IAS, Princeton"
    assert header.select_one(".byline time")["datetime"].startswith("2021-05-22")


def test_the_toc_front_matter_links_each_name_to_its_heading_and_warns_about_a_missing_one(distill):
    site, page = distill
    toc = page.select_one("nav.toc")
    top = toc.select(":scope > ol > li")
    assert [text(li.find("a") or li).split(" Numbers")[0] for li in top] == ["Equations", "Citations",
                                                                             "Nowhere"]
    assert top[0].a["href"] == "#equations" and page.select_one("h2#equations")
    assert top[0].select_one(":scope ol a")["href"] == "#numbers" and page.select_one("h3#numbers")
    assert top[2].find("a") is None
    assert any("'Nowhere'" in w and "2021-05-22-essay.md" in w for w in site.warnings)


def test_footnotes_of_both_kinds_are_numbered_in_order_as_side_notes_and_notes_at_the_end(distill):
    _, page = distill
    refs = page.select(".prose .note-ref > sup > a")
    assert [a.get_text() for a in refs] == ["1", "2", "3"]
    assert [a["href"] for a in refs] == ["#fn-1", "#fn-2", "#fn-3"]
    sides = page.select(".prose .note-ref .sidenote")
    assert "A side note with emphasis." in sides[0].get_text() and sides[0].em
    assert "The Markdown footnote." in text(sides[1])
    notes = page.select("section.notes li")
    assert [li["id"] for li in notes] == ["fn-1", "fn-2", "fn-3"]
    assert "The Markdown footnote." in text(notes[1])
    assert notes[0].select_one("a.note__back")["href"] == "#fnref-1"
    assert page.select_one("#fnref-1")
    assert page.select_one("d-footnote") is None and page.select_one("div.footnote") is None


def test_distill_code_blocks_keep_their_text_and_are_highlighted(distill):
    _, page = distill
    block = page.select_one(".prose div.highlight pre")
    assert block.get_text().strip() == 'def f(x):\n    return x < 1 and "<div>"'
    assert block.select_one(".k")  # Python keywords highlighted
    inline = page.select_one(".prose p code.highlight")
    assert inline.get_text() == "len(x)" and inline.select_one(".nb")


@pytest.mark.parametrize("block", [
    '<d-code block language="python">\n    x = "{{ not liquid }}"\n</d-code>\n',
    '<d-code block language="python">\n\n    x = 1\n\n    y = 2\n\n</d-code>\n',
    'Text right above.\n<d-code block language="python">\n    x = 1\n</d-code>\nText right below.\n',
])
def test_warnings_after_a_distill_code_block_name_the_right_line(build_site, block):
    logging.getLogger("pelican_scholar.liquid.liquid").disable_filter()
    post = "---\nlayout: distill\ntitle: Code\ndate: 2021-05-22\n---\n" + block + "\n{% twitter x %}\n"
    line = post.splitlines().index("{% twitter x %}") + 1
    site = build_site({"blog/2021-05-22-code.md": post})
    assert [w.split(": ", 1)[0] for w in site.warnings if "twitter" in w] == [f"blog/2021-05-22-code.md:{line}"]
    code = site.html("blog/2021/code/index.html").select_one(".prose div.highlight pre").get_text()
    assert code.strip().startswith("x =")


def test_figures_layout_classes_appendix_and_no_distill_tags_left(distill):
    _, page = distill
    assert page.select_one(".prose figure.l-page img")["alt"] == "A plot"
    assert page.select_one(".prose div.l-screen")
    appendix = page.select_one("article section.appendix")
    assert text(appendix.h3) == "Acknowledgments"
    assert appendix.find_previous_sibling("div", class_="prose")
    assert not [tag.name for tag in page.find_all(True) if tag.name.startswith("d-")]


def test_distill_citations_resolve_in_the_posts_bibliography(distill):
    _, page = distill
    assert page.select_one(".prose .citation").get_text() == "(Gregor, 2015)"
    assert page.select_one("section.references li#ref-gregor2015draw")


def test_styles_front_matter_applies_to_this_post_only(distill):
    site, page = distill
    styles = [s.get_text() for s in page.select("head style")]
    assert len(styles) == 1 and ".fake-img" in styles[0] and styles[0].startswith(".post {")
    assert not site.html("blog/index.html").select("head style")


def test_styles_cannot_break_out_of_their_style_element(build_site):
    body = ("---\ntitle: S\ndate: 2021-01-01\n_styles: \"p::after { content: '</style><script>x()"
            "</script>'; }\"\n---\nText.\n")
    page = build_site({"blog/2021-01-01-s.md": body}).html("blog/2021/s/index.html")
    assert "x()" not in " ".join(s.get_text() for s in page.select("script"))
    assert "\\3C /style>" in page.select_one("head style").get_text()


def test_a_distill_post_loads_no_script_but_the_theme_toggle(distill):
    _, page = distill
    scripts = page.select("script")
    external = [s["src"] for s in scripts if s.get("src")]
    assert external == ["/theme/js/theme.js"]
    assert all("localStorage" in s.get_text() for s in scripts if not s.get("src"))


def test_ordinary_posts_get_a_toc_from_their_headings_with_toc_true(build_site):
    body = "---\ntitle: T\ndate: 2021-01-01\ntoc:\n  sidebar: left\n---\n## One\n\n### One a\n\n## Two & Three\n"
    page = build_site({"blog/2021-01-01-t.md": body}).html("blog/2021/t/index.html")
    toc = page.select_one("article.post--toc > nav.toc")
    assert [a["href"] for a in toc.select("a")] == ["#one", "#one-a", "#two--three"]
    assert toc.select_one("ol > li > ol a")["href"] == "#one-a"
    assert page.select_one("h2#two--three")


def test_posts_whose_sections_are_h1_headings_get_those_in_their_toc(build_site):
    body = ("---\ntitle: T\ndate: 2021-01-01\ntoc:\n  - name: Introduction\n  - name: Method\n---\n"
            "# Introduction\n\nText.\n\n# Method\n\n## Step one\n")
    automatic_body = body.replace("toc:\n  - name: Introduction\n  - name: Method", "toc: true")
    site = build_site({"blog/2021-01-01-t.md": body,
                       "blog/2021-01-02-u.md": automatic_body.replace("2021-01-01", "2021-01-02")})
    listed = site.html("blog/2021/t/index.html").select("nav.toc a")
    assert [a["href"] for a in listed] == ["#introduction", "#method"]
    automatic = site.html("blog/2021/u/index.html").select_one("nav.toc")
    assert [a["href"] for a in automatic.select(":scope > ol > li > a")] == ["#introduction", "#method"]
    assert automatic.select_one(":scope ol ol a")["href"] == "#step-one"
    assert not [w for w in site.warnings if "table of contents" in w]


def test_a_post_without_toc_has_none(build_site):
    page = build_site({"blog/2021-01-01-t.md": "---\ntitle: T\ndate: 2021-01-01\n---\n## One\n"}).html(
        "blog/2021/t/index.html")
    assert page.select_one("nav.toc") is None


def test_hand_written_d_contents_becomes_the_toc(build_site):
    body = """---
layout: distill
title: T
date: 2021-01-01
---
<d-contents>
  <nav class="l-text figcaption">
  <h3>Contents</h3>
    <div><a href="#intro"> Intro </a></div>
    <ul><li><a href="#idea"> Our idea </a></li></ul>
    <div><a href="#end"> End </a></div>
  </nav>
</d-contents>

## Intro

### Idea

## End
"""
    page = build_site({"blog/2021-01-01-t.md": body}).html("blog/2021/t/index.html")
    toc = page.select_one("nav.toc")
    assert [(text(a), a["href"]) for a in toc.select("a")] == [
        ("Intro", "#intro"), ("Our idea", "#idea"), ("End", "#end")]
    assert toc.select_one("ol ol a")["href"] == "#idea"
    assert page.select_one(".prose nav") is None


def test_a_footnote_holding_a_list_is_only_a_note_at_the_end(build_site):
    body = "---\ntitle: T\ndate: 2021-01-01\n---\nText.[^a]\n\n[^a]: A list:\n\n    - one\n    - two\n"
    page = build_site({"blog/2021-01-01-t.md": body}).html("blog/2021/t/index.html")
    assert page.select_one(".sidenote") is None
    note = page.select_one("section.notes li#fn-1")
    assert note.select("ul li") and "note--beside" not in (note.get("class") or [])
    assert "notes--all-beside" not in page.select_one("section.notes")["class"]


def test_an_unknown_distill_tag_warns_and_keeps_its_content(build_site):
    body = "---\nlayout: distill\ntitle: T\ndate: 2021-01-01\n---\nA <d-slider>knob</d-slider> here.\n"
    site = build_site({"blog/2021-01-01-t.md": body})
    assert any("<d-slider>" in w and "2021-01-01-t.md" in w for w in site.warnings)
    assert "knob" in text(site.html("blog/2021/t/index.html").select_one(".prose"))


def test_highlight_with_linenos_and_fences_asking_for_numbers_get_line_numbers(build_site):
    body = ("---\ntitle: T\ndate: 2021-01-01\n---\n{% highlight python linenos %}\na = 1\nb = 2\n"
            "{% endhighlight %}\n\n```python linenos\nc = 3\n```\n\n```python\nd = 4\n```\n")
    page = build_site({"blog/2021-01-01-t.md": body}).html("blog/2021/t/index.html")
    blocks = page.select(".prose div.highlight pre")
    assert [n.get_text().strip() for n in blocks[0].select(".linenos")] == ["1", "2"]
    assert [n.get_text().strip() for n in blocks[1].select(".linenos")] == ["1"]
    assert blocks[2].select(".linenos") == []


CORPUS = Path("/work/shared/corpus/posts")
for _parent in Path(__file__).resolve().parents:
    if (_parent / "shared" / "corpus" / "posts").is_dir():
        CORPUS = _parent / "shared" / "corpus" / "posts"
        break
SAMPLE_MD = CORPUS / "alfolio-samples" / "chrhenning+chrhenning.github.io__2018-12-22-distill.md"
SAMPLE_BIB = SAMPLE_MD.with_name(SAMPLE_MD.name[:-3] + ".bib")


@pytest.mark.skipif(not SAMPLE_MD.is_file(), reason="the corpus of real posts is not here")
def test_al_folios_distill_sample_renders_every_distill_feature(build_site):
    site = build_site({"blog/2018-12-22-distill.md": SAMPLE_MD.read_text(encoding="utf-8"),
                       "bibliography/2018-12-22-distill.bib": SAMPLE_BIB.read_text(
                           encoding="utf-8")})
    page = site.html("blog/2021/distill/index.html")
    assert not [tag.name for tag in page.find_all(True) if tag.name.startswith("d-")]
    assert [c.get_text() for c in page.select(".prose .citation")] == ["(Gregor et al., 2015)"]
    assert len(page.select(".prose .note-ref")) == 1
    assert len(page.select("nav.toc > ol > li")) == 13
    assert len(page.select("nav.toc a")) >= 10
    assert page.select_one(".byline__authors") and page.select_one(".page-subtitle")
    assert not [w for w in site.warnings if "cites '" in w]
