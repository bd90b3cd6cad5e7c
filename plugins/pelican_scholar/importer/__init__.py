"""`invoke import-alfolio PATH`: an al-folio site, moved over in one command.

Not a build part (nothing here runs while Pelican builds): a tool that reads an
al-folio clone, never modifies it, and writes a Pelican Scholar site.

    detect.py     is this al-folio, and which vintage? (anything else is refused)
    config.py     _config.yml and _data/socials.yml -> pelicanconf.py settings
    pages.py      _pages/: stock functional pages become generated sections
    samples.py    al-folio's sample posts, projects, news and pages
    files.py      copying content and assets, rewriting references to moved files
    report.py     IMPORT-REPORT.md
    settings_files.py  the written pelicanconf.py and publishconf.py
    example.py    the example content's fingerprint (what the import may replace)
    run.py        the whole import, in order
"""

__all__ = ["ImportError_", "import_alfolio"]


def __getattr__(name: str):
    # Imported on first use, so `python -m pelican_scholar.importer.example`
    # runs its module once, not also as a dependency of run.py.
    if name in __all__:
        from . import run

        return getattr(run, name)
    raise AttributeError(name)
