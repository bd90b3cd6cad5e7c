"""The CV as a PDF, compiled by Typst from the same data as the page.

theme/typst/cv.typ is the template; the CV reaches it as JSON in
`sys.inputs.data`, so nothing is written but the PDF. Typst's embedded fonts
are used and no Typst package is imported, so it works offline. Compiled
PDFs are kept in CACHE_PATH/scholar_cv, keyed on the data, the template and
Typst's version: an unchanged CV is copied, not compiled again.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import tempfile
from dataclasses import asdict

from markupsafe import Markup

from .. import forked
from ..output import copy_if_changed
from ..templating import absolute_url
from .model import CV, plain

logger = logging.getLogger(__name__)


def _plain(value):
    """The model as JSON-ready data: Markup becomes plain text."""
    if isinstance(value, Markup):
        return plain(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def pdf_data(cv: CV, name: str, settings: dict) -> dict:
    """What the Typst template gets: the CV in plain text, links made absolute."""
    siteurl = settings.get("SITEURL") or ""
    data = _plain(asdict(cv))
    data.pop("source", None)
    data["name"] = data["name"] or name
    data["email"] = data["email"] or settings.get("EMAIL") or ""
    data["url"] = siteurl
    data["paper"] = settings["CV_PDF_PAPER"]
    for section in data["sections"]:
        for entry in section["entries"]:
            url = entry["url"]
            # A site-relative link means nothing on paper without the site's address.
            entry["url"] = absolute_url(url, siteurl) if url and (siteurl or "://" in url) else ""
    return data


def template_path(settings: dict) -> str:
    return os.path.join(settings["THEME"], "typst", "cv.typ")


def write_pdf(cv: CV, settings: dict, target: str, name: str) -> bool:
    """Write the CV's PDF to `target`; False (after a warning) when it cannot be made."""
    try:
        typst_version = importlib.metadata.version("typst")
    except importlib.metadata.PackageNotFoundError:
        logger.warning("The CV's PDF is not built: the typst package is missing. "
                       "Install the requirements: pip install -r requirements.txt")
        return False
    template = template_path(settings)
    try:
        with open(template, "rb") as handle:
            source = handle.read()
    except OSError as error:
        logger.warning("%s: cannot be read (%s); the CV has no PDF.", template, error.strerror)
        return False
    data = json.dumps(pdf_data(cv, name, settings), ensure_ascii=False, sort_keys=True)
    key = hashlib.sha256(b"\0".join((data.encode(), source, typst_version.encode())))
    cache = os.path.join(settings["CACHE_PATH"], "scholar_cv")
    cached = os.path.join(cache, key.hexdigest() + ".pdf")
    if not os.path.isfile(cached):
        # Apart: what Typst loads (its fonts, 30 MiB and more) goes with the copy.
        document = forked.in_a_copy(lambda: _compile(template, data), settings)
        if isinstance(document, str):
            logger.warning("%s: Typst could not make the CV's PDF (%s); the page links no "
                           "PDF. Fix the template, or set CV_PDF = False.", template, document)
            return False
        os.makedirs(cache, exist_ok=True)
        # Write then rename: a build stopped halfway leaves no torn file.
        handle, temp = tempfile.mkstemp(dir=cache, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(document)
        os.replace(temp, cached)
    copy_if_changed(cached, target)
    return True


def _compile(template: str, data: str) -> bytes | str:
    """The PDF, or what Typst said was wrong."""
    import typst

    try:
        return typst.compile(template, root=os.path.dirname(template),
                             sys_inputs={"data": data}, ignore_system_fonts=True)
    except typst.TypstError as error:
        return str(error).splitlines()[0] if str(error) else repr(error)
