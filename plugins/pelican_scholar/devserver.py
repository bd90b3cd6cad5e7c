"""`./dev livereload`: rebuild in the running process when a file is saved, then
reload the browser once.

livereload's own watcher polls every 0.8 s, runs one build per watched
pattern that changed, and drops a reload that comes within 3 s of the
previous one (so a post saved twice in a row may not show). Here instead:

- `SiteBuilder` keeps one Pelican for the session and runs it again on each
  change, as `pelican -r` does: the content cache, the publications, the
  compiled templates and the math engine stay warm in memory, and only the
  pages whose bytes changed are written (see output.py). A changed
  pelicanconf.py is read again before the next build. What the first build
  leaves in memory (the modules, the caches) is set apart from Python's
  garbage collector (`gc.freeze`): its full collections, which would otherwise
  walk all of it during most rebuilds, then only see what later builds made.
- `RebuildWatcher` looks at the watched files as soon as the file system
  reports a change (watchfiles, which Pelican's own `--autoreload` uses), and
  every 0.2 s in any case; whatever changed since its last look (one save, or
  several files at once) gives one build, and once that build has finished,
  one reload of the browser. A build that fails (its message is printed)
  reloads nothing.
- Plugin code cannot be reloaded into a running process: a changed .py file
  under plugins/ restarts the whole command.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from livereload.watcher import Watcher

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.2
# Changes reported within this many milliseconds of each other are one save.
SETTLE_MS = 20


def _ignored(name: str) -> bool:
    # Editors' swap, backup and lock files: not a save yet.
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp"))


def modification_times(paths: Iterable[Path]) -> dict[str, int]:
    """Modification time (ns) of every file under these files and folders."""
    times: dict[str, int] = {}
    for path in paths:
        if path.is_file():
            times[str(path)] = path.stat().st_mtime_ns
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")
                             and name != "__pycache__"]
            for name in files:
                if not _ignored(name):
                    file = os.path.join(folder, name)
                    try:
                        times[file] = os.stat(file).st_mtime_ns
                    except OSError:
                        pass  # removed while we looked
    return times


def changed_files(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """Files added, changed or removed between two `modification_times`, sorted."""
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


class SiteBuilder:
    """One Pelican for the whole session, run again for each change."""

    def __init__(self, settings_file: Path, override: dict, freeze: Callable[[], None] = gc.freeze) -> None:
        self.settings_file = Path(settings_file)
        self.override = override
        self.pelican = None
        self._freeze, self._frozen = freeze, False

    def build(self, changed: Iterable[str] = ()) -> bool:
        """Build the site; False when the build failed (its error is logged)."""
        from pelican import Pelican
        from pelican.settings import read_settings

        try:
            if self.pelican is None or str(self.settings_file) in set(changed):
                self.pelican = Pelican(read_settings(str(self.settings_file), override=dict(self.override)))
            self.pelican.run()
        except (Exception, SystemExit) as error:  # keep serving: the next save may fix it
            logger.error("livereload: the build failed: %s", error, exc_info=not isinstance(error, SystemExit))
            return False
        if not self._frozen:
            # Once: the first build's documents stay with it (a few MiB), later ones are collected.
            gc.collect()
            self._freeze()
            self._frozen = True
        return True


def reload_browsers(path: str) -> None:
    """Tell every open page to reload (a stylesheet alone is swapped in place)."""
    from livereload.handlers import LiveReloadHandler

    LiveReloadHandler.reload_waiters(path)


def restart_process() -> None:
    """Run this very command again in a fresh process (new plugin code)."""
    os.execv(sys.executable, [sys.executable, *sys.argv])


class RebuildWatcher(Watcher):
    """livereload's watcher, replaced: one build, then one reload, per change."""

    def __init__(self, watched: Iterable[Path], build: Callable[[list[str]], bool],
                 reload: Callable[[str], None] = reload_browsers,
                 code: Iterable[Path] = (), restart: Callable[[], None] = restart_process) -> None:
        super().__init__()
        self.watched, self.code = list(watched), list(code)
        self._build, self._reload, self._restart = build, reload, restart
        self._seen = modification_times(self.watched)
        self._seen_code = modification_times(self.code)

    def examine(self):
        code = modification_times(self.code)
        if changed_files(self._seen_code, code):
            logger.warning("livereload: plugin code changed; starting again to load it.")
            self._restart()
            self._seen_code = code
        now = modification_times(self.watched)
        changed = changed_files(self._seen, now)
        # Remembered before building: a file saved during the build is seen next time.
        self._seen = now
        if changed and self._build(changed):
            self._reload(changed[0] if len(changed) == 1 else "*")
        return None, None  # nothing for livereload's own reload logic to do

    def start(self, callback) -> bool:
        from tornado import ioloop

        loop = ioloop.IOLoop.current()
        ioloop.PeriodicCallback(callback, POLL_SECONDS * 1000).start()
        # The look runs on the server's loop, never on the listening thread.
        threading.Thread(target=self.listen, args=(lambda: loop.add_callback(callback),),
                         name="livereload-listener", daemon=True).start()
        return True

    def listen(self, notify: Callable[[], None], watch: Callable | None = None) -> None:
        """Call `notify` each time the file system reports changes under the watched
        paths. Where it cannot (no inotify, too many folders), the looks every
        POLL_SECONDS still see every save."""
        if watch is None:
            from watchfiles import watch
        try:
            for _changes in watch(*self.watched, *self.code, watch_filter=None, step=SETTLE_MS,
                                  raise_interrupt=False):
                notify()
        except Exception as error:  # noqa: BLE001 (the looks carry on)
            logger.debug("livereload: no file-system events (%s); looking every %s s.", error, POLL_SECONDS)
