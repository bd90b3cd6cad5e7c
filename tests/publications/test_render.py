"""Pure formatting functions: entry → parts of a Publication."""

import pytest

from pelican_scholar.publications.bibfile import BibEntry
from pelican_scholar.publications.addresses import slugify_key
from pelican_scholar.publications.colors import contrast_ratio, parse_color, venue_style
from pelican_scholar.publications.fields import filtered_bibtex, parse_month, parse_year
from pelican_scholar.publications.links import resolve_url
from pelican_scholar.publications.render import RenderOptions, build_publication


def make(fields, entry_type="article", key="k"):
    return BibEntry(entry_type, key, fields, "x.bib", 1, {})


def build(fields, entry_type="article", key="k", **options):
    problems = []
    pub = build_publication(make(fields, entry_type, key), 0, RenderOptions(**options), problems)
    return pub, problems


@pytest.mark.parametrize("value, expected", [
    ("https://x.org/a.pdf", ("https://x.org/a.pdf", False)),
    ("paper.pdf", ("files/paper.pdf", True)),
    ("./paper.pdf", ("files/paper.pdf", True)),
    ("/assets/pdf/paper.pdf", ("assets/pdf/paper.pdf", True)),
    ("Paper 005 - final.pdf", ("files/Paper%20005%20-%20final.pdf", True)),
    ("www.example.org", ("https://www.example.org", False)),
    (r"\url{https://x.org/a\_b}", ("https://x.org/a_b", False)),
    ("javascript:alert(1)", None),
])
def test_link_values_resolve_like_al_folio(value, expected):
    assert resolve_url(value, "files/") == expected


@pytest.mark.parametrize("value, expected", [
    ("2024", (2024, "2024")), ("{2024}", (2024, "2024")), ("In press", (None, "In press")),
    ("", (None, "")), ("Spring 2019", (2019, "2019")),
])
def test_years(value, expected):
    assert parse_year(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("mar", 3), ("March", 3), ("{Sep.}", 9), ("12", 12), ("05", 5), ("", None), ("13", None),
])
def test_months(value, expected):
    assert parse_month(value) == expected


@pytest.mark.parametrize("key, slug", [
    ("weird:key/2021", "weird-key-2021"), ("Müller2020", "muller2020"),
    ("10.1145/3651890.3672274", "10.1145-3651890.3672274"),
])
def test_keys_become_url_safe_slugs(key, slug):
    assert slugify_key(key) == slug


def test_venue_colour_is_validated_and_gets_readable_text():
    assert venue_style("#00369f") == "background-color: #00369f; color: #fff"
    assert venue_style("#ffee00") == "background-color: #ffee00; color: #000"
    assert venue_style('red" onload="x') == ""


@pytest.mark.parametrize("color", [
    "#fc0", "#fc0f", "#FFCC00", "#ffcc00ff", "#ffcc0080", "rgb(255,204,0)",
    "rgba(255, 204, 0, 0.5)", "RGB(255 204 0 / 50%)", "rgb(100% 80% 0%)",
])
def test_a_yellow_badge_gets_black_text_in_every_notation(color):
    assert venue_style(color) == "background-color: #ffcc00; color: #000"


@pytest.mark.parametrize("color", [
    "yellow", "gold", "hsl(48, 100%, 50%)", "#ffcc0", "#ggg", "rgb(255, 204)",
    "rgb(255, 204, 0, 1, 1)", "rgb(-1, 0, 0)", 'red" onload="x', "url(x.png)", "",
])
def test_colours_other_than_hex_and_rgb_give_the_neutral_badge(color):
    assert parse_color(color) is None
    assert venue_style(color) == ""


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast_ratio((0x77, 0x77, 0x77), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio((10, 20, 30), (10, 20, 30)) == pytest.approx(1)


@pytest.mark.parametrize("notation", ["#%02x%02x%02x", "#%02x%02x%02xff", "rgb(%d, %d, %d)"])
def test_badge_text_meets_wcag_aa_on_every_background(notation):
    steps = range(0, 256, 15)
    for rgb in ((r, g, b) for r in steps for g in steps for b in steps):
        style = venue_style(notation % rgb)
        text = {"#000": (0, 0, 0), "#fff": (255, 255, 255)}[style.rsplit("color: ", 1)[1]]
        assert contrast_ratio(rgb, text) >= 4.5, style


@pytest.mark.parametrize("value, shown", [
    ("true", True), ("{true}", True), ("True", True), ("yes", True),
    ("false", False), ("{false}", False), ("", False),
])
def test_selected_and_bibtex_show_read_al_folio_flags(value, shown):
    pub, _ = build({"title": "T", "author": "A, B", "year": "2020",
                    "selected": value, "bibtex_show": value})
    assert (pub.selected, pub.show_bibtex) == (shown, shown)


@pytest.mark.parametrize("field", ["pdf", "code", "preview", "media"])
@pytest.mark.parametrize("value", ["javascript://%0Aalert(1)", "data:text/html;x", " VBScript://x"])
def test_links_with_unsafe_schemes_are_left_out_with_a_warning(field, value):
    pub, problems = build({"title": "T", "author": "A, B", "year": "2020", field: value},
                          key="evil", extra_fields=["media"])
    assert pub.links == [] and pub.preview is None
    assert [(p.path, p.line, p.key) for p in problems] == [("x.bib", 1, "evil")]
    assert "field %r" % field in problems[0].message
    assert value.strip().split(":")[0] + ":" in problems[0].message


def test_an_extra_field_that_is_not_a_link_is_shown_as_escaped_text():
    pub, problems = build({"title": "T", "author": "A, B", "year": "2020",
                           "media": "javascript:alert(1)<b>"}, extra_fields=["media"])
    assert pub.links == [] and problems == []
    assert [b.html for b in pub.badges] == ["javascript:alert(1)&lt;b&gt;"]


def test_a_quote_in_a_link_stays_in_the_url():
    pub, problems = build({"title": "T", "author": "A, B", "year": "2020",
                           "website": 'https://x" onmouseover="y'})
    # Percent-encoded, as a URL must hold a quote and a space.
    assert [(l.kind, l.url) for l in pub.links] == [("website", "https://x%22%20onmouseover=%22y")]
    assert problems == []


def test_bibtex_view_removes_whole_fields_not_lines():
    entry = BibEntry("article", "k", {"title": "Dimensions of pdf files", "pdf": "a.pdf",
                                      "dimensions": "true", "year": "2020"}, "x.bib", 1, {"title": "Title"})
    assert filtered_bibtex(entry, ["pdf", "dimensions"]) == \
        "@article{k,\n  Title = {Dimensions of pdf files},\n  year = {2020},\n}"


def test_arxiv_prefix_and_doi_urls_are_normalised():
    pub, _ = build({"title": "T", "author": "A, B", "year": "2020",
                    "arxiv": "arXiv:2407.14303", "doi": "https://doi.org/10.1/x"})
    assert [(l.kind, l.url) for l in pub.links] == [
        ("arxiv", "https://arxiv.org/abs/2407.14303"), ("doi", "https://doi.org/10.1/x")]


def test_extra_field_with_several_urls_gives_several_buttons():
    pub, _ = build({"title": "T", "author": "A, B", "year": "2020",
                    "media": "https://a.org/1, https://b.org/2"}, extra_fields=["media"])
    assert [(l.label, l.url) for l in pub.links] == [("Media 1", "https://a.org/1"), ("Media 2", "https://b.org/2")]


def test_award_html_allows_only_balanced_simple_tags():
    pub, _ = build({"title": "T", "author": "A, B", "year": "2020",
                    "award": 'Best <strong>paper</strong> <img src=x onerror=alert(1)> [site](https://x.org)'})
    assert pub.award_html == ('Best <strong>paper</strong> &lt;img src=x onerror=alert(1)&gt; '
                              '<a href="https://x.org">site</a>')


def test_missing_fields_are_reported():
    pub, problems = build({})
    messages = " ".join(p.message for p in problems)
    assert "no title" in messages and "no author" in messages and "no year" in messages
    assert pub.title_text == "Untitled"


def test_edited_volume_uses_editors_without_warning():
    pub, problems = build({"title": "T", "editor": "Doe, Jane", "year": "2020"}, entry_type="book")
    assert [a.name for a in pub.authors] == ["Jane Doe"] and problems == []


def test_thesis_and_report_venues():
    pub, _ = build({"title": "T", "author": "A, B", "year": "2020", "institution": "MIT", "number": "42"},
                   entry_type="techreport")
    assert pub.venue_text == "Technical report 42, MIT, 2020"
