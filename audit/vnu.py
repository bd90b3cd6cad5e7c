"""The Nu HTML checker (npm ``vnu-jar``, run with the system Java) on every page."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .budgets import Budgets
from .links import html_files, page_label
from .report import ToolResult
from .tools import VNU_JAR, java, missing

_BATCH = 400  # files per java run: keeps the command line short on big sites


def _shorten(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def check_vnu(site_root: Path, budgets: Budgets, timeout: float = 900) -> ToolResult:
    result = ToolResult("vnu")
    why = missing("java", "vnu")
    if why:
        result.skipped = why
        return result
    files = html_files(Path(site_root).resolve())
    result.checked = f"{len(files)} pages"
    messages: list[dict] = []
    for i in range(0, len(files), _BATCH):
        batch = files[i : i + _BATCH]
        proc = subprocess.run(
            [
                java(),
                "-Xss8m",
                "-jar",
                str(VNU_JAR),
                "--format",
                "json",
                "--stdout",
                "--exit-zero-always",
                *map(str, batch),
            ],
            check=False,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        try:
            messages += json.loads(proc.stdout).get("messages", [])
        except json.JSONDecodeError:
            result.fail("*", "vnu-did-not-run", (proc.stderr or proc.stdout).strip()[:500])
            return result
    errors: dict[str, int] = {}
    warnings = 0
    root = Path(site_root).resolve()
    for m in messages:
        path = unquote(urlsplit(m.get("url", "")).path)
        try:
            label = page_label("/" + Path(path).relative_to(root).as_posix())
        except ValueError:
            label = path or "*"
        if m.get("type") == "error" or m.get("type") == "non-document-error":
            errors[label] = errors.get(label, 0) + 1
            where = f"line {m['lastLine']}: " if m.get("lastLine") else ""
            extract = " ".join((m.get("extract") or "").split())[:120]
            result.fail(
                label,
                m.get("type") if m.get("type") != "error" else "html-error",
                f"{where}{_shorten(m.get('message', '').strip(), 300)}"
                + (f" [{extract}]" if extract else ""),
            )
        elif m.get("subType") == "warning":
            warnings += 1
    if warnings:
        result.notes.append(f"{warnings} Nu warnings (not a budget; see the JSON report)")
    result.data = {
        "files": len(files),
        "errors_by_page": errors,
        "warnings": warnings,
        "messages": [
            m for m in messages if m.get("type") != "info" or m.get("subType") == "warning"
        ],
    }
    if sum(errors.values()) <= budgets.vnu_errors:
        result.findings.clear()
    return result
