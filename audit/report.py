"""Findings and the closing summary of an audit run.

Every budget breach is a :class:`Finding` printed as one line::

    FAIL <tool> <page>: <rule> — <detail>

so a CI log names the page and the rule that broke.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO


@dataclass(frozen=True)
class Finding:
    tool: str
    page: str
    rule: str
    detail: str = ""

    def line(self) -> str:
        return f"FAIL {self.tool} {self.page}: {self.rule} — {self.detail}".rstrip(" —")


@dataclass
class ToolResult:
    """What one gate did: how much it looked at, what broke, how long it took."""

    tool: str
    checked: str = ""  # e.g. "42 pages", "8 pages x 4 views"
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # informational, never fails the run
    seconds: float = 0.0
    skipped: str = ""  # reason, when the gate did not run
    data: dict = field(default_factory=dict)  # raw numbers for the JSON report

    def fail(self, page: str, rule: str, detail: str = "") -> None:
        self.findings.append(Finding(self.tool, page, rule, detail))

    @property
    def status(self) -> str:
        if self.skipped:
            return "SKIPPED"
        return "FAIL" if self.findings else "pass"


# what differs between pages for one and the same breach: line numbers, and a closing [source extract]
_WHERE = re.compile(r"\(?\bline \d+\)?:? ?| \[[^\]]*\]$")


def finding_lines(findings: list[Finding], per_rule: int = 3) -> list[str]:
    """FAIL lines, the same breach on many pages folded after ``per_rule`` pages.

    A theme bug repeats on every page; the first pages name it and one more
    line counts the rest (report.json lists them all).
    """
    groups: dict[tuple[str, str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.tool, f.rule, _WHERE.sub("", f.detail)), []).append(f)
    lines = []
    for (tool, rule, detail), fs in groups.items():
        pages = list(dict.fromkeys(f.page for f in fs))
        if len(pages) <= per_rule:
            lines += [f.line() for f in fs]
            continue
        shown = [next(f for f in fs if f.page == p) for p in pages[:per_rule]]
        lines += [f.line() for f in shown]
        rest = pages[per_rule:]
        names = " ".join(rest[:8]) + (" ..." if len(rest) > 8 else "")
        lines.append(f"FAIL {tool} (same on {len(rest)} more pages: {names}): {rule} — {detail}")
    return lines


def print_summary(results: list[ToolResult], out: TextIO = sys.stdout) -> None:
    rows = [("gate", "checked", "failures", "time", "result")]
    for r in results:
        rows.append(
            (
                r.tool,
                r.skipped and f"skipped: {r.skipped}" or r.checked,
                str(len(r.findings)),
                f"{r.seconds:.1f}s",
                r.status,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    print(file=out)
    print("audit summary", file=out)
    for i, row in enumerate(rows):
        print("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip(), file=out)
        if i == 0:
            print("  " + "  ".join("-" * w for w in widths), file=out)
    for r in results:
        for n in r.notes:
            print(f"  note {r.tool}: {n}", file=out)
    total = sum(len(r.findings) for r in results)
    print(
        f"audit: {'FAILED' if total or any(r.skipped for r in results) else 'passed'}"
        f" ({total} budget breach{'es' if total != 1 else ''})",
        file=out,
    )


def write_json(results: list[ToolResult], path: Path, meta: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "meta": meta,
        "ok": not any(r.findings or r.skipped for r in results),
        "gates": [
            {**asdict(r), "status": r.status, "findings": [asdict(f) for f in r.findings]}
            for r in results
        ],
    }
    path.write_text(json.dumps(doc, indent=1, default=str))
