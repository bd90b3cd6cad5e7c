"""al-folio posts carry Liquid tags: the common ones are translated, the rest warn."""

from __future__ import annotations

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
