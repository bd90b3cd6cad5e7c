"""The example content's fingerprint, so `import-alfolio` knows it may replace it.

    python -m pelican_scholar.importer.example --write content   # after editing the example
    python -m pelican_scholar.importer.example --check content   # CI: is the fingerprint current?
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .run import EXAMPLE_MARKER, is_example_content, write_example_marker


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
