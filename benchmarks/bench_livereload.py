"""Live-reload benchmark: from saving a file to the browser being told to reload.

    python benchmarks/bench_livereload.py [--papers 1000] [--posts 500] [--news 200] [--saves 8]

Generates the build benchmark's site (generate_site.py) and serves it as
`./dev livereload` does (devserver.py: one Pelican kept for the session, the
watcher, livereload's server), in a child process. This script is the
browser: it connects to the server's web socket as livereload.js does, then
saves a file (a post's body, a .bib entry's title, the newest news item) and
times how long the server takes to send `reload`. After each save it keeps
listening for two seconds more, so a second reload for one save is counted.

The baseline, measured in the same run, is the same server whose build does
nothing: the time the watcher takes to notice a save and the reload to arrive.
For scale, the run also times bare Pelican's own rebuild after the same post
edit, in its process (`pelican -r`: no server, every page written again).
Prints a table (median and slowest of the saves, ratio to the baseline) and
writes it as a section of benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Run as a script: its folder is on the path.
from bench_build import build, rebuild_in_process, settings_file
from generate_site import edit, generate

ROOT = Path(__file__).resolve().parent.parent
QUIET_SECONDS = 2.0  # after a reload: long enough for a second one to show
TITLE = "## Live reload (issue 13)"

# What `./dev livereload` runs (tasks.py), on the benchmark's site and port.
SERVER = """
import logging, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from livereload import Server
from pelican.log import init as init_logging
from pelican_scholar.devserver import RebuildWatcher, SiteBuilder
init_logging(logging.ERROR)
content, settings, output = (Path(argument) for argument in sys.argv[2:5])
port, noop = int(sys.argv[5]), sys.argv[6] == "noop"
builder = SiteBuilder(settings, {"PATH": str(content), "OUTPUT_PATH": str(output)})
builder.build()
watcher = RebuildWatcher([content], (lambda changed: True) if noop else builder.build)
print("READY", flush=True)
Server(watcher=watcher).serve(host="127.0.0.1", port=port, root=str(output))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def time_saves(port: int, content: Path, kinds: list[str], saves: int) -> dict[str, list[tuple[float, int]]]:
    """For each kind of edit and each save: seconds until `reload`, and how many reloads came."""
    from tornado.websocket import websocket_connect

    socket_ = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await socket_.write_message(json.dumps({"command": "hello",
                                            "protocols": ["http://livereload.com/protocols/official-7"]}))
    await socket_.read_message()  # the server's hello
    await socket_.write_message(json.dumps({"command": "info", "url": f"http://127.0.0.1:{port}/"}))
    results: dict[str, list[tuple[float, int]]] = {kind: [] for kind in kinds}
    for run in range(saves):
        for kind in kinds:
            edit(content, kind, 500 + run)
            saved = time.perf_counter()
            reloads, first = 0, None
            deadline = saved + 60
            while True:
                wait = (first + QUIET_SECONDS if first is not None else deadline) - time.perf_counter()
                if wait <= 0:
                    break
                try:
                    message = await asyncio.wait_for(socket_.read_message(), wait)
                except asyncio.TimeoutError:
                    break
                if message is None:
                    sys.exit("the server closed the connection")
                if json.loads(message).get("command") == "reload":
                    reloads += 1
                    first = first if first is not None else time.perf_counter()
            if first is None:
                sys.exit(f"no reload within 60 s of a save ({kind})")
            results[kind].append((first - saved, reloads))
    socket_.close()
    return results


def serve_and_time(content: Path, settings: Path, output: Path, noop: bool, kinds: list[str],
                   saves: int) -> dict[str, list[tuple[float, int]]]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(ROOT / "plugins"), str(content), str(settings),
                               str(output), str(port), "noop" if noop else "build"],
                              stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        # Pelican prints its summary of the first build before.
        if not any(line.strip() == "READY" for line in server.stdout):
            sys.exit(f"the livereload server did not start (exit code {server.wait()})")
        for _ in range(200):  # the web server starts listening just after READY
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        return asyncio.run(time_saves(port, content, kinds, saves))
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--news", type=int, default=200)
    parser.add_argument("--saves", type=int, default=8)
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results.md")
    args = parser.parse_args()
    kinds = ["post", "bib", "news"]
    with tempfile.TemporaryDirectory(prefix="scholar-livereload-") as tmp:
        folder = Path(tmp)
        content = generate(folder, args.papers, args.posts, args.news)
        settings = settings_file(folder, True, True)
        baseline = serve_and_time(content, settings, folder / "out-noop", True, ["post"], args.saves)["post"]
        timed = serve_and_time(content, settings, folder / "out", False, kinds, args.saves)
        bare = settings_file(folder, False, True)
        build(content, bare, folder / "out-bare")  # fills bare Pelican's cache
        bare_rebuilds = rebuild_in_process(content, bare, folder / "out-bare", args.saves, ("post",))["post"]
    bare_post = statistics.median(wall for wall, _, _, _ in bare_rebuilds)
    base = statistics.median(seconds for seconds, _ in baseline)
    names = {"post": "one post edited", "bib": "one .bib entry edited", "news": "one news item edited"}
    rows = [("the watcher alone (a build that does nothing): the baseline", baseline)]
    rows += [(names[kind], timed[kind]) for kind in kinds]
    table = ["| save | median seconds to reload | slowest | ratio to baseline | reloads per save |",
             "| --- | ---: | ---: | ---: | --- |"]
    for name, samples in rows:
        seconds = [value for value, _ in samples]
        counts = sorted({count for _, count in samples})
        table.append(f"| {name} | {statistics.median(seconds):.2f} | {max(seconds):.2f} "
                     f"| {statistics.median(seconds) / base:.1f} | {', '.join(map(str, counts))} |")
    worst = max(statistics.median(value for value, _ in timed[kind]) for kind in kinds)
    once = all(count == 1 for kind in kinds for _, count in timed[kind])
    section = "\n".join([
        TITLE, "",
        f"Measured by `benchmarks/bench_livereload.py` on the build benchmark's site ({args.papers} papers, "
        f"{args.posts} posts, {args.news} news items), {args.saves} saves of each kind, with "
        f"{os.cpu_count()} cores: the time from a save to the server's `reload` message, as a browser "
        "connected to `./dev livereload` receives it (the page's own reload adds its loading time).",
        "", *table, "",
        f"Goal: a saved edit shows within 1 s ({'met' if worst < 1 else 'missed'}: the slowest kind's median "
        f"is {worst:.2f} s), one reload per save ({'met' if once else 'missed'}). For scale, bare Pelican's "
        f"own rebuild after a post edit, in its process and measured in this run, takes {bare_post:.2f} s "
        "(no server, no reload).", ""])
    print(section)
    previous = args.results.read_text(encoding="utf-8") if args.results.exists() else ""
    if TITLE in previous:  # this section replaced, the others kept
        start = previous.index(TITLE)
        end = previous.find("\n## ", start + len(TITLE))
        previous = previous[:start] + (previous[end + 1:] if end != -1 else "")
    args.results.write_text(previous.rstrip("\n") + "\n\n" + section, encoding="utf-8")


if __name__ == "__main__":
    main()
