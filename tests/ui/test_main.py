"""main.py: one line and exit status 2 when there is no display or a flag is wrong."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_main(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, env=env, timeout=60, cwd=ROOT)


def test_without_a_display_it_says_so_in_one_line_and_points_to_text_mode():
    r = run_main()
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "display" in lines[0] and "./play --text" in lines[0]
    assert "Traceback" not in r.stderr


def test_a_wrong_flag_gets_one_line_and_status_2():
    r = run_main("--fulscreen")
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "--fulscreen" in lines[0]
    r = run_main("--seed", "many")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    r = run_main("--windowed", "--fullscreen")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


def test_help_lists_the_options():
    r = run_main("--help")
    assert r.returncode == 0
    for flag in ("--text", "--scenario", "--seed", "--mods", "--windowed", "--fullscreen"):
        assert flag in r.stdout
