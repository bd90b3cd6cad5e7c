"""Citations in posts: al-folio's {% cite %} tag and [@key], linked to a References list."""

from __future__ import annotations

from helpers import text

BIB = r"""
@article{solo2024, title={Alone}, author={Noether, Emmy}, journal={J}, year={2024}}
@article{pair2023, title={Together}, author={Meitner, Lise and Frisch, Otto}, journal={J}, year={2023}}
@article{many2022, title={Many}, author={Curie, Marie and Curie, Pierre and B{\'e}mont, Gustave},
         journal={J}, year={2022}}
"""


def post(body: str) -> str:
    return f"---\ntitle: Cites\ndate: 2025-01-01\n---\n{body}\n"


def test_liquid_and_pandoc_citations_become_author_year_links(build_site):
    site = build_site({"publications/papers.bib": BIB,
                       "blog/2025-01-01-cites.md": post(
                           "As shown {% cite solo2024 pair2023 %} and [@many2022].")})
    page = site.html("blog/2025/cites/index.html")
    citations = [span.get_text() for span in page.select(".prose .citation")]
    assert citations == ["(Noether, 2024; Meitner & Frisch, 2023)", "(Curie et al., 2022)"]
    assert page.select_one(".citation a")["href"] == "#ref-solo2024"


def test_cited_works_are_listed_once_in_order_with_links_to_their_pages(build_site):
    site = build_site({"publications/papers.bib": BIB,
                       "blog/2025-01-01-cites.md": post("[@pair2023] then [@solo2024] then [@pair2023].")})
    references = site.html("blog/2025/cites/index.html").select(".references li")
    assert [li["id"] for li in references] == ["ref-pair2023", "ref-solo2024"]
    assert references[0].select_one("a")["href"] == "/publications/pair2023/"
    assert "Together" in text(references[0])


def test_an_inline_news_item_which_has_no_references_list_cites_the_papers_page(build_site):
    site = build_site({"publications/papers.bib": BIB,
                       "news/paper.md": "---\ndate: 2025-01-01\ninline: true\n---\nAccepted {% cite solo2024 %}.\n"})
    link = site.html("news/index.html").select_one(".citation a")
    assert link["href"] == "/publications/solo2024/" and "Noether" in link.get_text()


def test_an_unknown_key_warns_naming_the_file_and_shows_a_question_mark(build_site):
    site = build_site({"publications/papers.bib": BIB,
                       "blog/2025-01-01-cites.md": post("See [@nobody1999].")})
    assert any("2025-01-01-cites.md" in w and "'nobody1999'" in w for w in site.warnings)
    assert text(site.html("blog/2025/cites/index.html").select_one(".citation")) == "(nobody1999?)"


def test_text_without_citations_is_left_alone(build_site):
    site = build_site({"blog/2025-01-01-plain.md": post("An [ordinary link](https://example.org) and an @handle.")})
    page = site.html("blog/2025/plain/index.html")
    assert page.select_one(".references") is None
    assert page.select_one('.prose a[href="https://example.org"]')


SICI_DOI = "10.1002/1097-0134(20001115)41:3<271::AID-PROT10>3.0.CO;2-Z"
ENCODED_DOI = "https://doi.org/10.1002/1097-0134(20001115)41:3%3C271::AID-PROT10%3E3.0.CO;2-Z"


def test_a_doi_with_angle_brackets_links_with_them_percent_encoded(build_site):
    bib = ("@article{sici2000, title={Old}, author={Doe, Jane}, journal={P}, year={2000}, "
           f"doi={{{SICI_DOI}}}}}\n")
    site = build_site({"bibliography/refs.bib": bib, "publications/papers.bib": bib,
                       "blog/2025-01-01-cites.md": post("As shown [@sici2000].").replace(
                           "title: Cites\n", "title: Cites\nbibliography: refs.bib\n")})
    links = [a["href"] for a in site.html("blog/2025/cites/index.html").select(".references a")]
    assert ENCODED_DOI in links
    paper = site.html("publications/sici2000/index.html")
    assert ENCODED_DOI in [a["href"] for a in paper.select("a")]
