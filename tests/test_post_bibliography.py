"""A post's own bibliography (`bibliography: file.bib`), distill's <d-cite>, citation styles."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import text

OWN = r"""
@article{lindqvist2024, title={Our Result}, author={Lindqvist, Ada}, journal={J. Ours}, year={2024}}
@article{shared2020, title={Own Paper With a Shared Key}, author={Lindqvist, Ada}, journal={J}, year={2020}}
"""
POST_BIB = r"""
@article{gregor2015draw,
  title={{DRAW}: A recurrent neural network for image generation},
  author={Gregor, Karol and Danihelka, Ivo and Graves, Alex},
  journal={arXiv preprint},
  year={2015},
  url={https://arxiv.org/pdf/1502.04623.pdf}
}
@inproceedings{vaswani2017, title={Attention Is All You Need}, author={Vaswani, Ashish and others},
  booktitle={NeurIPS}, year={2017}, doi={10.5555/3295222.3295349}}
@article{shared2020, title={Somebody Else's Paper}, author={Other, Olga}, journal={K}, year={2020}}
"""


def post(body: str, **front) -> str:
    lines = "".join(f"{name}: {value}\n" for name, value in front.items())
    return f"---\ntitle: Cites\ndate: 2025-01-01\n{lines}---\n{body}\n"


def build(build_site, body: str, where: str = "bibliography/refs.bib", **settings):
    return build_site({"publications/papers.bib": OWN, where: POST_BIB,
                       "blog/2025-01-01-cites.md": post(body, bibliography="refs.bib")}, **settings)


def page_of(site):
    return site.html("blog/2025/cites/index.html")


@pytest.mark.parametrize("where", ["bibliography/refs.bib", "blog/refs.bib"])
def test_the_posts_bibliography_is_found_in_content_bibliography_or_beside_the_post(build_site, where):
    site = build(build_site, "As in [@gregor2015draw].", where=where)
    assert page_of(site).select_one(".citation").get_text() == "(Gregor et al., 2015)"
    assert not [w for w in site.warnings if "gregor2015draw" in w]


def test_a_key_resolves_in_the_posts_bibliography_first_then_in_the_publications(build_site):
    site = build(build_site, "See [@shared2020] and [@lindqvist2024].")
    references = page_of(site).select(".references li")
    assert "Somebody Else's Paper" in text(references[0])
    assert "Our Result" in text(references[1])
    assert references[1].select_one('a[href="/publications/lindqvist2024/"]')
    assert not references[0].select_one('a[href^="/publications/"]')


def test_post_bibliography_entries_never_reach_the_publications_page_or_rename_own_entries(build_site):
    site = build(build_site, "See [@gregor2015draw] and [@shared2020].")
    publications = site.html("publications/index.html")
    ids = [entry["id"] for entry in publications.select("[id]") if entry["id"] in
           ("gregor2015draw", "vaswani2017", "shared2020", "lindqvist2024")]
    assert sorted(ids) == ["lindqvist2024", "shared2020"]
    assert "Somebody Else" not in text(publications)
    assert site.exists("publications/shared2020/index.html")
    assert not site.exists("publications/shared2020-2/index.html")
    assert not site.exists("publications/gregor2015draw/index.html")
    meta = [m["content"] for m in site.html("publications/shared2020/index.html").select(
        'meta[name="citation_title"]')]
    assert meta == ["Own Paper With a Shared Key"]


def test_references_give_authors_year_title_venue_and_a_link(build_site):
    site = build(build_site, "See [@vaswani2017] and [@gregor2015draw].")
    first, second = page_of(site).select(".references li")
    assert first["id"] == "ref-vaswani2017"
    assert text(first.select_one(".reference__authors")) == "Ashish Vaswani and et al."
    assert text(first.select_one(".reference__title")) == "Attention Is All You Need"
    assert text(first.select_one(".reference__venue")) == "NeurIPS"
    assert "(2017)" in text(first)
    assert first.select_one("a")["href"] == "https://doi.org/10.5555/3295222.3295349"
    assert second.select_one("a")["href"] == "https://arxiv.org/pdf/1502.04623.pdf"
    assert "DRAW: A recurrent" in text(second)


def test_distill_d_cite_tags_with_any_spacing_and_either_attribute_are_citations(build_site):
    site = build(build_site, 'One <d-cite key="gregor2015draw,vaswani2017"></d-cite>, '
                             "two <d-cite key=' vaswani2017 ,  lindqvist2024 '></d-cite>, "
                             'three <d-cite bibtex-key="gregor2015draw"></d-cite>.')
    citations = [c.get_text() for c in page_of(site).select(".prose .citation")]
    assert citations == ["(Gregor et al., 2015; Vaswani et al., 2017)",
                         "(Vaswani et al., 2017; Lindqvist, 2024)", "(Gregor et al., 2015)"]
    assert page_of(site).select_one("d-cite") is None


def test_numbered_style_numbers_citations_in_order_of_first_use(build_site):
    site = build(build_site, "A [@vaswani2017], B [@gregor2015draw; @vaswani2017].",
                 CITATIONS_STYLE="numbered")
    page = page_of(site)
    assert [c.get_text() for c in page.select(".prose .citation")] == ["[1]", "[2, 1]"]
    assert page.select_one(".prose .citation a")["href"] == "#ref-vaswani2017"
    assert [li["id"] for li in page.select(".references ol > li")] == ["ref-vaswani2017",
                                                                       "ref-gregor2015draw"]


def test_front_matter_citation_style_overrides_the_setting(build_site):
    site = build_site({"bibliography/refs.bib": POST_BIB, "blog/2025-01-01-cites.md": post(
        "A [@vaswani2017].", bibliography="refs.bib", citation_style="numbered")})
    assert page_of(site).select_one(".citation").get_text() == "[1]"


def test_each_citation_link_carries_the_whole_reference_for_the_hover_card(build_site):
    site = build(build_site, "See [@vaswani2017].")
    link = page_of(site).select_one(".citation a")
    assert link["data-reference"] == "Ashish Vaswani and et al.. Attention Is All You Need. NeurIPS. 2017." \
        or link["data-reference"].startswith("Ashish Vaswani")
    assert "Attention Is All You Need" in link["data-reference"]


def test_citations_inside_html_such_as_figure_captions_work(build_site):
    body = ('<figure><img src="/images/x.png" alt="A plot">\n'
            '<figcaption>From <d-cite key="vaswani2017"></d-cite> and {% cite gregor2015draw %}.'
            '</figcaption></figure>\n')
    site = build(build_site, body)
    caption = page_of(site).select_one("figcaption")
    assert [c.get_text() for c in caption.select(".citation")] == ["(Vaswani et al., 2017)",
                                                              "(Gregor et al., 2015)"]


def test_citation_syntax_inside_code_is_left_as_written(build_site):
    site = build(build_site, "Write `[@vaswani2017]` or `{% cite vaswani2017 %}`.")
    page = page_of(site)
    assert page.select_one(".citation") is None
    assert [text(c) for c in page.select(".prose code")] == ["[@vaswani2017]", "{% cite vaswani2017 %}"]


def test_an_unknown_distill_key_warns_with_the_file_and_line(build_site):
    site = build(build_site, "Fine.\n\nBroken <d-cite key=\"nobody1999\"></d-cite>.")
    warnings = [w for w in site.warnings if "'nobody1999'" in w]
    assert len(warnings) == 1
    assert warnings[0].startswith("blog/2025-01-01-cites.md:8:")
    assert "refs.bib" in warnings[0]


def test_a_missing_bibliography_file_warns_and_citations_fall_back_to_publications(build_site):
    site = build_site({"publications/papers.bib": OWN, "blog/2025-01-01-cites.md": post(
        "See [@lindqvist2024].", bibliography="gone.bib")})
    assert any("gone.bib" in w and "bibliography" in w for w in site.warnings)
    assert page_of(site).select_one(".citation").get_text() == "(Lindqvist, 2024)"


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "posts"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus/posts")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus of real posts is not here")
def test_every_d_cite_of_real_distill_posts_is_resolved_or_warned(build_site):
    name = "fabianp+momentum-hitchhiker__2022-12-01-hitchhikers-momentum"
    source = (CORPUS / f"{name}.md").read_text(encoding="utf-8")
    bib = (CORPUS / f"{name}.bib").read_text(encoding="utf-8")
    site = build_site({"blog/2022-12-01-hitchhikers-momentum.md": source,
                       "bibliography/2022-12-01-hitchhikers-momentum.bib": bib})
    page = site.html("blog/2022/hitchhikers-momentum/index.html")
    assert page.select_one("d-cite") is None
    citations = page.select(".prose .citation")
    assert len(citations) >= 10
    missing = [w for w in site.warnings if "cites '" in w]
    assert all(c.select("a.cite") for c in citations) or missing
    assert len(page.select(".references li")) >= 10
