"""IMPORT-REPORT.md: counts, then a line per source file, then what was not carried over."""

from __future__ import annotations

from pathlib import Path

STATUSES = ("imported as is", "imported with changes", "skipped", "needs attention")


def summary(report) -> str:
    counts = ", ".join(f"{report.count(status)} {status}" for status in STATUSES)
    return (f"{len(report.files)} files: {counts}; {len(report.missing)} references to files "
            f"missing from the al-folio folder; {len(report.build_warnings)} build warnings.")


def write_report(report, path: Path) -> None:
    site = report.site
    lines = ["# Import report", "",
             f"From `{site.root}` ({site.vintage}).", "", summary(report), ""]
    attention = [record for record in report.files if record.status == "needs attention"]
    if report.build_warnings or attention or report.missing:
        lines += ["## Needs attention", ""]
        lines += [f"- `{record.source}`: {'; '.join(record.notes)}" for record in attention]
        lines += [f"- `{source}` refers to `content/{target}`, which was not in the al-folio folder: "
                  "copy the file there, or remove the reference" for source, target in report.missing]
        lines += [f"- build: {message}" for message in report.build_warnings]
        lines.append("")
    if report.collections:
        lines += ["## Collections", ""] + [f"- {line}" for line in report.collections] + [""]
    lines += ["## Files", "", "| source | status | to | notes |", "| --- | --- | --- | --- |"]
    for record in report.files:
        target = f"`content/{record.target}`" if record.target else ""
        notes = "; ".join(record.notes).replace("|", "\\|")
        lines.append(f"| `{record.source}` | {record.status} | {target} | {notes} |")
    lines.append("")
    if report.moved_urls:
        lines += ["## Addresses that moved", "", "| al-folio | now |", "| --- | --- |"]
        lines += [f"| `{old}` | `{new}` |" for old, new in report.moved_urls]
        lines.append("")
    settings = report.settings
    if settings and (settings.not_carried or settings.changed):
        lines += ["## Settings", ""]
        lines += [f"- changed: {item}" for item in settings.changed]
        lines += [f"- not carried over: `{key}` ({why})" for key, why in settings.not_carried]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
