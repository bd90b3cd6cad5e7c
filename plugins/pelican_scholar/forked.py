"""Work done in a forked copy of this process, and its answer read back.

Used to put a build's second core to work (frontmatter/second_core.py reads
posts there, second_writer.py writes paper pages there), and to keep what a
library loads for one job out of the build's memory (the CV's PDF, the math
font). The copy prints nothing (its output and logging go nowhere: what it
has to say is in its answer), sends back what its work returned, pickled,
and ends with os._exit, so that nothing the process set up to run at exit
(V8's shutdown) runs twice. An answer that does not come, or that cannot be
read, is None: the caller then does the work itself.
"""

from __future__ import annotations

import atexit
import logging
import os
import pickle
import select
import signal
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass

# The copy has this long to answer; after it, it is stopped and the work done here.
PATIENCE_SECONDS = 120


@dataclass
class Forked:
    pid: int
    pipe: int  # the read end
    done: bool = False


def can_fork() -> bool:
    """Linux, with a core to spare (fork is unsafe on macOS, missing on Windows)."""
    return sys.platform.startswith("linux") and (os.cpu_count() or 1) >= 2


def start(work: Callable[[], object]) -> Forked | None:
    """Run `work()` in a forked copy of this process; None if it cannot be forked."""
    read_end, write_end = os.pipe()
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns of forking a process with threads: the copy uses
            # none of theirs (V8's), and ends with os._exit.
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:
        code = 1
        try:
            os.close(read_end)
            # Whoever reads this process's output must not wait for the copy's.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            sys.stdout = sys.stderr = open(devnull, "w", closefd=False)  # noqa: SIM115 (ends with os._exit)
            logging.getLogger().handlers.clear()
            logging.lastResort = None
            payload = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    forked = Forked(pid, read_end)
    atexit.register(end, forked)  # a build that stops half-way leaves no copy running
    return forked


def in_a_copy(work: Callable[[], object], settings: dict) -> object:
    """What `work()` returns, worked out in a copy of this process when one can be
    made and PARALLEL_BUILD is on (else here). For work that loads much and keeps
    nothing (Typst, fontTools): what it loads goes with the copy instead of staying
    with this process (with livereload's, for the whole session)."""
    copy = start(work) if settings.get("PARALLEL_BUILD") and can_fork() else None
    result = answer(copy) if copy is not None else None
    return result if result is not None else work()


def answer(forked: Forked) -> object | None:
    """What the copy's work returned (waiting for it); None if it failed or took too long."""
    if forked.done:
        return None
    forked.done = True
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([forked.pipe], [], [], PATIENCE_SECONDS)
            if not ready:
                os.kill(forked.pid, signal.SIGKILL)
                return None
            chunk = os.read(forked.pipe, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(forked.pipe)
        _reap(forked.pid)
    try:
        return pickle.loads(b"".join(chunks)) if chunks else None
    except Exception:  # noqa: BLE001 (a copy that died half-way: its work is done here)
        return None


def end(forked: Forked) -> None:
    """Stop a copy whose answer is no longer wanted."""
    if not forked.done:
        forked.done = True
        os.kill(forked.pid, signal.SIGKILL)
        os.close(forked.pipe)
        _reap(forked.pid)


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
