"""The README's quick start, run as a new user would: a fresh copy of the repository, a fresh
virtual environment, the first command exactly as written."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def quickstart_commands() -> list[str]:
    block = README.split("<!-- quickstart -->", 1)[1].split("<!-- /quickstart -->", 1)[0]
    return re.findall(r"^\$ (.+)$", block, flags=re.M)


def test_quickstart_has_exactly_two_commands_and_ci_runs_the_second() -> None:
    commands = quickstart_commands()
    assert len(commands) == 2, commands
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci or ("scripts/test.sh" in commands[1] and "scripts/test.sh" in ci)


def test_first_command_installs_and_converts_the_sample_in_a_fresh_venv(tmp_path: Path) -> None:
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, capture_output=True, text=True, check=True
    )
    clone = tmp_path / "clone"
    for rel in files.stdout.splitlines():
        src = REPO / rel
        if src.is_file():
            (clone / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, clone / rel)
    r = subprocess.run(
        ["bash", "-c", quickstart_commands()[0]],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    page = (clone / "samples" / "chesterfield.html").read_text(encoding="utf-8")
    assert "<h1>WRES Indicator 8</h1>" in page
    assert "Wrote samples/chesterfield.html" in r.stderr
