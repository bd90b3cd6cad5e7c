"""The publications plugin in a real build: pages, entries, paper pages."""

from __future__ import annotations

import json

import pytest

EXTRAS = {"PUBLICATIONS_EXTRA_FIELDS": ["honor", "media"]}


@pytest.fixture
def site(build_publications_site):
    return build_publications_site(**EXTRAS)


@pytest.fixture
def publications(site):
    return site.page("publications/")


def entry(soup, key):
    found = soup.find(id=key)
    assert found is not None, "no element with id %r" % key
    return found


# ---- The publications page ------------------------------------------------


def test_entries_are_grouped_by_year_newest_first_with_text_years_on_top(publications):
    headings = [h.get_text() for h in publications.select(".pub-group__heading")]
    assert headings == ["In press", "2024", "2023", "2022", "2021", "2020"]


def test_every_entry_carries_its_bibtex_key_as_id(publications):
    ids = [a["id"] for a in publications.select("article.pub")]
    assert "lindqvist2024drought" in ids
    assert "weird:key/2021" in ids


def test_within_a_year_entries_keep_file_order(publications):
    group = publications.find(id="y2023").find_parent("section")
    assert [a["id"] for a in group.select("article.pub")] == ["lindqvist2023dimensions", "many2023"]


def test_sort_setting_orders_entries_within_a_group(build_publications_site):
    soup = build_publications_site(PUBLICATIONS_SORT="title").page("publications/")
    group = soup.find(id="y2023").find_parent("section")
    assert [a["id"] for a in group.select("article.pub")] == ["lindqvist2023dimensions", "many2023"][::-1]


def test_grouping_by_type_uses_type_headings(build_publications_site):
    soup = build_publications_site(PUBLICATIONS_GROUP_BY="type").page("publications/")
    headings = [h.get_text() for h in soup.select(".pub-group__heading")]
    assert headings == ["Journal articles", "Conference papers", "Theses", "Other"]


def test_note_line_is_shown_above_the_list(build_publications_site):
    soup = build_publications_site(PUBLICATIONS_NOTE="* denotes equal contribution").page("publications/")
    assert soup.select_one(".publications__note").get_text() == "* denotes equal contribution"


def test_title_links_to_the_paper_page(publications):
    link = entry(publications, "lindqvist2024drought").select_one(".pub-title a")
    assert link["href"] == "https://example.org/publications/lindqvist2024drought/"


# ---- One entry ------------------------------------------------------------


def test_latex_in_title_becomes_unicode_text(publications):
    title = entry(publications, "lindqvist2024drought").select_one(".pub-title").get_text()
    assert title == "Forests Remember Drought: DNA & Tree-Ring Evidence, 1900–2020"


def test_owner_name_with_accents_is_highlighted(publications):
    owners = [e.get_text() for e in entry(publications, "lindqvist2024drought").select(".pub-owner")]
    assert "Hans Müller*" in owners


def test_owner_initials_are_highlighted(publications):
    owners = entry(publications, "lindqvist2023dimensions").select(".pub-owner")
    assert [o.get_text() for o in owners] == ["A. M. Lindqvist"]


def test_other_authors_are_not_highlighted(publications):
    authors = entry(publications, "lindqvist2023dimensions").select(".pub-author")
    assert [a.get_text() for a in authors if "pub-owner" not in a["class"]] == ["Bo Svensson"]


def test_contribution_marks_are_superscripts(publications):
    marks = [s.get_text() for s in entry(publications, "lindqvist2024drought").select(".pub-authors sup")]
    assert marks == ["*", "*"]


def test_coauthor_from_data_file_is_a_link(publications):
    link = entry(publications, "lindqvist2024drought").select_one("a.pub-author")
    assert link.get_text() == "Albert Einstein"
    assert link["href"] == "https://en.wikipedia.org/wiki/Albert_Einstein"


def test_authors_beyond_the_limit_fold_into_details(build_publications_site):
    soup = build_publications_site(PUBLICATIONS_MAX_AUTHORS=3).page("publications/")
    authors = entry(soup, "many2023").select_one(".pub-authors")
    more = authors.select_one("details.pub-more-authors")
    assert more.summary.get_text() == "and 3 more authors"
    hidden = [a.get_text() for a in more.select(".pub-author")]
    assert hidden == ["Author Four", "Author Five", "Ada Lindqvist"]
    shown = [a.get_text() for a in authors.select(".pub-author") if a.find_parent("details") is None]
    assert shown == ["Author One", "Author Two", "Author Three"]


def test_without_a_limit_all_authors_are_shown(publications):
    assert entry(publications, "many2023").select_one("details.pub-more-authors") is None


def test_venue_line_has_journal_volume_pages_location_and_date(publications):
    venue = entry(publications, "lindqvist2024drought").select_one(".pub-venue")
    assert venue.get_text() == "Nature, vol. 612, no. 7, pp. 100–110, London, March 2024"
    assert venue.em.get_text() == "Nature"


@pytest.mark.parametrize("key, expected", [
    ("lindqvist2023dimensions", "In Proceedings of the Conference on Tree Rings, pp. 5–9, 2023"),
    ("lindqvist2020thesis", "PhD thesis, University of Nowhere, 2020"),
    ("weird:key/2021", "Preprint, 2021"),
])
def test_venue_depends_on_entry_type(publications, key, expected):
    assert entry(publications, key).select_one(".pub-venue").get_text() == expected


def test_note_field_is_its_own_line(publications):
    assert entry(publications, "lindqvist2024drought").select_one(".pub-note").get_text() == \
        "* denotes equal contribution"


def test_abbr_badge_is_linked_and_coloured_from_venues_file(publications):
    badge = entry(publications, "lindqvist2024drought").select_one(".pub-abbr")
    assert badge.name == "a"
    assert badge["href"] == "https://www.nature.com/"
    assert "background-color: #00369f" in badge["style"]


def test_award_is_a_details_toggle_named_by_award_name(publications):
    award = entry(publications, "lindqvist2024drought").select_one("details.pub-toggle--award")
    assert award.summary.get_text() == "Oral"
    assert award.select_one(".pub-panel").get_text() == "Selected for an oral presentation"
    assert award.select_one(".pub-panel strong").get_text() == "oral"


def test_preview_image_resolves_to_the_previews_folder(publications):
    img = entry(publications, "lindqvist2024drought").select_one("img.pub-preview")
    assert img["src"] == "https://example.org/images/publications/drought.png"
    assert img["alt"] == ""


def test_abstract_toggle_works_without_javascript(publications):
    abstract = entry(publications, "lindqvist2024drought").select_one("details.pub-toggle--abstract")
    assert abstract.summary.get_text() == "Abstract"  # visible "Abs" + hidden "tract"
    assert abstract.select_one(".pub-panel em").get_text() == "drought memory"


def test_math_in_an_abstract_becomes_mathml(publications):
    math = entry(publications, "lindqvist2024drought").select_one(".pub-panel .math")
    assert math.select_one("math msup") is not None
    assert "$" not in math.get_text()


def test_link_buttons_point_where_al_folio_points(publications):
    links = {a["class"][1].split("--")[1]: a["href"]
             for a in entry(publications, "lindqvist2024drought").select("a.pub-button")}
    assert links == {
        "arxiv": "https://arxiv.org/abs/2401.01234",
        "html": "https://example.org/paper",
        "pdf": "https://example.org/files/lindqvist2024.pdf",
        "supp": "https://example.org/supp.pdf",
        "video": "https://example.org/video",
        "blog": "https://example.org/blog/drought",
        "code": "https://github.com/example/drought",
        "poster": "https://example.org/files/posters/poster.pdf",
        "slides": "https://example.org/files/slides.pdf",
        "website": "https://example.org/drought",
        "hal": "https://hal.science/hal-01234567",
        "doi": "https://doi.org/10.1000/xyz123",
        "media": "https://news.example.org/story",
    }


def test_link_buttons_name_the_paper_for_screen_readers(publications):
    pdf = entry(publications, "lindqvist2024drought").select_one("a.pub-button--pdf")
    assert pdf.get_text() == "PDF: Forests Remember Drought: DNA & Tree-Ring Evidence, 1900–2020"
    assert pdf.select_one(".visually-hidden") is not None


def test_extra_field_with_text_is_a_badge(publications):
    badge = entry(publications, "lindqvist2024drought").select_one(".pub-badge--honor")
    assert badge.get_text() == "Honor: Oral Presentation [Top 1.8%]"


def test_bib_view_drops_site_only_fields(publications):
    bib = entry(publications, "lindqvist2024drought").select_one("details.pub-toggle--bibtex pre").get_text()
    for field in ("pdf", "abbr", "selected", "bibtex_show", "award", "preview", "dimensions",
                  "google_scholar_id", "honor", "media", "abstract"):
        assert "\n  %s = " % field not in bib
    assert "\n  doi = {10.1000/xyz123}," in bib
    assert bib.startswith("@article{lindqvist2024drought,")


def test_bib_view_keeps_a_title_containing_a_filtered_word(publications):
    bib = entry(publications, "lindqvist2023dimensions").select_one("details.pub-toggle--bibtex pre").get_text()
    assert "title = {On the Dimensions of Roots}" in bib


def test_bib_view_only_for_entries_with_bibtex_show(publications):
    assert entry(publications, "many2023").select_one("details.pub-toggle--bibtex") is None


def test_bib_view_for_every_entry_when_asked(build_publications_site):
    soup = build_publications_site(PUBLICATIONS_BIBTEX="always").page("publications/")
    assert entry(soup, "many2023").select_one("details.pub-toggle--bibtex") is not None


def test_html_in_bibtex_is_shown_as_text(publications):
    item = entry(publications, "script2022")
    assert item.find("script") is None
    assert item.select_one(".pub-title").get_text() == 'Escaping <script>alert("x")</script> titles'
    assert item.select_one(".pub-title em").get_text() == "titles"
    assert item.select_one(".pub-venue").get_text() == "Journal of <b>Tests</b>, 2022"


def test_key_with_colon_and_slash_gets_a_safe_url(site, publications):
    link = entry(publications, "weird:key/2021").select_one(".pub-title a")
    assert link["href"] == "https://example.org/publications/weird-key-2021/"
    assert site.exists("publications/weird-key-2021/index.html")


def test_special_letters_in_names_are_decoded(publications):
    names = [a.get_text() for a in entry(publications, "weird:key/2021").select(".pub-author")]
    assert names == ["Ada Lindqvist", "Åsa Øberg"]


def test_no_latex_command_or_brace_is_left_in_the_page(publications):
    for item in publications.select("article.pub"):
        for tag in item.select(".math, pre"):
            tag.decompose()
        text = item.get_text()
        assert "\\" not in text and "{" not in text and "}" not in text, text


# ---- Selected papers --------------------------------------------------------


ABOUT = "---\ntitle: About\nlayout: about\npermalink: /\n---\nHello.\n"


def test_selected_papers_appear_on_the_about_page(build_publications_site):
    site = build_publications_site(
        pages={"about.md": ABOUT},
        PLUGINS=["pelican_scholar"],
    )
    about = site.page("index.html")
    ids = [a["id"] for a in about.select(".about__papers article.pub")]
    assert ids == ["lindqvist2024drought"]


def test_selected_papers_partial_renders_nothing_without_selection(build_publications_site):
    site = build_publications_site(
        bibs={"one.bib": "@article{a, title={T}, author={Lindqvist, Ada}, journal={J}, year={2020}}"},
        pages={"about.md": ABOUT},
        PLUGINS=["pelican_scholar"],
    )
    about = site.page("index.html")
    assert about.select(".pub-list") == []
    assert about.select(".about__papers") == []


# ---- Paper pages --------------------------------------------------------------


@pytest.fixture
def paper(site):
    return site.page("publications/lindqvist2024drought/")


def meta(soup, name):
    return [m["content"] for m in soup.find_all("meta", attrs={"name": name})]


def test_paper_page_has_highwire_press_meta_tags(paper):
    assert meta(paper, "citation_title") == ["Forests Remember Drought: DNA & Tree-Ring Evidence, 1900–2020"]
    assert meta(paper, "citation_author") == ["Lindqvist, Ada", "Müller, Hans", "Yang, Y.", "Einstein, Albert"]
    assert meta(paper, "citation_publication_date") == ["2024/03"]
    assert meta(paper, "citation_journal_title") == ["Nature"]
    assert meta(paper, "citation_volume") == ["612"]
    assert meta(paper, "citation_issue") == ["7"]
    assert meta(paper, "citation_firstpage") == ["100"]
    assert meta(paper, "citation_lastpage") == ["110"]
    assert meta(paper, "citation_doi") == ["10.1000/xyz123"]
    assert meta(paper, "citation_pdf_url") == ["https://example.org/files/lindqvist2024.pdf"]
    assert meta(paper, "citation_abstract_html_url") == ["https://example.org/publications/lindqvist2024drought/"]


def test_conference_paper_has_conference_title_and_no_pdf_url(site):
    soup = site.page("publications/lindqvist2023dimensions/")
    assert meta(soup, "citation_conference_title") == ["Proceedings of the Conference on Tree Rings"]
    assert meta(soup, "citation_journal_title") == []
    assert meta(soup, "citation_pdf_url") == []


def test_pdf_hosted_elsewhere_gives_no_citation_pdf_url(build_publications_site):
    bib = "@article{a, title={T}, author={Lindqvist, Ada}, journal={J}, year={2020}, pdf={https://x.org/a.pdf}}"
    soup = build_publications_site(bibs={"a.bib": bib}).page("publications/a/")
    assert meta(soup, "citation_pdf_url") == []


def test_paper_page_title_is_plain_text(site):
    soup = site.page("publications/script2022/")
    assert soup.title.get_text().startswith("Escaping ")
    assert soup.title.find("em") is None
    assert meta(soup, "citation_title") == ['Escaping <script>alert("x")</script> titles']


def test_paper_page_has_scholarly_article_json_ld(paper):
    data = json.loads(paper.find("script", type="application/ld+json").string)
    assert data["@type"] == "ScholarlyArticle"
    assert data["name"] == "Forests Remember Drought: DNA & Tree-Ring Evidence, 1900–2020"
    assert [a["name"] for a in data["author"]] == ["Ada Lindqvist", "Hans Müller", "Y. Yang", "Albert Einstein"]
    assert data["datePublished"] == "2024-03"
    assert data["identifier"]["value"] == "10.1000/xyz123"


def test_paper_page_shows_citation_abstract_links_and_bibtex(paper):
    body = paper.select_one("article.paper")
    title = body.select_one(".paper__title").get_text()
    assert title == "Forests Remember Drought: DNA & Tree-Ring Evidence, 1900–2020"
    assert "drought memory" in body.select_one(".paper__abstract").get_text()
    assert body.select_one("a.pub-button--pdf")["href"] == "https://example.org/files/lindqvist2024.pdf"
    assert body.select_one("pre.pub-bibtex").get_text().startswith("@article{lindqvist2024drought,")
    button = body.select_one("button.pub-copy")
    assert button.get_text() == "Copy BibTeX" and button.has_attr("hidden")


def test_paper_page_links_back_to_the_entry(paper):
    back = paper.select_one(".paper__back a")
    assert back["href"] == "https://example.org/publications/#lindqvist2024drought"


def test_paper_pages_can_be_turned_off(build_publications_site):
    site = build_publications_site(PUBLICATIONS_PAPER_PAGES=False)
    assert not site.exists("publications/lindqvist2024drought/index.html")
    soup = site.page("publications/")
    assert entry(soup, "lindqvist2024drought").select_one(".pub-title a") is None


def test_pages_are_deterministic(build_publications_site, tmp_path):
    first = build_publications_site(**EXTRAS).page("publications/").decode()
    second = build_publications_site(**EXTRAS).page("publications/").decode()
    assert first == second


# ---- Bad input ------------------------------------------------------------------


@pytest.fixture
def broken(build_publications_site, publication_warnings):
    site = build_publications_site(bibs=("broken.bib",))
    return site.page("publications/"), publication_warnings()


def test_every_recoverable_entry_of_a_broken_file_renders(broken):
    soup, _ = broken
    ids = {a["id"] for a in soup.select("article.pub")}
    assert ids == {"good1", "good1-2", "dupfield", "notitle", "noyear", "noauthor",
                   "malformed", "unclosed", "after"}


@pytest.mark.parametrize("expected", [
    "publications/broken.bib:17: entry 'dupfield': duplicate field 'journal'",
    "publications/broken.bib:20: entry 'good1': duplicate key",
    "publications/broken.bib:27: entry 'notitle': entry has no title",
    "publications/broken.bib:33: entry 'noyear': entry has no year",
    "publications/broken.bib:39: entry 'noauthor': entry has no author",
    "publications/broken.bib:49: entry 'malformed': malformed entry",
    "publications/broken.bib:52: entry 'unclosed': the entry is not closed",
])
def test_bad_input_warns_with_file_line_and_key(broken, expected):
    _, warnings = broken
    assert any(w.startswith(expected) for w in warnings), warnings


def test_bare_true_is_read_as_true_without_warning(broken):
    soup, warnings = broken
    assert not any("'true'" in w for w in warnings)


def test_duplicate_field_keeps_the_first_value(broken):
    soup, _ = broken
    assert entry(soup, "dupfield").select_one(".pub-venue em").get_text() == "J"


def test_entries_without_year_go_into_a_last_group(broken):
    soup, _ = broken
    last = soup.select("section.pub-group")[-1]
    assert last.select_one(".pub-group__heading").get_text() == "Undated"
    assert [a["id"] for a in last.select("article.pub")] == ["noyear"]


def test_malformed_entry_keeps_the_fields_it_could_recover(broken):
    soup, _ = broken
    item = entry(soup, "malformed")
    assert item.select_one(".pub-title").get_text() == "Malformed Entry"


def test_strict_mode_fails_on_bad_input(build_publications_site):
    from pelican_scholar.strict import StrictModeError

    with pytest.raises(StrictModeError):
        build_publications_site(bibs=("broken.bib",), STRICT=True)


FIXTURE_FILES = {name: b"%PDF-1.4" for name in (
    "files/lindqvist2024.pdf", "files/posters/poster.pdf", "files/slides.pdf",
    "images/publications/drought.png")}


def test_strict_mode_passes_on_clean_input(build_publications_site):
    build_publications_site(STRICT=True, files=FIXTURE_FILES, **EXTRAS)


def test_a_linked_file_missing_from_content_is_a_warning(build_publications_site, publication_warnings):
    files = {name: body for name, body in FIXTURE_FILES.items() if "slides" not in name}
    site = build_publications_site(files=files)
    missing = [w for w in publication_warnings() if "is not in content/" in w]
    assert len(missing) == 1 and "'lindqvist2024drought'" in missing[0] and "slides.pdf" in missing[0]
    assert site.page("publications/").select_one('a[href$="/files/slides.pdf"]') is not None


def test_unreadable_file_is_a_warning_not_a_crash(build_publications_site, publication_warnings):
    site = build_publications_site(bibs={"bad.bib": "this is not bibtex { at all"})
    assert site.page("publications/").select("article.pub") == []


def test_file_in_latin_1_is_read_with_a_warning(build_publications_site, publication_warnings, tmp_path):
    content = tmp_path / "content" / "publications"
    content.mkdir(parents=True)
    (content / "old.bib").write_bytes(
        "@article{old, title={Caf\xe9}, author={M\xfcller, Hans}, journal={J}, year={2001}}".encode("latin-1"))
    soup = build_publications_site(bibs={}).page("publications/")
    assert entry(soup, "old").select_one(".pub-title").get_text() == "Café"
    assert any("not UTF-8" in w for w in publication_warnings())


# ---- Data files ------------------------------------------------------------


VENUE_BIB = "@article{v, title={T}, author={Lindqvist, Ada}, journal={J}, year={2020}, abbr={Gold}}"


def test_a_data_file_that_is_not_utf_8_is_a_warning_not_a_crash(build_publications_site,
                                                                 publication_warnings):
    site = build_publications_site(data={
        "coauthors.yml": b"einstein:\n  - firstname: [Albert]\n    url: https://x.org/caf\xe9\n",
        "venues.yml": b'"Gold":\n  color: "#ffcc00"  # caf\xe9\n',
    })
    soup = site.page("publications/")
    assert entry(soup, "lindqvist2024drought").select_one(".pub-title") is not None
    warnings = publication_warnings()
    for name in ("coauthors.yml", "venues.yml"):
        assert any(name in w and "not UTF-8" in w for w in warnings), warnings


def test_missing_data_files_are_silent(build_publications_site, publication_warnings):
    build_publications_site(bibs={"v.bib": VENUE_BIB}, data=())
    assert publication_warnings() == []


@pytest.mark.parametrize("color", ["gold", "hsl(51, 100%, 50%)"])
def test_a_venue_colour_that_is_not_hex_or_rgb_warns_once_and_keeps_the_neutral_badge(
        build_publications_site, publication_warnings, color):
    bibs = {"v.bib": VENUE_BIB, "w.bib": VENUE_BIB.replace("{v,", "{w,")}
    site = build_publications_site(bibs=bibs,
                                   data={"venues.yml": '"Gold":\n  color: "%s"\n' % color})
    badge = entry(site.page("publications/"), "v").select_one(".pub-abbr")
    assert badge.get_text() == "Gold" and not badge.has_attr("style")
    about_venue = [w for w in publication_warnings() if "'Gold'" in w]
    assert len(about_venue) == 1
    assert about_venue[0].startswith("data/venues.yml: venue 'Gold'") and color in about_venue[0]


def test_a_light_venue_colour_in_rgb_gets_black_text(build_publications_site, publication_warnings):
    site = build_publications_site(bibs={"v.bib": VENUE_BIB},
                                   data={"venues.yml": '"Gold":\n  color: "rgb(255, 204, 0)"\n'})
    badge = entry(site.page("publications/"), "v").select_one(".pub-abbr")
    assert badge["style"] == "background-color: #ffcc00; color: #000"
    assert publication_warnings() == []


def test_the_venue_badge_is_the_same_on_the_list_and_the_paper_page(site):
    listed = entry(site.page("publications/"), "lindqvist2024drought").select_one(".pub-abbr")
    paper = site.page("publications/lindqvist2024drought/")
    on_paper = paper.select_one(".paper__venue-badge .pub-abbr")
    assert str(listed) == str(on_paper)
    assert on_paper["href"] == "https://www.nature.com/"


# ---- What the .bib puts in attributes --------------------------------------------


UNSAFE_BIB = """@article{evil,
  title = {Unsafe links},
  author = {Lindqvist, Ada},
  journal = {J},
  year = {2020},
  pdf = {javascript:alert(1)},
  website = {https://x" onmouseover="y},
}
"""


@pytest.fixture
def unsafe(build_publications_site, publication_warnings):
    site = build_publications_site(bibs={"unsafe.bib": UNSAFE_BIB})
    return site, publication_warnings()


def test_a_javascript_link_is_left_out_with_a_warning_naming_file_line_and_key(unsafe):
    site, warnings = unsafe
    for page in ("publications/", "publications/evil/"):
        soup = site.page(page)
        assert soup.select(".pub-button--pdf") == []
        values = [tag.get(name, "") for tag in soup.find_all(True) for name in ("href", "src", "content")]
        assert not any("javascript" in value for value in values)
    assert any(w.startswith("publications/unsafe.bib:1: entry 'evil': field 'pdf'")
               and "javascript:" in w for w in warnings), warnings


def test_a_quote_in_a_link_cannot_add_an_attribute(unsafe):
    site, _ = unsafe
    for page in ("publications/", "publications/evil/"):
        soup = site.page(page)
        assert soup.find(attrs={"onmouseover": True}) is None
        assert soup.select_one(".pub-button--website")["href"] == "https://x%22%20onmouseover=%22y"


def test_json_ld_keeps_a_closing_script_tag_inside_the_string(site):
    script = site.page("publications/script2022/").find("script", type="application/ld+json")
    assert "</" not in script.string
    assert json.loads(script.string)["name"] == 'Escaping <script>alert("x")</script> titles'
