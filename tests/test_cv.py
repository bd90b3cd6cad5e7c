"""The CV: one page and one PDF from al-folio's cv.yml, RenderCV YAML or JSON Resume."""

from __future__ import annotations

import io
import json
import logging
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from helpers import text
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent

# One CV, written in each of the three formats.
ALFOLIO = """
- title: Experience
  type: time_table
  contents:
    - title: Associate Professor
      institution: University of Nowhere
      location: Nowhere, Sweden
      year: 2022 – present
      description:
        - Leads the Forest Memory group
    - title: Postdoctoral Researcher
      institution: Institute for Slow Science
      year: 2019 – 2022
- title: Education
  type: time_table
  contents:
    - title: PhD in Forest Ecology
      institution: University of Elsewhere
      year: 2015 – 2019
      description:
        - Thesis on boreal pine growth
        - Best thesis prize
- title: Awards
  type: time_table
  contents:
    - title: Early Career Award
      institution: Nordic Society for Ecology
      year: "2024"
- title: Skills
  type: map
  contents:
    - name: Programming
      value: R, Python
    - name: Fieldwork
      value: Increment coring
"""

RENDERCV = """
cv:
  name: Ada Lindqvist
  sections:
    Experience:
      - company: University of Nowhere
        position: Associate Professor
        location: Nowhere, Sweden
        start_date: 2022-01
        end_date: present
        highlights:
          - Leads the Forest Memory group
      - company: Institute for Slow Science
        position: Postdoctoral Researcher
        start_date: 2019-09
        end_date: 2022-01
    Education:
      - institution: University of Elsewhere
        degree: PhD
        area: Forest Ecology
        start_date: 2015
        end_date: 2019
        highlights:
          - Thesis on boreal pine growth
          - Best thesis prize
    Awards:
      - title: Early Career Award
        awarder: Nordic Society for Ecology
        date: 2024-05-02
    Skills:
      - label: Programming
        details: R, Python
      - label: Fieldwork
        details: Increment coring
"""

JSON_RESUME = {
    "basics": {"name": "Ada Lindqvist", "label": "Associate Professor"},
    "work": [
        {"name": "University of Nowhere", "position": "Associate Professor",
         "location": "Nowhere, Sweden", "startDate": "2022-01-01",
         "highlights": ["Leads the Forest Memory group"]},
        {"name": "Institute for Slow Science", "position": "Postdoctoral Researcher",
         "startDate": "2019-09-01", "endDate": "2022-01-01"},
    ],
    "education": [
        {"institution": "University of Elsewhere", "studyType": "PhD", "area": "Forest Ecology",
         "startDate": "2015-09-01", "endDate": "2019-06-30",
         "highlights": ["Thesis on boreal pine growth", "Best thesis prize"]},
    ],
    "awards": [{"title": "Early Career Award", "awarder": "Nordic Society for Ecology",
                "date": "2024-05-02"}],
    "skills": [{"name": "Programming", "keywords": ["R", "Python"]},
               {"name": "Fieldwork", "keywords": ["Increment coring"]}],
}

ENTRY_TITLES = ["Associate Professor", "Postdoctoral Researcher", "PhD in Forest Ecology",
                "Early Career Award", "Programming", "Fieldwork"]


def cv_files(fmt: str) -> dict[str, str]:
    return {
        "alfolio": {"data/cv.yml": ALFOLIO},
        "rendercv": {"data/cv.yaml": RENDERCV},
        "jsonresume": {"data/resume.json": json.dumps(JSON_RESUME)},
    }[fmt]


def outline(cv) -> list:
    """What a reader sees of a CV, format aside."""
    from pelican_scholar.cv.model import plain

    return [(section.title, section.kind, section.anchor, [
        (plain(e.title), plain(e.value), plain(e.subtitle), plain(e.location), e.when, e.current,
         [plain(item.text) for item in e.items])
        for e in section.entries]) for section in cv.sections]


@pytest.fixture(autouse=True)
def show_every_warning():
    for name in ("pelican_scholar.cv.cv", "pelican_scholar.data", "pelican_scholar.talks.talks",
                 "pelican_scholar.pages"):
        logging.getLogger(name).disable_filter()


def test_the_same_cv_in_the_three_formats_gives_the_same_sections_and_entries(tmp_path):
    from pelican_scholar.cv.cv import read_cv

    outlines = {}
    for fmt in ("alfolio", "rendercv", "jsonresume"):
        (name, body), = cv_files(fmt).items()
        path = tmp_path / name.replace("/", "-")
        path.write_text(textwrap.dedent(body), encoding="utf-8")
        outlines[fmt] = outline(read_cv(str(path), path.name))
    assert outlines["alfolio"] == outlines["rendercv"] == outlines["jsonresume"]
    sections = [section[0] for section in outlines["alfolio"]]
    assert sections == ["Experience", "Education", "Awards", "Skills"]
    first_job = outlines["alfolio"][0][3][0]
    assert first_job[4] == "2022 – present" and first_job[5] is True


@pytest.mark.parametrize("fmt", ["alfolio", "rendercv", "jsonresume"])
def test_every_format_renders_through_the_same_page(build_site, fmt):
    site = build_site(cv_files(fmt), CV_PDF=False)
    page = site.html("cv/index.html")
    assert [text(h) for h in page.select(".cv-section > h2")] == [
        "Experience", "Education", "Awards", "Skills"]
    assert [text(h) for h in page.select(".cv-entry__title")] == ENTRY_TITLES[:4]
    assert [text(dt) for dt in page.select(".cv-map dt")] == ENTRY_TITLES[4:]
    assert site.warnings == []


def test_sections_have_anchors_listed_at_the_top_and_a_year_column(build_site):
    site = build_site(cv_files("alfolio"), CV_PDF=False)
    page = site.html("cv/index.html")
    anchors = [section.h2["id"] for section in page.select(".cv-section")]
    assert anchors == ["experience", "education", "awards", "skills"]
    assert [a["href"] for a in page.select(".cv__jump a")] == ["#" + a for a in anchors]
    assert [text(when) for when in page.select(".cv-entry__when")] == [
        "2022 – present", "2019 – 2022", "2015 – 2019", "2024"]
    assert page.h1.get_text() == "CV"


def test_all_five_al_folio_section_types_are_drawn(build_site):
    site = build_site({"data/cv.yml": """
        - title: Interests
          type: nested_list
          contents:
            - title: Forests
              items: [Drought, Fire]
        - title: Other
          type: list
          contents:
            - <u>Hobbies:</u> skiing
        - title: Languages
          type: list_groups
          contents:
            - category: Spoken
              items:
                - name: Swedish
                  level: native
        - title: Timeline
          type: time_table
          contents:
            - title: Visiting scholar
              year: 2018
              description:
                - title: Projects
                  contents: [Lichens, Mosses]
              linkitems:
                - link: https://example.org/report.pdf
                  linkname: Report
        """}, CV_PDF=False)
    page = site.html("cv/index.html")
    assert [text(li) for li in page.select(".cv-nested .cv-items li")] == ["Drought", "Fire"]
    assert page.select_one(".cv-list li u").get_text() == "Hobbies:"
    assert text(page.select_one(".cv-group li")) == "Swedish native"
    assert [text(li) for li in page.select(".cv-timeline .cv-items ul li")] == ["Lichens", "Mosses"]
    assert page.select_one(".cv-timeline .pub-links a")["href"] == "https://example.org/report.pdf"
    assert site.warnings == []


def test_html_in_values_is_sanitised_to_text_markup_and_safe_links(build_site):
    site = build_site({"data/cv.yml": """
        - title: Service
          type: list
          contents:
            - Editor of <em>Oikos</em> <script>alert(1)</script>
            - <a href="javascript:alert(1)" onclick="x()">click</a> and <a href="https://oikos.example">Oikos</a>
        """}, CV_PDF=False)
    items = site.html("cv/index.html").select(".cv-list li")
    assert items[0].em.get_text() == "Oikos"
    assert not site.html("cv/index.html").select(".cv script, [onclick]")
    links = items[1].find_all("a")
    assert "href" not in links[0].attrs
    assert links[1]["href"] == "https://oikos.example"


def test_the_cv_page_carries_person_json_ld_with_alumni_of_works_for_and_awards(build_site):
    site = build_site(cv_files("alfolio"), CV_PDF=False, publish=True)
    scripts = site.html("cv/index.html").select('script[type="application/ld+json"]')
    person = json.loads(scripts[0].string)
    assert person["@type"] == "Person"
    assert person["alumniOf"] == [{"@type": "EducationalOrganization",
                                   "name": "University of Elsewhere"}]
    assert person["worksFor"] == [{"@type": "Organization", "name": "University of Nowhere"}]
    assert person["award"] == ["Early Career Award"]


def test_the_cv_is_in_the_sitemap(build_site):
    site = build_site(cv_files("alfolio"), CV_PDF=False, publish=True)
    assert "https://scholar.example.org/cv/" in site.text("sitemap.xml")


# --- The PDF ----------------------------------------------------------------------

def pdf_text(site) -> str:
    reader = PdfReader(io.BytesIO((site.output / "cv/cv.pdf").read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.parametrize("fmt", ["alfolio", "rendercv", "jsonresume"])
def test_the_pdf_holds_every_entry_and_the_page_links_it(build_site, fmt):
    site = build_site(cv_files(fmt))
    content = pdf_text(site)
    for title in ENTRY_TITLES:
        assert title in content
    assert "Leads the Forest Memory group" in content
    link = site.html("cv/index.html").select_one(".cv__pdf a")
    assert link["href"] == "/cv/cv.pdf"
    assert site.warnings == []


def test_the_pdf_is_the_same_for_the_same_data_and_comes_from_the_cache(
        build_site, monkeypatch, tmp_path):
    import shutil

    import typst

    first = build_site(cv_files("alfolio"))  # built in tmp_path/site0
    shutil.copytree(tmp_path / "site0/cache/scholar_cv", tmp_path / "site1/cache/scholar_cv")
    shutil.copytree(tmp_path / "site0/cache/scholar_cv", tmp_path / "site2/cache/scholar_cv")

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(typst, "compile", no_compiling)
    again = build_site(cv_files("alfolio"))
    assert (again.output / "cv/cv.pdf").read_bytes() == (first.output / "cv/cv.pdf").read_bytes()
    monkeypatch.undo()
    changed = build_site({"data/cv.yml": ALFOLIO.replace("Associate Professor",
                                                          "Full Professor")})
    assert "Full Professor" in pdf_text(changed)


def test_selected_publications_can_join_the_cv_and_its_pdf(build_site):
    bib = """
        @article{a2024, title = {Forest memory}, author = {Lindqvist, Ada}, journal = {Oikos},
                 year = {2024}, selected = {true}}
        @article{b2023, title = {Not chosen}, author = {Lindqvist, Ada}, journal = {Oikos},
                 year = {2023}}
        """
    site = build_site({**cv_files("alfolio"), "publications/papers.bib": bib},
                      CV_SELECTED_PUBLICATIONS=True)
    section = site.html("cv/index.html").select(".cv-section")[-1]
    assert text(section.h2) == "Selected publications"
    assert [text(t) for t in section.select(".cv-entry__title")] == ["Forest memory"]
    assert "Forest memory" in pdf_text(site) and "Not chosen" not in pdf_text(site)


def test_a_cv_pdf_of_your_own_wins_and_none_is_built(build_site):
    site = build_site({**cv_files("alfolio"), "files/my-cv.pdf": b"%PDF-1.4\n"},
                      SOCIALS={"cv_pdf": "files/my-cv.pdf"})
    assert not site.exists("cv/cv.pdf")
    assert site.html("cv/index.html").select_one(".cv__pdf a")["href"] == "/files/my-cv.pdf"


def test_socials_may_point_at_the_built_pdf_without_a_warning(build_site):
    site = build_site(cv_files("alfolio"), SOCIALS={"cv_pdf": "cv/cv.pdf"})
    assert site.exists("cv/cv.pdf")
    assert site.warnings == []


def test_cv_pdf_false_builds_no_pdf_and_links_none(build_site):
    site = build_site(cv_files("alfolio"), CV_PDF=False)
    assert not site.exists("cv/cv.pdf")
    assert site.html("cv/index.html").select_one(".cv__pdf") is None


# --- Navigation and al-folio's cv page -----------------------------------------------

def test_without_cv_data_there_is_no_page_and_no_menu_entry(build_site):
    site = build_site({"pages/about.md": "---\ntitle: About\npermalink: /\n---\nHi.\n"},
                      NAVIGATION=["about", "cv", "talks"])
    assert not site.exists("cv/index.html")
    assert [text(a) for a in site.html("index.html").select(".site-nav a")] == ["About"]
    assert site.warnings == []


def test_cv_joins_the_menu_by_name(build_site):
    site = build_site(cv_files("alfolio"), NAVIGATION=["cv"], CV_PDF=False)
    link = site.html("cv/index.html").select_one(".site-nav a")
    assert (text(link), link["href"], link.get("aria-current")) == ("CV", "/cv/", "page")


def test_al_folio_cv_page_gives_the_cv_its_title_text_and_menu_place(build_site):
    page = """
        ---
        layout: cv
        permalink: /cv/
        title: curriculum vitae
        nav: true
        nav_order: 2
        description: The CV of Ada.
        ---
        Updated in March.
        """
    site = build_site({**cv_files("alfolio"), "pages/cv.md": page}, CV_PDF=False)
    cv = site.html("cv/index.html")
    assert cv.h1.get_text() == "curriculum vitae"
    assert "Updated in March." in text(cv.select_one(".cv .prose"))
    assert cv.select(".cv-section")
    assert cv.select_one('meta[name="description"]')["content"] == "The CV of Ada."
    assert [(text(a), a["href"]) for a in cv.select(".site-nav a")] == [
        ("curriculum vitae", "/cv/"), ("Blog", "/blog/")]
    assert site.warnings == []


def test_al_folio_cv_page_without_data_is_left_out_with_a_warning(build_site):
    site = build_site({"pages/cv.md": "---\nlayout: cv\ntitle: cv\nnav: true\n---\n"})
    assert not site.exists("cv/index.html")
    assert any(w.startswith("pages/cv.md: `layout: cv`") and "content/data/cv.yml" in w
               for w in site.warnings)
    assert "cv" not in [text(a) for a in site.html("blog/index.html").select(".site-nav a")]


def test_al_folio_cv_pdf_front_matter_is_linked_from_files(build_site):
    site = build_site({**cv_files("alfolio"), "files/ada.pdf": b"%PDF-1.4\n",
                       "pages/cv.md": "---\nlayout: cv\ntitle: cv\ncv_pdf: ada.pdf\n---\n"})
    assert site.html("cv/index.html").select_one(".cv__pdf a")["href"] == "/files/ada.pdf"
    assert not site.exists("cv/cv.pdf")


# --- Bad data -------------------------------------------------------------------------

def test_an_unknown_section_type_warns_with_file_and_line_and_the_rest_builds(build_site):
    bad = ALFOLIO.replace("  type: map", "  type: table")
    site = build_site({"data/cv.yml": bad}, CV_PDF=False)
    line = textwrap.dedent(bad).lstrip("\n").splitlines().index("- title: Skills") + 1
    assert any(w.startswith(f"data/cv.yml:{line}: section 'Skills' has the type 'table'")
               and "map, list, nested_list, time_table, list_groups" in w
               for w in site.warnings)
    sections = [text(h) for h in site.html("cv/index.html").select(".cv-section > h2")]
    assert sections == ["Experience", "Education", "Awards"]


@pytest.mark.parametrize("bad, expected", [
    ("- title: Skills\n  type: map\n  contents: R, Python\n",
     "data/cv.yml:1: section 'Skills': `contents` should be a list"),
    ("- title: Service\n  type: list\n  contents:\n    - {a: 1}\n",
     "data/cv.yml:4: a `list` section holds text lines"),
    ("- type: list\n  contents: [x]\n", "data/cv.yml:1: section 1 has no `title`"),
    ("- title: Jobs\n  type: time_table\n  contents:\n    - just text\n",
     "data/cv.yml:1: an entry of a `time_table` section should be 'key: value' lines"),
    ("- title: Jobs\n  type: time_table\n  contents:\n    - title: x\n      description:\n"
     "        - Advisor: Prof. Berg\n",
     "data/cv.yml:6: the item 'Advisor: Prof. Berg' reads as a key and a value"),
])
def test_wrong_shapes_warn_with_file_and_line(build_site, bad, expected):
    site = build_site({"data/cv.yml": bad + "- title: Fine\n  type: list\n  contents: [ok]\n"},
                      CV_PDF=False)
    assert any(w.startswith(expected) for w in site.warnings), site.warnings
    assert "Fine" in [text(h) for h in site.html("cv/index.html").select(".cv-section > h2")]


def test_malformed_yaml_warns_with_the_line_and_builds_no_cv(build_site):
    site = build_site({"data/cv.yml": "- title: A\n  type: list\n  contents: [x\n",
                       "pages/about.md": "---\ntitle: About\npermalink: /\n---\nHi.\n"})
    assert any(re.match(r"data/cv\.yml:\d+: not valid YAML", w) for w in site.warnings)
    assert not site.exists("cv/index.html")
    assert site.exists("index.html")


def test_malformed_json_warns_with_the_line(build_site):
    site = build_site({"data/resume.json": '{\n  "basics": {"name": "Ada"},\n  "work": [,]\n}'})
    assert any(w.startswith("data/resume.json:3: not valid JSON") for w in site.warnings)
    assert not site.exists("cv/index.html")


def test_a_json_resume_section_of_the_wrong_shape_warns_and_the_rest_builds(build_site):
    resume = {**JSON_RESUME, "awards": {"title": "not a list"}, "hobbies": []}
    site = build_site({"data/resume.json": json.dumps(resume)}, CV_PDF=False)
    assert any("'awards' should be a list" in w for w in site.warnings)
    assert any("'hobbies' is not a JSON Resume section" in w for w in site.warnings)
    assert "Experience" in [text(h) for h in site.html("cv/index.html").select("h2")]


def test_a_javascript_link_is_left_out_with_a_warning(build_site):
    resume = {"work": [{"name": "Evil", "position": "x", "url": "javascript:alert(1)"}]}
    site = build_site({"data/resume.json": json.dumps(resume)}, CV_PDF=False)
    assert not site.html("cv/index.html").select(".cv a[href^=javascript]")
    assert any("'javascript:alert(1)' is left out" in w for w in site.warnings)


def test_two_cv_files_warn_which_one_is_read(build_site):
    site = build_site({**cv_files("alfolio"), **cv_files("jsonresume")}, CV_PDF=False)
    assert any(w.startswith("data/resume.json is not used: data/cv.yml is read first")
               for w in site.warnings)


# --- Print and privacy ------------------------------------------------------------------

def test_printing_the_cv_hides_the_page_furniture():
    css = (ROOT / "theme/static/css/main.css").read_text(encoding="utf-8")
    blocks = [css[start:css.index("\n}\n", start)]
              for start in (m.start() for m in re.finditer(r"@media print", css))]
    block = next(block for block in blocks if ".cv" in block)
    assert "@page" in block
    hidden = re.search(r"([^{}]*)\{\s*display:\s*none", block[block.index(".cv"):]).group(1)
    for selector in (".site-header", ".cv__pdf", ".cv__jump"):
        assert selector in hidden
    assert '.cv a[href^="http"]::after' in block


def test_the_cv_and_talks_pages_request_nothing_from_other_hosts(build_site):
    site = build_site({**cv_files("alfolio"), "data/talks.yml": TALKS}, publish=True)
    for path in ("cv/index.html", "talks/index.html"):
        page = site.html(path)
        requested = [tag["src"] for tag in page.find_all(src=True)]
        requested += [tag["href"] for tag in page.find_all("link", href=True)
                      if not {"canonical", "alternate"} & set(tag.get("rel", []))]
        assert requested
        for url in requested:
            assert "://" not in url or url.startswith("https://scholar.example.org/"), url


TALKS = """
- title: Counting lichens
  event: Nordic Ecology Meeting
  location: Tromsø, Norway
  date: 2025-03-14
  type: invited
"""


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not CHROMIUM, reason="needs Chromium (bash audit/install.sh)")
def test_printing_the_cv_gives_the_cv_alone_with_link_targets(build_site, tmp_path):
    output = tmp_path / "site0" / "output"  # where build_site writes its first site
    files = {"data/cv.yml": ALFOLIO + """
- title: Service
  type: list
  contents:
    - Editor of <a href="https://oikos.example/">Oikos</a>
"""}
    site = build_site(files, SITEURL=output.as_uri(), NAVIGATION=["cv", "blog"], CV_PDF=False)
    assert site.output == output
    printed = tmp_path / "printed.pdf"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--no-pdf-header-footer",
                    f"--print-to-pdf={printed}", (output / "cv/index.html").as_uri()],
                   check=True, capture_output=True, timeout=120)
    content = " ".join(" ".join(page.extract_text().split())
                       for page in PdfReader(printed).pages)
    for title in ENTRY_TITLES:
        assert title in content
    assert "(https://oikos.example/)" in content
    for furniture in ("Skip to content", "Blog", "PDF version", "Built with"):
        assert furniture not in content
