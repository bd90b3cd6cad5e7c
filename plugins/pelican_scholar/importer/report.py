"""IMPORT-REPORT.md: counts, then a line per source file, then what was not carried over."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from .addresses import PICTURES_AND_MEDIA

STATUSES = ("imported as is", "imported with changes", "skipped", "needs attention")


def summary(report) -> str:
    counts = ", ".join(f"{report.count(status)} {status}" for status in STATUSES)
    addresses = ""
    if report.addresses is not None:
        check = report.addresses
        addresses = (f"; of {check.computed} al-folio addresses {len(check.kept)} kept, {len(check.moved)} "
                     f"redirected, {len(check.lost)} lost")
    return (f"{len(report.files)} files: {counts}; {len(report.missing)} references to files "
            f"missing from the al-folio folder; {len(report.build_warnings)} build warnings{addresses}.")


def addresses_section(report) -> list[str]:
    """Every address al-folio published: how many were kept, each one that moved, each one lost."""
    check = report.addresses
    if check is None:
        return []
    lines = ["## Addresses", "",
             f"al-folio published {check.computed} addresses: {len(check.kept)} are kept as they were, "
             f"{len(check.moved)} redirect to their new home (content/data/redirects.yml), "
             f"{len(check.left_out)} were left out with content the import skipped, and "
             f"{len(check.lost)} could not be kept.", ""]
    if check.moved:
        lines += ["### Moved", "", "| al-folio | now |", "| --- | --- |"]
        lines += [f"| `{old}` | `{new}` |" for old, new in report.moved_urls]
        lines.append("")
    media = [record for record in report.files if record.source.startswith("assets/") and record.target
             and PurePosixPath(record.source).suffix.lower() in PICTURES_AND_MEDIA]
    if media:
        lines += [f"Images and media files ({len(media)}) moved from `/assets/…` to `/images/…` and `/files/…` "
                  "(they are not served at their old address too, which would double the site): this site's "
                  "pages link to their new place; a link from another site to one of them breaks.", ""]
    if check.lost or check.left_out:
        lines += ["### Not kept", ""]
        lines += [f"- `{check.shown(old)}`: {why}" for old, why in check.lost]
        lines += [f"- `{check.shown(old)}` (left out): {why}" for old, why in check.left_out]
        lines.append("")
    return lines


def write_report(report, path: Path) -> None:
    site = report.site
    lines = ["# Import report", "",
             f"From `{site.root}` ({site.vintage}).", "", summary(report), ""]
    attention = [record for record in report.files if record.status == "needs attention"]
    if report.build_warnings or attention or report.missing or report.about_page:
        lines += ["## Needs attention", ""]
        lines += [f"- `{record.source}`: {'; '.join(record.notes)}" for record in attention]
        lines += [f"- {report.about_page}"] if report.about_page else []
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
    lines += addresses_section(report)
    settings = report.settings
    if settings and (settings.not_carried or settings.changed):
        lines += ["## Settings", ""]
        lines += [f"- changed: {item}" for item in settings.changed]
        lines += [f"- not carried over: `{key}` ({why})" for key, why in settings.not_carried]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
