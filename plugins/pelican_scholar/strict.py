"""Strict mode: a build that logged any warning fails, after every page is written.

`STRICT = True` (or `invoke build --strict`, or `pelican -e STRICT=true`) turns
the warnings of a build into exit code 1 and a list of them at the end, so a
CI run or a Netlify deploy stops on a broken entry instead of publishing it.
"""

from __future__ import annotations

import logging
import sys


class WarningCounter(logging.Handler):
    """Counts what the build logged at WARNING or above."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class StrictModeError(SystemExit):
    """Ends a strict build with exit code 1 and the list of warnings.

    A SystemExit, so that Pelican's command line does not print it as a crash
    with a traceback; in-process callers can still catch it.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def code(self) -> int:
        print(self.message, file=sys.stderr)
        return 1

    @code.setter
    def code(self, value) -> None:  # SystemExit.__init__ sets it
        pass


_counter: WarningCounter | None = None


def start_counting() -> None:
    global _counter
    stop_counting()
    _counter = WarningCounter()
    logging.getLogger().addHandler(_counter)


def stop_counting() -> list[logging.LogRecord]:
    global _counter
    counter, _counter = _counter, None
    if counter is None:
        return []
    logging.getLogger().removeHandler(counter)
    return counter.records


def finish(pelican) -> None:
    records = stop_counting()
    if pelican.settings.get("STRICT") and records:
        listed = "\n".join(f"  - {record.getMessage()}" for record in records)
        raise StrictModeError(
            f"strict mode: the build logged {len(records)} warning(s); every page was "
            f"written, but the build fails until they are fixed:\n{listed}"
        )
