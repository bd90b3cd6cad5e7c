"""Import every al-folio site of a corpus and report what came over.

    PYTHONPATH=. python scripts/import_corpus_report.py ../shared/corpus/alfolio [--dev-test SITE]

For each site: how long the import took (before the build); files imported,
changed, skipped and needing attention; every post, news item, project,
course, collection document, publication and CV entry of the source against
the imported site; internal links of the built site that are dead, split into
files missing from the snapshot (named in its MISSING.txt, or referenced but
absent from the al-folio folder) and broken links (the importer's fault: the
goal is 0); the build's warnings; and al-folio's addresses: how many the site
published, how many are kept as they were, redirected, left out with skipped
samples, and lost (the goal is 0). Each broken link and lost address is listed.

With --dev-test SITE, that site is imported into a new folder and the
project's own `./dev test` is run inside it (it must pass: the project's tests
never read content/ or pelicanconf.py).

Exits 1 when an import crashes, a link is broken, an address is lost, or
something of the source is missing from the imported site.
"""

from __future__ import annotations

import argparse
import re
import subprocess
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
from pelican_scholar.importer.yamlfile import read_yaml

ROOT = Path(__file__).resolve().parents[1]
DEAD = re.compile(r"→ (?P<path>/.*) does not exist$")
# What the import makes of each kind of source file, by folder: the count shown.
KINDS = (("posts", "_posts/"), ("news", "_news/"), ("projects", "_projects/"), ("teachings", "_teachings/"))


def count_entries(folder: Path, pattern: str = "*.bib") -> int:
    return sum(len(re.findall(r"^\s*@(?!string|comment|preamble)\w+\s*[{(]", path.read_text(errors="replace"),
                              flags=re.M | re.I)) for path in folder.glob(pattern))


def cv_entries(path: Path) -> int:
    """Entries of al-folio's cv.yml: the items of every section's `contents`."""
    data = read_yaml(path)[0] if path.is_file() else None
    sections = data if isinstance(data, list) else []
    return sum(len(section.get("contents") or []) for section in sections
               if isinstance(section, dict) and isinstance(section.get("contents"), list))


def document_counts(report, content: Path) -> tuple[dict[str, str], list[str]]:
    """'imported/expected' per kind of document, and every expected document that is absent.

    Expected: every source document the import did not skip on purpose (a
    sample, `published: false`, …, each named in IMPORT-REPORT.md).
    """
    collections = sorted({record.source.split("/")[0] + "/" for record in report.files
                          if record.source.startswith("_") and record.source.split("/")[0] not in
                          ("_pages", "_bibliography", "_data", "_posts", "_news", "_projects", "_teachings")})
    kinds = list(KINDS) + [(prefix[1:-1], prefix) for prefix in collections]
    counts, absent = {}, []
    for kind, prefix in kinds:
        records = [record for record in report.files if record.source.startswith(prefix)]
        expected = [record for record in records if record.status != "skipped"]
        present = [record for record in expected if record.target and (content / record.target).is_file()]
        absent += [record.source for record in expected if record not in present]
        if records:
            counts[kind] = f"{len(present)}/{len(expected)}"
    return counts, absent


def dead_links(source: Path, output: Path) -> tuple[list, list, list]:
    """(broken, absent from the snapshot and named in MISSING.txt, absent otherwise)."""
    listed = (source / "MISSING.txt").read_text(errors="replace") if (source / "MISSING.txt").is_file() else ""
    named = {content_path_of_asset(path) or path for line in listed.splitlines()
             if line.strip() and not line.startswith("#") for path in [line.split("\t")[0]]}
    # Every file the import could copy: a dead link under the folders it fills
    # points at a file the al-folio folder does not have.
    copied = {content_path_of_asset(str(path.relative_to(source)))
              for path in (source / "assets").rglob("*") if path.is_file()} if (source / "assets").is_dir() else set()
    broken, in_missing, absent = [], [], []
    for finding in check_links(BuiltSite.load(output)).findings:
        match = DEAD.search(finding.detail)
        path = match["path"].lstrip("/") if match else ""
        if path in named:
            in_missing.append(finding)
        elif path.startswith(("images/", "files/", "bibliography/")) and path not in copied:
            absent.append(finding)
        else:
            broken.append(finding)
    return broken, in_missing, absent


def report_site(source: Path, workdir: Path) -> tuple[str, bool]:
    target = workdir / source.name
    started = time.perf_counter()
    report = import_alfolio(source, ROOT, target, run_build=False)
    seconds = time.perf_counter() - started
    keep_addresses(report, target, build)
    warnings, addresses = report.build_warnings, report.addresses
    content = target / "content"
    counts, absent = document_counts(report, content)
    cv_source = max(cv_entries(source / "_data" / "cv.yml"), cv_entries(source / "_data" / "cv.yaml"))
    cv_imported = max(cv_entries(content / "data" / "cv.yml"), cv_entries(content / "data" / "cv.yaml"))
    broken, in_missing, not_in_folder = dead_links(source, target / "output")
    # The main .bib is the publication list; the others go to content/bibliography/ for citations.
    main = [source / record.source for record in report.files if record.target.startswith("publications/")]
    publications = f"{count_entries(content / 'publications')}/{sum(count_entries(p.parent, p.name) for p in main)}"
    documents = ", ".join(f"{kind} {value}" for kind, value in counts.items())
    line = (f"| {source.name} | {report.site.vintage} | {seconds:.2f} s | {report.count('imported as is')} | "
            f"{report.count('imported with changes')} | {report.count('skipped')} | "
            f"{report.count('needs attention')} | {documents} | {publications} | {cv_imported}/{cv_source} | "
            f"{len(in_missing)} + {len(not_in_folder)} | {len(broken)} | {len(warnings)} | "
            f"{addresses.computed}/{len(addresses.kept)}/{len(addresses.moved)}/{len(addresses.left_out)}/"
            f"{len(addresses.lost)} |")
    for finding in broken:
        line += f"\n  - broken: {finding.line()}"
    for name in absent:
        line += f"\n  - not imported: {name}"
    for old, why in addresses.lost:
        line += f"\n  - address lost: {addresses.shown(old)}: {why}"
    return line, not broken and not absent and not addresses.lost and cv_imported == cv_source


def dev_test(source: Path, workdir: Path) -> bool:
    """Import `source` into a new folder and run the project's `./dev test` there."""
    target = workdir / "dev-test"
    import_alfolio(source, ROOT, target, run_build=False)
    print(f"== ./dev test inside {source.name}, imported", flush=True)
    return subprocess.run(["./dev", "test"], cwd=target).returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--dev-test", metavar="SITE", help="also run ./dev test inside this imported site")
    args = parser.parse_args()
    print("| site | vintage | import | as is | changed | skipped | attention | documents (imported/source) | "
          "publications (in/source) | CV entries | missing from snapshot (MISSING.txt + absent) | "
          "broken links | build warnings | addresses (al-folio/kept/redirected/left out/lost) |")
    print("|" + " --- |" * 14)
    failed = False
    with tempfile.TemporaryDirectory() as workdir:
        for source in sorted(path for path in args.corpus.iterdir() if path.is_dir()):
            line, ok = report_site(source, Path(workdir))
            failed |= not ok
            print(line, flush=True)
        if args.dev_test:
            failed |= not dev_test(args.corpus / args.dev_test, Path(workdir))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
