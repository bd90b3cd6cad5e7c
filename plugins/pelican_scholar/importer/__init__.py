"""`invoke import-alfolio PATH`: an al-folio site, moved over in one command.

Not a build part (nothing here runs while Pelican builds): a tool that reads an
al-folio clone, never modifies it, and writes a Pelican Scholar site.

    detect.py     is this al-folio, and which vintage? (anything else is refused)
    config.py     _config.yml and _data/socials.yml -> pelicanconf.py settings
    pages.py      _pages/: stock functional pages become generated sections
    samples.py    al-folio's sample posts, projects, news and pages
    files.py      copying content and assets, rewriting references to moved files
    report.py     IMPORT-REPORT.md
    run.py        the whole import, in order
"""

from .run import ImportError_, import_alfolio

__all__ = ["ImportError_", "import_alfolio"]
