"""The repository's own promises: tasks, Netlify, CI and the README agree."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QUICKSTART_TASKS = {"clean", "build", "rebuild", "regenerate", "serve", "reserve", "preview",
                    "livereload", "publish", "gh-pages"}


# A publishconf.py of the example's: the tests of the publish tasks run in a
# copy of tasks.py beside it, never with the user's own publishconf.py.
EXAMPLE_PUBLISHCONF = """\
import os
SITEURL = os.environ.get("SITEURL", "https://ada-lindqvist.example.org")
SSH_HOST = ""
SSH_USER = ""
SSH_PORT = 22
SSH_TARGET_DIR = ""
GITHUB_PAGES_BRANCH = "gh-pages"
"""


@pytest.fixture
def tasks_folder(tmp_path) -> Path:
    shutil.copy(ROOT / "tasks.py", tmp_path / "tasks.py")
    (tmp_path / "publishconf.py").write_text(EXAMPLE_PUBLISHCONF)
    return tmp_path


def invoke_list() -> str:
    result = subprocess.run([sys.executable, "-m", "invoke", "--list"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    return result.stdout


def test_tasks_have_pelican_quickstart_names():
    listed = {line.split()[0] for line in invoke_list().splitlines()[1:] if line.strip()}
    assert QUICKSTART_TASKS <= listed
    assert {"test", "audit"} <= listed


def test_publish_without_a_host_says_what_to_set(tasks_folder):
    result = subprocess.run([sys.executable, "-m", "invoke", "publish", "--dry-run"], cwd=tasks_folder,
                            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "SSH_HOST" in result.stderr


def test_netlify_builds_strictly_with_the_publish_settings():
    config = tomllib.loads((ROOT / "netlify.toml").read_text())
    assert config["build"]["publish"] == "output"
    assert "invoke preview --strict" in config["build"]["command"]
    assert config["build"]["environment"]["PYTHON_VERSION"] >= "3.11"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^(\./dev \w+)", quick_start, flags=re.MULTILINE)
    assert commands == ["./dev build", "./dev test"]
    assert "./dev test" in (ROOT / ".ci" / "run").read_text().splitlines()


def test_requirements_are_pinned_exactly():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if line and not line.startswith(("-r", "-e .")):
                assert re.fullmatch(r"[A-Za-z0-9_.\[\]-]+==[0-9][0-9A-Za-z.]*", line), line


def test_nothing_of_the_users_lives_in_theme_or_plugins():
    """An upgrade replaces theme/ and plugins/ whole: the example's words stay out of them."""
    for folder in ("theme", "plugins"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".html", ".css", ".js"}:
                assert "Lindqvist" not in path.read_text(encoding="utf-8"), path


def test_publish_rsyncs_the_strict_publish_build_to_the_configured_host(tasks_folder):
    env = {"PATH": "/usr/bin:/bin", "SSH_HOST": "example.org", "SSH_USER": "ada",
           "SSH_TARGET_DIR": "/var/www/site", "SSH_PORT": "2222", "SITEURL": "https://ada.science"}
    result = subprocess.run([sys.executable, "-m", "invoke", "--dry", "publish", "--dry-run"],
                            cwd=tasks_folder, capture_output=True, text=True, env=env, check=True)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # invoke --dry colours its echo
    build, rsync = plain.strip().splitlines()
    assert "-s publishconf.py" in build and "STRICT=true" in build
    assert rsync.startswith("rsync ") and "--dry-run" in rsync and "--delete" in rsync
    assert "ssh -p 2222" in rsync and rsync.endswith("output/ ada@example.org:/var/www/site/")


def test_publishing_refuses_the_example_address(tasks_folder):
    env = {"PATH": "/usr/bin:/bin", "SSH_HOST": "example.org", "SSH_TARGET_DIR": "/var/www/site"}
    result = subprocess.run([sys.executable, "-m", "invoke", "--dry", "publish"], cwd=tasks_folder,
                            capture_output=True, text=True, env=env)
    assert result.returncode != 0 and "example's address" in result.stderr


def test_the_icon_generator_lists_exactly_the_icons_in_icons_py():
    import make_icons
    from pelican_scholar import icons

    assert set(icons.ICONS) == set(make_icons.BRANDS) | set(make_icons.GENERIC)
    assert icons.SIMPLE_ICONS_VERSION == make_icons.SIMPLE_ICONS_VERSION
    assert icons.LUCIDE_STATIC_VERSION == make_icons.LUCIDE_STATIC_VERSION
    notices = (ROOT / "plugins" / "pelican_scholar" / "ICONS-LICENSES.md").read_text()
    assert make_icons.SIMPLE_ICONS_VERSION in notices and make_icons.LUCIDE_STATIC_VERSION in notices
