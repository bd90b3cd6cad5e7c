"""The example content's fingerprint, so `import-alfolio` knows it may replace it.

    python -m pelican_scholar.importer.example --write content   # after editing the example
    python -m pelican_scholar.importer.example --check content   # CI: is the fingerprint current?
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

EXAMPLE_MARKER = ".pelican-scholar-example"


def _fingerprint(content: Path) -> dict[str, str]:
    return {str(path.relative_to(content)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(content.rglob("*")) if path.is_file() and path.name != EXAMPLE_MARKER}


def is_example_content(content: Path) -> bool:
    """True when content/ is empty or holds exactly the example it shipped with."""
    if not content.exists() or not any(content.iterdir()):
        return True
    marker = content / EXAMPLE_MARKER
    if not marker.is_file():
        return False
    try:
        expected = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return _fingerprint(content) == expected


def write_example_marker(content: Path) -> None:
    """Record the example content's files, so the importer knows it may replace them."""
    (content / EXAMPLE_MARKER).write_text(json.dumps(_fingerprint(content), indent=1, sort_keys=True) + "\n",
                                          encoding="utf-8")




def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="record the folder's files as the example")
    action.add_argument("--check", action="store_true", help="exit 1 unless the record matches the folder")
    parser.add_argument("content", type=Path)
    args = parser.parse_args()
    if args.write:
        write_example_marker(args.content)
        return 0
    if is_example_content(args.content):
        print(f"{args.content}: matches {EXAMPLE_MARKER}")
        return 0
    print(f"{args.content} differs from {EXAMPLE_MARKER}: after changing the example content, run "
          f"python -m pelican_scholar.importer.example --write {args.content}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
