"""al-folio posts carry Liquid tags: the common ones are translated, the rest warn."""

from __future__ import annotations

import pytest
from bs4 import Comment
from helpers import text

TARGET = "---\nlayout: post\ntitle: Math\ndate: 2015-10-20\n---\nMath post.\n"
POST = """---
layout: post
title: Formatting
date: 2015-10-22 15:59:00-0400
tags: formatting links
---
See [the math post]({% post_url 2015-10-20-math %}) and ![a figure]({{ '/images/x.png' | relative_url }}).

{% highlight python linenos %}
def foo(x):
    return {x: "{% not liquid here %}"}
{% endhighlight %}

```jinja
{% for item in items %}{{ item }}{% endfor %}
```

{% include video.liquid path="assets/video/9.mp4" %}
"""


def build(build_site):
    return build_site({"blog/2015-10-20-math.md": TARGET, "blog/2015-10-22-formatting.md": POST})


def test_highlight_blocks_become_highlighted_code_with_their_indentation(build_site):
    page = build(build_site).html("blog/2015/formatting/index.html")
    block = page.select(".highlight pre")[0]
    assert [n.extract().get_text() for n in block.select(".linenos")] == ["1", "2"]  # linenos asked
    code = block.get_text()
    assert code.startswith("def foo(x):\n    return {x:")
    assert '"{% not liquid here %}"' in code
    assert page.select_one(".highlight .k") is not None  # Python keywords highlighted


def test_post_url_links_to_the_post(build_site):
    page = build(build_site).html("blog/2015/formatting/index.html")
    assert page.select_one(".prose a")["href"] == "/blog/2015/math/"


def test_relative_url_filter_becomes_the_path(build_site):
    page = build(build_site).html("blog/2015/formatting/index.html")
    assert page.select_one(".prose img")["src"] == "/images/x.png"


def test_a_relative_url_tag_split_over_lines_becomes_the_path(build_site):
    body = ('---\ntitle: Split\ndate: 2025-01-01\n---\n<figure>\n  <img src="{{ \'/assets/img/a b.png\' | \n'
            '   relative_url }}"\n       alt="A plot">\n</figure>\n\nAfter {{ site.title\n\nnever closed.\n')
    site = build_site({"blog/2025-01-01-split.md": body})
    prose = site.html("blog/2025/split/index.html").select_one(".prose")
    assert prose.select_one("img")["src"] == "/assets/img/a b.png" and prose.select_one("img")["alt"] == "A plot"
    assert "never closed." in text(prose) and not [w for w in site.warnings if "relative_url" in w]


def test_other_liquid_warns_with_file_and_line_and_code_blocks_are_left_alone(build_site):
    site = build(build_site)
    liquid = [w for w in site.warnings if "is Liquid" in w]
    assert len(liquid) == 1, liquid
    assert "2015-10-22-formatting.md:18:" in liquid[0] and "video.liquid" in liquid[0]
    fenced = site.html("blog/2015/formatting/index.html").select(".highlight pre")[1].get_text()
    assert "{% for item in items %}" in fenced
    assert "video.liquid" in text(site.html("blog/2015/formatting/index.html").select_one(".prose"))


def test_al_folio_figures_become_figures_with_their_alt_text(build_site):
    body = ('---\ntitle: Figs\ndate: 2025-01-01\n---\n'
            '{% include figure.liquid path="assets/img/9.jpg" class="img-fluid" alt="A forest" '
            'caption="Plot 9" %}\n\n'
            "{% include figure.liquid loading=\"eager\" path='assets/img/10.jpg' %}\n")
    site = build_site({"blog/2025-01-01-figs.md": body})
    figures = site.html("blog/2025/figs/index.html").select(".prose figure")
    assert [(f.img["src"], f.img["alt"]) for f in figures] == [("/images/9.jpg", "A forest"),
                                                               ("/images/10.jpg", "")]
    assert text(figures[0].figcaption) == "Plot 9"
    assert [w for w in site.warnings if "no alt text" in w and "2025-01-01-figs.md:7:" in w]
    assert not [w for w in site.warnings if "is Liquid" in w]


def test_a_figure_keeps_its_id_so_links_to_it_work(build_site):
    body = ('---\ntitle: Figs\ndate: 2025-01-01\n---\nSee [Figure 1](#fig:plate).\n\n'
            '{% include figure.liquid path="assets/img/plate.png" alt="A plate" id="fig:plate" %}\n\n'
            "{% include figure.liquid path='assets/img/b.png' alt='B' %}\n")
    page = build_site({"blog/2025-01-01-figs.md": body}).html("blog/2025/figs/index.html")
    assert page.select_one(".prose p a")["href"] == "#fig:plate"
    assert [figure.get("id") for figure in page.select(".prose figure")] == ["fig:plate", None]


def test_relative_url_of_a_path_without_a_slash_is_a_site_path(build_site):
    body = "---\ntitle: R\ndate: 2025-01-01\n---\n<a href=\"{{ 'files/a.pdf' | relative_url }}\">A</a>\n"
    page = build_site({"blog/2025-01-01-r.md": body}).html("blog/2025/r/index.html")
    assert page.select_one(".prose a")["href"] == "/files/a.pdf"


def test_the_figure_is_drawn_by_a_partial_you_can_override(build_site):
    post = ("---\ntitle: Fig\ndate: 2025-01-01\n---\n"
            '{% include figure.liquid path="assets/img/ring.png" alt="A ring" caption="Year 1" %}\n')
    mine = ('<figure class="my-figure"><img src="{{ src }}" alt="{{ alt }}">'
            "<figcaption>Figure: {{ caption }}</figcaption></figure>\n")
    site = build_site({"blog/2025-01-01-fig.md": post, "templates/partials/figure.html": mine})
    figure = site.html("blog/2025/fig/index.html").select_one("figure.my-figure")
    assert figure.img["src"] == "/images/ring.png" and figure.img["alt"] == "A ring"
    assert figure.figcaption.get_text() == "Figure: Year 1"


def test_kramdown_comment_lines_never_show(build_site):
    body = ("---\ntitle: C\ndate: 2025-01-01\n---\nBefore.\n\n"
            "[//]: # (A comment, with $x$ and <d-cite key=\"k\"></d-cite>.)\n"
            "[//]: # (Its parentheses never close on this line\n\n"
            "[//]: #\n"
            "[comment]: <> (Another comment)\n"
            "  [Comment]: # \"quoted\"\n\n"
            "After.\n\n```md\n[//]: # (code keeps it)\n```\n")
    site = build_site({"blog/2025-01-01-c.md": body})
    prose = site.html("blog/2025/c/index.html").select_one(".prose")
    assert [text(p) for p in prose.select("p")] == ["Before.", "After."]
    assert prose.select_one("pre").get_text().strip() == "[//]: # (code keeps it)"
    assert site.warnings == []


def test_an_html_comment_hides_the_code_fence_inside_it(build_site):
    # A chart left commented out: the fence in it must not swallow the rest of the post.
    body = ("---\ntitle: C\ndate: 2025-01-01\n---\nBefore.\n\n"
            "<!--\n```echarts\n{\"series\": [1, 2]}\n``` -->\n\n"
            "After *this*.\n\n<!-- one line -->\n\n```python\nx = 1\n```\n")
    site = build_site({"blog/2025-01-01-c.md": body})
    page = site.html("blog/2025/c/index.html")
    prose = page.select_one(".prose")
    assert [p.get_text() for p in prose.select("p")] == ["Before.", "After this."]
    assert prose.em.get_text() == "this"
    assert [pre.get_text().strip() for pre in prose.select("pre")] == ["x = 1"]
    comments = [c for c in prose.find_all(string=lambda s: isinstance(s, Comment))]
    assert [c.strip().splitlines()[0] for c in comments] == ["```echarts", "one line"]
    assert site.warnings == []


def test_spaces_after_a_closing_tag_make_no_empty_code_block(build_site):
    body = ("---\ntitle: C\ndate: 2025-01-01\n---\nBefore.\n\n"
            '<div class="row">\n    <div class="col">x</div>\n</div>    \n<div class="row">y</div>\n\nAfter.\n')
    site = build_site({"blog/2025-01-01-c.md": body})
    prose = site.html("blog/2025/c/index.html").select_one(".prose")
    assert prose.select("pre") == []
    assert [div.get_text() for div in prose.select("div.row")] == ["\nx\n", "y"]


TABS = """---
title: Tabs
date: 2025-01-01
---
{% details Click to expand: notes & **more** on $a_1 < b_2$ %}

* a list with $a^2$
* and *emphasis*

  {% enddetails %}

{% tabs log %}

{% tab log php %}

```php
var_dump('hello');
```

{% endtab %}

{% tab log js and more %}

Some *text*.

{% endtab %}

{% endtabs %}

{% tabs log %}
{% tab log php %}
Again.
{% endtab %}
{% endtabs %}

{% raw %}
{% tabs shown-as-written %}
{% endraw %}

Inline {% raw %}{{ page.title }}{% endraw %} too.
"""


@pytest.fixture
def tabs_page(build_site):
    site = build_site({"blog/2025-01-01-tabs.md": TABS})
    return site, site.html("blog/2025/tabs/index.html").select_one(".prose")


def test_details_become_a_details_element_with_markdown_inside(tabs_page):
    site, prose = tabs_page
    details = prose.select_one("details.details")
    assert text(details.summary).startswith("Click to expand: notes & more on")
    assert details.summary.select_one("strong").get_text() == "more"  # Markdown, as al-folio renders it
    assert details.summary.select_one("math msub") is not None and "<" in details.summary.select_one("math").get_text()
    assert [text(li)[:11] for li in details.select("ul > li")] == ["a list with", "and emphasi"]
    assert details.select_one("li math msup") is not None and details.select_one("li em") is not None
    assert not [w for w in site.warnings if "Liquid" in w or "details" in w]


def test_tabs_are_radio_buttons_and_panels_that_work_without_javascript(tabs_page):
    site, prose = tabs_page
    first, second = prose.select("div.tabs")
    tabs = first.select(".tabs__tab")
    radios = [tab.select_one("input.tabs__radio[type=radio]") for tab in tabs]
    assert [radio.has_attr("checked") for radio in radios] == [True, False]
    assert len({radio["name"] for radio in radios}) == 1  # one group: arrow keys move between them
    labels = [tab.select_one(f"label.tabs__label[for='{radio['id']}']") for tab, radio in zip(tabs, radios)]
    assert [text(label) for label in labels] == ["php", "js and more"]
    panels = [tab.select_one(".tabs__panel") for tab in tabs]
    assert "var_dump('hello');" in text(panels[0].select_one(".highlight pre"))  # Markdown inside: code
    assert panels[1].select_one("p em").get_text() == "text"
    # A second group with the same name is a group of its own, with its own ids.
    again = second.select_one("input.tabs__radio")
    assert again["name"] != radios[0]["name"] and again["id"] not in {radio["id"] for radio in radios}
    assert not [w for w in site.warnings if "Liquid" in w or "tab" in w]


def test_raw_keeps_liquid_as_written_without_a_warning(tabs_page):
    site, prose = tabs_page
    assert "{% tabs shown-as-written %}" in text(prose)
    assert "Inline {{ page.title }} too." in text(prose)
    assert "{% raw %}" not in text(prose) and site.warnings == []


def test_block_tags_out_of_order_warn_with_file_and_line_and_the_html_stays_whole(build_site):
    body = ("---\ntitle: Bad\ndate: 2025-01-01\n---\n"
            "{% enddetails %}\n\n"
            "{% tabs g %}\n{% tab g one %}\nOne.\n{% tab g two %}\nTwo.\n{% endtabs %}\n\n"
            "{% tab g stray %}\n\n"
            "{% details Never closed %}\n\nInside.\n")
    site = build_site({"blog/2025-01-01-bad.md": body})
    prose = site.html("blog/2025/bad/index.html").select_one(".prose")
    found = {(w.split(":")[1], w.split("%}")[0].split("{%")[-1].strip()) for w in site.warnings
             if "2025-01-01-bad.md:" in w}
    assert found == {("5", "enddetails"), ("10", "tab"), ("12", "endtabs"), ("14", "tab"), ("16", "details")}
    assert [text(p) for p in prose.select(".tabs__panel p")] == ["One.", "Two."]
    assert text(prose.select_one("details.details > p")) == "Inside."
