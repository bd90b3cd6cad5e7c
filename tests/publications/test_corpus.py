"""Every real al-folio BibTeX file renders: no entry lost, no LaTeX left over.

Uses ../shared/corpus/bib/ (other people's files, not in this repository);
skipped where it is absent. scripts/corpus_report.py prints the full table.
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "bib"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/bib is absent")


@pytest.fixture(scope="module")
def reports():
    import corpus_report

    return corpus_report.run(CORPUS, verbose=False)


def test_every_corpus_file_is_processed(reports):
    assert len(reports) == len(list(CORPUS.glob("*.bib")))


def test_every_corpus_entry_renders(reports):
    lost = {r.name: (r.entries_in, r.rendered) for r in reports if r.rendered < r.entries_in}
    assert lost == {}


def test_no_latex_or_stray_brace_is_left_in_corpus_pages(reports):
    left = {r.name: r.leftovers[:5] for r in reports if r.leftovers}
    assert left == {}
