"""HTML in posts that browsers forgive but the audit rejects is named, with the file, line and fix.

The page is still built with the author's HTML as it is: the warnings say
what to change (and fail a strict build), nothing is rewritten behind the
author's back.
"""

from __future__ import annotations

import logging

import pytest

POST = """---
title: Field notes
date: 2025-03-01
---
Intro.

{body}
"""


@pytest.fixture(autouse=True)
def every_warning():
    logging.getLogger("pelican_scholar.htmlchecks.htmlchecks").disable_filter()


def warnings_for(build_site, body: str, name: str = "blog/notes.md") -> list[str]:
    site = build_site({name: POST.format(body=body)})
    return [warning for warning in site.warnings if warning.startswith(name.split("/", 1)[1])
            or warning.startswith(name)]


def test_a_heading_that_skips_a_level_under_the_title_is_named_with_its_line(build_site):
    [warning] = warnings_for(build_site, "### Methods\n\nText.\n\n## Results\n")
    assert warning.startswith("blog/notes.md:7: the heading “Methods” is level 3 right after level 1")
    assert "Make it level 2 (##)" in warning


def test_a_skip_deeper_in_the_document_names_the_heading_before_it(build_site):
    [warning] = warnings_for(build_site, "## Methods\n\n#### Sites\n")
    assert warning.startswith("blog/notes.md:9: the heading “Sites” is level 4 right after level 2")
    assert "Make it level 3 (###)" in warning


def test_several_skipping_headings_are_one_warning_listing_each_with_its_line(build_site):
    [warning] = warnings_for(build_site, "### Contents\n\n## Idea\n\n#### Setup\n")
    assert warning.startswith("blog/notes.md:7: 2 headings skip a level")
    assert "“Contents”: 3 after 1, make it level 2 (##); line 11 “Setup”: 4 after 2, make it level 3 (###)" \
        in warning


def test_headings_that_go_down_one_level_at_a_time_and_back_up_are_fine(build_site):
    assert warnings_for(build_site, "## A\n\n### B\n\n#### C\n\n## D\n\n<h3>E</h3>\n") == []


def test_percent_widths_on_images_iframes_and_videos_are_one_warning_listing_every_line(build_site):
    body = ('<img src="/a.png" alt="A" width="75%">\n\n'
            '<img src="/b.png" alt="B" width="75%">\n\n'
            '<iframe src="/plot.html" title="Plot" height="500px"></iframe>\n\n'
            '<video src="/v.mp4" width="640" height="360" controls></video>\n')
    warnings = warnings_for(build_site, body)
    assert len(warnings) == 2
    iframe, images = sorted(warnings)
    assert images.startswith('blog/notes.md:7: width="75%" on <img> is not valid HTML')
    assert 'style="width: 75%"' in images and images.endswith("(also line 9)")
    assert iframe.startswith('blog/notes.md:11: height="500px" on <iframe>')
    assert 'write height="500".' in iframe  # pixels written as CSS: the number alone


def test_a_yes_no_attribute_with_a_value_is_named_and_one_without_is_fine(build_site):
    body = ('<iframe src="/map.html" title="Map" allowfullscreen="true"></iframe>\n\n'
            '<iframe src="/map2.html" title="Map" allowfullscreen></iframe>\n\n'
            '<video src="/v.mp4" controls="controls"></video>\n')
    [warning] = warnings_for(build_site, body)
    assert warning.startswith('blog/notes.md:7: allowfullscreen="true" on <iframe> is not valid HTML')
    assert "Write allowfullscreen alone" in warning


def test_css_written_as_an_attribute_is_named_but_data_and_aria_attributes_are_not(build_site):
    body = ('<div class="caption" font-size="12px">(a) Dense</div>\n\n'
            '<p color="red">Red</p>\n\n'
            '<div data-figure="1" aria-label="Figure">x</div>\n')
    warnings = sorted(warnings_for(build_site, body))
    assert [warning.split(": ", 1)[0] for warning in warnings] == ["blog/notes.md:7", "blog/notes.md:9"]
    assert 'write style="font-size: 12px"' in warnings[0]
    assert 'write style="color: red"' in warnings[1]


def test_obsolete_elements_are_named_with_what_to_use(build_site):
    [warning] = warnings_for(build_site, "<center>Photo</center>\n")
    assert warning == ("blog/notes.md:7: <center> is obsolete HTML, which the HTML checker rejects. "
                       'Use CSS (style="text-align: center") instead.')


def test_an_image_without_alt_a_stray_figcaption_and_a_style_element_are_named(build_site):
    body = ('<img src="/a.png">\n\n'
            '<div><img src="/b.png" alt="B"><figcaption>Caption</figcaption></div>\n\n'
            '<figure><img src="/c.png" alt="C"><figcaption>Fine</figcaption></figure>\n\n'
            "<style>.x { color: red; }</style>\n")
    by_place = dict(warning.split(": ", 1) for warning in warnings_for(build_site, body))
    assert sorted(by_place) == ["blog/notes.md:13", "blog/notes.md:7", "blog/notes.md:9"]
    assert "has no alt attribute" in by_place["blog/notes.md:7"]
    assert "outside a <figure>" in by_place["blog/notes.md:9"]
    assert "content/extra.css" in by_place["blog/notes.md:13"]


def test_text_coloured_inline_is_named_with_its_contrast_on_each_theme(build_site):
    body = ('<p style="font-size: 13px; color: #cccccc">Pale caption</p>\n\n'
            '<p style="opacity: .65">Faded</p>\n\n'
            '<p style="color: #1c2024">Dark text</p>\n')
    by_place = dict(warning.split(": ", 1) for warning in warnings_for(build_site, body))
    assert "1.6:1 on the light theme" in by_place["blog/notes.md:7"]
    assert "opacity: .65" in by_place["blog/notes.md:9"]
    # Dark text reads on the light theme but not on the dark one.
    assert "on the dark theme" in by_place["blog/notes.md:11"] and "light theme" not in by_place["blog/notes.md:11"]


def test_a_whole_html_document_pasted_into_a_page_is_named(build_site):
    body = "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Demo</title></head><body><p>Hi</p></body></html>\n"
    [warning] = warnings_for(build_site, body, name="pages/demo.md")
    assert "holds a whole HTML document of its own" in warning


def test_a_block_inside_a_paragraph_is_named(build_site):
    [warning] = warnings_for(build_site, '<p>Plot: <figure><img src="/a.png" alt="A"></figure></p>\n')
    assert warning.startswith("blog/notes.md:7: a <figure> inside a paragraph is not valid HTML")


def test_comments_that_nest_or_never_close_are_named_and_fences_in_comments_are_text(build_site):
    body = "<!-- old intro\n\n<!--\nquote\n-->\n\n<!--\n```\ncode\n```\n-->\n\nText.\n\n<!-- never closed\n\nMore.\n"
    warnings = warnings_for(build_site, body)
    assert any(w.startswith("blog/notes.md:9: the HTML comment opened on line 7 holds another <!--")
               for w in warnings)
    assert any(w.startswith("blog/notes.md:21: an HTML comment is opened here but never closed") for w in warnings)
    assert len(warnings) == 2


def test_svg_math_and_distill_elements_follow_their_own_rules(build_site):
    body = ('<svg width="100%" viewBox="0 0 10 10" role="img" aria-label="Dot">'
            '<circle cx="5" cy="5" r="2" stroke-width="1"/></svg>\n\n'
            "<d-footnote>A side note.</d-footnote>\n\n"
            "Energy $E = mc^2$ and\n\n$$\\int_0^1 x \\, dx$$\n")
    assert warnings_for(build_site, body) == []


def test_the_page_keeps_the_authors_html_as_it_is(build_site):
    site = build_site({"blog/notes.md": POST.format(body='<iframe src="/m.html" title="Map" width="100%">'
                                                     "</iframe>\n")})
    assert site.html("blog/2025/notes/index.html").select_one("iframe")["width"] == "100%"


def test_pages_are_checked_too(build_site):
    [warning] = warnings_for(build_site, "### Mailing address\n", name="pages/contact.md")
    assert warning.startswith("pages/contact.md:7: the heading “Mailing address” is level 3")


def test_a_static_html_file_without_a_doctype_is_named(build_site):
    site = build_site({"files/handout.html": "<html><body><center>Old</center></body></html>\n",
                       "files/modern.html": "<!DOCTYPE html>\n<html lang=en><title>x</title></html>\n",
                       "blog/notes.md": POST.format(body="[Handout](/files/handout.html)")})
    named = [warning for warning in site.warnings if "handout.html" in warning or "modern.html" in warning]
    assert len(named) == 1
    assert named[0].startswith("files/handout.html: published as it is, but it is not an HTML5 document")
    assert site.exists("files/handout.html")
