"""What the imported about page loads, against the request budget `./dev audit` holds it to.

al-folio's about page often shows many images (a preview for each selected
publication, pictures in the bio). Each is one more request on a reader's
first visit, which the audit's page-weight budget counts. The report names
them, so the researcher can choose; nothing is dropped.
"""

from __future__ import annotations

from pathlib import Path

def request_budget() -> int | None:
    """The audit's budget of requests for the about page; None where the audit is not beside us."""
    try:
        from audit.budgets import DEFAULT
    except ImportError:
        return None
    return DEFAULT.weight_max_requests


def loaded_by(page: Path) -> list[str]:
    """The addresses of the files a page loads, in document order, each once, as the audit
    finds them. Left out as the audit's browser count leaves them out: the other versions
    an image's srcset offers (the browser loads one) and the site icon (fetched apart)."""
    from audit.links import parse_page
    from audit.resources import loads

    return list(dict.fromkeys(
        ref.raw for ref in parse_page(page, page.parent).refs()
        if loads(ref) and ref.attr not in ("srcset", "imagesrcset") and "icon" not in ref.rel
        and not ref.raw.startswith(("data:", "#", "javascript:"))))


def about_page_note(output: Path, budget: int | None = None) -> str | None:
    """A line for the report when the about page loads more files than the audit allows."""
    budget = request_budget() if budget is None else budget
    page = output / "index.html"
    if budget is None or not page.is_file():
        return None
    loads = loaded_by(page)
    if 1 + len(loads) <= budget:
        return None
    images = [url for url in loads if "/theme/" not in url]
    return (f"the about page loads {1 + len(loads)} files on a first visit (itself, {len(loads) - len(images)} "
            f"of the theme's and {len(images)} of yours: {', '.join(f'`{url}`' for url in images)}); "
            f"`./dev audit` allows it {budget}, to keep that visit light. It works as it is: to meet the "
            "budget, show fewer images there (the `preview` of a selected publication, a picture in the bio)")
