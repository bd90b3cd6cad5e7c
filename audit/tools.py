"""Where the audit's external tools live, and the one set of Chromium flags.

Everything is installed ahead of time by ``audit/install.sh`` (Debian's
chromium and Java, ``npm ci`` of the pinned package.json); nothing is
downloaded while the audit runs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
NODE_MODULES = Path(os.environ.get("AUDIT_NODE_MODULES", PROJECT / "node_modules"))
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
BROWSER_SCRIPT = Path(__file__).resolve().parent / "browser.mjs"

# Headless and offline: no sandbox (root in CI), no GPU, no background traffic,
# and no host but loopback resolves, even outside the network namespace.
CHROME_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)


def node() -> str | None:
    return shutil.which("node")


def java() -> str | None:
    return shutil.which("java")


def missing(*needs: str) -> str:
    """'' when every named tool is installed, else why not (for skips and errors).

    needs: any of "node", "java", "chromium", "vnu", "playwright", "axe", "lighthouse".
    """
    why = []
    checks = {
        "node": lambda: node() is not None,
        "java": lambda: java() is not None,
        "chromium": lambda: os.access(CHROMIUM, os.X_OK),
        "vnu": lambda: VNU_JAR.is_file(),
        "playwright": lambda: (NODE_MODULES / "playwright-core" / "package.json").is_file(),
        "axe": lambda: (
            (NODE_MODULES / "@axe-core" / "playwright" / "package.json").is_file()
            and (NODE_MODULES / "axe-core" / "axe.min.js").is_file()
        ),
        "lighthouse": lambda: LIGHTHOUSE.is_file(),
    }
    hints = {
        "node": "node is not on PATH",
        "java": "java is not on PATH (apt-get install default-jre-headless)",
        "chromium": f"{CHROMIUM} is missing (apt-get install chromium)",
        "vnu": f"{VNU_JAR} is missing (npm ci)",
        "playwright": "node_modules/playwright-core is missing (npm ci)",
        "axe": "node_modules/axe-core or @axe-core/playwright is missing (npm ci)",
        "lighthouse": "node_modules/lighthouse is missing (npm ci)",
    }
    for n in needs:
        if not checks[n]():
            why.append(hints[n])
    return "; ".join(why)
