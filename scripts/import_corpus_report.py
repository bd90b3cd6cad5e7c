"""Import every al-folio site of a corpus and report what came over.

    PYTHONPATH=. python scripts/import_corpus_report.py ../shared/corpus/alfolio

For each site: how long the import took (before the build), files imported,
changed, skipped and needing attention, posts/news/projects/publications in
the source against the imported site, broken internal links in the built site
(apart from files missing from the snapshot, which its MISSING.txt lists),
the build's warnings, and al-folio's addresses: how many the site published,
how many are kept as they were, redirected, left out with skipped samples, and
lost (the goal is 0). Exits 1 when an import crashes; the broken links are
counted (the goal is 0) and the first few listed.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from audit.links import Site as BuiltSite
from audit.links import check_links
from pelican_scholar.importer import import_alfolio
from pelican_scholar.importer.files import content_path_of_asset
from pelican_scholar.importer.moved import keep_addresses
from pelican_scholar.importer.run import build

ROOT = Path(__file__).resolve().parents[1]


def count_entries(folder: Path) -> int:
    return sum(len(re.findall(r"^\s*@(?!string|comment|preamble)\w+\s*[{(]", path.read_text(errors="replace"),
                              flags=re.M | re.I)) for path in folder.glob("*.bib"))


def report_site(source: Path, workdir: Path) -> tuple[str, bool]:
    target = workdir / source.name
    started = time.perf_counter()
    report = import_alfolio(source, ROOT, target, run_build=False)
    seconds = time.perf_counter() - started
    keep_addresses(report, target, build)
    warnings, addresses = report.build_warnings, report.addresses
    listed = (source / "MISSING.txt").read_text(errors="replace") if (source / "MISSING.txt").is_file() else ""
    missing = {line.split("\t")[0] for line in listed.splitlines() if line.strip() and not line.startswith("#")}
    # A link to a file the snapshot lacks (MISSING.txt) or that the site never had is
    # the snapshot's gap, not the importer's.
    missing_targets = {f"/{target}" for _, target in report.missing}
    missing_targets |= {f"/{new}" for path in missing if (new := content_path_of_asset(path))}
    links = check_links(BuiltSite.load(target / "output"))
    broken = [f for f in links.findings if not any(f"→ {name} does not exist" in f.detail
                                                   for name in missing_targets)]
    imported = {folder: len(list((target / "content" / folder).glob("*.md")))
                if (target / "content" / folder).is_dir() else 0 for folder in ("blog", "news", "projects")}
    entries = count_entries(target / "content" / "publications")
    line = (f"| {source.name} | {report.site.vintage} | {seconds:.2f} s | {report.count('imported as is')} | "
            f"{report.count('imported with changes')} | {report.count('skipped')} | "
            f"{report.count('needs attention')} | {imported['blog']}/{imported['news']}/{imported['projects']} | "
            f"{entries}/{count_entries(source / '_bibliography')} | {len(report.missing)} ({len(missing)}) | "
            f"{len(broken)} | {len(warnings)} | {addresses.computed}/{len(addresses.kept)}/{len(addresses.moved)}/"
            f"{len(addresses.left_out)}/{len(addresses.lost)} |")
    for finding in broken[:5]:
        line += f"\n  - broken: {finding.line()}"
    for old, why in addresses.lost[:5]:
        line += f"\n  - address lost: {addresses.shown(old)}: {why}"
    return line, not broken


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()
    print("| site | vintage | import | as is | changed | skipped | attention | posts/news/projects | "
          "publications (in/source) | missing refs (snapshot's MISSING.txt) | broken links | build warnings | "
          "addresses (al-folio/kept/redirected/left out/lost) |")
    print("|" + " --- |" * 13)
    with tempfile.TemporaryDirectory() as workdir:
        for source in sorted(path for path in args.corpus.iterdir() if path.is_dir()):
            line, _ = report_site(source, Path(workdir))
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
